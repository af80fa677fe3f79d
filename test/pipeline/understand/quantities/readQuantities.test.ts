import { describe, expect, it } from "vitest";
import {
  normalizeMessage,
  readQuantities,
  type Quantity,
} from "../../../../server/pipeline/understand/quantities/readQuantities.js";
import {
  decodeChinese,
  decodeChineseRange,
} from "../../../../server/pipeline/understand/quantities/numbers.js";
import { quantityWords } from "../../../calculators/fixtures.js";

const read = (message: string) => readQuantities(message, quantityWords());

/** What a figure should read as: its value in the base unit of its kind, and what it is about. */
type Expected = Partial<
  Pick<
    Quantity,
    "text" | "amount" | "unit" | "subject" | "approximate" | "total" | "perItem" | "per" | "saved"
  >
> &
  Pick<Quantity, "value" | "kind"> & { range?: [number, number] };

interface Row {
  message: string;
  quantities: Expected[];
  /** figures refused as written: the text quoted back and why */
  problems?: Array<{ text: string; reason: string }>;
}

/** One row per phrasing, as people write figures to a calculator. Values in kWh, kg, m3, MJ, kgce, 元, kW. */
const rows: Row[] = [
  // standard coal named before kilograms: kilograms of standard coal, a consumption per tonne after 吨X/每吨
  {
    message: "吨钢电耗折标煤65千克",
    quantities: [{ text: "65千克", value: 65, unit: "千克标煤", kind: "kgce", subject: "unit_consumption" }],
  },
  {
    message: "熟料每吨耗标煤110公斤",
    quantities: [
      { text: "110公斤", value: 110, unit: "公斤标煤", kind: "kgce", subject: "unit_consumption" },
    ],
  },
  {
    message: "每吨产品用原煤150千克",
    quantities: [{ text: "150千克", value: 150, unit: "千克", kind: "mass" }],
  },
  // electricity
  {
    message: "一年用电800万度合多少吨标煤",
    quantities: [
      { text: "800万度", value: 8e6, amount: 800, unit: "万度", kind: "electricity", subject: "electricity" },
    ],
  },
  {
    message: "年用电量1200万千瓦时",
    quantities: [{ value: 1.2e7, unit: "万千瓦时", kind: "electricity", subject: "electricity" }],
  },
  { message: "用电3000万kWh", quantities: [{ value: 3e7, unit: "万kWh", kind: "electricity" }] },
  {
    message: "外购电力1.5亿度",
    quantities: [{ value: 1.5e8, amount: 1.5, unit: "亿度", kind: "electricity" }],
  },
  { message: "1.2亿度电折合多少吨标准煤", quantities: [{ value: 1.2e8, unit: "亿度", kind: "electricity" }] },
  {
    message: "一千二百万度电",
    quantities: [{ value: 1.2e7, amount: 1200, unit: "万度", kind: "electricity" }],
  },
  { message: "三千五百度电", quantities: [{ value: 3500, unit: "度", kind: "electricity" }] },
  { message: "3千度", quantities: [{ value: 3000, amount: 3000, unit: "度", kind: "electricity" }] },
  { message: "年用电3千万度", quantities: [{ value: 3e7, amount: 3000, unit: "万度", kind: "electricity" }] },
  { message: "用电３０００万千瓦时", quantities: [{ value: 3e7, amount: 3000, kind: "electricity" }] },
  { message: "一万二千千瓦时", quantities: [{ value: 12000, kind: "electricity" }] },
  { message: "耗电2兆瓦时", quantities: [{ value: 2000, kind: "electricity", subject: "electricity" }] },
  // approximate figures and ranges
  { message: "约800万度", quantities: [{ value: 8e6, kind: "electricity", approximate: true }] },
  {
    message: "800万度左右",
    quantities: [{ text: "800万度左右", value: 8e6, kind: "electricity", approximate: true }],
  },
  {
    message: "大概800多万千瓦时",
    quantities: [{ value: 8e6, unit: "万千瓦时", approximate: true, kind: "electricity" }],
  },
  { message: "差不多2000吨", quantities: [{ value: 2e6, kind: "mass", approximate: true }] },
  { message: "1.5万多吨", quantities: [{ value: 1.5e7, unit: "万吨", kind: "mass", approximate: true }] },
  {
    message: "近3万方天然气",
    quantities: [{ value: 30000, kind: "volume", approximate: true, subject: "fuel" }],
  },
  {
    message: "年产80到90万吨",
    quantities: [
      { value: 8.5e8, amount: 85, unit: "万吨", kind: "mass", range: [8e8, 9e8], subject: "output" },
    ],
  },
  { message: "80万-90万吨", quantities: [{ value: 8.5e8, unit: "万吨", kind: "mass", range: [8e8, 9e8] }] },
  { message: "80 - 90万吨", quantities: [{ value: 8.5e8, kind: "mass", range: [8e8, 9e8] }] },
  {
    message: "两三万吨原煤",
    quantities: [{ value: 2.5e7, kind: "mass", range: [2e7, 3e7], subject: "fuel" }],
  },
  { message: "八九十万吨", quantities: [{ value: 8.5e8, kind: "mass", range: [8e8, 9e8] }] },
  // gas, heat, steam and fuels
  {
    message: "天然气50万方是多少标煤",
    quantities: [{ value: 5e5, amount: 50, unit: "万方", kind: "volume", subject: "fuel" }],
  },
  { message: "两万方天然气", quantities: [{ value: 20000, amount: 2, unit: "万方", kind: "volume" }] },
  { message: "天然气200万立方米", quantities: [{ value: 2e6, unit: "万立方米", kind: "volume" }] },
  { message: "用气80万Nm3", quantities: [{ value: 8e5, kind: "volume", subject: "fuel" }] },
  { message: "5000标方天然气", quantities: [{ value: 5000, unit: "标方", kind: "volume" }] },
  { message: "外购热力2万GJ", quantities: [{ value: 2e7, amount: 2, unit: "万GJ", kind: "heat" }] },
  { message: "热力5000吉焦", quantities: [{ value: 5e6, kind: "heat" }] },
  { message: "蒸汽3万吨", quantities: [{ value: 3e7, kind: "mass", subject: "fuel" }] },
  {
    message: "烧了2.4万吨原煤折标煤多少",
    quantities: [{ value: 2.4e7, unit: "万吨", kind: "mass", subject: "fuel" }],
  },
  { message: "柴油500吨", quantities: [{ value: 5e5, unit: "吨", kind: "mass", subject: "fuel" }] },
  { message: "一万二千吨原煤", quantities: [{ value: 1.2e7, kind: "mass", subject: "fuel" }] },
  { message: "热值5500大卡", quantities: [{ value: 5500, unit: "大卡", kind: "heating_value" }] },
  { message: "低位发热量24MJ/kg", quantities: [{ value: 24, unit: "MJ/kg", kind: "heating_value" }] },
  // standard coal, per tonne, per value added
  {
    message: "综合能耗6万吨标准煤",
    quantities: [{ value: 6e7, unit: "万吨标准煤", kind: "tce", subject: "energy" }],
  },
  { message: "能耗1.2万tce", quantities: [{ value: 1.2e7, kind: "tce", subject: "energy" }] },
  {
    message: "去年产了8万吨熟料，总能耗0.9万吨标煤，超标没",
    quantities: [
      { value: 8e7, unit: "万吨", kind: "mass", subject: "output" },
      { value: 9e6, unit: "万吨标煤", kind: "tce", subject: "energy" },
    ],
  },
  { message: "零点九五吨标煤", quantities: [{ value: 950, amount: 0.95, kind: "tce" }] },
  {
    message: "吨熟料能耗110千克标准煤",
    quantities: [{ value: 110, kind: "kgce", subject: "unit_consumption" }],
  },
  { message: "吨钢能耗65kgce", quantities: [{ value: 65, kind: "kgce", subject: "unit_consumption" }] },
  { message: "熟料综合能耗110kgce/t", quantities: [{ value: 110, kind: "unit_consumption" }] },
  { message: "吨氨综合能耗1.2吨标准煤/吨", quantities: [{ value: 1200, kind: "unit_consumption" }] },
  { message: "单位产品能耗0.104tce/t", quantities: [{ value: 104, kind: "unit_consumption" }] },
  {
    message: "水泥熟料 综合能耗 ＝ １０５ ｋｇｃｅ／ｔ",
    quantities: [{ value: 105, kind: "unit_consumption" }],
  },
  {
    message: "2020年万元增加值能耗0.95吨标煤，2025年要降到多少",
    quantities: [
      { value: 2020, kind: "year", subject: "year" },
      { value: 950, amount: 0.95, kind: "tce", subject: "intensity" },
      { value: 2025, kind: "year" },
    ],
  },
  {
    message: "万元增加值能耗0.5tce/万元",
    quantities: [{ value: 0.5, kind: "intensity", subject: "intensity" }],
  },
  {
    message: "工业增加值3.5亿元",
    quantities: [{ value: 3.5e8, unit: "亿元", kind: "money", subject: "value_added" }],
  },
  { message: "产值20亿元", quantities: [{ value: 2e9, kind: "money", subject: "revenue" }] },
  {
    message: "二〇二三年用电500万度",
    quantities: [
      { value: 2023, kind: "year" },
      { value: 5e6, kind: "electricity" },
    ],
  },
  // output and products
  {
    message: "年产熟料一百二十万吨",
    quantities: [{ value: 1.2e9, amount: 120, unit: "万吨", kind: "mass", subject: "output" }],
  },
  {
    message: "年产1.2百万吨",
    quantities: [{ value: 1.2e9, amount: 120, unit: "万吨", kind: "mass", subject: "output" }],
  },
  { message: "1.2万吨", quantities: [{ value: 1.2e7, amount: 1.2, unit: "万吨", kind: "mass" }] },
  { message: "1,234.5吨", quantities: [{ value: 1234500, amount: 1234.5, kind: "mass" }] },
  { message: "１５万吨", quantities: [{ value: 1.5e8, amount: 15, unit: "万吨", kind: "mass" }] },
  { message: "两万", quantities: [{ value: 20000, amount: 2, unit: "万", kind: "none" }] },
  // equipment: counts, totals, per item
  {
    message: "30台电机一共1500千瓦",
    quantities: [
      { value: 30, kind: "count" },
      { value: 1500, kind: "power", total: true },
    ],
  },
  {
    message: "30台15千瓦的电机",
    quantities: [
      { value: 30, kind: "count" },
      { value: 15, kind: "power", total: false },
    ],
  },
  { message: "每台电机15千瓦", quantities: [{ value: 15, kind: "power", perItem: true }] },
  {
    message: "两台110kW电机",
    quantities: [
      { value: 2, kind: "count" },
      { value: 110, kind: "power" },
    ],
  },
  {
    message: "十台55千瓦电机",
    quantities: [
      { value: 10, kind: "count" },
      { value: 55, kind: "power" },
    ],
  },
  { message: "功率2兆瓦", quantities: [{ value: 2000, kind: "power", subject: "power" }] },
  { message: "３千瓦", quantities: [{ value: 3, kind: "power" }] },
  { message: "４５ｋＷ", quantities: [{ value: 45, kind: "power" }] },
  { message: "年运行8000h", quantities: [{ value: 8000, kind: "hours", subject: "hours" }] },
  {
    message: "每天运行20小时，一年330天",
    quantities: [
      { value: 20, kind: "hours" },
      { value: 330, kind: "days" },
    ],
  },
  { message: "负载率75%", quantities: [{ value: 75, kind: "percent", subject: "load" }] },
  { message: "百分之八十负载", quantities: [{ value: 80, kind: "percent" }] },
  { message: "效率93.9%", quantities: [{ value: 93.9, kind: "percent", subject: "efficiency" }] },
  {
    message: "电价0.65元/度，投资20万元",
    quantities: [
      { value: 0.65, kind: "price", subject: "price" },
      { value: 2e5, unit: "万元", kind: "money", subject: "cost" },
    ],
  },
  { message: "按等价值0.3千克标准煤/千瓦时", quantities: [{ value: 0.3, kind: "electricity_factor" }] },
  { message: "按0.7143千克标准煤/千克折标", quantities: [{ value: 0.7143, kind: "factor", per: "mass" }] },
  // a factor stated per unit of a carrier, before or after the figure ("吨" is a tonne of product: 每吨 stays 单耗)
  {
    message: "按每立方1.2143千克标煤算",
    quantities: [
      {
        value: 1.2143,
        amount: 1.2143,
        unit: "kgce/m3",
        kind: "factor",
        per: "volume",
        text: "1.2143千克标煤",
      },
    ],
  },
  {
    message: "每度电0.1229千克标准煤",
    quantities: [{ value: 0.1229, kind: "electricity_factor", per: "electricity" }],
  },
  { message: "每万方天然气折12.143吨标煤", quantities: [{ value: 1.2143, kind: "factor", per: "volume" }] },
  { message: "1.3千克标煤每立方米", quantities: [{ value: 1.3, kind: "factor", per: "volume" }] },
  { message: "折标系数按1.2143 kgce/m3", quantities: [{ value: 1.2143, kind: "factor", per: "volume" }] },
  { message: "每吨熟料110千克标煤", quantities: [{ value: 110, kind: "kgce" }] },
  {
    message: "按每立方36兆焦算",
    quantities: [{ value: 36, amount: 36, unit: "MJ/m3", kind: "heating_value" }],
  },
  { message: "每千克原煤20.9兆焦", quantities: [{ value: 20.9, unit: "MJ/kg", kind: "heating_value" }] },
  // energy saved
  {
    message: "换了高效电机后一年省了30万度电",
    quantities: [{ value: 3e5, kind: "electricity", saved: true }],
  },
  { message: "节约天然气2万方", quantities: [{ value: 2e4, kind: "volume", subject: "fuel", saved: true }] },
  { message: "用电800万度", quantities: [{ value: 8e6, kind: "electricity", saved: false }] },
  // electricity generated on site is grid electricity not drawn; the coal a power plant burns is used
  { message: "光伏发电一年100万度", quantities: [{ value: 1e6, kind: "electricity", saved: true }] },
  { message: "燃煤发电用煤10万吨", quantities: [{ value: 1e8, kind: "mass", saved: false }] },
  // words that are not figures
  { message: "方案要求一年内完成，十分重要", quantities: [] },
  { message: "二氧化碳排放怎么算", quantities: [] },
  // the one unit a price is asked per is no figure of the plant's
  { message: "碳排放权交易价格多少一吨", quantities: [] },
  { message: "一度电多少钱", quantities: [] },
  { message: "蒸汽多少钱1吨", quantities: [] },
  {
    message: "一吨钢用电450度",
    quantities: [
      { value: 1000, kind: "mass" },
      { value: 450, kind: "electricity" },
    ],
  },
  {
    message: "100，200吨",
    quantities: [
      { value: 100, kind: "none" },
      { value: 2e5, kind: "mass" },
    ],
  },
  // figures that cannot be taken as written
  {
    message: "能耗-110千克标准煤",
    quantities: [],
    problems: [{ text: "-110千克标准煤", reason: "negative" }],
  },
  { message: "年产量：-5万吨", quantities: [], problems: [{ text: "-5万吨", reason: "negative" }] },
  { message: "负5吨", quantities: [], problems: [{ text: "负5吨", reason: "negative" }] },
  { message: "用电1e308度", quantities: [], problems: [{ text: "1e308度", reason: "exponent" }] },
  { message: "每年运行1e9小时", quantities: [], problems: [{ text: "1e9小时", reason: "exponent" }] },
  { message: "1E6度", quantities: [], problems: [{ text: "1E6度", reason: "exponent" }] },
  { message: "2.5×10^4吨", quantities: [], problems: [{ text: "2.5×10^4吨", reason: "exponent" }] },
  { message: "用电Infinity度", quantities: [], problems: [{ text: "Infinity度", reason: "non_finite" }] },
  { message: "∞吨", quantities: [], problems: [{ text: "∞吨", reason: "non_finite" }] },
  {
    message: "9999999999999999999999吨",
    quantities: [],
    problems: [{ text: "9999999999999999999999吨", reason: "too_large" }],
  },
];

describe("readQuantities", () => {
  it("is tested on at least 60 phrasings", () => {
    expect(rows.length).toBeGreaterThanOrEqual(60);
  });

  describe.each(rows)("“$message”", (row) => {
    const reading = read(row.message);

    it("reads the figures it states, with their units and subjects", () => {
      expect(reading.quantities).toHaveLength(row.quantities.length);
      row.quantities.forEach((expected, i) => {
        const actual = reading.quantities[i]!;
        const { range, value, ...rest } = expected;
        expect(actual.value).toBeCloseTo(value, 6);
        expect(actual).toMatchObject(rest);
        if (range) expect([actual.range?.low, actual.range?.high]).toEqual(range);
        else expect(actual.range).toBeNull();
      });
    });

    it(`refuses ${row.problems?.length ? "the figures it cannot take as written" : "nothing"}`, () => {
      expect(reading.problems.map((p) => ({ text: p.text, reason: p.reason }))).toEqual(row.problems ?? []);
    });
  });

  it("keeps every figure's place in the text", () => {
    const { text, quantities } = read("年产熟料120万吨，用电1.2亿度");
    for (const q of quantities) expect(text.slice(q.start, q.end)).toBe(q.text);
  });

  it("never gives a value that is not a finite number", () => {
    for (const row of rows)
      for (const q of read(row.message).quantities) expect(Number.isFinite(q.value)).toBe(true);
  });
});

describe("numerals", () => {
  it.each([
    ["一千二百", 1200],
    ["两万", 20000],
    ["一万二", 12000],
    ["三千五", 3500],
    ["零点九五", 0.95],
    ["二〇二三", 2023],
    ["一亿二千万", 1.2e8],
    ["一万零二", 10002],
  ])("decodes %s as %d", (text, value) => {
    expect(decodeChinese(text)).toBeCloseTo(value, 10);
  });

  it("reads two neighbouring digits as a range: 两三 is 2–3, 七八十 is 70–80", () => {
    expect(decodeChineseRange("两三")).toEqual({ low: 2, high: 3 });
    expect(decodeChineseRange("七八十")).toEqual({ low: 70, high: 80 });
    expect(decodeChineseRange("一二三")).toBeNull();
  });

  it("keeps the Chinese comma, so 100，200 stays two figures", () => {
    expect(normalizeMessage("１００，２００")).toBe("100，200");
  });
});
