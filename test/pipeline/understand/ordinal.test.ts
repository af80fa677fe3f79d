import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { loadKnowledgeBase } from "../../../server/knowledge/knowledgeBase.js";
import { clauseQuoted, itemAt, listNamed } from "../../../server/pipeline/understand/ordinal.js";

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

describe("clauseQuoted", () => {
  it("finds a clause by its whole title in quotes, not by a part of it or without quotes", () => {
    expect(clauseQuoted("“完善服务机制”有哪些要求？", knowledge)?.id).toBe("hn2023:4.3");
    expect(clauseQuoted("““五个一百”行动”有哪些要求？", knowledge)?.id).toBe("hn2023:zl2.4");
    expect(clauseQuoted("“服务机制”有哪些要求？", knowledge)).toBeNull();
    expect(clauseQuoted("完善服务机制有哪些要求？", knowledge)).toBeNull();
  });

  it("tells apart clauses that share a title by the units above them the question names", () => {
    expect(clauseQuoted("化工行业的“技术创新”路径有哪些措施？", knowledge)?.id).toBe("hn2023:3.3.r3");
    expect(clauseQuoted("“技术创新”路径有哪些措施？", knowledge)).toBeNull();
  });
});
