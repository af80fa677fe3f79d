import { describe, expect, it } from "vitest";
import { messages } from "../../server/messages.js";
import type { AnswerContext } from "../../server/pipeline/context.js";
import { useTestServices } from "../support/services.js";
import { converse, lastAnswer } from "./factories.js";

/**
 * Every calculator reached from chat, phrased as people write (issue 10), and the calculator part of
 * the conversation state (issue 9): a pending question never captures the conversation.
 */
const env = useTestServices();
const ask = (...turns: string[]) => lastAnswer(env.services.pipeline, ...turns);
const talk = (...turns: string[]) => converse(env.services.pipeline, ...turns);
/** The first paragraph: what an owner reads and staff copy. */
const lead = (ctx: AnswerContext) => ctx.answer.split("\n\n")[0]!;
const output = (ctx: AnswerContext) => ctx.toolRuns.at(-1)?.output as Record<string, unknown>;

describe("calculations from how people talk", () => {
  describe("energy → standard coal", () => {
    it("“一年用电800万度合多少吨标煤”: 983.2 t at the 当量值 0.1229, the factor in the lead", async () => {
      const ctx = await ask("一年用电800万度合多少吨标煤");
      expect(ctx.status).toBe("answered");
      expect(ctx.toolRuns[0]).toMatchObject({ name: "energy_convert" });
      expect(lead(ctx)).toContain("折合标准煤约983.2吨（当量值，0.1229千克标准煤/千瓦时）");
    });

    it("“烧了2.4万吨原煤折标煤多少”: 24,000 t × 0.7143 = 17,143.2 t", async () => {
      const ctx = await ask("烧了2.4万吨原煤折标煤多少");
      expect(ctx.status).toBe("answered");
      expect(lead(ctx)).toContain("原煤2.4万吨折合标准煤约17,143.2吨（0.7143千克标准煤/千克）");
    });

    it("“天然气50万方是多少标煤”: 500,000 m3 × 1.2143 = 607.15 t", async () => {
      const ctx = await ask("天然气50万方是多少标煤");
      expect(lead(ctx)).toContain("天然气50万方折合标准煤约607.15吨（1.2143千克标准煤/立方米）");
    });

    it("“液化石油气用了60吨，合标煤多少”: the GB/T 2589 line, 60,000 kg × 1.7143 = 102.86 t", async () => {
      const ctx = await ask("食堂和车间一年液化石油气用了60吨，合标煤多少");
      expect(ctx.status).toBe("answered");
      expect(lead(ctx)).toContain("液化石油气60吨折合标准煤约102.86吨（1.7143千克标准煤/千克）");
    });

    it("“一年烧LNG 800吨”: LNG is a carrier, at its heating value ÷ 29.3076 = 1.7572", async () => {
      const ctx = await ask("锅炉一年烧LNG 800吨，折标煤多少");
      expect(lead(ctx)).toContain("液化天然气800吨折合标准煤约1,405.76吨（1.7572千克标准煤/千克）");
    });

    it("“电网排放因子按0.5703 tCO2/MWh算，间接排放多少吨CO2”: the given factor (tCO2/MWh = kgCO2/kWh), CO2 first", async () => {
      const ctx = await ask("用电1200万千瓦时，电网排放因子按0.5703 tCO2/MWh算，间接排放多少吨CO2");
      expect(ctx.status).toBe("answered");
      expect(lead(ctx)).toMatch(
        /^约排放二氧化碳6,843.6吨（电力按给定的电网排放因子0.5703千克二氧化碳\/千瓦时/,
      );
    });

    it("“排放因子用0.5366 kgCO2/kWh，二氧化碳是多少吨”: 20,000,000 kWh × 0.5366 = 10,732 t", async () => {
      const ctx = await ask("外购电2000万度，排放因子用0.5366 kgCO2/kWh，二氧化碳是多少吨");
      expect(lead(ctx)).toMatch(/^约排放二氧化碳10,732吨/);
    });

    it("a factor named by its year is that year's, and “那按2023年的因子呢” redoes it with 2023's", async () => {
      const [first, again] = await talk(
        "用电800万度，按2022年全国电力平均二氧化碳排放因子算排多少",
        "那按2023年的因子呢",
      );
      // 8,000,000 kWh × 0.5366 = 4,292.8 t; × 0.5306 = 4,244.8 t
      expect(lead(first!)).toMatch(
        /^约排放二氧化碳4,292.8吨（电力按2022年全国电力平均二氧化碳排放因子0.5366/,
      );
      expect(lead(again!)).toMatch(
        /^约排放二氧化碳4,244.8吨（电力按2023年全国电力平均二氧化碳排放因子0.5306/,
      );
    });

    it("asked for standard coal and CO2 both, standard coal stays first", async () => {
      const ctx = await ask("一年用电800万度合多少吨标煤，排多少二氧化碳");
      expect(lead(ctx)).toMatch(/^电力800万度折合标准煤约983.2吨/);
    });

    it("asked for the 等价值 without a factor: the 当量值 answer, with why (the year's 供电煤耗), no question left open", async () => {
      const [asked, done] = await talk("一年用电800万度，按等价值合多少标煤", "按0.3千克标准煤/千瓦时算");
      expect(asked!.status).toBe("answered");
      expect(lead(asked!)).toContain("983.2吨（当量值");
      expect(lead(asked!)).toContain(messages.calculators.describe.equivalentNotPublished);
      expect(done!.status).toBe("answered");
      expect(lead(done!)).toContain("折合标准煤约2,400吨（等价值，0.3千克标准煤/千瓦时）");
    });

    it("“年耗电2000万千瓦时按等价值折标煤是多少”: 2,458 t at the 当量值, and that the 等价值 follows the year's 供电煤耗", async () => {
      const ctx = await ask("年耗电2000万千瓦时按等价值折标煤是多少");
      expect(ctx.status).toBe("answered");
      expect(lead(ctx)).toContain("2,458吨（当量值");
      expect(lead(ctx)).toContain("供电煤耗");
    });
  });

  describe("a conversion factor the message states", () => {
    it("“按每立方1.3千克标煤算” is used as given and named: 500,000 m3 × 1.3 = 650 t", async () => {
      const ctx = await ask("天然气一年用了50万方，按每立方1.3千克标煤算，是多少吨标煤");
      expect(ctx.status).toBe("answered");
      expect(ctx.toolRuns[0]).toMatchObject({ name: "energy_convert" });
      expect(lead(ctx)).toContain("天然气50万方折合标准煤约650吨（按给定系数，1.3千克标准煤/立方米）");
    });

    it("a factor without its unit (“天然气按1.3算”) is the named carrier's, in its unit", async () => {
      const ctx = await ask("一年天然气30万方加上电500万度 天然气按1.3算 一共多少吨标煤");
      // 300,000 m3 × 1.3 = 390 t; 5,000,000 kWh × 0.1229 = 614.5 t; 1,004.5 t in all
      expect(lead(ctx)).toContain("合计折标准煤1,004.5吨");
      expect(lead(ctx)).toContain("天然气30万方折合标准煤约390吨（按给定系数，1.3千克标准煤/立方米）");
    });
  });

  describe("from standard coal back to a carrier", () => {
    it("“1万吨标煤相当于多少度电（按当量值）”: 10,000 t × 1000 ÷ 0.1229 = 81,366,965 kWh", async () => {
      const ctx = await ask("1万吨标煤相当于多少度电（按当量值）");
      expect(ctx.status).toBe("answered");
      expect(lead(ctx)).toContain("1万吨标煤折合电力约81,366,965千瓦时（当量值，0.1229千克标准煤/千瓦时）");
    });

    it("“天然气100万方相当于多少吨原煤”: 1,214.3 tce × 1000 ÷ 0.7143 = 1,699.99 t", async () => {
      const ctx = await ask("天然气100万方相当于多少吨原煤");
      expect(lead(ctx)).toContain("天然气100万方折合标准煤约1,214.3吨");
      expect(lead(ctx)).toContain("相当于原煤约1,699.99吨（0.7143千克标准煤/千克）");
    });
  });

  describe("a saving stated in energy", () => {
    it("“原来一年用电100万度，改造后节电30%”: the share saved of it is converted, 30万度 → 36.87 t", async () => {
      // 1,000,000 kWh × 30% = 300,000 kWh × 0.1229 kgce/kWh = 36.87 tce, whatever equipment saved it
      for (const message of [
        "原来一年用电100万度，改造后节电30%，能省多少标煤",
        "风机变频改造后节电30%，原来一年用电100万度，能省多少标煤",
      ]) {
        const ctx = await ask(message);
        expect(ctx.toolRuns.at(-1)?.name).toBe("energy_convert");
        expect(lead(ctx)).toMatch(/^节约电力30万度折合标准煤约36.87吨/);
      }
    });

    it("“换了高效电机后一年省了30万度电”: converted as a saving, not a motor needing its data", async () => {
      const ctx = await ask("换了高效电机后一年省了30万度电 相当于省了多少吨标煤");
      expect(ctx.status).toBe("answered");
      expect(ctx.toolRuns[0]).toMatchObject({ name: "energy_convert" });
      // 300,000 kWh × 0.1229 = 36.87 t; × 0.5306 = 159.18 t CO2
      expect(lead(ctx)).toContain("节约电力30万度折合标准煤约36.87吨");
      expect(lead(ctx)).toContain("相当于减少二氧化碳排放约159.18吨");
    });
  });

  describe("CO2", () => {
    it("“我们厂用电1200万千瓦时，排多少二氧化碳”: 6,367.2 t with the grid factor and its year", async () => {
      const ctx = await ask("我们厂用电1200万千瓦时，排多少二氧化碳");
      expect(lead(ctx)).toContain("约排放二氧化碳6,367.2吨");
      expect(lead(ctx)).toContain("2023年全国电力平均二氧化碳排放因子0.5306千克二氧化碳/千瓦时");
    });
  });

  describe("intensity target", () => {
    it("“到2023年已经下降了10%，剩下两年每年平均要降多少”: 5.6% still, about 2.8% a year", async () => {
      const ctx = await ask("单位增加值能耗到2023年已经下降了10%，剩下两年每年平均要降多少");
      // 1 − 0.85 ÷ 0.90 = 5.6%; 1 − (0.85 ÷ 0.90)^(1/2) = 2.8%
      expect(ctx.toolRuns.at(-1)?.name).toBe("plan_arithmetic");
      expect(lead(ctx)).toContain("还需再下降约 5.6%");
      expect(lead(ctx)).toContain("余下2年每年平均需下降约 2.8%");
    });

    it("“2020年万元增加值能耗0.95吨标煤，2025年要降到多少”: 0.95 × (1 − 15%) = 0.8075, computed", async () => {
      const ctx = await ask("2020年万元增加值能耗0.95吨标煤，2025年要降到多少");
      expect(ctx.status).toBe("answered");
      expect(output(ctx)).toMatchObject({ targetIntensity: 0.8075, currentIntensity: null });
      expect(lead(ctx)).toContain("2025年应降到0.8075吨标准煤/万元");
      expect(ctx.citations[0]?.unitId).toBe("hn2023:1.3");
    });

    it("asked for the 2025 value and the reduction, states both: 2 × (1 − 15%) = 1.7, 2 − 1.7 = 0.3", async () => {
      const ctx = await ask("园区2020年单位增加值能耗2.0，按全市15%的降幅2025年应该到多少，要降多少");
      expect(ctx.status).toBe("answered");
      expect(lead(ctx)).toContain("2025年应降到1.7吨标准煤/万元");
      expect(lead(ctx)).toContain("比2020年降低0.3吨标准煤/万元");
    });

    it("with only 2020 known and the progress asked: the target now, the current figures asked for", async () => {
      const [asked, done] = await talk(
        "2020年万元增加值能耗0.95吨标煤，我们完成目标了吗",
        "2024年0.8吨标煤/万元",
      );
      expect(asked!.status).toBe("answered_needs_input");
      expect(lead(asked!)).toContain("0.8075");
      expect(done!.status).toBe("answered");
      expect(output(done!)).toMatchObject({ reductionPercent: 15.8, status: "target_met" });
    });
  });

  describe("benchmark gap from totals", () => {
    it("“能效水平怎么样”, “属于什么水平” with the plant's figures ask where it stands: 120,000 ÷ 100,000 t = 1,200", async () => {
      const ctx = await ask("我厂年产合成氨10万吨，消耗标煤12万吨，能效水平怎么样");
      expect(ctx.toolRuns.at(-1)?.name).toBe("benchmark_gap");
      expect(lead(ctx)).toContain("单位产品综合能耗 1,200 千克标准煤/吨，介于标杆水平与基准水平之间");
      const olefins = await ask("烯烃装置单耗2700千克标煤/吨，按方案属于什么水平");
      expect(olefins.toolRuns.at(-1)?.name).toBe("benchmark_gap");
      expect(lead(olefins)).toContain("煤制烯烃单位产品综合能耗 2,700 千克标准煤/吨，已达到或优于标杆水平");
    });

    it.each(["超标没", "达到标杆没有", "算先进吗", "够不够基准"])(
      "“去年产了8万吨熟料，总能耗0.9万吨标煤，%s”: 9,000 tce ÷ 80,000 t = 112.5 kgce/t",
      async (ending) => {
        const ctx = await ask(`去年产了8万吨熟料，总能耗0.9万吨标煤，${ending}`);
        expect(ctx.status).toBe("answered");
        expect(output(ctx)).toMatchObject({ unitConsumption: 112.5, gapToBenchmark: 12.5 });
        expect(lead(ctx)).toContain("112.5 千克标准煤/吨");
      },
    );

    it("asked about the plan's 2025 target: the gap to it too (106 − 102 = 4), from the plan's sector target", async () => {
      const ctx = await ask("熟料产量50万吨 综合能耗5.3万吨标煤 跟2025年的目标比怎么样");
      expect(output(ctx)).toMatchObject({ unitConsumption: 106, cityTarget: { value: 102, gap: 4 } });
      expect(lead(ctx)).toContain("比方案2025年全市目标（102）高 4 千克标准煤/吨");
    });

    it("not asked about the target, the lead stays on the benchmark and the baseline", async () => {
      const ctx = await ask("熟料产量50万吨 综合能耗5.3万吨标煤 达到标杆没有");
      expect(lead(ctx)).not.toContain("全市目标");
    });

    it("“单耗由112降到105能省多少”: the saving between the two, (112 − 105) × 600,000 t = 4,200 tce", async () => {
      const ctx = await ask("熟料年产60万吨，单耗由112降到105，一年能省多少吨标煤");
      expect(ctx.status).toBe("answered");
      expect(output(ctx)).toMatchObject({ unitConsumption: 112, plannedSaving: { savingTce: 4200 } });
      expect(lead(ctx)).toContain("由 112 降到 105 千克标准煤/吨，降幅 6.3%，每年可节能 4,200 吨标准煤");
    });

    it("a fall to a figure said after its year (降到2025年102) is read, with its share: (110 − 102) ÷ 110 = 7.3%", async () => {
      const ctx = await ask("熟料能耗110，要降到2025年102的水平得降百分之多少？");
      expect(output(ctx)).toMatchObject({ plannedSaving: { unitConsumption: 102, gap: 8, percent: 7.3 } });
      expect(lead(ctx)).toContain("由 110 降到 102 千克标准煤/吨，降幅 7.3%");
    });

    it("the plan's target asked about the plant's product, with no figure of the plant's, is the clause's answer", async () => {
      const ctx = await ask("我们在凤台有条熟料线，老板让我问下市里要求2025年吨熟料综合能耗降到多少");
      expect(ctx.calculatorRequest).toBeNull();
      expect(ctx.status).toBe("answered");
      expect(lead(ctx)).toContain("102");
      expect(ctx.citations[0]!.unitId).toBe("hn2023:3.2.target");
    });

    it("a look-up that asks the plan's target too says it in the lead (熟料: 标杆 100, 2025年 102)", async () => {
      const ctx = await ask("水泥熟料标杆值多少，2025年全市要降到多少？");
      expect(lead(ctx)).toContain("能效标杆水平为 100 千克标准煤/吨");
      expect(lead(ctx)).toContain("全市2025年目标：102 千克标准煤/吨");
    });

    it("a year's output of furnace steel (年产50万吨电炉钢) is output, not a furnace's size: (65 − 61) × 50万吨 = 2,000 tce", async () => {
      const ctx = await ask("年产50万吨电炉钢，冶炼工序能耗从65降到标杆61，一年省多少吨标煤");
      expect(output(ctx)).toMatchObject({ annualOutputT: 500_000, annualSavingTce: 2000 });
    });

    it("a target year's value with its base year asked (倒推2020年基数) is worked back: 0.68 ÷ (1 − 15%) = 0.8", async () => {
      const ctx = await ask("如果2025年单位增加值能耗要到0.68吨标煤/万元，按下降15%倒推，2020年基数是多少？");
      expect(output(ctx)).toMatchObject({ operation: "base_from_target", baseValue: 0.8 });
      expect(lead(ctx)).toContain("2020年基数为 0.8 吨标准煤/万元");
    });

    it("the plan's own percentage over its own span (五年下降15%) names its target: 1 − 0.85^(1/5) = 3.2%", async () => {
      const ctx = await ask("五年下降15%，折合每年平均要降多少？");
      expect(ctx.toolRuns.map((r) => r.name)).toEqual(["plan_arithmetic"]);
      expect(lead(ctx)).toContain("平均每年需下降约 3.2%");
    });

    it("worse than the baseline, says how far above it too: 120 − 117 = 3, 120 − 100 = 20", async () => {
      const ctx = await ask("熟料120 kgce/t，和基准水平117比差多少，和标杆100比差多少？");
      expect(lead(ctx)).toContain("比基准高 3 千克标准煤/吨（2.6%），与标杆相差 20 千克标准煤/吨（20%）");
    });

    it("煤制烯烃 without its basis: compared on the plan's basis first, the basis asked for", async () => {
      const ctx = await ask("煤制烯烃吨产品能耗2700公斤标煤，达到标杆没有");
      expect(ctx.status).toBe("answered_needs_input");
      expect(lead(ctx)).toContain("2,700 千克标准煤/吨，已达到或优于标杆水平");
      expect(lead(ctx)).toContain("暂按含原料用能口径");
      expect(ctx.answer).toContain("是否包含原料用能");
    });
  });

  describe("answers in the unit asked, per tonne and per day", () => {
    it("“合多少千克标煤” is answered in kilograms first: 50万度 × 0.1229 = 61,450 kgce", async () => {
      const ctx = await ask("上个季度用电50万度，合多少千克标煤");
      expect(lead(ctx)).toContain("折合标准煤约61,450千克（61.45吨；当量值");
    });

    it("energy with the output gives it per tonne first: 80万度 ÷ 40万吨 = 2 kWh/t, 0.246 kgce/t", async () => {
      const ctx = await ask("砖厂一年用电80万度，产砖40万吨，每吨砖耗电多少，合多少千克标煤");
      expect(lead(ctx)).toMatch(/^按产量40万吨计，每吨产品用电力2千瓦时，合0\.246千克标准煤\/吨。/);
    });

    it("a day's electricity times the days of the year: 3万度 × 300天 = 900万度 → 1,106.1 t", async () => {
      const ctx = await ask("车间每天用电3万度，一年生产300天，全年折标煤多少吨");
      expect(lead(ctx)).toContain("电力900万度折合标准煤约1,106.1吨");
    });
  });

  describe("the plan's targets beside the benchmark", () => {
    it("the gap to the 2025 target in per cent and, with the output, in tonnes a year: (105 − 102) × 50万吨", async () => {
      const ctx = await ask("熟料年产50万吨，吨熟料105公斤标煤，要达到方案2025年目标一年要少用多少标煤");
      expect(lead(ctx)).toContain(
        "高 3 千克标准煤/吨（2.9%），按年产量计，达到这一目标每年需少用 1,500 吨标准煤",
      );
    });

    it("an intensity not yet at its target says the target value and what is left: 1.2 × 0.85 = 1.02, 1.1 − 1.02", async () => {
      const ctx = await ask("2020年单位增加值能耗1.2吨标煤/万元，2023年1.1，离2025年目标还差多少");
      expect(lead(ctx)).toContain("即降到 1.02 吨标准煤/万元）；距目标值还差 0.08 吨标准煤/万元");
    });
  });

  describe("arithmetic on the plan's own figures", () => {
    it("the saving to the 2025 target shows its arithmetic, the consumption read from “单耗现在110”", async () => {
      const ctx = await ask("熟料年产80万吨，单耗现在110，要降到方案2025年的目标，一年能少用多少吨标煤");
      expect(ctx.status).toBe("answered");
      expect(lead(ctx)).toContain(
        "达到这一目标每年需少用 6,400 吨标准煤（(110 − 102) 千克标准煤/吨 × 800,000 吨 ÷ 1000）",
      );
    });

    it("two of the plan's figures compared, each cited from its clause", async () => {
      const ctx = await ask("2025年熟料目标值比标杆高出百分之多少");
      expect(ctx.status).toBe("answered");
      expect(lead(ctx)).toBe(
        "水泥熟料：方案2025年全市目标值 102 千克标准煤/吨比标杆值 100 千克标准煤/吨高 2%（(102 − 100) ÷ 100 × 100% = 2%）。",
      );
      expect(ctx.citations.map((c) => c.unitId)).toEqual(
        expect.arrayContaining(["hn2023:3.2.benchmark", "hn2023:3.2.target"]),
      );
    });

    it("a year's energy at the benchmark: output × level", async () => {
      const ctx = await ask("重质纯碱年产15万吨，按标杆水平算全年能耗大概多少吨标准煤");
      expect(lead(ctx)).toContain("年产 150,000 吨一年的综合能耗为 31,500 吨标准煤");
      expect(ctx.citations[0]?.unitId).toBe("hn2023:3.3.benchmark");
    });

    it("what remains of the 15% from a year already 12% down is not 3% but 1 − 0.85 ÷ 0.88", async () => {
      const ctx = await ask("万元增加值能耗到2024年已经累计下降了12%，完成15%的目标，还要再降百分之几");
      expect(lead(ctx)).toContain("以2024年的水平为基数，还需再下降约 3.4%");
      expect(ctx.citations[0]?.unitId).toBe("hn2023:1.3");
    });

    it("the plan gives electric-arc steel no figure to fall to: said, not asked for", async () => {
      const ctx = await ask("电炉钢吨钢70公斤标煤，降到2025年目标要降百分之几");
      expect(ctx.status).toBe("answered");
      expect(lead(ctx)).toContain("方案没有给出电弧炉冶炼的数值目标");
    });

    it("the energy a target year's value added may use: target intensity × value added", async () => {
      const ctx = await ask(
        "2020年能耗20万吨标煤，增加值50亿元，2025年增加值预计80亿元，按方案目标能耗最多能用多少",
      );
      expect(ctx.status).toBe("answered");
      expect(lead(ctx)).toContain("能耗总量最多 272,000 吨标准煤（0.34 × 800,000）");
    });
  });

  describe("motors", () => {
    it("“效率从92%提到95%” is the present and the new efficiency, not two new ones", async () => {
      const ctx = await ask("一台75千瓦电机，效率从92%提到95%，一年运行6000小时，负载率80%，能省多少电");
      // 75 kW × 80% = 60 kW out; 60 ÷ 0.92 − 60 ÷ 0.95 = 2.0595 kW × 6,000 h = 12,357 kWh
      expect(ctx.toolRuns.at(-1)?.input).toMatchObject({
        presentEfficiencyPercent: 92,
        targetEfficiencyPercent: 95,
      });
      expect(lead(ctx)).toMatch(/每年约节电 12,357 千瓦时/);
    });

    it("“30台电机一共1650千瓦” is 30 motors of 55 kW, and “有补贴吗” is answered from the plan's funds clause", async () => {
      const ctx = await ask(
        "30台电机一共1650千瓦，现在是三级能效，换成一级，4极，每年运行6000小时，负载率75%，有补贴吗",
      );
      expect(ctx.status).toBe("answered");
      expect(ctx.toolRuns[0]).toMatchObject({
        name: "motor_upgrade",
        input: { ratedPowerKw: 55, count: 30, presentGrade: 3, targetGrade: 1 },
        output: { annualKwh: 154537 },
      });
      expect(lead(ctx)).toContain("每年约节电 154,537 千瓦时");
      expect(lead(ctx)).toContain("专项资金");
      expect(ctx.citations.map((c) => c.unitId)).toContain("hn2023:4.2");
    });

    it("“30台15千瓦的电机” is 30 motors of 15 kW", async () => {
      const ctx = await ask("30台15千瓦的电机，4极，三级换一级，年运行4000小时，负载率80%，能省多少电");
      expect(ctx.toolRuns[0]).toMatchObject({ input: { ratedPowerKw: 15, count: 30 } });
    });

    it("asks for efficiencies once when the power is not in the grade table, and keeps the money question", async () => {
      const ctx = await ask(
        "30台电机一共1500千瓦，现在是三级能效，换成一级，4极，每年运行6000小时，负载率75%，有补贴吗",
      );
      expect(ctx.status).toBe("answered_needs_input");
      expect(ctx.answer).toContain("50 kW 电机");
      expect(ctx.answer).toContain("专项资金");
    });
  });

  describe("a capacity nobody gave", () => {
    it("is never said: 电炉钢 without a capacity is compared with the ≥50 t band, and says so once", async () => {
      const ctx = await ask("电炉钢吨钢综合能耗65千克标准煤，达标了吗");
      expect(ctx.answer).not.toContain("装置公称容量 50 吨");
      expect(ctx.answer.match(/未说明装置容量/g)).toHaveLength(1);
    });
  });

  describe("variable-speed drives", () => {
    it("“水泵55千瓦，想加变频，80%流量运行3000小时，60%流量运行2000小时”", async () => {
      const ctx = await ask("水泵55千瓦，想加变频，80%流量运行3000小时，60%流量运行2000小时");
      expect(ctx.status).toBe("answered");
      expect(ctx.toolRuns[0]).toMatchObject({ name: "vsd_savings", output: { annualKwh: 166760 } });
      expect(lead(ctx)).toContain("166,760 千瓦时");
    });
  });

  describe("figures that cannot be taken as written", () => {
    it.each([
      ["能耗-110千克标准煤，熟料达标吗", "“-110千克标准煤”是负数"],
      ["用电1e9度折标煤多少", "“1e9度”是科学记数法"],
      ["55千瓦电机4极，三级换一级，每年运行1e9小时，负载率75%", "“1e9小时”是科学记数法"],
    ])("“%s” is asked about by the figure as written", async (message, question) => {
      const ctx = await ask(message);
      expect(ctx.status).toBe("answered_needs_input");
      expect(ctx.answer).toContain(question);
      expect(ctx.answer).not.toMatch(/NaN|Infinity/);
      expect(ctx.toolRuns.filter((r) => !r.provisional)).toEqual([]);
    });
  });
});

describe("a pending calculator question never captures the conversation", () => {
  it("an answer to the question completes the calculation", async () => {
    const [asked, done] = await talk("我们熟料线能耗达标吗", "吨熟料108千克标准煤");
    expect(asked!.status).toBe("answered_needs_input");
    expect(done!.toolRuns[0]).toMatchObject({ name: "benchmark_gap", output: { unitConsumption: 108 } });
  });

  it("a bare figure in reply to the question for the unit consumption is that figure", async () => {
    const [, done] = await talk("我们熟料线能耗达标吗", "110");
    expect(output(done!)).toMatchObject({ unitConsumption: 110, gapToBenchmark: 10 });
  });

  it("a conversion asked for before its figure is completed by the bare figure: 650万度 × 0.1229 = 798.85 t", async () => {
    const [asked, done] = await talk("帮我把用电量折成标煤", "一年大概650万度");
    expect(asked!.status).toBe("answered_needs_input");
    expect(asked!.calculatorRequest).toMatchObject({ tool: "energy_convert" });
    expect(done!.status).toBe("answered");
    expect(lead(done!)).toContain("折合标准煤约798.85吨");
  });

  it("the output asked for a per-tonne electricity is read with it: 450 kWh/t × 200,000 t × 0.1229 = 11,061 t", async () => {
    const [asked, done] = await talk("我们吨电耗450度，折多少标煤", "年产20万吨");
    expect(asked!.status).toBe("answered_needs_input");
    expect(asked!.answer).toContain("请提供年产量");
    expect(done!.status).toBe("answered");
    expect(lead(done!)).toContain("电力9,000万千瓦时折合标准煤约11,061吨");
  });

  it("a message that does not answer it is a new question, answered normally", async () => {
    const [, next] = await talk("我们熟料线能耗达标吗", "节能降碳改造由哪个部门牵头？");
    expect(next!.status).toBe("answered");
    expect(next!.calculatorRequest).toBeNull();
    expect(next!.answer).toContain("牵头");
  });

  it("a new calculation of another kind is answered as itself", async () => {
    const [, next] = await talk("我们熟料线能耗达标吗", "一年用电800万度合多少吨标煤");
    expect(next!.status).toBe("answered");
    expect(next!.toolRuns[0]).toMatchObject({ name: "energy_convert" });
  });

  it.each(["算了", "不算了", "先不算了"])(
    "“%s” drops it; the next question is answered on its own",
    async (drop) => {
      const [, dropped, next] = await talk("我们熟料线能耗达标吗", drop, "方案里光伏有什么目标");
      expect(dropped!).toMatchObject({ status: "answered_help", answer: messages.answer.calculationDropped });
      expect(dropped!.calculatorRequest).toBeNull();
      expect(next!.status).toBe("answered");
      expect(next!.calculatorRequest).toBeNull();
    },
  );

  it("“先不算了，节能诊断找谁” drops it and answers the rest", async () => {
    const [, next] = await talk(
      "纯碱吨碱能耗170千克标准煤，达到标杆没有",
      "先不算了，节能诊断由哪个部门负责",
    );
    expect(next!.status).toBe("answered");
    expect(next!.calculatorRequest).toBeNull();
    expect(next!.intent).toBe("responsible_unit");
  });

  it("moves on over four turns with a pending calculator in the middle", async () => {
    const turns = await talk(
      "节能降碳改造由哪个部门牵头？",
      "我们熟料线能耗达标吗",
      "方案里对电机有什么要求",
      "合成氨由哪个部门负责",
    );
    expect(turns.map((t) => t.status)).toEqual(["answered", "answered_needs_input", "answered", "answered"]);
    expect(turns[2]!.calculatorRequest).toBeNull();
    expect(turns[3]!.calculatorRequest).toBeNull();
  });

  it("“不对，是10万吨” redoes the calculation with the output corrected", async () => {
    const [first, corrected] = await talk("去年产了8万吨熟料，总能耗0.9万吨标煤，超标没", "不对，是10万吨");
    expect(output(first!)).toMatchObject({ unitConsumption: 112.5 });
    expect(corrected!.status).toBe("answered");
    expect(output(corrected!)).toMatchObject({ unitConsumption: 90, status: "at_or_better_than_benchmark" });
  });

  it("a correction of the energy replaces the energy, not the output", async () => {
    const [, corrected] = await talk(
      "去年产了8万吨熟料，总能耗0.9万吨标煤，超标没",
      "不对，总能耗是0.96万吨标煤",
    );
    expect(output(corrected!)).toMatchObject({ unitConsumption: 120, status: "worse_than_baseline" });
  });

  it("“那要是降到1060呢” redoes the comparison with the bare figure in the unit of the one it varies", async () => {
    const [, varied] = await talk(
      "我们合成氨（优质无烟块煤）吨氨1200公斤标煤，和标杆比怎么样",
      "那要是降到1060呢",
    );
    expect(varied!.status).toBe("answered");
    expect(output(varied!)).toMatchObject({ unitConsumption: 1060, status: "at_or_better_than_benchmark" });
    expect(lead(varied!)).toContain("比标杆低 40 千克标准煤/吨");
  });

  it("“还有电50万度，按0.1229” adds a line to the conversion before it, never off topic", async () => {
    const [, more] = await talk(
      "一年用了天然气20万方，按1.3千克标煤每方，折多少吨标煤",
      "还有电50万度，按0.1229",
    );
    expect(more!.status).toBe("answered");
    expect(lead(more!)).toContain("合计折标准煤321.45吨");
  });

  describe("a motor upgrade with only the poles, the load or the present grade missing", () => {
    it("gives an estimate at the typical figures, labelled 按假设估算, multiplied by the count, and asks for the real ones", async () => {
      const ctx = await ask("厂里有20台11千瓦的电机，想都换成一级能效的，每年运行6000小时，能省多少电");
      expect(ctx.status).toBe("answered_needs_input");
      expect(lead(ctx)).toMatch(/^按假设估算（4极、负载率75%、现有电机按GB 18613-2020 3级）：/);
      // 11 kW × 75% × (100/91.4 − 100/94.6) × 6,000 h × 20 台
      expect(output(ctx)).toMatchObject({ count: 20, annualKwh: 36639 });
      expect(ctx.answer).toContain("电机是几极的");
      expect(ctx.answer).toContain("平均负载率");
    });

    it("assumes only what is missing", async () => {
      const ctx = await ask("10台37千瓦4极电机，负载率80%，换成一级能效，每年运行5000小时，能省多少电");
      expect(lead(ctx)).toMatch(/^按假设估算（现有电机按GB 18613-2020 3级）：/);
      expect(output(ctx)).toMatchObject({ count: 10 });
    });

    it("gives no estimate when the power is not in the grade table at the assumed poles", async () => {
      const ctx = await ask("5台13千瓦的电机换成一级能效，每年运行6000小时，能省多少电");
      expect(lead(ctx)).not.toContain("按假设估算");
    });
  });

  describe("after a look-up of a product's levels", () => {
    it("takes the plant's bare figure as that product's consumption (“我们是62，达标了吗”)", async () => {
      const [, next] = await talk("电弧炉的标杆值是多少", "我们是62，达标了吗");
      expect(next!.toolRuns.map((r) => r.name)).toEqual(["benchmark_gap"]);
      expect(output(next!)).toMatchObject({ unitConsumption: 62, gapToBenchmark: 1 });
    });

    it("asks the other level of the same product (“那基准呢”)", async () => {
      const [, next] = await talk("合成氨的标杆是多少", "那基准呢");
      expect(next!.question).toBe("合成氨的基准是多少");
      expect(lead(next!)).toContain("1350");
    });
  });

  describe("when a new message states a complete request of its own after a finished calculation", () => {
    it.each([
      [
        "我们厂2020年单位增加值能耗1.5吨标煤每万元，2025年要降到多少",
        "电弧炉炼钢，吨钢工序能耗65千克标煤，离标杆还有多远",
      ],
      [
        "我们厂2020年单位增加值能耗1.5吨标煤每万元，2025年要降到多少",
        "另外，电弧炉炼钢吨钢工序能耗65千克标煤，离标杆还有多远",
      ],
      [
        "年产120万吨熟料，吨熟料能耗115千克标煤，离标杆差多少",
        "那电弧炉炼钢，吨钢工序能耗65千克标煤，离标杆还有多远",
      ],
      [
        "年产120万吨熟料，吨熟料能耗115千克标煤，离标杆差多少",
        "电弧炉炼钢，吨钢工序能耗65千克标煤，离标杆还有多远",
      ],
    ])("after “%s”, “%s” is read on its own", async (first, second) => {
      const [, next] = await talk(first, second);
      expect(next!.status).toBe("answered");
      expect(output(next!)).toMatchObject({ unitConsumption: 65, gapToBenchmark: 4 });
      // Nothing of the plant before (its output) carries over to the new product.
      expect(output(next!).annualSavingTce).toBeNull();
    });

    it("reads it as said, not with a topic carried from earlier turns (motors, then an intensity, then a product)", async () => {
      const [, , next] = await talk(
        "110千瓦的电机从95.4%换成97%效率的，一年跑6000小时能省多少电",
        "2020年我们万元增加值能耗0.95吨标煤，按方案要求2025年要降到多少",
        "我们厂电炉钢工序能耗65千克标煤每吨，达到标杆没有",
      );
      expect(next!.question).toBe("我们厂电炉钢工序能耗65千克标煤每吨，达到标杆没有");
      expect(next!.toolRuns.map((r) => r.name)).toEqual(["benchmark_gap"]);
      expect(output(next!)).toMatchObject({ unitConsumption: 65, gapToBenchmark: 4 });
    });

    it("an elliptical question of another carrier (换成天然气呢) is the same calculation of its own figures", async () => {
      const [, gas] = await talk("一年用电500万度合多少吨标煤", "换成天然气呢，40万方，按1.1千克标煤每方");
      expect(gas!.toolRuns.map((r) => r.name)).toEqual(["energy_convert"]);
      // 400,000 m3 × 1.1 kgce/m3 = 440 t, and no electricity carried over.
      expect(lead(gas!)).toMatch(/^天然气40万方折合标准煤约440吨/);
      expect(lead(gas!)).not.toContain("电力");
    });

    it("a grid factor given bare after a conversion (按0.5703算) gives the CO2 at that factor", async () => {
      const [, co2] = await talk("我们用电120万度折算标煤多少", "那排放多少二氧化碳？按0.5703算");
      // 1,200,000 kWh × 0.5703 kgCO2/kWh = 684.36 t
      expect(lead(co2!)).toContain("约排放二氧化碳684.36吨");
      expect(lead(co2!)).toContain("0.5703");
    });

    it("a question of more from the last calculation's figures (那每年平均降多少) redoes it and leads with that", async () => {
      const [, annual] = await talk(
        "2020年我们万元产值能耗2.0吨标煤，2025年要到多少",
        "那每年平均降多少百分比？",
      );
      expect(annual!.toolRuns.map((r) => r.name)).toEqual(["intensity_target"]);
      // 1 − (1 − 15%)^(1/5) = 3.2%
      expect(lead(annual!)).toContain("平均每年需下降约 3.2%");
      const [, co2] = await talk("我们用电120万度折算标煤多少", "那排放多少二氧化碳？");
      expect(lead(co2!)).toMatch(/^约排放二氧化碳636.72吨/);
    });

    it("a what-if of the same product still keeps the figures said before", async () => {
      const [, varied] = await talk(
        "年产120万吨熟料，吨熟料能耗115千克标煤，离标杆差多少",
        "那要是吨熟料105公斤标煤呢",
      );
      expect(output(varied!)).toMatchObject({ unitConsumption: 105, annualSavingTce: 6000 });
    });
  });

  it("a figure said in one turn and the question in the next are read together", async () => {
    const [, asked] = await talk("我们熟料线去年吨熟料能耗105公斤标煤", "和2025年的目标比还差多少");
    expect(asked!.toolRuns[0]).toMatchObject({ name: "benchmark_gap" });
    expect(lead(asked!)).toContain("比方案2025年全市目标（102）高 3 千克标准煤/吨");
  });

  it("a correction to a pending request redoes it too", async () => {
    const [, , corrected] = await talk(
      "我们熟料线能耗达标吗",
      "吨熟料108千克标准煤",
      "不对，是105千克标准煤",
    );
    expect(output(corrected!)).toMatchObject({ unitConsumption: 105, gapToBenchmark: 5 });
  });
});
