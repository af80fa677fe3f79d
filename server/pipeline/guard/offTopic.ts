/**
 * Off-topic detection. A request for an unrelated task (a poem, a joke, code, a translation) is off
 * topic even when it mentions energy; a question about an unrelated subject (weather, stocks,
 * football) is off topic unless it also names something of the plan's domain.
 */
const UNRELATED_TASKS =
  /(写|作|来)(一)?(首|篇|段|封|份)?(诗|词|歌|小说|故事|作文|对联|笑话|段子|情书|辞职信|求职信|检讨|简历|演讲稿|祝福语)|讲(个|一个)?(笑话|故事)|(写|作|来)一?(首|篇|段|封)[^，。？！,.?!\s]{1,10}?的(诗|词|歌|小说|故事|作文|对联|笑话|段子)|讲(个|一个)[^，。？！,.?!\s]{1,10}?的笑话|写(一段|一个|个)?(代码|程序|脚本|函数|sql)|python|java(script)?|c\+\+|编程|排序算法|翻译(一下|成|为)?|translate|write (a|me) (poem|story|song|code)|tell me a joke/i;

const UNRELATED_SUBJECTS =
  /天气|气温|下雨|下雪|带伞|牛肉汤|美食|小吃|餐厅|饭店|好吃|正宗|股票|股市|基金|彩票|足球|篮球|世界杯|nba|电影|电视剧|明星|八卦|菜谱|做菜|怎么做.{0,4}(菜|饭|汤)|减肥|星座|算命|游戏|旅游|景点|机票|高铁票|房价|买房|公积金|社保|落户|户口|积分|比特币|恋爱|相亲|总统|选举|战争|weather|stock|football|recipe|movie/i;

const EVERY_UNRELATED_SUBJECT = new RegExp(UNRELATED_SUBJECTS.source, "gi");

/** Words that make a question belong to the plan's domain even without a dictionary term. */
const CORE_DOMAIN =
  /碳|能耗|能效|节能|减排|排放|降碳|低碳|绿色|环保|工业|企业|工厂|厂|园区|项目|政策|方案|文件|条款|专栏|补贴|资金|贷款|税|电|煤|气|蒸汽|热|标准|标杆|基准|达标|改造|设备|电机|锅炉|窑|产能|产品|行业|钢|水泥|熟料|化工|建材|纯碱|烯烃|合成氨|部门|局|负责|牵头|经信|发改|生态|计算|差距|吨/;

/** A question whose best passage scores below this shares no real words with the plan. */
export const MIN_ON_TOPIC_BM25 = 3;

export class OffTopicDetector {
  private readonly terms: string[];

  /** `domainTerms`: the retrieval dictionary, the synonyms and the words of the plan's headings. */
  constructor(domainTerms: string[]) {
    this.terms = [...new Set(domainTerms.filter((term) => term.length >= 2))];
  }

  /** `planOverlap`: the BM25 score of the best passage for the message. */
  isOffTopic(message: string, planOverlap: number): boolean {
    if (UNRELATED_TASKS.test(message)) return true;
    const domain = this.mentionsDomain(message);
    // Words of the plan's headings ("新能源") are too weak to rescue "新能源股票"; the core domain is not.
    // The core domain is looked for outside the unrelated words: 天气 holds 气 and 电影 holds 电.
    if (UNRELATED_SUBJECTS.test(message)) return !CORE_DOMAIN.test(message.replace(EVERY_UNRELATED_SUBJECT, ""));
    return !domain && planOverlap < MIN_ON_TOPIC_BM25;
  }

  mentionsDomain(message: string): boolean {
    return CORE_DOMAIN.test(message) || this.terms.some((term) => message.includes(term));
  }
}
