import { describe, expect, it } from "vitest";
import { carriedForwardUnits, parseResponsibleUnits, RESPONSIBILITY_CLAUSE } from "../../server/knowledge/responsibility.js";

describe("parseResponsibleUnits", () => {
  describe("when one unit leads and others support (牵头 … 配合)", () => {
    it("names the lead and the support", () => {
      expect(parseResponsibleUnits("市经济和信息化局牵头，市发展改革委配合")).toEqual({
        lead: ["市经济和信息化局"],
        support: ["市发展改革委"],
        raw: "市经济和信息化局牵头，市发展改革委配合",
      });
    });
  });

  describe("when the others are 按职责分工负责", () => {
    it("lists them as support, without the trailing 等", () => {
      const units = parseResponsibleUnits("市经济和信息化局牵头，市生态环境局、市市场监管局、市发展改革委等按职责分工负责");
      expect(units.lead).toEqual(["市经济和信息化局"]);
      expect(units.support).toEqual(["市生态环境局", "市市场监管局", "市发展改革委"]);
    });
  });

  describe("when a single unit is 负责", () => {
    it("makes it the lead", () => {
      expect(parseResponsibleUnits("市发展改革委负责")).toMatchObject({ lead: ["市发展改革委"], support: [] });
    });
  });

  describe("when no unit leads and several share the work", () => {
    it("makes them all leads", () => {
      expect(parseResponsibleUnits("市发展改革委、市生态环境局、市商务局按职责分工负责")).toMatchObject({
        lead: ["市发展改革委", "市生态环境局", "市商务局"],
        support: [],
      });
    });
  });

  describe("when the counties and parks are added to every measure (均需…负责，下同)", () => {
    it("keeps 各县、区人民政府 in one piece and adds the counties and parks as support", () => {
      const raw = "市六大新兴产业推进组工作专班成员单位按职责分工负责，均需各县、区人民政府、园区管委会负责，下同";
      expect(parseResponsibleUnits(raw)).toEqual({
        lead: ["市六大新兴产业推进组工作专班成员单位"],
        support: ["各县区人民政府", "园区管委会"],
        raw,
      });
    });
  });

  describe("when a unit is named twice", () => {
    it("lists it once", () => {
      expect(parseResponsibleUnits("市科技局牵头，市科技局、市商务局配合").support).toEqual(["市科技局", "市商务局"]);
    });
  });
});

describe("carriedForwardUnits", () => {
  describe("when the clause says 下同 of the units that 均需…负责", () => {
    it("returns those units, not the clause's lead", () => {
      const raw = "市六大新兴产业推进组工作专班成员单位按职责分工负责，均需各县、区人民政府、园区管委会负责，下同";
      expect(carriedForwardUnits(raw)).toEqual(["各县区人民政府", "园区管委会"]);
    });
  });

  describe("when the clause says 下同 without 均需", () => {
    it("returns every unit it names", () => {
      expect(carriedForwardUnits("市发展改革委牵头，市生态环境局配合，下同")).toEqual(["市发展改革委", "市生态环境局"]);
    });
  });

  describe("when the clause does not say 下同", () => {
    it("returns nothing, even for 均需", () => {
      expect(carriedForwardUnits("市经济和信息化局牵头，市发展改革委配合")).toEqual([]);
      expect(carriedForwardUnits("市科技局牵头，均需各县、区人民政府负责")).toEqual([]);
    });
  });
});

describe("RESPONSIBILITY_CLAUSE", () => {
  const clauses = (text: string) => [...text.matchAll(RESPONSIBILITY_CLAUSE)].map((m) => m[1]);

  it("finds the 责任单位 clause and the bare clause used under 三、", () => {
    expect(clauses("推进“无废城市”建设。（责任单位：市生态环境局负责）")).toEqual(["市生态环境局负责"]);
    expect(clauses("实现工业发展的质量变革。（市经济和信息化局牵头，市发展改革委、市生态环境局等按职责分工负责）")).toEqual([
      "市经济和信息化局牵头，市发展改革委、市生态环境局等按职责分工负责",
    ]);
  });

  it("ignores other brackets in the plan", () => {
    expect(clauses("高耗能产品（工序）、二氧化碳捕集利用与封存（CCUS）、行动计划（2021-2023年）、省（重点）实验室")).toEqual([]);
  });
});
