import { describe, expect, it } from "vitest";
import { createCalculatorPort } from "../../server/calculators/port.js";
import type { CalculatorRequest } from "../../server/conversation/records.js";
import { toRequest } from "../../server/pipeline/understand/calculation/conversation.js";
import { readCalculation } from "../../server/pipeline/understand/calculation/readCalculation.js";
import { beijingDay } from "../../server/time.js";
import { context, readingContext, TEN_MOTORS } from "./fixtures.js";

/** A message read as understanding reads it (the reading moved there from the port). */
const read = (message: string, previous: CalculatorRequest | null): CalculatorRequest =>
  toRequest(readCalculation(message, readingContext(), previous)!, [message]);

describe("the calculator port for the answer pipeline", () => {
  const port = createCalculatorPort(() => context());

  it("parses a message, runs the tool and describes the result in Chinese with the plan's units", () => {
    const request = read("年产120万吨熟料，吨熟料能耗108千克标准煤，达标了吗", null)!;
    expect(request).toMatchObject({ tool: "benchmark_gap", missing: [] });
    const outcome = port.run(request.tool, request.input);
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    const text = port.describe(request.tool, outcome.output);
    expect(text.lead).toContain("水泥熟料单位产品综合能耗 108 千克标准煤/吨");
    expect(text.lead).toContain("每年需节能 9,600 吨标准煤");
    expect(text.details).toContain(
      "达到标杆水平每年需节能 = (108 − 100) kgce/t × 1,200,000 t ÷ 1000 = 9,600 tce",
    );
    expect(text.details.some((l) => l.startsWith("来源："))).toBe(true);
    expect(text.details).toContain("标杆值 100 千克标准煤/吨：方案原文");
    expect(text.unitIds).toContain("hn2023:zl3.3");
  });

  it("says how the anthracite factor was obtained when a plant names 优质无烟块煤 or 无烟块煤", () => {
    for (const coal of ["优质无烟块煤", "无烟块煤"]) {
      const request = read(`合成氨年产20万吨，用${coal}25万吨、电1亿度，和标杆差多少`, null)!;
      expect(request.missing).toEqual([]);
      const outcome = port.run(request.tool, request.input);
      expect(outcome.ok).toBe(true);
      if (!outcome.ok) return;
      const text = port.describe(request.tool, outcome.output);
      expect(text.lead).toContain("1,200.2 千克标准煤/吨，介于标杆水平与基准水平之间");
      expect(text.details).toContain("无烟煤：25 万吨 = 250,000,000 kg × 0.911 kgce/kg ÷ 1000 = 227,750 tce");
      expect(text.details.some((l) => l.includes("GB/T 2589 参考系数表没有单列无烟煤"))).toBe(true);
    }
  });

  it("gives the missing inputs as questions", () => {
    const request = read("纯碱能耗170公斤标煤每吨", null)!;
    expect(request.missing[0]).toContain("轻质还是重质");
    expect(read("轻质的", request)).toMatchObject({
      missing: [],
      input: { product: "soda-ash-dual-light" },
    });
  });

  it.each([
    [
      "energy_convert",
      { energy: [{ carrier: "电", amount: 1.2, unit: "亿度" }] },
      "电力1.2亿度折合标准煤约14,748吨（当量值，0.1229千克标准煤/千瓦时）",
    ],
    ["motor_upgrade", TEN_MOTORS, "每年约节电 51,512 千瓦时"],
    [
      "vsd_savings",
      { equipment: "fan", fullFlowInputKw: 90, profile: [{ flowPercent: 80, hours: 3000 }] },
      "节电率",
    ],
    ["intensity_target", { base: { intensity: 0.8 }, current: { year: 2023, intensity: 0.7 } }, "下降 12.5%"],
    [
      "intensity_target",
      { base: { intensity: 2.4 }, target: { valueAddedWanYuan: 3_000_000 } },
      "2025年工业增加值 3,000,000 万元时，能耗总量最多 6,120,000 吨标准煤（2.04 × 3,000,000）",
    ],
    ["plan_arithmetic", { operation: "annual_rate" }, "平均每年需下降约 3.2%"],
  ])("describes %s", (name, input, expected) => {
    const outcome = port.run(name, input);
    expect(outcome.ok).toBe(true);
    if (outcome.ok) expect(port.describe(name, outcome.output).lead).toContain(expected);
  });

  describe("sources a bureau can cite", () => {
    const describeRun = (name: string, input: unknown) => {
      const outcome = port.run(name, input);
      if (!outcome.ok) throw new Error(outcome.message);
      return port.describe(name, outcome.output);
    };
    const sourceLines = (details: string[]) => details.filter((l) => l.startsWith("来源："));

    it("names a baseline taken from a standard's limit grade by number, title and grade in the lead; “（待核对）” only beside its use", () => {
      const text = describeRun("benchmark_lookup", { product: "合成氨" });
      expect(text.lead).toContain(
        "可参照 GB 21344-2023《合成氨单位产品能源消耗限额》3级（能耗限定值）1350 千克标准煤/吨",
      );
      expect(text.lead).not.toMatch(/待核对|转录|公开来源/);
      expect(sourceLines(text.details)).toContain(
        "来源：GB 21344-2023《合成氨单位产品能源消耗限额》3级，用于合成氨（以优质无烟块煤为原料）基准水平（待核对）",
      );
      expect(text.details.join("\n").match(/基准水平（待核对）/g)).toHaveLength(1);
    });

    it("names a national baseline by the notice it comes from, with nothing about how it was checked", () => {
      const text = describeRun("benchmark_lookup", { product: "水泥熟料" });
      expect(text.lead).toBe(
        "水泥熟料的能效标杆水平为 100 千克标准煤/吨（方案原文）；方案本身没有列出基准值；国家基准水平为 117 千克标准煤/吨，见国家发展改革委等部门《关于严格能效约束推动重点领域节能降碳的若干意见》（发改产业〔2021〕1464号）。",
      );
      // checked against two independent public sources: no “待核对”
      expect(text.details.join("\n")).not.toContain("水泥熟料基准水平（待核对）");
      expect(sourceLines(text.details)[0]).toBe(
        "来源：《淮南市工业领域碳达峰实施方案》（淮经信节能〔2023〕19号）三、重点行业实施路径 › （二）建材行业 › 重点产品（工序）能效标杆值，用于水泥熟料标杆水平；三、重点行业实施路径 › （二）建材行业 › 总体实施目标，用于全市2025年目标",
      );
    });

    it("gives at most three source lines, one per kind of authority, however many it cites", () => {
      const text = describeRun("benchmark_gap", {
        product: "合成氨",
        output: { value: 20, unit: "万吨" },
        energy: [
          { carrier: "优质无烟块煤", amount: 25, unit: "万吨" },
          { carrier: "电力", amount: 1, unit: "亿kWh" },
          { carrier: "焦炭", amount: 1000, unit: "吨" },
        ],
      });
      const lines = sourceLines(text.details);
      expect(lines).toHaveLength(3);
      expect(lines[0]).toMatch(/^来源：《淮南市工业领域碳达峰实施方案》/);
      expect(lines[1]).toContain("GB 21344-2023《合成氨单位产品能源消耗限额》3级");
      expect(lines[1]).toContain("GB/T 2589-2020《综合能耗计算通则》，用于");
      expect(lines[1]).toContain("焦炭折标准煤系数（待核对）");
      expect(lines[2]).toContain("生态环境部、国家统计局《关于发布2023年电力二氧化碳排放因子的公告》");
      // a use resting on two authorities is said to be checked once
      expect(text.details.join("\n").match(/无烟煤折标准煤系数（待核对）/g)).toHaveLength(1);
    });

    it("cites the grid factor's announcement and the motor standard, not where they were checked", () => {
      const text = describeRun("motor_upgrade", TEN_MOTORS);
      expect(sourceLines(text.details)).toEqual([
        expect.stringMatching(/^来源：《淮南市工业领域碳达峰实施方案》/),
        "来源：GB 18613-2020《电动机能效限定值及能效等级》，用于电机各能效等级的效率（待核对）；GB/T 2589-2020《综合能耗计算通则》，用于电力折标准煤系数",
        "来源：生态环境部、国家统计局《关于发布2023年电力二氧化碳排放因子的公告》（公告2025年第47号），用于电网排放因子",
      ]);
    });
  });

  describe("when the question asks yes or no about a level", () => {
    it.each([
      ["我们熟料单耗115千克标煤，是不是超过基准了", "没有超过基准水平。"],
      ["熟料能耗120公斤标煤每吨，超标没", "已超过基准水平。"],
      ["吨熟料综合能耗100千克标煤，达到标杆没有", "已达到标杆水平。"],
      ["电弧炉吨钢工序能耗65千克标煤，算先进吗", "未达到标杆水平。"],
      ["我们吨熟料综合能耗110千克标准煤，达标了吗", "已达到基准水平，但未达到标杆水平。"],
      ["重质纯碱吨碱能耗220千克标煤，超标没", "该产品的基准水平未核实"],
      ["我们吨熟料105千克标煤，能完成2025年目标吗", "尚未达到方案2025年全市目标。"],
      ["我们吨熟料101千克标煤，2025年目标能达到吗", "已达到方案2025年全市目标。"],
    ])("“%s” opens with “%s”", (message, verdict) => {
      const request = read(message, null);
      const outcome = port.run(request.tool, request.input);
      expect(outcome.ok).toBe(true);
      if (outcome.ok)
        expect(port.describe(request.tool, outcome.output, { aims: request.aims }).lead).toMatch(
          new RegExp(`^${verdict}`),
        );
    });

    it("compares with the plan's target for the product when the question asks what it must fall to", () => {
      const request = read("吨熟料综合能耗105千克标煤，方案要求降到多少", null);
      const outcome = port.run(request.tool, request.input);
      expect(outcome.ok).toBe(true);
      if (outcome.ok)
        expect(port.describe(request.tool, outcome.output, { aims: request.aims }).lead).toContain(
          "比方案2025年全市目标（102）高 3 千克标准煤/吨",
        );
    });

    it("says no verdict when none is asked, or the level is named without a yes or no", () => {
      for (const message of [
        "熟料单耗115千克标煤，离标杆还有多远",
        "熟料单耗115千克标煤，怎样才能达到标杆",
      ]) {
        const request = read(message, null);
        const outcome = port.run(request.tool, request.input);
        if (outcome.ok)
          expect(port.describe(request.tool, outcome.output, { aims: request.aims }).lead).toMatch(
            /^水泥熟料/,
          );
      }
    });
  });

  it("gives the routes the context a calculator runs with, deadlines judged against the day in Beijing", () => {
    expect(port.context()).toMatchObject({ gridFactorId: "grid-national-2023", asOf: beijingDay() });
    const tool = port.tools.find((t) => t.name === "benchmark_gap")!;
    const input = tool.schema.parse({ product: "熟料", unitConsumption: 110 });
    expect(tool.run(input, port.context())).toMatchObject({ benchmark: 100, baseline: 117 });
  });

  it("cites the benchmark and the target before the sector's measures", () => {
    const outcome = port.run("benchmark_gap", { product: "熟料", unitConsumption: 110 });
    if (!outcome.ok) throw new Error(outcome.message);
    const { unitIds } = port.describe("benchmark_gap", outcome.output);
    expect(unitIds.slice(0, 3)).toEqual(["hn2023:3.2.benchmark", "hn2023:3.2.target", "hn2023:zl3.3"]);
  });
});
