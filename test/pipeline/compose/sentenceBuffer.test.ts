import { describe, expect, it } from "vitest";
import { SentenceBuffer } from "../../../server/pipeline/compose/sentenceBuffer.js";

const feed = (chunks: string[]) => {
  const buffer = new SentenceBuffer();
  const pieces = chunks.map((chunk) => buffer.push(chunk)).filter(Boolean);
  return { pieces, rest: buffer.flush() };
};

describe("SentenceBuffer", () => {
  it("gives out whole sentences as they end, and the rest at the end", () => {
    expect(feed(["到2025年", "下降15%[1]。这一", "目标针对规上工业[1]。\n另", "外"])).toEqual({
      pieces: ["到2025年下降15%[1]。", "这一目标针对规上工业[1]。\n"],
      rest: "另外",
    });
  });

  it("never cuts inside an open tag, even at a full stop", () => {
    const { pieces, rest } = feed(['结论[1]。<img alt="盖章。', '" src=x>补充[1]。']);
    expect(pieces).toEqual(["结论[1]。", '<img alt="盖章。" src=x>补充[1]。']);
    expect(rest).toBe("");
  });

  it("waits for the character after a “<” before deciding it opens a tag", () => {
    expect(feed(["能耗<", "100千克[1]。"]).pieces).toEqual(["能耗<100千克[1]。"]);
    expect(feed(["结论。<", "b>加粗。</b>"]).pieces).toEqual(["结论。", "<b>加粗。"]);
  });

  it("holds a long text without a sentence end until the end, counting what it holds", () => {
    const buffer = new SentenceBuffer();
    for (let i = 0; i < 100_000; i++) expect(buffer.push("字")).toBe("");
    expect(buffer.held).toBe(100_000);
    expect(buffer.flush()).toHaveLength(100_000);
  });
});
