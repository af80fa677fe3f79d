import { describe, expect, it } from "vitest";
import { abbreviates, officeNamed, unitPremise } from "../../../server/pipeline/compose/responsible.js";
import { parseResponsibleUnits } from "../../../server/knowledge/responsibility.js";

const offices = ["市经济和信息化局", "市发展改革委", "市生态环境局", "市市场监管局"];

describe("abbreviates", () => {
  it.each([
    ["经信局", "市经济和信息化局"],
    ["发改委", "市发展改革委"],
    ["市场监管局", "市市场监管局"],
  ])("reads “%s” as a short name of %s", (short, full) => {
    expect(abbreviates(short, full)).toBe(true);
  });

  it("not when the last character differs or the characters are out of order", () => {
    expect(abbreviates("经信委", "市经济和信息化局")).toBe(false);
    expect(abbreviates("信经局", "市经济和信息化局")).toBe(false);
  });
});

describe("unitPremise", () => {
  const units = parseResponsibleUnits("市发展改革委牵头，市经济和信息化局配合");

  it("confirms the office that leads the measure", () => {
    expect(unitPremise(officeNamed("这项是发改委牵头吧", offices)!, units)).toBe("是。");
  });

  it("says an office that only helps is not the whole answer", () => {
    expect(unitPremise(officeNamed("是经信局负责吧", offices)!, units)).toContain("配合");
  });

  it("corrects an office the measure does not name", () => {
    expect(unitPremise(officeNamed("是生态环境局管的吧", offices)!, units)).toBe("不是。");
  });

  it("says nothing when the question names no office: none is read from it", () => {
    expect(officeNamed("这项归谁管", offices)).toBeNull();
  });
});
