import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { loadKnowledgeBase } from "../../../server/knowledge/knowledgeBase.js";
import { itemAt, listNamed } from "../../../server/pipeline/understand/ordinal.js";

const knowledge = loadKnowledgeBase(fileURLToPath(new URL("../../../knowledge/", import.meta.url)));
const item = (question: string) => itemAt(question, listNamed(question, knowledge), knowledge)?.id;

describe("listNamed", () => {
  it("finds a list by its title", () => {
    expect(listNamed("基本原则有几条", knowledge)?.id).toBe("hn2023:1.2");
  });

  it("finds a column by its label", () => {
    expect(listNamed("专栏8讲了些什么", knowledge)?.id).toBe("hn2023:zl8");
  });

  it("finds a list by its count and the word its items end in (“六大行动”)", () => {
    expect(listNamed("六大行动都是啥", knowledge)?.id).toBe("hn2023:2");
  });

  it("does not read an ordinal as a count (“第二个工程”)", () => {
    expect(listNamed("第二个工程里说了什么", knowledge)).toBeNull();
  });
});

describe("itemAt", () => {
  it.each([
    ["基本原则第一条是啥", "hn2023:1.2.p1"],
    ["六大行动第三个是什么", "hn2023:2.3"],
    ["专栏8第2条讲的什么", "hn2023:zl8.2"],
  ])("“%s” → %s", (question, id) => {
    expect(item(question)).toBe(id);
  });

  it("is null past the end of the list or without an ordinal", () => {
    expect(item("基本原则第九条是啥")).toBeUndefined();
    expect(item("基本原则是什么")).toBeUndefined();
  });
});
