import { describe, expect, it } from "vitest";
import { figureSet, normalizeFigures, readFigures } from "../../../server/pipeline/check/figures.js";

const figures = (text: string) => readFigures(normalizeFigures(text)).map((f) => f.value);

describe("readFigures", () => {
  describe("reads every way of writing a number as the same figure", () => {
    it.each([
      ["full-width digits", "补贴９８７６５４元", ["987654"]],
      ["Chinese numerals with places", "补贴九十八万七千元", ["987000"]],
      ["financial numerals", "补贴玖拾捌万柒仟元", ["987000"]],
      ["Arabic with 万", "补贴98.7万元", ["987000"]],
      ["1.2万", "节约1.2万吨标准煤", ["12000"]],
      ["亿", "投资2.5亿元", ["250000000"]],
      ["百分之", "下降百分之十五", ["15"]],
      ["a percent sign", "下降15%", ["15"]],
      ["colloquial 一万二", "一万二千瓦时", ["12000"]],
      ["a decimal in words", "系数零点一二二九", ["0.1229"]],
      ["digits split by spaces", "补贴 9 8 7 6 5 4 元", ["987654"]],
      ["digits split by zero-width characters", "补贴98\u200b7654元", ["987654"]],
    ])("%s", (_case, text, expected) => {
      expect(figures(text)).toEqual(expected);
    });
  });

  describe("reads dates in any form as year, month and day", () => {
    it.each([
      ["Chinese numerals", "二〇二五年十月三十一日前"],
      ["Arabic", "2025年10月31日前"],
      ["dotted", "2025.10.31前"],
      ["dashed", "2025-10-31前"],
      ["slashed", "2025/10/31前"],
      ["full-width", "２０２５年１０月３１日前"],
    ])("%s", (_case, text) => {
      expect(figures(text)).toEqual(["2025", "10", "31"]);
    });
  });

  describe("does not read numeral words as figures in an answer", () => {
    it.each([
      "进一步提升能效",
      "建设一批绿色工厂",
      "控制两高项目",
      "一是推进节能改造",
      "统一标准，十分重要",
      "万一遇到问题",
      "千万不要漏报",
      "第一，推广高效电机",
      "全年十二个月",
    ])("%s", (text) => {
      expect(figures(text)).toEqual([]);
    });
  });

  it("reads a lone numeral before a measure or a counted thing (三台, 一年) as a figure", () => {
    expect(figures("一年内完成三台电机改造")).toEqual(["1", "3"]);
  });

  it("reads an ordinal of a numbered thing as a figure", () => {
    expect(figures("第二十一条规定")).toEqual(["21"]);
  });

  it("reads a source generously, so that what an answer quotes from it is found in it", () => {
    const source = figureSet("（三）主要目标：“十四五”期间，到2025年下降15%，一批企业");
    for (const f of figures("“十四五”期间，到二〇二五年下降百分之十五")) expect(source.has(f)).toBe(true);
  });
});
