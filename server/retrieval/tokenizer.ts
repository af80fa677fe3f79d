import fs from "node:fs";
import { Jieba } from "@node-rs/jieba";
import { dict } from "@node-rs/jieba/dict.js";

/** Words that carry no meaning for search, in questions as people ask them and in the plan. */
const STOPWORDS = new Set(
  (
    "的 了 和 与 及 等 是 在 有 吗 呢 吧 啊 呀 嘛 我 我们 你 你们 他 它 这 那 这个 那个 什么 怎么 怎么样 怎样 如何 哪些 哪个 " +
    "多少 请问 一下 可以 能 能不能 会 要 需要 想 对 对于 把 被 给 从 到 为 以 之 中 上 下 里 也 都 就 还 又 或 或者 " +
    "并 并且 而 其 该 各 个 一 方面 方案 我市 全市 市 一些 有没有 没有 是不是 相关 关于 进行 开展 推进 推动 加快 加强"
  ).split(/\s+/),
);

export class ChineseTokenizer {
  private readonly jieba: Jieba;

  constructor(domainDictionary?: string) {
    this.jieba = Jieba.withDict(dict);
    if (domainDictionary) this.jieba.loadDict(Buffer.from(domainDictionary));
  }

  static fromFile(dictionaryPath: string): ChineseTokenizer {
    return new ChineseTokenizer(
      fs.existsSync(dictionaryPath) ? fs.readFileSync(dictionaryPath, "utf8") : undefined,
    );
  }

  /** The text cut into words as written, every character kept (spelling reads it). */
  segment(text: string): string[] {
    return this.jieba.cut(text, false);
  }

  /** Search-mode cut (long words also yield their parts), lower-cased, without stopwords and punctuation. */
  tokenize(text: string): string[] {
    return this.jieba
      .cutForSearch(text.toLowerCase(), true)
      .map((token) => token.trim())
      .filter((token) => token.length > 0 && !STOPWORDS.has(token) && /[\p{L}\p{N}]/u.test(token));
  }
}
