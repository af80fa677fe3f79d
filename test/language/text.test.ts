import { describe, expect, it } from "vitest";
import { asSentence, characterPairs, pairSimilarity, smallNumeral } from "../../server/language/text.js";

describe("characterPairs", () => {
  it("gives adjacent pairs, punctuation and spaces left out", () => {
    expect(characterPairs("节能，诊断")).toEqual(["节能", "能诊", "诊断"]);
  });
});

describe("pairSimilarity", () => {
  it("is 1 for the same text and 0 for texts sharing no pair", () => {
    expect(pairSimilarity("节能诊断", "节能诊断")).toBe(1);
    expect(pairSimilarity("节能诊断", "绿色工厂")).toBe(0);
  });

  it("counts a one-character text as its own pair", () => {
    expect(pairSimilarity("电", "电")).toBe(1);
  });
});

describe("smallNumeral", () => {
  it.each([
    ["三", 3],
    ["十", 10],
    ["十二", 12],
    ["二十", 20],
    ["两", 2],
    ["12", 12],
  ])("reads %s as %d", (text, value) => {
    expect(smallNumeral(text)).toBe(value);
  });

  it("is NaN for what is no numeral", () => {
    expect(smallNumeral("第")).toBeNaN();
  });
});

describe("asSentence", () => {
  it("ends a clause cut at a comma or semicolon with a full stop", () => {
    expect(asSentence("推行用能预算管理；")).toBe("推行用能预算管理。");
    expect(asSentence("推行用能预算管理，")).toBe("推行用能预算管理。");
  });

  it("leaves a sentence that already ends as it is", () => {
    expect(asSentence("推行用能预算管理。")).toBe("推行用能预算管理。");
  });
});
