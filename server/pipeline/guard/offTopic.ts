/**
 * Off-topic detection. A request for an unrelated task (a poem, a joke, code, a translation) is off
 * topic even when it mentions energy; a question about an unrelated subject (weather, stocks,
 * football) is off topic unless it also names something of the plan's domain.
 */
const UNRELATED_TASKS =
  /(写|作|来)(一)?(首|篇|段|封|份)?(诗|词|歌|小说|故事|作文|对联|笑话|段子|情书|辞职信|求职信|检讨|简历|演讲稿|祝福语)|讲(个|一个)?(笑话|故事)|(写|作|来)一?(首|篇|段|封)[^，。？！,.?!\s]{1,10}?的(诗|词|歌|小说|故事|作文|对联|笑话|段子)|讲(个|一个)[^，。？！,.?!\s]{1,10}?的笑话|写(一段|一个|个)?(代码|程序|脚本|函数|sql)|python|java(script)?|c\+\+|编程|排序算法|翻译(一下|成|为)?|translate|write (a|me) (poem|story|song|code)|tell me a joke/i;

const UNRELATED_SUBJECTS =
  /天气|气温|下雨|下雪|带伞|牛肉汤|美食|小吃|餐厅|饭店|好吃|正宗|豆腐|股票|股市|基金|彩票|足球|篮球|欧冠|世界杯|nba|电影|电视剧|综艺|明星|八卦|菜谱|做菜|怎么做.{0,4}(菜|饭|汤)|减肥|星座|算命|游戏|旅游|景点|门票|好玩|机票|高铁|火车|车票|航班|快递|驾照|上牌|车牌|违章|比亚迪|特斯拉|手机|电脑|笔记本|蓝屏|房价|买房|租房|公积金|社保|医保|报销比例|挂号|核酸|失业金|退休金|养老金|个人所得税|个税|工资|月薪|年终总结|落户|户口|积分|通行证|护照|身份证办理|小学|中学|[一二三四五六七八九十]中|大学|高考|中考|录取|分数线|考试|公务员|考研|好书|小说|读书|微信|支付宝|银行卡|解绑|比特币|恋爱|相亲|宠物|狗狗|猫咪|总统|选举|战争|weather|stock|football|recipe|movie/i;

const EVERY_UNRELATED_SUBJECT = new RegExp(UNRELATED_SUBJECTS.source, "gi");

/**
 * Words that make a question belong to the plan's domain even without a dictionary term. Words, not
 * single characters: 电 is in 电脑 and 电视剧, 税 in 个人所得税, 局 in 邮政局.
 */
const CORE_DOMAIN =
  /碳|能耗|能效|节能|节电|节水|减排|排放|降碳|低碳|绿色|环保|工业|企业|工厂|厂里|厂子|我厂|本厂|厂区|厂房|园区|项目|政策|方案|文件|条款|专栏|补贴|资金|贷款|信贷|融资|税收|电力|用电|电费|电价|电能|电机|电炉|电网|电气化|电锅炉|绿电|光伏|风电|储能|氢|煤|天然气|燃气|蒸汽|余热|余压|热力|热泵|标准|标杆|基准|达标|改造|设备|锅炉|窑|产能|产品|行业|钢铁|炼钢|钢厂|废钢|水泥|熟料|化工|建材|纯碱|烯烃|合成氨|部门|经信|发改|生态环境|负责|牵头|计算|差距|吨|\b(energy|carbon|co2|emission|efficien|industr|benchmark|baseline|subsid|polic|plant|factory|factories|enterprise|boiler|motor|photovoltaic|solar|fund|grant|retrofit|heat|target)/i;

const ASKS_WHO = /谁|哪个|哪家|找|管这事/;

/** A question whose best passage scores below this shares no real words with the plan. */
export const MIN_ON_TOPIC_BM25 = 3;
/**
 * Below this share of its words found anywhere in the plan, a question without a domain word is about
 * something else, even when one word matches ("淮南南站到合肥南的高铁" shares only 淮南).
 */
export const MIN_PLAN_COVERAGE = 0.3;

/** The plan's own words, to tell how much of a question the plan could speak to. */
export interface PlanVocabulary {
  words: ReadonlySet<string>;
  tokenize(text: string): string[];
}

export class OffTopicDetector {
  private readonly terms: string[];

  /**
   * `domainTerms`: the retrieval dictionary, the synonyms and the words of the plan's headings. Ways
   * of asking who is responsible ("找谁", "谁管") are synonyms too, but say nothing of the subject.
   */
  constructor(
    domainTerms: string[],
    private readonly plan?: PlanVocabulary,
  ) {
    this.terms = [...new Set(domainTerms.filter((term) => term.length >= 2 && !ASKS_WHO.test(term)))];
  }

  /** `planOverlap`: the BM25 score of the best passage for the message. */
  isOffTopic(message: string, planOverlap: number): boolean {
    if (UNRELATED_TASKS.test(message)) return true;
    const domain = this.mentionsDomain(message);
    // Words of the plan's headings ("新能源") are too weak to rescue "新能源股票"; the core domain is not.
    // The core domain is looked for outside the unrelated words: 天气 holds 气 and 电影 holds 电.
    if (UNRELATED_SUBJECTS.test(message))
      return !CORE_DOMAIN.test(message.replace(EVERY_UNRELATED_SUBJECT, ""));
    if (domain) return false;
    return planOverlap < MIN_ON_TOPIC_BM25 || this.planCoverage(message) < MIN_PLAN_COVERAGE;
  }

  mentionsDomain(message: string): boolean {
    return CORE_DOMAIN.test(message) || this.terms.some((term) => message.includes(term));
  }

  /** The share of the message's words (two characters or more) that occur in the plan; 1 when unknown. */
  planCoverage(message: string): number {
    if (!this.plan) return 1;
    const words = [...new Set(this.plan.tokenize(message).filter((word) => word.length >= 2))];
    if (words.length === 0) return 1;
    return words.filter((word) => this.plan!.words.has(word)).length / words.length;
  }
}
