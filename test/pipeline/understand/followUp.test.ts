import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { loadKnowledgeBase } from "../../../server/knowledge/knowledgeBase.js";
import { resolveFollowUp, subjectOf } from "../../../server/pipeline/understand/followUp.js";
import { findTopic } from "../../../server/pipeline/understand/topics.js";
import { citation, turn } from "../factories.js";

const knowledge = loadKnowledgeBase(fileURLToPath(new URL("../../../knowledge/", import.meta.url)));

const upgrade = citation(
  "hn2023:2.2.3",
  "二、重点任务 › （二）节能提效助力减碳行动 › 3. 开展节能降碳升级改造",
);
const greenFactory = citation("hn2023:2.3.5", "二、重点任务 › （三）绿色制造数字赋能行动 › 5. 推行清洁生产");
const solidWaste = citation(
  "hn2023:2.4.3",
  "二、重点任务 › （四）资源循环利用减碳行动 › 3. 强化工业固废综合利用",
);
const recycling = citation(
  "hn2023:2.4.1",
  "二、重点任务 › （四）资源循环利用减碳行动 › 1. 推动再生资源协同利用",
  3,
);

describe("resolveFollowUp", () => {
  describe("with no earlier turn", () => {
    it("keeps the message as the question and pins nothing", () => {
      expect(resolveFollowUp("那水泥呢？", [], knowledge)).toEqual({
        question: "那水泥呢？",
        pinnedUnitIds: [],
      });
    });
  });

  describe("an elliptical question (“那水泥呢？”)", () => {
    it("re-asks the previous question about the new sector", () => {
      const history = [turn("钢铁行业2025年的目标是什么")];
      expect(resolveFollowUp("那水泥呢？", history, knowledge)).toEqual({
        question: "水泥行业2025年的目标是什么",
        pinnedUnitIds: [],
      });
    });

    it("replaces a product by a product, the longer name first", () => {
      const history = [turn("水泥熟料的标杆值是多少")];
      expect(resolveFollowUp("那合成氨呢？", history, knowledge).question).toBe("合成氨的标杆值是多少");
      expect(resolveFollowUp("纯碱呢", history, knowledge).question).toBe("纯碱的标杆值是多少");
    });

    it("swaps one figure of a product for another (its target for its benchmark, and back)", () => {
      const target = [turn("熟料能耗2025年目标是多少")];
      expect(resolveFollowUp("那标杆值呢？", target, knowledge).question).toBe("熟料能耗标杆值是多少");
      const benchmark = [turn("熟料能耗标杆值是多少")];
      expect(resolveFollowUp("那2025年目标呢", benchmark, knowledge).question).toBe(
        "熟料能耗2025年目标是多少",
      );
    });

    it("swaps the topic for one named inside a longer phrase", () => {
      const { question } = resolveFollowUp("那清洁生产审核呢？", [turn("绿色工厂由哪个部门牵头")], knowledge);
      expect(question).toBe("清洁生产审核由哪个部门牵头");
      expect(question).not.toContain("绿色工厂");
    });

    it("re-asks about a subject that is not a known topic by putting it in front", () => {
      const plain = [turn("规上工业单位增加值能耗要降多少")];
      expect(resolveFollowUp("那碳排放强度呢？", plain, knowledge).question).toBe(
        "碳排放强度 规上工业单位增加值能耗要降多少",
      );
    });

    it("builds on the previous resolved question, so follow-ups chain", () => {
      const history = [
        turn("钢铁行业2025年的目标是什么"),
        turn("水泥行业2025年的目标是什么", [], { question: "那水泥呢？" }),
      ];
      expect(resolveFollowUp("化工呢？", history, knowledge).question).toBe("化工行业2025年的目标是什么");
    });

    it("leaves a long message alone even when it ends in 呢", () => {
      const message = "我们厂去年刚换了一批二级能效的电机，现在还要不要再换呢？";
      expect(resolveFollowUp(message, [turn("电机能效要达到什么水平")], knowledge).question).toBe(message);
    });
  });

  describe("an elliptical follow-up naming an aspect (“产品方面呢”)", () => {
    it("pins the clause beside the subject whose title the aspect names", () => {
      const history = [
        turn("钢铁行业在产能上有啥要求", [
          citation("hn2023:3.1.r1", "三、重点行业实施路径 › （一）钢铁行业 › 产能控制"),
        ]),
      ];
      expect(
        resolveFollowUp(
          "产品方面呢",
          history,
          knowledge,
          () => false,
          () => ["产品"],
        ).pinnedUnitIds,
      ).toEqual(["hn2023:3.1.r2"]);
    });
  });

  describe("an elliptical follow-up naming a clause beside the subject by its title (“产品优化呢”)", () => {
    it("pins that clause, though the subject's own text holds the same words", () => {
      const history = [
        turn("化工行业产能控制有啥要求", [
          citation("hn2023:3.3.r1", "三、重点行业实施路径 › （三）化工行业 › 产能控制"),
        ]),
      ];
      const subjectWords = (message: string) => (message === "产品优化" ? ["产品", "优化"] : []);
      expect(
        resolveFollowUp("产品优化呢", history, knowledge, () => false, subjectWords).pinnedUnitIds,
      ).toEqual(["hn2023:3.3.r2"]);
    });
  });

  describe("an elliptical follow-up with a short confirming tag (“那X呢，也是他们？”)", () => {
    it("is read as the elliptical follow-up, asking the same again of X", () => {
      const history = [turn("清洁生产审核谁牵头")];
      const { question } = resolveFollowUp("那细颗粒物和臭氧协同治理呢，也是他们？", history, knowledge);
      expect(question).toContain("谁牵头");
      expect(question).toContain("细颗粒物和臭氧协同治理");
    });
  });

  describe("an ordinal within a list the person named", () => {
    it("pins the item of the list the message itself names (“基本原则第一条是啥”)", () => {
      expect(resolveFollowUp("基本原则第一条是啥", [], knowledge).pinnedUnitIds).toEqual(["hn2023:1.2.p1"]);
    });

    it("goes on through the list the person named before (“第二条呢”)", () => {
      const history = [turn("基本原则第一条是啥")];
      expect(resolveFollowUp("第二条呢", history, knowledge).pinnedUnitIds).toEqual(["hn2023:1.2.p2"]);
    });

    it("looks back past the person's own ordinal follow-ups, to the list they named", () => {
      const history = [turn("六大行动第一个是什么"), turn("第三个呢")];
      const { pinnedUnitIds } = resolveFollowUp("第四个呢", history, knowledge);
      // The fourth action has no words of its own: it is pointed at through its measures.
      expect(pinnedUnitIds).toEqual(expect.arrayContaining(["hn2023:2.4.1", "hn2023:2.4.2", "hn2023:2.4.3"]));
    });
  });

  describe("an ordinal reference to the previous answer (“第二条由谁负责？”)", () => {
    const history = [turn("绿色工厂和节能改造分别由谁负责", [greenFactory, upgrade])];

    it("pins the cited unit with that number and names it in the question", () => {
      expect(resolveFollowUp("第二条由谁负责？", history, knowledge)).toEqual({
        question: "3. 开展节能降碳升级改造 第二条由谁负责？",
        pinnedUnitIds: ["hn2023:2.2.3"],
      });
    });

    it("reads Arabic numerals and other counters too", () => {
      expect(resolveFollowUp("第1项是谁牵头", history, knowledge).pinnedUnitIds).toEqual(["hn2023:2.3.5"]);
      expect(resolveFollowUp("第 2 点具体说了什么", history, knowledge).pinnedUnitIds).toEqual([
        "hn2023:2.2.3",
      ]);
    });

    it("pins nothing when there is no citation with that number", () => {
      expect(resolveFollowUp("第五条由谁负责？", history, knowledge)).toEqual({
        question: "第五条由谁负责？",
        pinnedUnitIds: [],
      });
    });

    it("takes “这条” to be the first citation", () => {
      expect(resolveFollowUp("这条由谁牵头？", history, knowledge).pinnedUnitIds).toEqual(["hn2023:2.3.5"]);
      expect(resolveFollowUp("它的配合单位有哪些", history, knowledge).pinnedUnitIds).toEqual([
        "hn2023:2.3.5",
      ]);
    });
  });

  describe("an ordinal after a question that asked for a list (“…有哪几条” → “第三条”)", () => {
    const history = [turn("资源循环利用减碳行动有哪几条", [recycling])];

    it("pins the third item of the section the answer quoted, not the third citation", () => {
      expect(resolveFollowUp("第三条", history, knowledge)).toEqual({
        question: "强化工业固废综合利用 第三条",
        pinnedUnitIds: ["hn2023:2.4.3"],
      });
    });

    it("counts only numbered items, not the section's 专栏", () => {
      // 2.4 holds 1., 2., 3. and 专栏5; “第四条” does not exist.
      expect(resolveFollowUp("第四条的牵头单位是？", history, knowledge).pinnedUnitIds).toEqual([]);
    });

    it("pins an item of the section when the section itself was cited", () => {
      const section = citation("hn2023:2.2", "二、重点任务 › （二）节能提效助力减碳行动");
      expect(
        resolveFollowUp("第二条", [turn("节能提效助力减碳行动有哪些措施", [section])], knowledge)
          .pinnedUnitIds,
      ).toEqual(["hn2023:2.2.2"]);
    });

    it("uses citation order when the question did not ask for a list", () => {
      const notAList = [turn("固废综合利用和再生资源有什么要求", [solidWaste, recycling])];
      expect(resolveFollowUp("第二条由谁负责", notAList, knowledge).pinnedUnitIds).toEqual(["hn2023:2.4.1"]);
    });
  });

  describe("a topic carried over (“我们是做水泥的” → “我们这个行业…”)", () => {
    it("puts the earlier topic in front of a question about “our industry”", () => {
      const history = [turn("我们是做水泥的")];
      expect(resolveFollowUp("我们这个行业2025年要达到什么水平", history, knowledge)).toEqual({
        question: "水泥 我们这个行业2025年要达到什么水平",
        pinnedUnitIds: [],
      });
    });

    it("finds the topic in any earlier turn, the latest first", () => {
      const history = [turn("我们是做化工的"), turn("你好"), turn("我们是做钢铁的")];
      expect(resolveFollowUp("我们的厂要做哪些改造", history, knowledge).question).toBe(
        "钢铁 我们的厂要做哪些改造",
      );
    });

    it("does not add a topic when the message names its own", () => {
      const history = [turn("我们是做水泥的")];
      expect(resolveFollowUp("我们这个行业的化工园区有什么要求", history, knowledge).question).toBe(
        "我们这个行业的化工园区有什么要求",
      );
    });

    it("does not add a topic to a question that is not about “us”", () => {
      const history = [turn("我们是做水泥的")];
      expect(resolveFollowUp("专栏3讲的是什么", history, knowledge).question).toBe("专栏3讲的是什么");
    });
  });

  describe("a clause named by its whole title in quotes (as 猜你想问 names them)", () => {
    const policy = citation("hn2023:4.1", "四、保障措施 › （一）健全政策体系");
    const history = [turn("“健全政策体系”有哪些要求？", [policy])];
    const sharesWords = (message: string) => ["完善", "机制"].filter((w) => message.includes(w));

    it("is the subject, even when its words are all the previous clause's own", () => {
      expect(
        resolveFollowUp("“完善服务机制”有哪些要求？", history, knowledge, () => false, sharesWords),
      ).toEqual({ question: "“完善服务机制”有哪些要求？", pinnedUnitIds: ["hn2023:4.3"] });
    });

    it("is the one under the industry the question names, of the paths that share a title", () => {
      expect(
        resolveFollowUp("建材行业的“技术创新”路径有哪些措施？", history, knowledge).pinnedUnitIds,
      ).toEqual(["hn2023:3.2.r3"]);
    });

    it("is not pinned when it is a list: understanding points at its items", () => {
      expect(resolveFollowUp("“保障措施”包括哪些内容？", history, knowledge)).toEqual({
        question: "“保障措施”包括哪些内容？",
        pinnedUnitIds: [],
      });
    });
  });

  it("leaves a question that stands on its own as it is", () => {
    const history = [turn("水泥熟料的标杆值是多少", [upgrade])];
    expect(resolveFollowUp("节能降碳改造由哪个部门牵头？", history, knowledge)).toEqual({
      question: "节能降碳改造由哪个部门牵头？",
      pinnedUnitIds: [],
    });
  });
});

describe("findTopic", () => {
  it("finds the longer name first", () => {
    expect(findTopic("水泥熟料的标杆值")).toBe("水泥熟料");
    expect(findTopic("水泥行业")).toBe("水泥");
    expect(findTopic("煤制烯烃和烯烃")).toBe("煤制烯烃");
  });

  it("finds nothing in a question without a sector, product or equipment", () => {
    expect(findTopic("专项资金怎么申报")).toBeNull();
  });
});

describe("resolveFollowUp: a question that names nothing", () => {
  const history = [
    turn("淘汰落后电机是哪一条规定的？", [
      citation("hn2023:2.2.3", "二、重点任务 › （二）节能提效助力减碳行动 › 3. 开展节能降碳升级改造"),
    ]),
  ];
  const noSubject = () => true;

  it("is about the clause that led the last answer", () => {
    expect(resolveFollowUp("截止到哪一年？", history, knowledge, noSubject)).toEqual({
      question: "开展节能降碳升级改造 截止到哪一年？",
      pinnedUnitIds: ["hn2023:2.2.3"],
    });
  });

  it("keeps that subject across a turn that quoted nothing (a calculator's question)", () => {
    const asked = turn("算一下", [], { status: "answered_needs_input" });
    expect(
      resolveFollowUp("适用于哪些企业？", [...history, asked], knowledge, noSubject).pinnedUnitIds,
    ).toEqual(["hn2023:2.2.3"]);
  });

  it("is left alone when it names a subject of its own", () => {
    expect(resolveFollowUp("清洁生产审核由谁负责", history, knowledge, () => false)).toEqual({
      question: "清洁生产审核由谁负责",
      pinnedUnitIds: [],
    });
  });
});

describe("subjectOf", () => {
  it("is the clause the last answer led with (its first [n]), not the first it cited", () => {
    const answer = "有。方案写明：统筹安排市级专项资金……[2]";
    const history = [turn("通用设备能效提升 有补贴吗", [upgrade, solidWaste], { answer })];
    expect(subjectOf(history, knowledge)?.id).toBe("hn2023:2.4.3");
    expect(subjectOf([turn("电机有什么要求", [upgrade, solidWaste])], knowledge)?.id).toBe("hn2023:2.2.3");
  });
});
