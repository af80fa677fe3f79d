import path from "node:path";
import { describe, expect, it } from "vitest";
import { KeyTerms, loadKeyTermsFile, termSimilarity, termTokens } from "../../server/language/keyTerms.js";

const file = loadKeyTermsFile(path.resolve(import.meta.dirname, "../../knowledge"));
const terms = new KeyTerms(file);
const classOf = (id: string) => file.classes.findIndex((c) => c.id === id);

describe("KeyTerms (knowledge/language/key-terms.json)", () => {
  it("lists each word in one group only, so a word never means two things", () => {
    const seen = new Map<string, string>();
    for (const c of file.classes)
      for (const [i, group] of c.groups.entries())
        for (const word of group) {
          expect(seen.get(word), `${word} in ${c.id}[${i}] and ${seen.get(word)}`).toBeUndefined();
          seen.set(word, `${c.id}[${i}]`);
        }
    for (const word of file.neutral) expect(seen.has(word), word).toBe(false);
  });

  it("reads the longest word first: 电机 is equipment, 节能 neutral, and only the 电 of 多少电 is electricity", () => {
    const read = terms.read("电机节能能省多少电");
    expect(read.groups[classOf("quantity")]).not.toBe("");
    expect(read.groups[classOf("subject")]).not.toBe("");
    expect(terms.read("电机节能").groups[classOf("quantity")]).toBe("");
    expect(terms.read("碳达峰水平能耗").groups.every((g) => g === "")).toBe(true);
  });

  it("tells questions apart by what they ask of (differ), and by may or must only when both say (both)", () => {
    expect(terms.differ(terms.read("能省多少电"), terms.read("能省多少钱"))).toBe(true);
    expect(terms.differ(terms.read("需要申请吗"), terms.read("可以申请吗"))).toBe(true);
    expect(terms.differ(terms.read("申请补贴"), terms.read("可以申请补贴吗"))).toBe(false);
    expect(terms.differ(terms.read("节能诊断怎么申请"), terms.read("节能诊断的申请流程是什么"))).toBe(false);
  });

  it("compares wordings by their groups in any order, and the rest by character pairs", () => {
    const a = terms.read("谁负责节能诊断").canonical;
    const b = terms.read("节能诊断由哪个部门负责").canonical;
    expect(termSimilarity(a, b)).toBeGreaterThanOrEqual(0.8);
    expect([...termTokens("ab\uE100c")]).toEqual(["ab", "\uE100", "c"]);
  });
});
