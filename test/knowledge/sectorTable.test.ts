import { describe, expect, it } from "vitest";
import { isSectorTable, parseBenchmarks, parseMeasures, parseSectorTable, parseSectorTargets } from "../../server/knowledge/sectorTable.js";

describe("parseMeasures", () => {
  it("splits the numbered measures of a cell", () => {
    expect(parseMeasures("1、严格落实产能置换要求；2、有序引导电炉短流程炼钢发展；")).toEqual([
      { number: 1, text: "严格落实产能置换要求" },
      { number: 2, text: "有序引导电炉短流程炼钢发展" },
    ]);
  });

  describe("when a measure holds more than one sentence", () => {
    it("keeps them together until the next number", () => {
      const measures = parseMeasures(
        "5、推动氢气纯化、高压储氢、氢燃料电池等技术装备、材料研发及应用；在合成氨等行业探索开展可再生能源替代化石能源制氢；6、推广“三废”综合利用技术；",
      );
      expect(measures.map((m) => m.number)).toEqual([5, 6]);
      expect(measures[0]!.text).toBe("推动氢气纯化、高压储氢、氢燃料电池等技术装备、材料研发及应用；在合成氨等行业探索开展可再生能源替代化石能源制氢");
    });
  });

  it("does not split at a number that is not a measure's", () => {
    expect(parseMeasures("1、培育100家服务公司，建设2个园区。")).toEqual([{ number: 1, text: "培育100家服务公司，建设2个园区" }]);
  });

  describe("when the cell is empty", () => {
    it("finds no measure", () => {
      expect(parseMeasures("")).toEqual([]);
    });
  });
});

describe("parseBenchmarks", () => {
  it("reads a value with its condition in brackets", () => {
    expect(parseBenchmarks("电弧炉冶炼：（公称容量≥50吨）61千克标准煤/吨。")).toEqual([
      { product: "电弧炉冶炼", condition: "公称容量≥50吨", value: 61, unit: "千克标准煤/吨", text: "电弧炉冶炼：（公称容量≥50吨）61千克标准煤/吨" },
    ]);
  });

  it("reads a value without a condition", () => {
    expect(parseBenchmarks("水泥熟料：100千克标准煤/吨。")).toEqual([
      { product: "水泥熟料", value: 100, unit: "千克标准煤/吨", text: "水泥熟料：100千克标准煤/吨" },
    ]);
  });

  describe("when several products share a cell", () => {
    const cell = "煤制烯烃：2800千克标准煤/吨合成氨：优质无烟块煤为原料1100千克标准煤/吨。纯碱：联碱法（轻质）纯碱160千克标准煤/吨；联碱法（重质）纯碱210千克标准煤/吨。";

    it("starts a product right after the previous value's unit", () => {
      expect(parseBenchmarks(cell).map(({ product, condition, value }) => [product, condition, value])).toEqual([
        ["煤制烯烃", undefined, 2800],
        ["合成氨", "优质无烟块煤为原料", 1100],
        ["纯碱", "联碱法（轻质）", 160],
        ["纯碱", "联碱法（重质）", 210],
      ]);
    });

    it("gives each value the words that state it", () => {
      expect(parseBenchmarks(cell).map((b) => b.text)).toEqual([
        "煤制烯烃：2800千克标准煤/吨",
        "合成氨：优质无烟块煤为原料1100千克标准煤/吨",
        "纯碱：联碱法（轻质）纯碱160千克标准煤/吨",
        "纯碱：联碱法（重质）纯碱210千克标准煤/吨",
      ]);
    });
  });

  it("accepts kgce/t as the unit", () => {
    expect(parseBenchmarks("水泥熟料：100 kgce/t")).toMatchObject([{ product: "水泥熟料", value: 100, unit: "千克标准煤/吨" }]);
  });

  describe("when a cell has no value", () => {
    it("finds no benchmark", () => {
      expect(parseBenchmarks("")).toEqual([]);
      expect(parseBenchmarks("电弧炉冶炼：达到国内先进水平。")).toEqual([]);
    });
  });
});

describe("parseSectorTable", () => {
  const table = [
    "| 路径 | 具体措施 | 重点产品（工序）能效标杆值 | 总体实施目标 |",
    "| --- | --- | --- | --- |",
    "| 产能控制 | 1、退出低效产能；2、严格执行产能置换政策； | 水泥熟料：100千克标准煤/吨。 | 2025年，吨水泥熟料综合能耗降至102千克标准煤/吨；2030年，原燃材料替代水平显著提高。 |",
    "| 产品优化 | 3、大力发展低碳建材产品； |  |  |",
  ].join("\n");

  it("recognises a table whose first column is 路径", () => {
    expect(isSectorTable(table)).toBe(true);
    expect(isSectorTable("| 指标 | 数值 |\n| --- | --- |")).toBe(false);
  });

  it("reads one row per 路径, the benchmarks and the targets", () => {
    const parsed = parseSectorTable(table);
    expect(parsed.rows.map((r) => [r.path, r.measures.map((m) => m.number)])).toEqual([
      ["产能控制", [1, 2]],
      ["产品优化", [3]],
    ]);
    expect(parsed.benchmarkText).toBe("水泥熟料：100千克标准煤/吨。");
    expect(parsed.benchmarks).toHaveLength(1);
    expect(parsed.targets).toEqual([
      { year: 2025, text: "2025年，吨水泥熟料综合能耗降至102千克标准煤/吨；" },
      { year: 2030, text: "2030年，原燃材料替代水平显著提高。" },
    ]);
  });

  describe("when the table has no benchmark column", () => {
    it("reads the targets from the right column", () => {
      const parsed = parseSectorTable("| 路径 | 具体措施 | 总体实施目标 |\n| --- | --- | --- |\n| 产业集聚 | 1、强化行业集聚； | 2025年，能源利用效率达到省内先进。 |");
      expect(parsed.benchmarks).toEqual([]);
      expect(parsed.benchmarkText).toBe("");
      expect(parsed.targetText).toBe("2025年，能源利用效率达到省内先进。");
    });
  });
});

describe("parseSectorTargets", () => {
  describe("when a clause after “；” names no year", () => {
    it("keeps it with the year before it", () => {
      expect(parseSectorTargets("2025年，“入园率”达到70%以上；2030年，化工企业“入园率”进一步提升；煤制烯烃等单位产品能耗水平保持国内领先。")).toEqual([
        { year: 2025, text: "2025年，“入园率”达到70%以上；" },
        { year: 2030, text: "2030年，化工企业“入园率”进一步提升；煤制烯烃等单位产品能耗水平保持国内领先。" },
      ]);
    });
  });

  describe("when the year is written 到…年", () => {
    it("still starts a new year there", () => {
      expect(parseSectorTargets("到2025年，能耗下降；到2030年，能耗显著降低。").map((t) => t.year)).toEqual([2025, 2030]);
    });
  });

  describe("when the text names no year", () => {
    it("keeps it whole, without a year", () => {
      expect(parseSectorTargets("能耗水平保持国内领先；绿色设计水平显著提升。")).toEqual([{ year: null, text: "能耗水平保持国内领先；绿色设计水平显著提升。" }]);
    });
  });

  it("finds nothing in an empty cell", () => {
    expect(parseSectorTargets("")).toEqual([]);
  });
});
