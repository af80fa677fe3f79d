import { describe, expect, it } from "vitest";
import { runCalculatorTool } from "../../../../server/calculators/registry.js";
import { scanMessage } from "../../../../server/pipeline/understand/calculation/context.js";
import { readPlanArithmetic } from "../../../../server/pipeline/understand/calculation/planArithmetic.js";
import {
  aimsOf,
  readCalculation,
} from "../../../../server/pipeline/understand/calculation/readCalculation.js";
import { asksForCalculation } from "../../../../server/pipeline/understand/calculation/conversation.js";
import { context, readingContext } from "../../../calculators/fixtures.js";

const read = (message: string) => {
  const reading = readingContext();
  const scan = scanMessage(message, reading);
  return readPlanArithmetic(scan, aimsOf(scan.text, reading));
};

/** What the calculator makes of a message read as arithmetic on the plan's figures. */
const outcome = (message: string) => runCalculatorTool("plan_arithmetic", read(message)!.input, context());

describe("readPlanArithmetic", () => {
  describe("when a product's levels in the plan are worked out", () => {
    it.each([
      [
        "方案里熟料2025年目标比标杆值高百分之几",
        {
          operation: "percent_difference",
          product: "cement-clinker",
          figure: { level: "target", year: 2025 },
          reference: { level: "benchmark" },
        },
      ],
      [
        "熟料标杆比2025年目标低多少个百分点",
        {
          operation: "percent_difference",
          figure: { level: "benchmark" },
          reference: { level: "target", year: 2025 },
        },
      ],
      [
        "吨熟料综合能耗如果从110降到方案2025年的目标值，降幅是百分之多少",
        { operation: "percent_fall", from: { value: 110 }, to: { level: "target", year: 2025 } },
      ],
      [
        "轻质纯碱单耗175千克标煤/吨，降到方案标杆需要下降百分之几",
        {
          operation: "percent_fall",
          product: "soda-ash-dual-light",
          from: { value: 175 },
          to: { level: "benchmark" },
        },
      ],
      [
        "我们联碱法轻质纯碱一年产8000吨，如果单耗刚好达到方案标杆，一年总能耗多少吨标煤",
        {
          operation: "total_at_level",
          product: "soda-ash-dual-light",
          output: { value: 8000, unit: "吨" },
          at: { level: "benchmark" },
        },
      ],
    ])("reads “%s”", (message, input) => {
      const r = read(message);
      expect(r).toMatchObject({ tool: "plan_arithmetic", input, missing: [] });
    });

    it("takes the level after 降到 as where a fall ends, whichever is named first", () => {
      expect(read("熟料要降到标杆，从基准水平算起降幅是百分之几")?.input).toMatchObject({
        from: { level: "baseline" },
        to: { level: "benchmark" },
      });
    });

    it("says how a bare consumption was read", () => {
      expect(read("吨熟料综合能耗如果从110降到方案2025年的目标值，降幅是百分之多少")?.notes).toEqual([
        "“110”未写单位，按千克标准煤/吨理解。",
      ]);
    });

    it("asks which soda ash, as a question the reply can answer", () => {
      const r = read("纯碱年产10万吨，按标杆一年总能耗多少");
      expect(r?.missing).toEqual([expect.objectContaining({ field: "product" })]);
      expect(r?.missing[0]?.final).toBeUndefined();
    });

    it("answers that the plan's target for electric-arc steel is in words, not a figure", () => {
      const r = read("电炉钢吨钢70公斤标煤，降到2025年目标要降百分之几");
      expect(r?.missing).toEqual([
        expect.objectContaining({
          field: "to.level",
          final: true,
          question: expect.stringContaining("国内先进水平"),
        }),
      ]);
    });
  });

  describe("when the plan's percentage target is worked out", () => {
    it("reads the yearly rate of the 15% over the plan's years", () => {
      expect(read("规上工业单位增加值能耗五年降15%，平均每年要降多少（按复合算）")?.input).toEqual({
        target: "intensity-2025",
        operation: "annual_rate",
      });
      expect(outcome("方案规上工业单位增加值能耗的目标，年均下降率是多少")).toMatchObject({
        ok: true,
        output: { percent: 3.2 },
      });
    });

    it("reads a fall already made, and the year it was made by", () => {
      expect(
        read(
          "我们县规上工业单位增加值能耗到2023年已经比2020年降了9%，要完成方案那个15%，以2023年水平为基数还得再降百分之几？",
        )?.input,
      ).toEqual({ target: "intensity-2025", operation: "remaining_fall", achievedPercent: 9, year: 2023 });
      expect(read("能耗强度已下降10%，按方案要求还需要降多少个百分点")?.input).toEqual({
        target: "intensity-2025",
        operation: "remaining_fall",
        achievedPercent: 10,
      });
    });

    it("leaves a percentage of the person's own alone: it is not the plan's target", () => {
      expect(read("规上工业单位增加值能耗五年降20%的话每年降多少")).toBeNull();
    });
  });

  describe("when the question is another calculator's", () => {
    it.each([
      // a plant's consumption against the plan's levels: the benchmark gap says it and more
      "吨熟料110千克标煤，比标杆和2025年目标分别高百分之几",
      "熟料年产50万吨，吨熟料105公斤标煤，要达到方案2025年目标一年要少用多少标煤",
      // energy used: the benchmark gap works out the consumption
      "熟料年产50万吨，用煤6万吨，按标杆一年总能耗多少",
      // a figure not understood is asked about, not left out
      "熟料年产100万吨，吨熟料108公斤，降到方案2025年目标一年少用多少标煤",
      // intensities of the plant: the intensity target
      "2020年单位增加值能耗1.2吨标煤/万元，2023年1.1，离2025年目标还差多少",
      // looking up a level
      "熟料标杆是多少",
      "水泥熟料的标杆值是多少",
    ])("“%s” is not read as arithmetic on the plan's figures", (message) => {
      expect(read(message)).toBeNull();
    });
  });

  describe("in the conversation", () => {
    it.each([
      "熟料综合能耗108，离标杆差多少",
      "我们熟料108，离标杆差多少？",
      "我们熟料105能完成2025年目标吗",
      "我们熟料线去年熟料产量150万吨，用煤（折标）15.3万吨，电1.2亿度，算下单耗",
      "我们厂去年耗电1500万千瓦时，天然气60万立方，标煤一共多少",
    ])("reads the plant's own figures and a request to work them out: “%s”", (message) => {
      expect(asksForCalculation(message, readingContext())).toBe(true);
    });

    it("reads a figure said to be the plan's, to be checked, as no calculation", () => {
      expect(
        asksForCalculation("有人跟我讲方案要求2025年吨熟料能耗降到100公斤标煤，是这样吗？", readingContext()),
      ).toBe(false);
    });

    it("counts as asking for a calculation, though it gives no figure", () => {
      const reading = readingContext();
      expect(asksForCalculation("方案里熟料2025年目标比标杆值高百分之几", reading)).toBe(true);
      expect(readCalculation("方案里熟料2025年目标比标杆值高百分之几", reading)).toMatchObject({
        tool: "plan_arithmetic",
        complete: true,
      });
    });
  });
});
