import { describe, expect, it } from "vitest";
import { contentWords } from "../../../server/pipeline/understand/content.js";
import { useTestServices } from "../../support/services.js";

const env = useTestServices();
const words = (message: string) => contentWords(message, env.deps.language.forms, env.deps.searcher);

describe("contentWords", () => {
  it("finds none in a question made of question words and pointing words", () => {
    for (const message of [
      "这个归哪个部门管？",
      "截止到哪一年？",
      "适用于哪些企业？",
      "我们该怎么做？",
      "牵头的是谁",
    ])
      expect(words(message), message).toEqual([]);
  });

  it("finds the subject of a question that names one", () => {
    expect(words("那建材呢")).toEqual(["建材"]);
    expect(words("节能诊断由谁牵头")).toContain("诊断");
  });

  it("keeps a word the plan never uses once, as its longest form, when asked to", () => {
    const words = contentWords("厂里空压机很老了要换吗", env.deps.language.forms, env.deps.searcher, true);
    expect(words).toContain("空压机");
    expect(words).not.toContain("压机");
  });
});
