import { describe, expect, it } from "vitest";
import { runCalculatorTool } from "../../../../server/calculators/registry.js";
import {
  readCalculation,
  type ParsedCalculatorRequest,
} from "../../../../server/pipeline/understand/calculation/readCalculation.js";
import { decodeChinese } from "../../../../server/pipeline/understand/quantities/numbers.js";
import { context, readingContext, TEN_MOTORS } from "../../../calculators/fixtures.js";

const parse = (message: string, previous: ParsedCalculatorRequest | null = null) =>
  readCalculation(message, readingContext(), previous);

interface Case {
  message: string;
  tool: string;
  input: Record<string, unknown>;
  missing?: string[];
  complete?: boolean;
  note?: string;
  /** complete, but the tool refuses it with an explanation (nothing more the user could give fixes it) */
  refused?: string;
}

const clinker = "cement-clinker";
const eaf = "eaf-steelmaking-ge50t";
const coal15 = { carrier: "原煤", amount: 15, unit: "万吨" };
const elec12 = { carrier: "电力", amount: 1.2, unit: "亿度" };

/** One row per phrasing: what the parser should read from it. */
const cases: Case[] = [
  // 水泥熟料
  {
    message: "我们熟料108，离标杆差多少？",
    tool: "benchmark_gap",
    input: { product: clinker, unitConsumption: 108 },
    note: "未写单位",
  },
  {
    message: "我们水泥厂熟料综合能耗现在105上下，方案要求降到多少？",
    tool: "benchmark_gap",
    input: { product: clinker, unitConsumption: 105 },
  },
  {
    message: "熟料年产120万吨，总能耗12.6万吨标准煤，要降到102的话总能耗得减多少吨标煤？",
    tool: "benchmark_gap",
    input: {
      product: clinker,
      plannedUnitConsumption: 102,
      output: { value: 120, unit: "万吨" },
      energy: [{ carrier: "标准煤", amount: 12.6, unit: "万吨标准煤" }],
    },
  },
  {
    message: "一台110kW电机效率95.4%，满负荷一年运行6000小时，换成97%的能省多少度电",
    tool: "motor_upgrade",
    input: {
      ratedPowerKw: 110,
      hoursPerYear: 6000,
      loadFactorPercent: 100,
      presentEfficiencyPercent: 95.4,
      targetEfficiencyPercent: 97,
    },
  },
  {
    message: "我们熟料线去年熟料产量150万吨，用煤（折标）15.3万吨，电1.2亿度，算下单耗",
    tool: "benchmark_gap",
    input: {
      product: clinker,
      output: { value: 150, unit: "万吨" },
      energy: [
        { carrier: "标准煤", amount: 15.3, unit: "万吨标煤" },
        { carrier: "电力", amount: 1.2, unit: "亿度" },
      ],
    },
  },
  {
    message: "万元增加值能耗2020年是1.2，2024年是1.05，完成2025年目标没有",
    tool: "intensity_target",
    input: { base: { intensity: 1.2 }, current: { intensity: 1.05, year: 2024 } },
    note: "未写单位",
  },
  {
    message: "按0.5703吨CO2每兆瓦时的电网因子，一年用电1000万度排多少二氧化碳？",
    tool: "energy_convert",
    input: { gridFactorValue: 0.5703, energy: [{ carrier: "电力", amount: 1000, unit: "万度" }] },
  },
  {
    message: "用电800万度，按2022年全国电力平均二氧化碳排放因子算排多少",
    tool: "energy_convert",
    input: { gridFactorId: "grid-national-2022", energy: [{ carrier: "电力", amount: 800, unit: "万度" }] },
  },
  {
    message: "一年用电1000万度，按碳市场2022年的排放因子算排多少二氧化碳",
    tool: "energy_convert",
    input: {
      gridFactorId: "grid-carbon-market-2022",
      energy: [{ carrier: "电力", amount: 1000, unit: "万度" }],
    },
  },
  {
    message: "天然气一年用100万方，低位热值35.588兆焦每方，折多少吨标煤？",
    tool: "energy_convert",
    input: {
      energy: [
        { carrier: "天然气", amount: 100, unit: "万方", heatingValue: { value: 35.588, unit: "兆焦/方" } },
      ],
    },
  },
  {
    message: "我们吨熟料综合能耗110千克标准煤，达标了吗？差多少？",
    tool: "benchmark_gap",
    input: { product: clinker, unitConsumption: 110 },
  },
  {
    message: "熟料综合能耗110kgce/t，达到标杆了吗",
    tool: "benchmark_gap",
    input: { product: clinker, unitConsumption: 110 },
  },
  {
    message: "水泥熟料单位产品综合能耗是108公斤标煤每吨",
    tool: "benchmark_gap",
    input: { product: clinker, unitConsumption: 108 },
  },
  {
    message: "年产120万吨熟料，吨熟料能耗108千克标准煤，每年要节能多少？",
    tool: "benchmark_gap",
    input: { product: clinker, unitConsumption: 108, output: { value: 120, unit: "万吨" } },
  },
  {
    message: "年产120万吨熟料，用煤15万吨、电1.2亿度",
    tool: "benchmark_gap",
    input: { product: clinker, output: { value: 120, unit: "万吨" }, energy: [coal15, elec12] },
  },
  {
    message: "熟料产量120万吨，原煤消耗15万吨，用电量1.2亿千瓦时，能耗达标吗",
    tool: "benchmark_gap",
    input: {
      product: clinker,
      output: { value: 120, unit: "万吨" },
      energy: [coal15, { carrier: "电力", amount: 1.2, unit: "亿千瓦时" }],
    },
  },
  {
    message: "去年生产熟料一百二十万吨，耗煤十五万吨，用电1.2亿度",
    tool: "benchmark_gap",
    input: { product: clinker, output: { value: 120, unit: "万吨" }, energy: [coal15, elec12] },
  },
  {
    message: "我们熟料能耗110，达标吗",
    tool: "benchmark_gap",
    input: { product: clinker, unitConsumption: 110 },
    note: "未写单位",
  },
  {
    message: "水泥熟料 综合能耗 ＝ １０５ ｋｇｃｅ／ｔ",
    tool: "benchmark_gap",
    input: { product: clinker, unitConsumption: 105 },
  },
  {
    message: "熟料线吨熟料能耗98公斤标煤，是不是已经是标杆了",
    tool: "benchmark_gap",
    input: { product: clinker, unitConsumption: 98 },
  },
  {
    message: "吨熟料煤耗105公斤标煤",
    tool: "benchmark_gap",
    input: { product: clinker, unitConsumption: 105 },
    note: "煤耗",
  },
  {
    message: "年产能200万吨熟料，吨熟料综合能耗112千克标准煤",
    tool: "benchmark_gap",
    input: { product: clinker, unitConsumption: 112, output: { value: 200, unit: "万吨" } },
    note: "产能",
  },
  {
    message: "熟料综合能耗多少算达标？",
    tool: "benchmark_gap",
    input: { product: clinker },
    missing: ["unitConsumption"],
  },
  {
    message: "水泥熟料，年产50万吨，综合能耗6万吨标准煤",
    tool: "benchmark_gap",
    input: {
      product: clinker,
      output: { value: 50, unit: "万吨" },
      energy: [{ carrier: "标准煤", amount: 6, unit: "万吨标准煤" }],
    },
  },
  {
    message: "熟料用煤15万吨、电1.2亿度，达到标杆了吗",
    tool: "benchmark_gap",
    input: { product: clinker, energy: [coal15, elec12] },
    missing: ["output"],
  },
  {
    message: "熟料年产60万吨，单耗由112降到105，一年能省多少吨标煤",
    tool: "benchmark_gap",
    input: {
      product: clinker,
      unitConsumption: 112,
      plannedUnitConsumption: 105,
      output: { value: 60, unit: "万吨" },
    },
  },
  // 电弧炉
  {
    message: "60吨电弧炉 吨钢能耗65公斤标煤",
    tool: "benchmark_gap",
    input: { product: eaf, capacity: { value: 60, unit: "吨" }, unitConsumption: 65 },
  },
  {
    message: "我们有一座公称容量70吨的电弧炉，吨钢综合能耗68千克标准煤",
    tool: "benchmark_gap",
    input: { product: eaf, capacity: { value: 70, unit: "吨" }, unitConsumption: 68 },
  },
  {
    message: "电炉钢能耗62kgce/t",
    tool: "benchmark_gap",
    input: { product: eaf, unitConsumption: 62 },
    note: "未说明装置容量",
  },
  {
    message: "30吨电弧炉吨钢能耗60公斤标煤，达标吗",
    tool: "benchmark_gap",
    input: { capacity: { value: 30, unit: "吨" }, unitConsumption: 60 },
    missing: ["product"],
  },
  {
    message: "电弧炉炼钢年产50万吨钢，吨钢能耗66千克标准煤",
    tool: "benchmark_gap",
    input: { product: eaf, unitConsumption: 66, output: { value: 50, unit: "万吨" } },
  },
  // 煤制烯烃
  {
    message: "煤制烯烃吨产品综合能耗2.9吨标煤（含原料用能）",
    tool: "benchmark_gap",
    input: { product: "coal-to-olefins", unitConsumption: 2900, basis: "including_feedstock" },
  },
  {
    message: "煤制烯烃能耗2850千克标准煤/吨，达到标杆了吗",
    tool: "benchmark_gap",
    input: { product: "coal-to-olefins", unitConsumption: 2850 },
    missing: ["basis"],
  },
  {
    message: "煤制烯烃综合能耗1300千克标准煤/吨，不含原料用能",
    tool: "benchmark_gap",
    input: { product: "coal-to-olefins", unitConsumption: 1300, basis: "excluding_feedstock" },
    refused: "basis_not_comparable",
  },
  {
    message: "我们的煤制烯烃装置不扣除原料用能是2750公斤标煤每吨",
    tool: "benchmark_gap",
    input: { product: "coal-to-olefins", unitConsumption: 2750, basis: "including_feedstock" },
  },
  // 合成氨
  {
    message: "合成氨吨氨综合能耗1200千克标准煤",
    tool: "benchmark_gap",
    input: { product: "ammonia-anthracite-lump", unitConsumption: 1200 },
  },
  {
    message: "以优质无烟块煤为原料的合成氨，能耗1150kgce/t",
    tool: "benchmark_gap",
    input: { product: "ammonia-anthracite-lump", unitConsumption: 1150 },
  },
  {
    message: "天然气制合成氨能耗1000千克标准煤/吨",
    tool: "benchmark_gap",
    input: { unitConsumption: 1000 },
    missing: ["product"],
  },
  // Products of the national table the catalogue leaves out: named, no figure, nothing more to ask
  {
    message: "我们电石厂吨电石综合能耗850千克标煤，离标杆差多少",
    tool: "benchmark_gap",
    input: { product: "吨电石", unitConsumption: 850 },
    missing: ["product"],
  },
  {
    message: "焦化厂吨焦能耗120公斤标煤，达标了吗",
    tool: "benchmark_gap",
    input: { product: "焦化厂", unitConsumption: 120 },
    missing: ["product"],
  },
  {
    message: "合成氨年产30万吨，吨氨能耗1.2吨标准煤",
    tool: "benchmark_gap",
    input: { product: "ammonia-anthracite-lump", unitConsumption: 1200, output: { value: 30, unit: "万吨" } },
  },
  // 纯碱
  {
    message: "纯碱能耗170公斤标煤每吨",
    tool: "benchmark_gap",
    input: { product: "纯碱", unitConsumption: 170 },
    missing: ["product"],
  },
  {
    message: "联碱法轻质纯碱综合能耗170千克标准煤/吨",
    tool: "benchmark_gap",
    input: { product: "soda-ash-dual-light", unitConsumption: 170 },
  },
  {
    message: "重质纯碱吨产品能耗205公斤标煤",
    tool: "benchmark_gap",
    input: { product: "soda-ash-dual-dense", unitConsumption: 205 },
  },
  {
    message: "我们做轻灰的，吨碱能耗158kgce",
    tool: "benchmark_gap",
    input: { product: "soda-ash-dual-light", unitConsumption: 158 },
  },
  {
    message: "氨碱法纯碱能耗320千克标准煤/吨",
    tool: "benchmark_gap",
    input: { unitConsumption: 320 },
    missing: ["product"],
  },
  // other products, or none
  {
    message: "硅铁吨产品综合能耗1800千克标准煤",
    tool: "benchmark_gap",
    input: { product: "ferrosilicon", unitConsumption: 1800 },
  },
  {
    message: "平板玻璃能耗12千克标准煤每重量箱",
    tool: "benchmark_gap",
    input: { unitConsumption: 12 },
    missing: ["product"],
  },
  {
    message: "我们企业能耗达标了吗？",
    tool: "benchmark_gap",
    input: {},
    missing: ["product", "unitConsumption"],
  },
  // energy conversion and CO2
  { message: "1.2亿度电折合多少吨标准煤", tool: "energy_convert", input: { energy: [elec12] } },
  {
    message: "15万吨原煤和800万立方米天然气折标煤是多少",
    tool: "energy_convert",
    input: { energy: [coal15, { carrier: "天然气", amount: 800, unit: "万立方米" }] },
  },
  {
    message: "用电3000万千瓦时，排放多少二氧化碳",
    tool: "energy_convert",
    input: { energy: [{ carrier: "电力", amount: 3000, unit: "万千瓦时" }] },
  },
  {
    message: "蒸汽5万吨、柴油500吨折算成标准煤",
    tool: "energy_convert",
    input: {
      energy: [
        { carrier: "蒸汽", amount: 5, unit: "万吨" },
        { carrier: "柴油", amount: 500, unit: "吨" },
      ],
    },
  },
  {
    message: "外购热力2万GJ折合标准煤多少",
    tool: "energy_convert",
    input: { energy: [{ carrier: "热力", amount: 2, unit: "万GJ" }] },
  },
  // a conversion factor the message states is used as given
  {
    message: "天然气一年用了50万方，按每立方1.3千克标煤算，是多少吨标煤",
    tool: "energy_convert",
    input: {
      energy: [{ carrier: "天然气", amount: 50, unit: "万方", factor: { value: 1.3, unit: "kgce/m3" } }],
    },
  },
  {
    message: "客户年耗天然气180万立方米，折标系数按1.25 kgce/m3，合计多少tce",
    tool: "energy_convert",
    input: {
      energy: [
        { carrier: "天然气", amount: 180, unit: "万立方米", factor: { value: 1.25, unit: "kgce/m3" } },
      ],
    },
  },
  {
    message: "一年天然气30万方加上电500万度 天然气按1.3算 一共多少吨标煤",
    tool: "energy_convert",
    input: {
      energy: [
        { carrier: "天然气", amount: 30, unit: "万方", factor: { value: 1.3, unit: "kgce/m3" } },
        { carrier: "电力", amount: 500, unit: "万度" },
      ],
    },
    note: "未写单位",
  },
  {
    message: "原煤1000吨，每公斤按0.6千克标准煤折算，多少吨标煤",
    tool: "energy_convert",
    input: {
      energy: [{ carrier: "原煤", amount: 1000, unit: "吨", factor: { value: 0.6, unit: "kgce/kg" } }],
    },
  },
  {
    message: "天然气100万方按每立方36兆焦算折多少标煤",
    tool: "energy_convert",
    input: {
      energy: [{ carrier: "天然气", amount: 100, unit: "万方", heatingValue: { value: 36, unit: "MJ/m3" } }],
    },
  },
  // from standard coal back to a carrier
  {
    message: "1万吨标煤相当于多少度电（按当量值）",
    tool: "energy_convert",
    input: { energy: [{ carrier: "标准煤", amount: 1, unit: "万吨标煤" }], into: { carrier: "电力" } },
  },
  {
    message: "500吨标准煤折合多少方天然气",
    tool: "energy_convert",
    input: { energy: [{ carrier: "标准煤", amount: 500, unit: "吨标准煤" }], into: { carrier: "天然气" } },
  },
  {
    message: "天然气100万方相当于多少吨原煤",
    tool: "energy_convert",
    input: { energy: [{ carrier: "天然气", amount: 100, unit: "万方" }], into: { carrier: "原煤" } },
  },
  // asked to convert the plant's own energy before giving it: the amount is asked for
  {
    message: "帮我把用电量折成标煤",
    tool: "energy_convert",
    input: { energy: [] },
    missing: ["energy"],
  },
  // electricity per tonne of product: with the output, the year's electricity to convert
  {
    message: "电弧炉炼钢吨钢电耗450度，年产20万吨，一年用电折多少标煤",
    tool: "energy_convert",
    input: { energy: [{ carrier: "电力", amount: 9000, unit: "万千瓦时" }] },
    note: "按年产量20万吨算出全年用电 9,000万千瓦时",
  },
  {
    message: "我们吨电耗450度，折多少标煤",
    tool: "energy_convert",
    input: { energy: [] },
    missing: ["output"],
  },
  {
    message: "熟料吨电耗50度，年产100万吨，达标吗",
    tool: "benchmark_gap",
    input: { product: clinker, output: { value: 100, unit: "万吨" } },
    missing: ["unitConsumption"],
    note: "只是电力部分",
  },
  // a saving stated in energy is converted as a saving, whatever equipment made it
  {
    message: "换了高效电机后一年省了30万度电 相当于省了多少吨标煤",
    tool: "energy_convert",
    input: { energy: [{ carrier: "电力", amount: 30, unit: "万度" }], saved: true },
  },
  {
    message: "风机加了变频，一年节约了12万度电，减排多少二氧化碳",
    tool: "energy_convert",
    input: { energy: [{ carrier: "电力", amount: 12, unit: "万度" }], saved: true },
  },
  {
    message: "余热发电一年节约了100吨原煤，减排多少",
    tool: "energy_convert",
    input: { energy: [{ carrier: "原煤", amount: 100, unit: "吨" }], saved: true },
  },
  // motors
  {
    message:
      "把10台55千瓦4极电机从三级能效换成一级能效，每年运行6000小时，负载率75%，电价0.65元/度，投资20万元",
    tool: "motor_upgrade",
    input: { ...TEN_MOTORS, electricityPrice: 0.65, upgradeCostWanYuan: 20 },
  },
  {
    message: "现有37kW四极电机效率93.9%，换成效率96.1%的，年运行8000h，负荷率80%",
    tool: "motor_upgrade",
    input: {
      ratedPowerKw: 37,
      poles: 4,
      hoursPerYear: 8000,
      loadFactorPercent: 80,
      presentEfficiencyPercent: 93.9,
      targetEfficiencyPercent: 96.1,
    },
  },
  {
    message: "55千瓦电机换一级能效能省多少电",
    tool: "motor_upgrade",
    input: { ratedPowerKw: 55, targetGrade: 1 },
    missing: ["poles", "hoursPerYear", "loadFactorPercent", "presentGrade"],
  },
  {
    message: "两台110kW 2极电机，每天运行20小时，每年330天，负载率70%，从三级升级到二级",
    tool: "motor_upgrade",
    input: {
      ratedPowerKw: 110,
      poles: 2,
      count: 2,
      hoursPerYear: 6600,
      loadFactorPercent: 70,
      presentGrade: 3,
      targetGrade: 2,
    },
    note: "330天",
  },
  // measured heating values
  {
    message: "合成氨年产20万吨，用优质无烟块煤25万吨，低位发热量24MJ/kg，电1亿度，和标杆差多少",
    tool: "benchmark_gap",
    input: {
      product: "ammonia-anthracite-lump",
      output: { value: 20, unit: "万吨" },
      energy: [
        { carrier: "无烟煤", amount: 25, unit: "万吨", heatingValue: { value: 24, unit: "MJ/kg" } },
        { carrier: "电力", amount: 1, unit: "亿度" },
      ],
    },
  },
  {
    message: "年产120万吨熟料，烟煤16万吨（热值5500大卡），电1.2亿度",
    tool: "benchmark_gap",
    input: {
      product: clinker,
      output: { value: 120, unit: "万吨" },
      energy: [
        { carrier: "烟煤", amount: 16, unit: "万吨", heatingValue: { value: 5500, unit: "kcal/kg" } },
        elec12,
      ],
    },
    note: "“5500大卡”按低位发热量 kcal/kg 理解",
  },
  {
    message: "天然气100万方，实测热值36MJ/m3，折合多少标准煤",
    tool: "energy_convert",
    input: {
      energy: [{ carrier: "天然气", amount: 100, unit: "万方", heatingValue: { value: 36, unit: "MJ/m3" } }],
    },
  },
  // present and target motor by their cue words, not by position
  {
    message: "把15kW电机换成二级能效，现在是三级，4极，每年运行4000小时，负载率75%",
    tool: "motor_upgrade",
    input: {
      ratedPowerKw: 15,
      poles: 4,
      hoursPerYear: 4000,
      loadFactorPercent: 75,
      presentGrade: 3,
      targetGrade: 2,
    },
  },
  {
    message: "目标是一级能效，现有的是三级，37kW四极电机，年运行6000小时，负载率80%",
    tool: "motor_upgrade",
    input: {
      ratedPowerKw: 37,
      poles: 4,
      hoursPerYear: 6000,
      loadFactorPercent: 80,
      presentGrade: 3,
      targetGrade: 1,
    },
  },
  {
    message: "想把电机升级到效率96.1%的，原来的效率是93.9%，37kW四极，年运行8000小时，负载率80%",
    tool: "motor_upgrade",
    input: { presentEfficiencyPercent: 93.9, targetEfficiencyPercent: 96.1 },
  },
  // a motor the grade table does not list: the efficiencies are asked for, as the tool would
  {
    message: "22千瓦电机4极，三级换成一级，每年运行4000小时，负载率80%",
    tool: "motor_upgrade",
    input: { ratedPowerKw: 22, poles: 4, hoursPerYear: 4000, loadFactorPercent: 80 },
    missing: ["presentEfficiencyPercent", "targetEfficiencyPercent"],
    complete: false,
  },
  // an excluded feedstock said anywhere in the message
  {
    message: "合成氨，原料是粉煤，能耗1300",
    tool: "benchmark_gap",
    input: { product: "合成氨" },
    missing: ["product", "unitConsumption"],
  },
  {
    message: "我们用天然气做原料生产合成氨，吨氨能耗1100公斤标煤",
    tool: "benchmark_gap",
    input: { product: "合成氨", unitConsumption: 1100 },
    missing: ["product"],
  },
  {
    message: "合成氨年产20万吨，无烟煤25万吨，锅炉烧天然气500万方，电1亿度",
    tool: "benchmark_gap",
    input: {
      product: "ammonia-anthracite-lump",
      output: { value: 20, unit: "万吨" },
      energy: [
        { carrier: "无烟煤", amount: 25, unit: "万吨" },
        { carrier: "天然气", amount: 500, unit: "万方" },
        { carrier: "电力", amount: 1, unit: "亿度" },
      ],
    },
  },
  // 吨耗/单耗 in 吨标煤 is per tonne of product
  {
    message: "熟料吨耗0.11吨标煤",
    tool: "benchmark_gap",
    input: { product: clinker, unitConsumption: 110 },
  },
  {
    message: "水泥熟料单耗0.108吨标准煤，年产120万吨",
    tool: "benchmark_gap",
    input: { product: clinker, unitConsumption: 108, output: { value: 120, unit: "万吨" } },
  },
  // 百万 and 千万
  {
    message: "年产1.2百万吨熟料，吨熟料能耗110公斤标煤",
    tool: "benchmark_gap",
    input: { product: clinker, unitConsumption: 110, output: { value: 120, unit: "万吨" } },
  },
  {
    message: "年用电3千万度，折合多少标准煤",
    tool: "energy_convert",
    input: { energy: [{ carrier: "电力", amount: 3000, unit: "万度" }] },
  },
  // variable-speed drives
  {
    message: "一台90千瓦的风机改变频，80%流量运行3000小时，60%流量运行2000小时",
    tool: "vsd_savings",
    input: {
      equipment: "fan",
      fullFlowInputKw: 90,
      count: 1,
      profile: [
        { flowPercent: 80, hours: 3000 },
        { flowPercent: 60, hours: 2000 },
      ],
    },
  },
  {
    message: "水泵变频改造，电机75kW，满负荷运行2000小时，70%流量运行4000小时，电价0.6元/度，改造费用8万元",
    tool: "vsd_savings",
    input: {
      equipment: "pump",
      fullFlowInputKw: 75,
      profile: [
        { flowPercent: 100, hours: 2000 },
        { flowPercent: 70, hours: 4000 },
      ],
      electricityPrice: 0.6,
      upgradeCostWanYuan: 8,
    },
  },
  {
    message: "风机加变频能省多少电",
    tool: "vsd_savings",
    input: { equipment: "fan" },
    missing: ["fullFlowInputKw", "profile"],
  },
  // a furnace's size in brackets, a year's tonnes with no word of producing
  {
    message: "我们电炉（70吨），一年炼钢25万吨，吨钢能耗66公斤标煤，离标杆差多少",
    tool: "benchmark_gap",
    input: { capacity: { value: 70, unit: "吨" }, unitConsumption: 66, output: { value: 25, unit: "万吨" } },
  },
  {
    message: "轻质纯碱每年15万吨，吨碱综合能耗205公斤标煤，一年比标杆多用多少标煤",
    tool: "benchmark_gap",
    input: { unitConsumption: 205, output: { value: 15, unit: "万吨" } },
  },
  // a day's amount times the days of the year
  {
    message: "锅炉每天烧气5000方，全年开300天，一年折多少吨标准煤",
    tool: "energy_convert",
    input: { energy: [{ carrier: "天然气", amount: 1_500_000, unit: "方" }] },
    note: "5000方 × 300天",
  },
  // 等价值 asked with no factor: no citable national figure, so the 当量值, nothing asked
  {
    message: "年耗电2000万千瓦时按等价值折标煤是多少",
    tool: "energy_convert",
    input: { energy: [{ carrier: "电力", amount: 2000, unit: "万千瓦时" }] },
  },
  {
    message: "用电300万度，按等价值0.3千克标准煤/千瓦时折标煤",
    tool: "energy_convert",
    input: { electricityBasis: "primary_energy", electricityPrimaryFactor: 0.3 },
  },
  // a consumption per tonne with its standard coal named before the kilograms
  {
    message: "电弧炉炼钢，吨钢电耗折标煤65千克，离标杆还有多远",
    tool: "benchmark_gap",
    input: { product: eaf, unitConsumption: 65 },
  },
  {
    message: "我们熟料每吨耗标煤112公斤，跟基准比怎么样",
    tool: "benchmark_gap",
    input: { product: clinker, unitConsumption: 112 },
  },
  // a month's amount times the months: counted, or the 12 of a year when the year is asked
  {
    message: "每个月用电30万度，一年下来折标煤多少",
    tool: "energy_convert",
    input: { energy: [{ carrier: "电力", amount: 360, unit: "万度" }] },
    note: "十二个月",
  },
  {
    message: "车间月均耗电45万千瓦时，一年开11个月，合多少吨标准煤",
    tool: "energy_convert",
    input: { energy: [{ carrier: "电力", amount: 495, unit: "万千瓦时" }] },
    note: "11个月",
  },
  {
    message: "每月烧气2万方，折多少标煤",
    tool: "energy_convert",
    input: { energy: [{ carrier: "天然气", amount: 2, unit: "万方" }] },
  },
  // energy per tonne of an output the plan has no benchmark for
  {
    message: "砖厂一年用电80万度，产砖40万吨，每吨砖耗电多少，合多少千克标煤",
    tool: "energy_convert",
    input: {
      energy: [{ carrier: "电力", amount: 80, unit: "万度" }],
      output: { value: 40, unit: "万吨" },
    },
  },
  // factors stated per line, one in brackets after its line
  {
    message: "厂里天然气12万方（折标系数1.25千克标煤/方），电90万度（按0.1229），一共多少吨标煤",
    tool: "energy_convert",
    input: {
      energy: [
        { carrier: "天然气", amount: 12, unit: "万方", factor: { value: 1.25, unit: "kgce/m3" } },
        { carrier: "电力", amount: 90, unit: "万度", factor: { value: 0.1229, unit: "kgce/kWh" } },
      ],
    },
  },
  // full load is a load factor of 100%
  {
    message: "37千瓦2极电机满负荷每年跑5000小时，效率93%换成95%，一年省电多少",
    tool: "motor_upgrade",
    input: {
      ratedPowerKw: 37,
      poles: 2,
      hoursPerYear: 5000,
      loadFactorPercent: 100,
      presentEfficiencyPercent: 93,
      targetEfficiencyPercent: 95,
    },
    note: "满载",
  },
  // intensity
  {
    message: "2020年单位增加值能耗0.8吨标煤/万元，2023年0.7，能完成目标吗",
    tool: "intensity_target",
    input: { base: { intensity: 0.8 }, current: { year: 2023, intensity: 0.7 } },
  },
  {
    message:
      "2020年能耗5万吨标准煤，增加值10亿元；2024年能耗5.2万吨标准煤，增加值13亿元，完成下降15%的目标了吗",
    tool: "intensity_target",
    input: {
      base: { energyTce: 50_000, valueAddedWanYuan: 100_000 },
      current: { year: 2024, energyTce: 52_000, valueAddedWanYuan: 130_000 },
    },
  },
  {
    message: "2020年万元增加值能耗1.2吨标准煤，今年1.0吨标准煤/万元",
    tool: "intensity_target",
    input: { base: { intensity: 1.2 }, current: { intensity: 1 } },
    missing: ["current.year"],
  },
  {
    message: "园区2020年单位增加值能耗2.0，按全市15%的降幅2025年应该到多少，要降多少",
    tool: "intensity_target",
    input: { base: { intensity: 2 } },
  },
  {
    message: "我们单位增加值能耗比2020年下降了多少才算达标",
    tool: "intensity_target",
    input: {},
    missing: ["base", "current", "current.year"],
  },
  {
    message: "2020年增加值200亿元、能耗480万吨标煤，2025年增加值到300亿，能耗总量最多多少",
    tool: "intensity_target",
    input: {
      base: { valueAddedWanYuan: 2_000_000, energyTce: 4_800_000 },
      target: { valueAddedWanYuan: 3_000_000 },
    },
  },
  // the plan's own figures, worked out
  {
    message: "熟料年产80万吨，单耗现在110，要降到方案2025年的目标，一年能少用多少吨标煤",
    tool: "benchmark_gap",
    input: { product: clinker, unitConsumption: 110, output: { value: 80, unit: "万吨" } },
    note: "未写单位",
  },
  {
    message: "熟料线一年60万吨，要是吨熟料正好做到2025年全市目标值，一年要烧多少吨标煤",
    tool: "plan_arithmetic",
    input: {
      operation: "total_at_level",
      product: clinker,
      output: { value: 60, unit: "万吨" },
      at: { level: "target", year: 2025 },
    },
  },
  {
    message: "吨熟料从基准水平降到标杆水平，要降百分之多少",
    tool: "plan_arithmetic",
    input: {
      operation: "percent_fall",
      product: clinker,
      from: { level: "baseline" },
      to: { level: "benchmark" },
    },
  },
  {
    message: "单位增加值能耗下降15%的目标，摊到每年平均要降多少",
    tool: "plan_arithmetic",
    input: { operation: "annual_rate", target: "intensity-2025" },
  },
];

describe("readCalculation", () => {
  it("is tested on at least 40 phrasings", () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
  });

  describe.each(cases)("“$message”", (c) => {
    const r = parse(c.message);

    it(`reads it as ${c.tool} with the figures it states`, () => {
      expect(r?.tool).toBe(c.tool);
      expect(r?.input).toEqual(expect.objectContaining(c.input));
      for (const [key, value] of Object.entries(c.input)) expect(r?.input[key]).toEqual(value);
    });

    it(`lists as missing: ${(c.missing ?? []).join(", ") || "nothing"}`, () => {
      expect(r?.missing.map((x) => x.field)).toEqual(c.missing ?? []);
      for (const x of r?.missing ?? []) expect(x.question).toMatch(/[\u4e00-\u9fff]/);
      if (!c.missing) expect(r?.complete).toBe(true);
      if (c.note) expect(r?.notes.join("")).toContain(c.note);
    });
  });

  describe("when the message is complete", () => {
    it.each(cases.filter((x) => !x.missing).map((x) => [x.message, x] as const))(
      "“%s” is input the tool runs on (or refuses with its reason)",
      (_message, c) => {
        const outcome = runCalculatorTool(c.tool, parse(c.message)!.input, context());
        expect(outcome.ok ? "ok" : outcome.details.problem).toBe(c.refused ?? "ok");
      },
    );

    it("gives input the calculator accepts and computes from", () => {
      for (const c of cases.filter((x) => !x.missing && x.tool !== "benchmark_gap")) {
        const outcome = runCalculatorTool(c.tool, parse(c.message)!.input, context());
        expect(outcome.ok, c.message).toBe(true);
      }
      const r = runCalculatorTool(
        "benchmark_gap",
        parse("年产120万吨熟料，用煤15万吨、电1.2亿度")!.input,
        context(),
      );
      expect(r.ok && (r.output as { unitConsumption: number }).unitConsumption).toBe(101.58);
    });
  });

  describe("when the message is not a calculation", () => {
    it.each([
      "节能降碳改造由哪个部门牵头？",
      "今天天气怎么样",
      "方案里电机能效提升有什么要求",
      "水泥熟料的标杆值是多少",
      "专栏3讲了什么？",
      "电力折标准煤的系数是多少",
      "天然气怎么折算标煤",
    ])("“%s” gives null", (message) => {
      expect(parse(message)).toBeNull();
    });
  });

  describe("when a follow-up completes an earlier request", () => {
    it("“轻质的” settles which 纯碱", () => {
      const first = parse("纯碱能耗170公斤标煤每吨")!;
      const next = parse("轻质的", first)!;
      expect(next.input).toMatchObject({ product: "soda-ash-dual-light", unitConsumption: 170 });
      expect(next.complete).toBe(true);
    });

    it("“含原料用能” gives the basis of a 煤制烯烃 figure", () => {
      const first = parse("煤制烯烃能耗2850千克标准煤/吨，达到标杆了吗")!;
      const next = parse("含原料用能", first)!;
      expect(next.input).toMatchObject({
        product: "coal-to-olefins",
        unitConsumption: 2850,
        basis: "including_feedstock",
      });
      expect(next.complete).toBe(true);
    });

    it("an output given afterwards is added", () => {
      const first = parse("熟料综合能耗108公斤标煤")!;
      const next = parse("年产120万吨", first)!;
      expect(next.input).toMatchObject({
        product: clinker,
        unitConsumption: 108,
        output: { value: 120, unit: "万吨" },
      });
    });

    it("motor figures given over two messages add up", () => {
      const first = parse("55千瓦电机换一级能效能省多少电")!;
      const next = parse("4极的，现在是三级，一年运行6000小时，负载率75%", first)!;
      expect(next.input).toMatchObject({
        ratedPowerKw: 55,
        poles: 4,
        presentGrade: 3,
        targetGrade: 1,
        hoursPerYear: 6000,
        loadFactorPercent: 75,
      });
      expect(next.complete).toBe(true);
    });

    it("the efficiencies asked for a motor the table does not list complete it", () => {
      const first = parse("22千瓦电机4极，三级换成一级，每年运行4000小时，负载率80%")!;
      const next = parse("现有效率91.2%，换成效率94.5%的", first)!;
      expect(next).toMatchObject({
        missing: [],
        complete: true,
        input: { ratedPowerKw: 22, presentEfficiencyPercent: 91.2, targetEfficiencyPercent: 94.5 },
      });
      expect(runCalculatorTool("motor_upgrade", next.input, context()).ok).toBe(true);
    });

    it("a bare amount completes a conversion asked for without figures", () => {
      const first = parse("帮我把用电量折成标煤")!;
      const next = readCalculation("一年大概650万度", readingContext(), first, true)!;
      expect(next).toMatchObject({
        tool: "energy_convert",
        complete: true,
        input: { energy: [{ carrier: "电力", amount: 650, unit: "万度" }] },
      });
    });

    it("a feedstock named in a follow-up takes the product out of the plan's figure", () => {
      const first = parse("合成氨吨氨能耗1300公斤标煤")!;
      expect(first.complete).toBe(true);
      const next = parse("我们的原料是粉煤", first)!;
      expect(next.missing.map((x) => x.field)).toEqual(["product"]);
      expect(next.missing[0]!.question).toContain("粉煤");
    });
  });
});

describe("a product of the national table that the catalogue leaves out", () => {
  it("is named with the notice that lists it, as the answer, not asked about again", () => {
    const r = parse("高炉工序能耗400千克标煤每吨，超基准了吗")!;
    expect(r.tool).toBe("benchmark_gap");
    expect(r.missing).toEqual([
      expect.objectContaining({
        field: "product",
        final: true,
        question: expect.stringContaining("高炉工序"),
      }),
    ]);
    expect(r.missing[0]!.question).toContain("《工业重点领域能效标杆水平和基准水平（2023年版）》");
    expect(r.missing[0]!.question).not.toContain("400");
  });

  it("leaves 焦炭 as a fuel to convert", () => {
    const r = parse("焦炭1万吨折标准煤是多少")!;
    expect(r.tool).toBe("energy_convert");
    expect(r.complete).toBe(true);
  });
});

describe("a motor upgrade missing only figures with a typical value", () => {
  it("carries a provisional input at 4极, 75% and 3级, labelled 按假设估算, and still asks for them", () => {
    const r = parse("厂里有20台11千瓦的电机，想都换成一级能效的，每年运行6000小时，能省多少电");
    expect(r?.missing.map((x) => x.field)).toEqual(["poles", "loadFactorPercent", "presentGrade"]);
    expect(r?.provisional?.input).toMatchObject({
      count: 20,
      ratedPowerKw: 11,
      hoursPerYear: 6000,
      targetGrade: 1,
      poles: 4,
      loadFactorPercent: 75,
      presentGrade: 3,
    });
    expect(r?.provisional?.label).toBe("按假设估算（4极、负载率75%、现有电机按GB 18613-2020 3级）：");
    expect(runCalculatorTool("motor_upgrade", r?.provisional?.input, context()).ok).toBe(true);
  });

  it("makes no estimate when the power or the target is what is missing", () => {
    expect(parse("电机换成一级能效，每年运行6000小时，能省多少电")?.provisional).toBeUndefined();
    expect(parse("20台11千瓦的电机，每年运行6000小时，能省多少电")?.provisional).toBeUndefined();
  });
});

describe("decodeChinese", () => {
  it.each([
    ["十五", 15],
    ["一百二十", 120],
    ["两千", 2000],
    ["三千五百", 3500],
    ["一点五", 1.5],
    ["九", 9],
  ])("reads %s as %d", (text, value) => {
    expect(decodeChinese(text)).toBeCloseTo(value, 10);
  });

  it("refuses what is not a numeral", () => {
    expect(decodeChinese("万吨")).toBeNull();
  });
});
