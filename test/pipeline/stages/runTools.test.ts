import { describe, expect, it } from "vitest";
import { runTools } from "../../../server/pipeline/stages/runTools.js";
import { useTestServices } from "../../support/services.js";
import { makeContext, runStagesThrough } from "../factories.js";

const env = useTestServices();

/** The context as understand leaves it for this message. */
const understood = async (message: string) =>
  runStagesThrough(await makeContext(env.deps, { rawMessage: message }), env.offTopic, "understand");

describe("runTools", () => {
  describe("when the message gives everything a calculator needs", () => {
    it("runs it, records the run and announces it", async () => {
      const ctx = await understood("我们吨熟料综合能耗110千克标准煤，达标了吗？");
      await runTools(ctx);

      expect(ctx.toolRuns).toHaveLength(1);
      const [run] = ctx.toolRuns;
      expect(run).toMatchObject({
        name: "benchmark_gap",
        input: { product: "cement-clinker", unitConsumption: 110 },
      });
      expect(run!.error).toBeUndefined();
      expect(run!.output).toMatchObject({
        benchmark: 100,
        unitConsumption: 110,
        gapToBenchmark: 10,
        gapToBenchmarkPercent: 10,
      });
      expect(ctx.events).toEqual([{ type: "tool", run }]);
    });

    it("uses the same result as the calculator called directly", async () => {
      const ctx = await understood("我们吨熟料综合能耗110千克标准煤，达标了吗？");
      await runTools(ctx);
      const direct = env.deps.calculators.run("benchmark_gap", {
        product: "cement-clinker",
        unitConsumption: 110,
      });
      expect(direct.ok && direct.output).toEqual(ctx.toolRuns[0]!.output);
    });
  });

  describe("when inputs are missing", () => {
    it("runs nothing and keeps the questions to ask, one per missing input", async () => {
      const ctx = await understood("我们厂能耗达标了吗");
      await runTools(ctx);
      expect(ctx.toolRuns).toEqual([]);
      expect(ctx.events).toEqual([]);
      expect(ctx.calculatorRequest?.missing).toHaveLength(2);
    });
  });

  describe("when the calculator refuses the input", () => {
    it("records the run with the calculator's reason, for the person to correct", async () => {
      const ctx = await understood("我们吨熟料综合能耗5000千克标准煤，达标了吗？");
      await runTools(ctx);
      expect(ctx.toolRuns).toHaveLength(1);
      expect(ctx.toolRuns[0]!.error).toMatch(/^计算未完成：.*20倍/);
      expect(ctx.events).toEqual([{ type: "tool", run: ctx.toolRuns[0] }]);
    });
  });

  describe("when the message asks only for the benchmark figures", () => {
    it("runs the lookup and announces it", async () => {
      const ctx = await understood("水泥熟料的标杆值是多少");
      await runTools(ctx);
      expect(ctx.toolRuns).toEqual([
        expect.objectContaining({ name: "benchmark_lookup", input: { product: "cement-clinker" } }),
      ]);
      expect(ctx.events).toEqual([{ type: "tool", run: ctx.toolRuns[0] }]);
    });
  });

  describe("when a question names two variants of one product", () => {
    it("looks up both (“轻质和重质分别是多少”)", async () => {
      const ctx = await understood("纯碱联碱法轻质和重质的标杆分别是多少");
      await runTools(ctx);
      expect(ctx.toolRuns[0]).toMatchObject({
        name: "benchmark_lookup",
        input: { product: "纯碱（联碱法，轻质）、纯碱（联碱法，重质）" },
      });
    });
  });

  describe("when a question names two products", () => {
    it("looks up each (“合成氨和纯碱的标杆值”), a group by its variants", async () => {
      const ctx = await understood("合成氨和纯碱的标杆值方案里是怎么写的");
      await runTools(ctx);
      const output = ctx.toolRuns[0]!.output as { entries: Array<{ product: { name: string } }> };
      expect(output.entries.map((e) => e.product.name)).toEqual([
        "合成氨（以优质无烟块煤为原料）",
        "纯碱（联碱法，轻质）",
        "纯碱（联碱法，重质）",
      ]);
    });
  });

  describe("when the message asks for no calculation", () => {
    it("does nothing", async () => {
      const ctx = await understood("水泥行业有哪些节能降碳措施");
      await runTools(ctx);
      expect(ctx.toolRuns).toEqual([]);
      expect(ctx.events).toEqual([]);
    });
  });
});
