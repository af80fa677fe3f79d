import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import {
  anyMatches,
  compilePatterns,
  expandMacros,
  opensWithBoundary,
  readScopeFile,
} from "../../../server/pipeline/guard/scopeVocabulary.js";
import { ScopeGuard } from "../../../server/pipeline/guard/scope.js";
import { STATUSES } from "../../../server/pipeline/statuses.js";

const knowledgeDir = fileURLToPath(new URL("../../../knowledge", import.meta.url));
const file = readScopeFile(knowledgeDir);

describe("knowledge/guard/scope.json", () => {
  it("compiles: every pattern is a valid regular expression once its macros are expanded", () => {
    expect(() => ScopeGuard.load(knowledgeDir)).not.toThrow();
  });

  it("gives each category a known status and a justification", () => {
    for (const category of file.categories) {
      expect(Object.keys(STATUSES), category.id).toContain(category.status);
      expect(category.why.length, category.id).toBeGreaterThan(40);
    }
    for (const group of file.regions.groups) expect(group.why.length, group.id).toBeGreaterThan(20);
  });

  it("names each place once, and no place of 淮南 as another place", () => {
    const names = file.regions.groups.flatMap((g) => g.places.flatMap((p) => [...p.zh, ...p.en]));
    expect(new Set(names).size).toBe(names.length);
    for (const home of file.regions.home.zh) expect(names).not.toContain(home);
  });

  it("lists Anhui's 15 other prefecture-level cities and the 33 other provincial-level divisions", () => {
    const count = (id: string) => file.regions.groups.find((g) => g.id === id)?.places.length;
    expect(count("anhui_cities")).toBe(15);
    expect(count("provinces")).toBe(33);
  });
});

describe("expandMacros", () => {
  it("expands named macros, nested ones and clause gaps", () => {
    expect(expandMacros("{a}x", { a: "({b}|c)", b: "d" })).toBe("(d|c)x");
    expect(expandMacros("a{gap:3}b", {})).toBe("a[^,.!?;:。、\\n]{0,3}b");
    expect(expandMacros("a{0,3}", {})).toBe("a{0,3}");
  });

  it("says which macro is unknown", () => {
    expect(() => expandMacros("{nope}", {})).toThrow(/unknown macro \{nope\}/);
  });
});

describe("asking whether any pattern matches", () => {
  const patterns = compilePatterns(
    {
      zh: ["伪造{gap:4}公章", ["帮我", "发票"]],
      en: [String.raw`\bfake\b`, [String.raw`\bstamp`, "seal"], String.raw`^\W*human\W*$`, "罚款"],
    },
    {},
  );
  const one = (matchers: RegExp[][], text: string) => matchers.some((m) => m.every((p) => p.test(text)));

  it("answers as trying each pattern in turn would, with and without word characters", () => {
    for (const text of [
      "伪造个公章",
      "帮我开张发票",
      "帮我开",
      "fake seal",
      "stamp the seal",
      "? human !",
      "罚款多少",
      "",
    ]) {
      expect(anyMatches(patterns.anyZh, text), text).toBe(one(patterns.zh, text));
      expect(anyMatches(patterns.anyEn, text), text).toBe(one(patterns.en, text));
    }
  });

  it("knows a pattern opening with \\b needs a word character, unless an alternative stands beside it", () => {
    expect(opensWithBoundary(String.raw`\b(fake|forged)\b.{0,9}seal`)).toBe(true);
    expect(opensWithBoundary(String.raw`\bfake|罚款`)).toBe(false);
    expect(opensWithBoundary(String.raw`\b[|(]x`)).toBe(true);
    expect(opensWithBoundary(String.raw`^\W*human`)).toBe(false);
  });
});
