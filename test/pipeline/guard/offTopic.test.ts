import { describe, expect, it } from "vitest";
import {
  loadOffTopicVocabulary,
  MIN_ON_TOPIC_BM25,
  OffTopicDetector,
} from "../../../server/pipeline/guard/offTopic.js";
import { root, useTestServices } from "../../support/services.js";

const vocabulary = loadOffTopicVocabulary(`${root}knowledge`);

const env = useTestServices();

/** As the guard stage calls it: with the BM25 score of the best passage for the message. */
async function offTopic(message: string): Promise<boolean> {
  const { results } = await env.services.searcher.search(message, 1);
  return env.offTopic.isOffTopic(message, results[0]?.signals.bm25Score ?? 0);
}

describe("OffTopicDetector", () => {
  describe("requests for an unrelated task", () => {
    it.each([
      "帮我写一首关于淮河春天的七言绝句",
      "写一首关于节能的诗",
      "给我讲一个关于碳达峰的笑话",
      "给我讲个笑话吧",
      "帮我写一封辞职信，语气委婉一点",
      "帮我用Python写一个快速排序",
      "帮我翻译成英文：节能降碳",
      "Write me a poem about spring",
      "tell me a joke",
      "Translate this paragraph into Chinese: the committee met on Tuesday.",
      // tips on what to buy on a market are a task too, whatever the shares are about
      "推荐几只碳中和概念股，明天买哪个能涨",
      "光伏板块明天会涨停吗",
    ])("refuses “%s”, even when it mentions energy", async (message) => {
      expect(await offTopic(message)).toBe(true);
    });
  });

  describe("questions about an unrelated subject", () => {
    it.each([
      "明天淮南会下雨吗？要不要带伞",
      "今天淮南天气怎么样",
      "今晚有什么好看的电影",
      "推荐一部电视剧",
      "最近买哪只新能源股票能赚钱？",
      "淮南牛肉汤哪家最正宗？",
      "合肥的住房公积金怎么提取？",
      "比特币下个月还会涨吗",
      "淮南有哪些旅游景点",
      "What's the weather like in Huainan tomorrow?",
      "Who won the football match last night?",
      "What is the capital of France?",
      "How do I cook rice?",
      // One word the plan happens to use is not enough: 淮南, 推荐, 税, 电 (电脑), 找谁, 银行.
      "淮南南站到合肥南的高铁，最早一班几点开？",
      "推荐几款适合出差用的轻薄笔记本电脑",
      "帮我算算个人所得税，月薪一万二要交多少？",
      "寿县古城的门票多少钱，周末人多吗？",
      "家门口的路灯坏了找谁",
      "微信支付宝怎么解绑银行卡",
      "请问市民中心几点下班",
      "我想买辆新能源车，比亚迪和特斯拉哪个好",
      // An industry's name with no plant: a consumer's question.
      "买羽绒服是鸭绒好还是鹅绒好",
    ])("refuses “%s”", async (message) => {
      expect(await offTopic(message)).toBe(true);
    });
  });

  describe("questions about the plan and industrial energy saving", () => {
    it.each([
      "规上工业单位增加值能耗到2025年要降多少",
      "水泥熟料的标杆值是多少",
      "节能降碳改造由哪个部门牵头？",
      "空压机很老了要换吗",
      "有没有补贴",
      "合同能源管理",
      "屋顶装太阳能板",
      "天气炎热时空压机怎么节能",
      "下雨天光伏发电效率会不会下降",
      "How much must energy intensity fall by 2025?",
      "Is there funding for waste heat recovery?",
      "What targets does the plan set for 2030?",
      "写一份节能诊断报告需要哪些内容",
      "讲讲企业节能改造有哪些成功做法",
      // No domain word, but the plan's own words: 揭榜挂帅, 再制造, 亩均效益.
      "揭榜挂帅是怎么回事",
      "盾构机再制造有支持吗",
      "亩均效益评价是啥",
      "无废城市建设谁来抓",
      // An industry people name, with a word for a plant: the plan's domain.
      "皮革厂要做啥",
      "我们是做羽绒加工的，要注意什么",
    ])("answers “%s”", async (message) => {
      expect(await offTopic(message)).toBe(false);
    });
  });

  describe("the share of a question's words the plan uses", () => {
    const detector = new OffTopicDetector(vocabulary, [], {
      words: new Set(["淮南", "再制造", "盾构机"]),
      tokenize: (text) => text.split(" "),
    });

    it("refuses a question without a domain word when too few of its words are the plan's", () => {
      expect(detector.planCoverage("淮南 高铁 几点 开车")).toBe(0.25);
      expect(detector.isOffTopic("淮南 高铁 几点 开车", 50)).toBe(true);
    });

    it("accepts one whose words are mostly the plan's", () => {
      expect(detector.planCoverage("盾构机 再制造 支持")).toBeCloseTo(2 / 3);
      expect(detector.isOffTopic("盾构机 再制造 支持", 50)).toBe(false);
    });
  });

  describe("with only the plan overlap to go by", () => {
    const detector = new OffTopicDetector(vocabulary, ["能效标杆", "数字化转型"]);

    it("accepts a message that shares enough words with the plan", () => {
      expect(detector.isOffTopic("量子纠缠", MIN_ON_TOPIC_BM25)).toBe(false);
      expect(detector.isOffTopic("量子纠缠", MIN_ON_TOPIC_BM25 - 0.01)).toBe(true);
    });

    it("accepts a message naming a domain term whatever its overlap", () => {
      expect(detector.isOffTopic("数字化转型怎么搞", 0)).toBe(false);
      expect(detector.mentionsDomain("数字化转型怎么搞")).toBe(true);
    });

    it("ignores one-character domain terms, which would match almost anything", () => {
      expect(new OffTopicDetector(vocabulary, ["的", "是"]).mentionsDomain("量子纠缠是什么")).toBe(false);
    });

    it("lets no overlap rescue an unrelated task", () => {
      expect(detector.isOffTopic("写一首诗", 50)).toBe(true);
    });
  });
});
