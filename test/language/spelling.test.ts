import { describe, expect, it } from "vitest";
import { HomophoneSpeller, wordFrequencies } from "../../server/language/spelling.js";

/** A corpus of ordinary Chinese in jieba's format: word, count, tag. */
const CORPUS = [
  "是 796991 v",
  "有 423765 v",
  "家具 886 n",
  "家俱 13 n",
  "审核 992 v",
  "公式 1158 n",
  "公示 119 v",
].join("\n");
const frequencies = wordFrequencies(CORPUS);

/** The domain's words, and a segmenter that leaves unknown characters alone as jieba does. */
function speller(domainWords: string[], known: string[] = ["家俱", "公式", "方案", "要求"]) {
  const words = [...known, ...domainWords].sort((a, b) => b.length - a.length);
  const segment = (text: string) => {
    const out: string[] = [];
    for (let at = 0; at < text.length;) {
      const word = words.find((w) => text.startsWith(w, at)) ?? text[at]!;
      out.push(word);
      at += word.length;
    }
    return out;
  };
  return new HomophoneSpeller({ domainWords, frequency: (w) => frequencies.get(w) ?? 0, segment });
}

describe("HomophoneSpeller", () => {
  it("mends lone characters that sound like a domain word of the same tones", () => {
    expect(speller(["入园率", "化工"]).correct("化工企业入圆率要求多少")).toBe("化工企业入园率要求多少");
  });

  it("mends a word rare in ordinary Chinese to the domain word it sounds like", () => {
    expect(speller(["家具"]).correct("开家俱厂的")).toBe("开家具厂的");
  });

  it("leaves a word of everyday Chinese as typed, though the domain has a homophone of it", () => {
    expect(speller(["公示"]).correct("计算公式是什么")).toBe("计算公式是什么");
  });

  it("does not mend into another tone: 费电 is no slip for 非电", () => {
    expect(speller(["非电"]).correct("又吵又费电")).toBe("又吵又费电");
  });

  it("keeps a common word said by itself (是, 有) rather than mend it into a domain word", () => {
    expect(speller(["适用"]).correct("你是用什么模型")).toBe("你是用什么模型");
  });

  it("mends nothing when two domain words sound the same", () => {
    expect(speller(["市场", "试场"]).correct("事场")).toBe("事场");
  });
});

describe("wordFrequencies", () => {
  it("keeps the count of each Han word used often enough to be meant, from lines of word, count and tag", () => {
    expect(frequencies.get("是")).toBe(796991);
    expect(frequencies.get("公示")).toBe(119);
    // used 13 times: as rare as a slip, so left out (read as 0)
    expect(frequencies.has("家俱")).toBe(false);
  });
});
