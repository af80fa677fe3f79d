import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { loadKnowledgeBase } from "../../server/knowledge/knowledgeBase.js";

const knowledge = loadKnowledgeBase(fileURLToPath(new URL("../../knowledge/", import.meta.url)));

describe("KnowledgeBase.lineage", () => {
  it("gives the unit and the units that hold it, nearest first", () => {
    expect(knowledge.lineage("hn2023:3.1.r3").map((u) => u.id)).toEqual([
      "hn2023:3.1.r3",
      "hn2023:3.1",
      "hn2023:3",
    ]);
  });

  it("is empty for a unit it does not hold", () => {
    expect(knowledge.lineage("hn2023:no-such-unit")).toEqual([]);
  });
});
