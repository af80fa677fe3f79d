import { describe, expect, it } from "vitest";
import { extractTargets } from "../../server/knowledge/targets.js";

const brief = (text: string) => extractTargets(text).map(({ year, indicator, value, unit, relation }) => ({ year, indicator, value, unit, relation }));

describe("extractTargets", () => {
  it("reads a reduction against a base year, keeping the target year", () => {
    expect(brief("到2025年，全市规模以上工业单位增加值能耗较2020年下降15%，单位工业增加值二氧化碳排放下降完成省下达目标。")).toEqual([
      { year: 2025, indicator: "全市规模以上工业单位增加值能耗", value: 15, unit: "%", relation: "较2020年下降" },
    ]);
  });

  it("reads several counts in one sentence", () => {
    expect(brief("争取到2030年，培育安徽省绿色工厂65户左右，培育国家级绿色工厂10户左右。")).toEqual([
      { year: 2030, indicator: "安徽省绿色工厂", value: 65, unit: "户", relation: "培育…左右" },
      { year: 2030, indicator: "国家级绿色工厂", value: 10, unit: "户", relation: "培育…左右" },
    ]);
  });

  it("reads a level in 千克标准煤/吨 and a share with 以上", () => {
    expect(brief("2025年，吨水泥熟料综合能耗水平降至102千克标准煤/吨；2030年，原燃材料替代水平显著提高；")).toEqual([
      { year: 2025, indicator: "吨水泥熟料综合能耗水平", value: 102, unit: "千克标准煤/吨", relation: "降至" },
    ]);
    expect(brief("2025年，化工产业集群实力显著提升，“入园率”达到70%以上，大宗产品单位产品能耗明显下降；")).toEqual([
      { year: 2025, indicator: "入园率", value: 70, unit: "%", relation: "达到…以上" },
    ]);
  });

  it("keeps the sentence a target was read from", () => {
    expect(extractTargets("前言。争取到2030年，培育国家级绿色工厂10户左右。")[0]!.sentence).toBe("争取到2030年，培育国家级绿色工厂10户左右。");
  });

  describe("when numbers come without a year", () => {
    it("finds no target", () => {
      expect(extractTargets("持续推进全省以壮大100户生产企业、培育100家服务公司为主要内容的专项行动。")).toEqual([]);
    });
  });

  describe("when the only year is a base year (较2020年)", () => {
    it("does not take it for the target year", () => {
      expect(extractTargets("规模以上工业单位增加值能耗较2020年下降15%。")).toEqual([]);
    });

    it("takes the year that governs the sentence before the ；", () => {
      expect(brief("到2025年，规模以上工业单位增加值能耗下降13.5%；单位增加值二氧化碳排放较2020年下降18%。")).toEqual([
        { year: 2025, indicator: "规模以上工业单位增加值能耗", value: 13.5, unit: "%", relation: "下降" },
        { year: 2025, indicator: "单位增加值二氧化碳排放", value: 18, unit: "%", relation: "较2020年下降" },
      ]);
    });

    it("does not carry a year past the full stop", () => {
      expect(brief("到2025年，绿色工厂达到10户。另有15户企业完成改造。").map((t) => t.value)).toEqual([10]);
    });
  });
});
