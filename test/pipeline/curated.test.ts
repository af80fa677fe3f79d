import { describe, expect, it } from "vitest";
import { CuratedAnswerIndex, questionForm, servedAnswers } from "../../server/pipeline/curated.js";

const indexOf = (...questions: string[]) => {
  const index = new CuratedAnswerIndex();
  index.replaceAll(
    questions.map((question, i) => ({ id: i + 1, question, answer: `答复${i + 1}`, unitIds: [] })),
  );
  return index;
};

/** Each pair is tried both ways: the curated question and the asked one swapped. */
const bothWays = (pairs: Array<[string, string]>) =>
  pairs.flatMap(
    ([a, b]) =>
      [
        [a, b],
        [b, a],
      ] as Array<[string, string]>,
  );

const neverAnsweredFor = (pairs: Array<[string, string]>) =>
  it.each(bothWays(pairs))("“%s” is not answered for “%s”", (curated, asked) => {
    expect(indexOf(curated).match(asked)).toBeNull();
  });

describe("CuratedAnswerIndex.match", () => {
  describe("when the wording is the same or nearly so", () => {
    it.each(
      bothWays([
        ["每吨熟料能补贴多少钱", "请问，每吨熟料能补贴多少钱呢？"],
        ["可以申请节能补贴吗", "可不可以申请节能补贴？"],
        ["企业有申请节能诊断的资格吗", "企业有没有申请节能诊断的资格"],
        ["到2025年规上工业单位增加值能耗下降多少", "到二〇二五年，规上工业单位增加值能耗下降多少？"],
        ["2025年单位增加值能耗下降多少", "２０２５年单位增加值能耗下降多少"],
        ["单位增加值能耗下降15%是指哪一年", "单位增加值能耗下降百分之十五是指哪一年"],
        ["年产10,000吨的企业需要节能诊断吗", "年产10000吨的企业需要节能诊断吗"],
      ]),
    )("“%s” is answered for “%s”", (curated, asked) => {
      expect(indexOf(curated).match(asked)?.question).toBe(curated);
    });
  });

  describe("when a figure differs", () => {
    neverAnsweredFor([
      ["规上工业单位增加值能耗到2025年下降多少", "规上工业单位增加值能耗到2030年下降多少"],
      ["十四五期间规上工业能耗下降多少", "十三五期间规上工业能耗下降多少"],
      ["年产1.5万吨的企业需要节能诊断吗", "年产15万吨的企业需要节能诊断吗"],
      ["单位增加值能耗下降15%是指哪一年", "单位增加值能耗下降18%是指哪一年"],
      ["第二条由谁负责", "第三条由谁负责"],
      ["2025年单位增加值能耗下降多少", "单位增加值能耗下降多少"],
    ]);
  });

  describe("when one denies what the other asks", () => {
    neverAnsweredFor([
      ["可以申请节能补贴吗", "不可以申请节能补贴吗"],
      ["中小企业有能耗在线监测能申请专项资金吗", "中小企业没有能耗在线监测能申请专项资金吗"],
      ["新建项目需要开展节能审查", "新建项目无需开展节能审查"],
      ["改造项目已经验收可以申请奖励吗", "改造项目未验收可以申请奖励吗"],
    ]);
  });

  describe("when the questions ask about different things (key terms, knowledge/language/key-terms.json)", () => {
    neverAnsweredFor([
      ["更换高效电机一年能省多少电", "更换高效电机一年能省多少钱"],
      ["能省多少电", "能省多少钱"],
      ["水泥企业可以申请节能补贴吗", "钢铁企业可以申请节能补贴吗"],
      ["节能诊断可以申请补贴吗", "节能诊断可以申请贷款吗"],
      ["节能诊断需要收费吗", "节能审查需要收费吗"],
      ["需要开展节能审查吗", "可以开展节能审查吗"],
      ["节能诊断由谁负责", "节能诊断什么时候开始"],
      ["节能改造能省多少", "节能改造能省多少电"],
    ]);
  });

  describe("when one is a close paraphrase of the other", () => {
    it.each(
      bothWays([
        ["更换高效电机一年能省多少电", "换成高效电机每年可以节约多少度电"],
        ["节能诊断由哪个部门负责", "谁负责节能诊断"],
        ["每吨熟料能补贴多少钱", "熟料每吨可以补贴多少钱"],
        ["中小企业怎么申请节能诊断", "小企业如何申报节能诊断"],
        ["节能诊断怎么申请", "节能诊断的申请流程是什么"],
        ["合同能源管理有补贴吗", "合同能源管理项目有没有补助"],
        ["到2025年单位增加值能耗下降多少", "2025年单位增加值能耗要降低多少"],
      ]),
    )("“%s” is answered for “%s”", (curated, asked) => {
      expect(indexOf(curated).match(asked)?.question).toBe(curated);
    });
  });

  it("each of two near-miss questions gets its own answer", () => {
    const index = indexOf(
      "可以申请节能补贴吗",
      "不可以申请节能补贴吗",
      "到2025年能耗下降多少",
      "到2030年能耗下降多少",
    );
    expect(index.match("可以申请节能补贴吗？")?.id).toBe(1);
    expect(index.match("不可以申请节能补贴吗？")?.id).toBe(2);
    expect(index.match("请问到2025年能耗下降多少")?.id).toBe(3);
    expect(index.match("请问到2030年能耗下降多少")?.id).toBe(4);
    const money = indexOf("更换高效电机一年能省多少电", "更换高效电机一年能省多少钱");
    expect(money.match("换成高效电机每年可以节约多少度电")?.id).toBe(1);
    expect(money.match("换成高效电机每年可以节约多少钱")?.id).toBe(2);
  });

  it("unrelated questions match nothing", () => {
    expect(indexOf("每吨熟料能补贴多少钱").match("节能降碳改造由哪个部门牵头")).toBeNull();
    expect(indexOf("每吨熟料能补贴多少钱").match("？？")).toBeNull();
  });
});

describe("servedAnswers", () => {
  it("gives the index each active answer's published text, never a draft or a stopped one", () => {
    const published = { question: "已发布的问题", answer: "已发布的答复", unitIds: ["hn2023:4.2"] };
    expect(
      servedAnswers([
        { id: 1, active: true, published },
        { id: 2, active: true, published: null },
        { id: 3, active: false, published },
      ]),
    ).toEqual([{ id: 1, ...published }]);
  });
});

describe("questionForm", () => {
  it("reads words that merely contain 一 or 未/非/别 as neither figures nor negations", () => {
    expect(questionForm("未来进一步统一的节能要求非常严格吗，特别是哪一条")).toMatchObject({
      figures: "",
      negations: 0,
    });
    expect(questionForm("是否需要节能审查")).toMatchObject({ negations: 0 });
  });

  it("reads figures in Chinese numerals", () => {
    expect(questionForm("一百零五千克标准煤，三十万吨，二〇二五年").figures).toBe("105 2025 300000");
    expect(questionForm("一百零五千克标准煤").figures).toBe(questionForm("105千克标准煤").figures);
  });
});
