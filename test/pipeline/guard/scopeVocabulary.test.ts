import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { expandMacros, readScopeFile } from "../../../server/pipeline/guard/scopeVocabulary.js";
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
