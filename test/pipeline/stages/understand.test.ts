import { describe, expect, it } from "vitest";
import type { Turn } from "../../../server/pipeline/context.js";
import { understand } from "../../../server/pipeline/stages/understand.js";
import { useTestServices } from "../../support/services.js";
import { citation, makeContext, turn } from "../factories.js";

const env = useTestServices();

async function understood(message: string, history: Turn[] = []) {
  const ctx = await makeContext(env.deps, { message, history });
  await understand(ctx);
  return ctx;
}

describe("understand", () => {
  describe("a question that stands on its own", () => {
    it("keeps the question, pins nothing and classifies it", async () => {
      const ctx = await understood("节能降碳改造由哪个部门牵头？");
      expect(ctx).toMatchObject({
        question: "节能降碳改造由哪个部门牵头？",
        pinnedUnitIds: [],
        intent: "responsible_unit",
        calculatorRequest: null,
      });
    });
  });

  describe("a follow-up", () => {
    it("that names an industry is a question of its own, not about the earlier clause", async () => {
      const history = [
        turn("我们做专用车，方案鼓励往新能源转吗", [
          citation(
            "hn2023:zl7.3",
            "二、重点任务 › （五）绿色低碳创新应用行动 › 专栏7 绿色低碳产品供给 › 新能源汽车产品",
          ),
        ]),
      ];
      const ctx = await understood("我们是物流公司，方案对我们有要求吗", history);
      expect(ctx.pinnedUnitIds).toEqual([]);
      expect(ctx.industry?.alias).toBe("物流公司");
    });

    it("that asks what it takes (“要什么条件”) stays on the clause before", async () => {
      const history = [
        turn("绿色工厂有什么支持", [
          citation("hn2023:2.3.1", "二、重点任务 › （三）绿色体系协同减碳行动 › 建设绿色低碳工厂"),
        ]),
      ];
      const ctx = await understood("要什么条件", history);
      expect(ctx.pinnedUnitIds).toEqual(["hn2023:2.3.1"]);
    });

    it("for the items of a list the plan names points at all of them (“保障措施分几块”)", async () => {
      const ctx = await understood("保障措施分几块？分别叫什么");
      expect(ctx.pinnedUnitIds).toEqual(["hn2023:4.1", "hn2023:4.2", "hn2023:4.3", "hn2023:4.4"]);
    });

    it("re-asks “那水泥呢？” about 水泥", async () => {
      const ctx = await understood("那水泥呢？", [turn("钢铁行业2025年的目标是什么")]);
      expect(ctx.question).toBe("水泥行业2025年的目标是什么");
    });

    it("pins the second citation for “第二条由谁负责？” and classifies the resolved question", async () => {
      const history = [
        turn("绿色工厂和节能改造分别怎么要求", [
          citation("hn2023:2.3.5", "二、重点任务 › （三）绿色制造数字赋能行动 › 5. 推行清洁生产"),
          citation("hn2023:2.2.3", "二、重点任务 › （二）节能提效助力减碳行动 › 3. 开展节能降碳升级改造"),
        ]),
      ];
      const ctx = await understood("第二条由谁负责？", history);
      expect(ctx.pinnedUnitIds).toEqual(["hn2023:2.2.3"]);
      expect(ctx.intent).toBe("responsible_unit");
    });

    it("keeps the message itself as it was (only the question is resolved)", async () => {
      const ctx = await understood("那水泥呢？", [turn("钢铁行业2025年的目标是什么")]);
      expect(ctx.message).toBe("那水泥呢？");
    });
  });

  describe("a calculation", () => {
    it("reads a complete benchmark comparison from the message", async () => {
      const ctx = await understood("我们吨熟料综合能耗110千克标准煤，达标了吗？");
      expect(ctx.calculatorRequest).toMatchObject({
        tool: "benchmark_gap",
        input: { product: "cement-clinker", unitConsumption: 110 },
        missing: [],
      });
      expect(ctx.intent).toBe("calculation");
    });

    it("asks for the product and the figure when the plant says neither", async () => {
      const ctx = await understood("我们厂能耗达标了吗");
      expect(ctx.calculatorRequest?.tool).toBe("benchmark_gap");
      expect(ctx.calculatorRequest?.missing).toHaveLength(2);
      expect(ctx.calculatorRequest?.missing[0]).toContain("水泥熟料");
      expect(ctx.calculatorRequest?.missing[1]).toContain("千克标准煤");
      expect(ctx.intent).toBe("calculation");
    });

    it("asks only for the figure when the product is known", async () => {
      const ctx = await understood("我们熟料线能耗达标吗");
      expect(ctx.calculatorRequest).toMatchObject({
        tool: "benchmark_gap",
        input: { product: "cement-clinker" },
      });
      expect(ctx.calculatorRequest?.missing).toHaveLength(1);
    });

    it("completes the calculation it asked about with the figure given next", async () => {
      const first = await understood("我们熟料线能耗达标吗");
      const asked = turn("我们熟料线能耗达标吗", [], {
        status: "answered_needs_input",
        calculatorRequest: first.calculatorRequest,
        intent: "calculation",
      });
      const ctx = await understood("吨熟料108千克标准煤", [asked]);
      expect(ctx.calculatorRequest).toMatchObject({
        tool: "benchmark_gap",
        input: { product: "cement-clinker", unitConsumption: 108 },
        missing: [],
      });
    });

    it("reads a question about the plan's own figures as a lookup, not a calculation", async () => {
      for (const question of [
        "熟料的标杆值是100还是102？",
        "水泥熟料的标杆值是多少",
        "合成氨要做到多少能耗才算达到标杆？",
      ]) {
        const ctx = await understood(question);
        expect(ctx.calculatorRequest, question).toMatchObject({ tool: "benchmark_lookup", missing: [] });
        expect(ctx.intent, question).toBe("benchmark_lookup");
      }
    });

    it("a group or an industry is looked up whole; the list of all products when asked for it", async () => {
      expect((await understood("纯碱标杆")).calculatorRequest).toMatchObject({ input: { product: "纯碱" } });
      expect((await understood("化工行业的标杆值有哪些")).calculatorRequest).toMatchObject({
        input: { product: "化工" },
      });
      expect((await understood("方案给了标杆值的产品一共有哪些？")).calculatorRequest).toMatchObject({
        tool: "benchmark_lookup",
        input: {},
      });
    });

    it("keeps the capacity outside the band and the route the figure does not cover in the lookup", async () => {
      expect((await understood("30吨电弧炉的标杆是多少")).calculatorRequest).toMatchObject({
        tool: "benchmark_lookup",
        input: { product: "30吨电弧炉" },
      });
      expect((await understood("天然气制合成氨的标杆是多少")).calculatorRequest).toMatchObject({
        input: { product: "天然气制合成氨" },
      });
    });

    it("is not a lookup when the plant's own figure makes it a comparison", async () => {
      expect(
        (await understood("我们吨熟料综合能耗110千克标准煤，离标杆还差多少")).calculatorRequest,
      ).toMatchObject({ tool: "benchmark_gap" });
    });
  });

  it("leaves a greeting alone", async () => {
    const ctx = await makeContext(env.deps, {
      message: "你好",
      intent: "greeting",
      history: [turn("钢铁行业2025年的目标是什么")],
    });
    await understand(ctx);
    expect(ctx).toMatchObject({ question: "你好", intent: "greeting", calculatorRequest: null });
  });
});
