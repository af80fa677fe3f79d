import { describe, expect, it } from "vitest";
import { loadQuestionForms } from "../../../server/language/questionForms.js";
import { readAsks } from "../../../server/pipeline/understand/asks.js";
import { root } from "../../support/services.js";

const forms = loadQuestionForms(`${root}knowledge`);
const asks = (question: string) => readAsks(question, forms);

describe("readAsks", () => {
  describe("a polar question", () => {
    it("about an obligation, with the verb a yes repeats", () => {
      expect(asks("高耗能落后设备一定要淘汰吗？").yesNo).toEqual({
        echo: "要",
        obligation: true,
        negated: false,
      });
    });

    it("about an obligation, negated (“可以不…吗”)", () => {
      expect(asks("我们企业可以不参加节能诊断吗？").yesNo).toMatchObject({ obligation: true, negated: true });
    });

    it("of existence (A-not-A “有没有”)", () => {
      expect(asks("有没有钱支持节能改造").yesNo).toEqual({ echo: "有", obligation: false, negated: false });
    });

    it("takes the verb nearest the particle, not one inside a word (能 of 换, not of 耗能)", () => {
      expect(asks("高耗能电机能换吗").yesNo?.echo).toBe("能");
      expect(asks("这个项目会被关停吗").yesNo?.echo).toBe("会");
    });

    it("only in the clause that is polar (“…，有补贴吗？”)", () => {
      expect(asks("我们想换电机，有补贴吗？").yesNo?.echo).toBe("有");
    });
  });

  describe("any verb repeated around 不 or 没", () => {
    it("is polar, its echo the verb as the tokenizer reads it (“鼓不鼓励” → 鼓励)", () => {
      expect(
        readAsks("煤矸石砖线方案鼓不鼓励？", forms, ["煤矸石", "砖线", "方案", "鼓励"]).yesNo?.echo,
      ).toBe("鼓励");
      expect(asks("方案对光伏支不支持").yesNo).not.toBeNull();
    });
  });

  describe("a wh-question with a short polar tag after it", () => {
    it("wants the wh-answer (“啥时候能达峰？有个年份吗”)", () => {
      expect(asks("淮南工业啥时候能碳达峰？有个年份吗").yesNo).toBeNull();
    });

    it("but a polar clause with content of its own is asked too (“能进那个名单吗，找谁”)", () => {
      expect(asks("能进那个规范企业名单吗，找谁").yesNo).not.toBeNull();
    });
  });

  describe("a tag question with 吧, asking to confirm what it states", () => {
    it.each(["用能预算管理是经信局负责吧？", "入园率要到80%以上，没问题吧", "到2025年培育65户吧"])(
      "“%s”",
      (q) => {
        expect(asks(q).yesNo).not.toBeNull();
      },
    );

    it("but not a softened request that asks a wh-question (“你说说有啥要求吧”)", () => {
      expect(asks("你直接说方案对电子信息行业有啥要求吧").yesNo).toBeNull();
    });
  });

  describe("not a polar question", () => {
    it("when 么 ends a wh-word (“专栏3包括什么”)", () => {
      expect(asks("专栏3包括什么").yesNo).toBeNull();
      expect(asks("节能诊断怎么").yesNo).toBeNull();
    });

    it("when it asks who, when or how much", () => {
      expect(asks("这项工作由哪个部门牵头？")).toMatchObject({ yesNo: null, who: true });
      expect(asks("截止到哪一年？")).toMatchObject({ yesNo: null, when: true });
      expect(asks("能耗要降多少")).toMatchObject({ yesNo: null, howMuch: true });
    });
  });

  it("reads 要 with a verb of doing in a polar question as asking whether it is required (“我们小厂要做吗”)", () => {
    expect(asks("我们小厂要做吗").yesNo).toMatchObject({ echo: "要", obligation: true, negated: false });
    expect(asks("节能诊断要参加吗").yesNo).toMatchObject({ obligation: true });
  });

  it("reads 能不能 as asking whether one may, and 能不能不 as asking whether one may not", () => {
    expect(asks("我们小厂能不能申请绿色工厂").yesNo).toMatchObject({
      echo: "能",
      obligation: false,
      negated: false,
    });
    expect(asks("我们能不能不参加节能诊断").yesNo).toMatchObject({ obligation: true, negated: true });
  });

  it("takes a completion verb as asking when, but only a word of time as asking for a time", () => {
    expect(asks("园区循环化改造什么时候完成")).toMatchObject({ when: true, time: true });
    expect(asks("这一部分最终要实现哪几个变革")).toMatchObject({ when: true, time: false });
  });

  it("reads two asks of one question (“什么目标，什么时候完成”)", () => {
    expect(asks("建材行业有什么目标，什么时候完成？")).toMatchObject({ howMuch: true, when: true });
  });

  it("reads an alternative question, and one between an obligation and none as a question of obligation", () => {
    expect(asks("入园率是按企业个数算还是按产值算")).toMatchObject({ alternative: true, yesNo: null });
    expect(asks("清洁生产审核是强制的还是自愿的").yesNo).toMatchObject({ obligation: true });
  });

  it("takes no one-character modal inside a word when the words are known", () => {
    expect(
      readAsks("电子信息行业有能效标杆值吗", forms, ["电子信息", "行业", "能效", "标杆值"]).yesNo?.echo,
    ).toBe("有");
  });

  it("reads a form inside a longer form of the question as part of that one (“哪几个方面” asks which, not how many)", () => {
    expect(asks("保障措施分哪几个方面")).toMatchObject({ list: true, howMuch: false });
    expect(asks("有几个专栏")).toMatchObject({ howMuch: true });
  });

  it("reads a figure stated with only a question mark as asking whether it is so, not whether it binds", () => {
    expect(asks("方案要求规上工业能耗2025年下降15%？").yesNo).toEqual({
      echo: "是",
      obligation: false,
      negated: false,
    });
    expect(asks("电机能效提升？").yesNo).toBeNull();
    expect(asks("2025年要降多少？").yesNo).toBeNull();
  });

  it("reads a clause ending in a bare negation as polar, its echo the verb before it (“方案支持不”)", () => {
    expect(readAsks("方案支持不", forms, ["方案", "支持", "不"]).yesNo).toMatchObject({ echo: "支持" });
    expect(asks("方案里有支持的说法没").yesNo).toMatchObject({ echo: "有" });
    expect(asks("方案不").yesNo).toMatchObject({ echo: "是" });
  });

  it("reads 得 after an adverb as must (“是不是每年都得做”), an obligation", () => {
    expect(asks("是不是每年都得做清洁生产审核").yesNo).toMatchObject({ obligation: true });
  });

  it("reads a question for what a clause says as a whole", () => {
    expect(asks("资金那块具体说了啥")).toMatchObject({ content: true, list: false });
    expect(asks("资金支持有多少")).toMatchObject({ content: false });
  });

  it("reads a list and a course of action", () => {
    expect(asks("基本原则有哪几条")).toMatchObject({ list: true, how: false });
    expect(asks("我们该怎么做")).toMatchObject({ list: false, how: true });
    expect(asks("适用于哪些企业")).toMatchObject({ applies: true });
  });
});
