import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { ChineseTokenizer } from "../../server/retrieval/tokenizer.js";

const tokenizer = ChineseTokenizer.fromFile(
  fileURLToPath(new URL("../../knowledge/retrieval/dictionary.txt", import.meta.url)),
);
const withoutDictionary = new ChineseTokenizer();

describe("ChineseTokenizer", () => {
  describe("with the domain dictionary", () => {
    it.each(["单位产品综合能耗", "水泥熟料", "能效标杆值", "合同能源管理", "能效标杆水平", "基准水平"])(
      "keeps %s whole",
      (word) => {
        expect(tokenizer.tokenize(`请问${word}是什么意思`)).toContain(word);
      },
    );

    it("also yields the parts of a long word, so a question using a part still matches", () => {
      expect(tokenizer.tokenize("单位产品综合能耗")).toEqual(
        expect.arrayContaining(["单位产品综合能耗", "产品", "能耗"]),
      );
    });

    describe("when general segmentation guesses a word across the plan's own (HMM)", () => {
      it.each([
        ["方案还从哪几个角度来降碳", "降碳", "来降"],
        ["工业用能结构怎么优化", "用能", "工业用"],
      ])("cuts “%s” at the plan's word %s, not at %s", (question, word, guess) => {
        expect(withoutDictionary.tokenize(question)).toContain(guess);
        expect(tokenizer.tokenize(question)).toContain(word);
        expect(tokenizer.tokenize(question)).not.toContain(guess);
      });
    });

    it("yields 碳排放 from the plan's 二氧化碳排放, so a question about 碳排放 meets it", () => {
      expect(withoutDictionary.tokenize("二氧化碳排放2030年前达峰")).not.toContain("碳排放");
      expect(tokenizer.tokenize("二氧化碳排放2030年前达峰")).toEqual(
        expect.arrayContaining(["二氧化碳排放", "碳排放", "排放"]),
      );
    });

    it("knows words that general Chinese segmentation splits", () => {
      expect(withoutDictionary.tokenize("能效标杆值")).not.toContain("能效标杆值");
      expect(tokenizer.tokenize("能效标杆值")).toContain("能效标杆值");
    });
  });

  it("drops stopwords and punctuation", () => {
    const tokens = tokenizer.tokenize("我们的空压机怎么样？要不要换吗！");
    expect(tokens).toContain("空压机");
    for (const stopword of ["我们", "的", "怎么样", "吗", "？", "！"]) expect(tokens).not.toContain(stopword);
  });

  it("finds nothing in a question made only of stopwords", () => {
    expect(tokenizer.tokenize("的了吗呢？")).toEqual([]);
  });

  it("lower-cases Latin letters and keeps numbers", () => {
    expect(tokenizer.tokenize("CCUS技术和5G应用，2030年")).toEqual(
      expect.arrayContaining(["ccus", "5g", "2030"]),
    );
  });

  it("segments the same text the same way every time", () => {
    const text = "规上企业的单位增加值能耗到2025年要下降多少";
    expect(tokenizer.tokenize(text)).toEqual(tokenizer.tokenize(text));
  });

  describe("when the dictionary file is missing", () => {
    it("still segments Chinese with the general dictionary", () => {
      expect(
        ChineseTokenizer.fromFile("/nonexistent/dictionary.txt").tokenize("推动工业绿色低碳转型"),
      ).toEqual(expect.arrayContaining(["工业", "绿色", "低碳", "转型"]));
    });
  });
});
