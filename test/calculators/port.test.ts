import { describe, expect, it } from "vitest";
import { createCalculatorPort } from "../../server/calculators/port.js";
import type { CalculatorRequest } from "../../server/pipeline/calculatorPort.js";
import { toRequest } from "../../server/pipeline/understand/calculation/conversation.js";
import { readCalculation } from "../../server/pipeline/understand/calculation/readCalculation.js";
import { context, readingContext } from "./fixtures.js";

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
    [
      "motor_upgrade",
      {
        ratedPowerKw: 55,
        poles: 4,
        count: 10,
        hoursPerYear: 6000,
        loadFactorPercent: 75,
        presentGrade: 3,
        targetGrade: 1,
      },
      "每年约节电 51,512 千瓦时",
    ],
    [
      "vsd_savings",
      { equipment: "fan", fullFlowInputKw: 90, profile: [{ flowPercent: 80, hours: 3000 }] },
      "节电率",
    ],
    ["intensity_target", { base: { intensity: 0.8 }, current: { year: 2023, intensity: 0.7 } }, "下降 12.5%"],
  ])("describes %s", (name, input, expected) => {
    const outcome = port.run(name, input);
    expect(outcome.ok).toBe(true);
    if (outcome.ok) expect(port.describe(name, outcome.output).lead).toContain(expected);
  });

  it("binds each tool to the context", () => {
    const tool = port.tools.find((t) => t.name === "benchmark_gap")!;
    expect(tool.run({ product: "熟料", unitConsumption: 110 })).toMatchObject({ ok: true });
  });
});
