import { describe, expect, it } from "vitest";
import type { Passage } from "../../../server/knowledge/types.js";
import type { SearchResult } from "../../../server/retrieval/hybridSearcher.js";
import {
  namesInstances,
  bestPassageIndex,
  bestSentence,
  bestSentenceOf,
  overlap,
  sentencesOf,
  type QuestionTerms,
} from "../../../server/pipeline/compose/sentences.js";

/** Every word weighs 1 unless given: enough to see which sentence wins and why. */
const terms = (tokens: string[], weights: Record<string, number> = {}): QuestionTerms => ({
  tokens,
  weight: (t) => weights[t] ?? 1,
  frame: new Set(["要求", "具体"]),
});

function result(text: string, title: string, pinned = false): SearchResult {
  const passage = {
    id: `${title}#1`,
    unitId: title,
    docId: "t",
    breadcrumb: ["一、", title],
    text,
  } as unknown as Passage;
  return {
    passage,
    score: pinned ? Infinity : 1,
    signals: { bm25Rank: 1, bm25Score: 1, vectorRank: 1, vectorSimilarity: 0.5 },
  };
}

describe("sentencesOf", () => {
  it("splits at 。；！？ and keeps a responsibility clause off the sentence", () => {
    expect(sentencesOf("推动电机改造。淘汰落后设备；（责任单位：市经济和信息化局牵头）")).toEqual([
      "推动电机改造。",
      "淘汰落后设备；",
    ]);
  });
});

describe("overlap", () => {
  it("counts each question word once, by its weight", () => {
    expect(overlap("电机电机电机", terms(["电机"], { 电机: 3 }))).toBe(3);
  });

  it("barely counts words that only say what kind of answer is wanted", () => {
    expect(overlap("提出具体要求", terms(["要求"], { 要求: 5 }))).toBeCloseTo(0.1);
  });
});

describe("bestSentenceOf", () => {
  it("prefers the sentence of the year the question names, and passes over one of another year", () => {
    const text = "2025年，入园率达到70%以上。2030年，入园率进一步提升。";
    expect(bestSentenceOf(text, { ...terms(["入园率"]), years: ["2025"] }, false)?.text).toMatch(/^2025年/);
    expect(bestSentenceOf(text, { ...terms(["入园率"]), years: ["2030"] }, false)?.text).toMatch(/^2030年/);
  });

  it("when the question asks when, passes over a sentence with no year for one with a year", () => {
    const text = "做好全市工业领域碳达峰工作，制定本实施方案。力争工业领域二氧化碳排放2030年前达峰。";
    const asked = { ...terms(["工业", "领域", "碳达峰", "达峰"], { 碳达峰: 2 }), asksWhen: true };
    expect(bestSentenceOf(text, asked, true)?.text).toMatch(/2030年前达峰/);
    expect(bestSentenceOf(text, { ...asked, asksWhen: false }, false)?.text).toMatch(/^做好/);
  });

  it("asked with a word of time, passes over a sentence with no year even when it shares far more words", () => {
    const text =
      "为贯彻碳达峰、碳中和决策部署，做好全市工业领域碳达峰工作，制定本方案。力争工业领域二氧化碳排放2030年前达峰。";
    const asked = { ...terms(["工业", "碳达峰", "达峰"], { 碳达峰: 6, 工业: 2 }), asksWhen: true };
    expect(bestSentenceOf(text, { ...asked, asksTime: true }, true)?.text).toMatch(/2030年前达峰/);
    // A completion verb alone ("实现哪几个变革") is no question of time: the sentence of most words stands.
    expect(bestSentenceOf(text, asked, true)?.text).toMatch(/^为贯彻/);
  });

  it("when the question asks what is forbidden, prefers the sentence that forbids", () => {
    const text = "对化工等行业重大新增项目，合理把握建设节奏。禁止新建炼油、乙烯等项目建设。";
    const asked = { ...terms(["化工", "项目"], { 化工: 2 }), prohibitionWords: ["禁止", "严禁"] };
    expect(bestSentenceOf(text, asked, false)?.text).toMatch(/^禁止/);
    expect(bestSentenceOf(text, { ...asked, prohibitionWords: undefined }, false)?.text).toMatch(/^对化工/);
  });

  it("skips a heading that merely repeats the unit's title", () => {
    const best = bestSentenceOf(
      "通用设备能效提升。推广稀土永磁无铁芯电机等节能设备。",
      terms(["设备"]),
      false,
      "通用设备能效提升",
    );
    expect(best?.text).toBe("推广稀土永磁无铁芯电机等节能设备。");
  });

  it("prefers a sentence with a figure when the question asks for one", () => {
    const best = bestSentenceOf("能耗持续下降。到2025年能耗下降15%。", terms(["能耗"]), true);
    expect(best?.text).toBe("到2025年能耗下降15%。");
  });

  it("finds nothing when no question word is there", () => {
    expect(bestSentenceOf("推进绿色工厂建设。", terms(["电机"]), false)).toBeNull();
  });
});

describe("bestSentence", () => {
  it("trusts retrieval's order: a lower-ranked passage needs clearly more of the question to win", () => {
    const passages = [
      result("推进水泥行业率先达峰。", "目标"),
      result("特别是大型国有企业要制定达峰行动计划。", "压实责任"),
    ];
    const question = terms(["水泥", "达峰", "特别"], { 水泥: 1, 达峰: 1, 特别: 1.2 });
    expect(bestSentence(passages, question, false)).toMatchObject({
      text: "推进水泥行业率先达峰。",
      passageIndex: 0,
    });
  });

  it("prefers the passages the question pointed at", () => {
    // Unpinned, the first passage would win (国家级 + 国家 = 2.5 against 2 × 0.75).
    const passages = [
      result("创建国家级绿色设计产品。", "绿色设计产品"),
      result("建设国家绿色工业园区。", "示范园区", true),
    ];
    expect(
      bestSentence(passages, terms(["国家级", "国家", "园区"], { 国家级: 1.5, 国家: 1, 园区: 1 }), false)
        ?.passageIndex,
    ).toBe(1);
  });
});

describe("bestPassageIndex", () => {
  it("picks the eligible passage that best matches, the first on a tie", () => {
    const passages = [
      result("废旧物资循环利用体系建设。", "a"),
      result("报废船舶回收拆解企业规范管理。", "b"),
      result("报废船舶拆解。", "c"),
    ];
    expect(bestPassageIndex(passages, terms(["报废船舶", "拆解"]), () => true)).toBe(1);
    expect(bestPassageIndex(passages, terms(["报废船舶"]), (r) => r.passage.unitId !== "b")).toBe(2);
    expect(bestPassageIndex(passages, terms(["报废船舶"]), () => false)).toBe(-1);
  });
});

describe("namesInstances", () => {
  it("reads a kind named by an enumeration, or by a qualifier right before it", () => {
    expect(
      namesInstances("支持汽车、机械、电子、家电等行业龙头企业，在供应链整合中发挥引领作用", "企业"),
    ).toBe("enumerated");
    expect(namesInstances("到2025年，具备条件的省级及以上园区全部实施循环化改造", "园区")).toBe("qualified");
  });

  it("prefers an enumeration of the kind to a qualifier of it anywhere in the sentence", () => {
    expect(
      namesInstances("推动先进适用绿色低碳技术装备研发，构建市场导向的绿色低碳技术创新体系", "技术"),
    ).toBe("qualified");
    expect(namesInstances("支持开展氢能安全利用、新型储能、低碳流程再造等关键技术研发", "技术")).toBe(
      "enumerated",
    );
  });

  it("not a kind merely named, or qualified in another clause", () => {
    expect(namesInstances("将绿色低碳理念贯穿于全过程，创建绿色供应链管理企业", "企业")).toBeNull();
    expect(namesInstances("推进“一园一策”，推进园区循环化改造", "园区")).toBeNull();
    // The kind is itself an item of the enumeration: no instances of it are named.
    expect(namesInstances("鼓励龙头企业联合上下游、行业间企业开展协同降碳行动", "行业")).toBeNull();
  });
});
