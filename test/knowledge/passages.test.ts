import { describe, expect, it } from "vitest";
import { chunk, MAX_PASSAGE_CHARS } from "../../server/knowledge/passages.js";

/** A Chinese sentence of exactly n characters, ending with 。 */
const sentence = (n: number, fill = "节") => `${fill.repeat(n - 1)}。`;

describe("chunk", () => {
  it("keeps a short text whole", () => {
    expect(chunk("推进工业领域节能降碳。加快绿色低碳转型。")).toEqual(["推进工业领域节能降碳。加快绿色低碳转型。"]);
  });

  describe("when the text is longer than a passage", () => {
    it("cuts at sentence ends, never inside a sentence", () => {
      const text = [sentence(70, "甲"), sentence(70, "乙"), sentence(70, "丙")].join("");
      const pieces = chunk(text);
      expect(pieces).toEqual([sentence(70, "甲") + sentence(70, "乙"), sentence(70, "丙")]);
      expect(pieces.every((p) => p.length <= MAX_PASSAGE_CHARS)).toBe(true);
    });

    it("keeps a responsibility clause with the sentence before it", () => {
      const clause = "（责任单位：市生态环境局负责）";
      const pieces = chunk(sentence(100, "甲") + sentence(50, "乙") + clause);
      expect(pieces.at(-1)).toBe(sentence(50, "乙") + clause);
    });
  });

  describe("when a single sentence is longer than a passage", () => {
    it("keeps the sentence whole", () => {
      const long = sentence(MAX_PASSAGE_CHARS + 30);
      expect(chunk(`${long}${sentence(10, "乙")}`)).toEqual([long, sentence(10, "乙")]);
    });
  });

  it("keeps short lines such as signatures together, one per line", () => {
    expect(chunk("淮南市经济和信息化局\n淮南市生态环境局\n2023年5月31日")).toEqual(["淮南市经济和信息化局\n淮南市生态环境局\n2023年5月31日"]);
  });

  it("makes nothing of an empty text", () => {
    expect(chunk("  \n ")).toEqual([]);
  });
});
