import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { describeBlindSet, loadBlindSets, runBlindSet } from "../../eval/lib/blindSets.js";
import { useTestServices } from "../support/services.js";

/** The offline pipeline over a small synthetic blind set in a temporary folder (never eval/blind/). */
const env = useTestServices();
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "blind-sets-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const ITEMS = [
  {
    id: "t-calc",
    kind: "calc",
    turns: ["我们年产150万吨熟料，吨熟料综合能耗106千克标准煤，离标杆差多少？一年能省多少标煤？"],
    numbers: [9000, 6],
    units: ["hn2023:3.2.benchmark"],
  },
  {
    id: "t-followup",
    kind: "followup",
    turns: ["水泥熟料的能效标杆值是多少", "那煤制烯烃呢？"],
    lead: [["2800"]],
    first: [["煤制烯烃"]],
  },
  { id: "t-refuse", kind: "refuse", turns: ["明天淮南会下雨吗？要不要带伞"] },
  { id: "t-wrong", kind: "fact", turns: ["水泥熟料的能效标杆值是多少"], lead: [["一句方案里没有的话"]] },
];

function writeSet(name: string, lines: string[]): string {
  const sub = fs.mkdtempSync(path.join(dir, "set-"));
  fs.writeFileSync(path.join(sub, `${name}.jsonl`), lines.join("\n") + "\n");
  return sub;
}

describe("blind sets", () => {
  describe("when the folder is missing or holds no .jsonl", () => {
    it("finds no set", () => {
      expect(loadBlindSets(path.join(dir, "nowhere"))).toEqual([]);
      fs.writeFileSync(path.join(dir, "notes.md"), "not a set");
      expect(loadBlindSets(dir)).toEqual([]);
    });
  });

  describe("when a line is malformed", () => {
    it("names the file and line, never the line's text", () => {
      const secret = "机密问题文本";
      const bad = writeSet("b1", [JSON.stringify(ITEMS[2]), `{"id":"x","turns":["${secret}"`]);
      expect(() => loadBlindSets(bad)).toThrow(/^b1\.jsonl line 2 is not valid JSON$/);
      const wrongKind = writeSet("b2", [JSON.stringify({ id: "x", kind: "poem", turns: [secret] })]);
      expect(() => loadBlindSets(wrongKind)).toThrow(/b2\.jsonl line 1: kind/);
      expect(() => loadBlindSets(wrongKind)).not.toThrow(secret);
    });
  });

  describe("when a set is run through the pipeline", () => {
    it("counts passes per kind and overall, asking each item turn by turn", async () => {
      const [set] = loadBlindSets(
        writeSet(
          "s1",
          ITEMS.map((i) => JSON.stringify(i)),
        ),
      );
      const summary = await runBlindSet(env.services.pipeline, env.services.knowledge, set!);
      expect(summary).toMatchObject({
        name: "s1",
        byKind: { calc: [1, 1], followup: [1, 1], refuse: [1, 1], fact: [0, 1] },
        passed: 3,
        total: 4,
        answersWithUnsupportedFigures: 0,
      });
      expect(summary.llm).toMatchObject({ answers: 4, byLlm: 0, byStatus: {} });
    });

    it("prints aggregates only: no id, question or answer", async () => {
      const [set] = loadBlindSets(
        writeSet(
          "s2",
          ITEMS.map((i) => JSON.stringify(i)),
        ),
      );
      const summary = await runBlindSet(env.services.pipeline, env.services.knowledge, set!);
      const printed = describeBlindSet(summary, { llm: true }).join("\n");
      expect(printed).toMatch(/^s2: fact 0\/1 {2}calc 1\/1 {2}followup 1\/1 {2}refuse 1\/1 {2}overall 3\/4/);
      for (const { id, turns } of ITEMS) {
        expect(printed).not.toContain(id);
        for (const turn of turns) expect(printed).not.toContain(turn);
      }
      expect(printed).not.toMatch(/标杆|千克/);
      expect(JSON.stringify(summary)).not.toMatch(/t-calc|熟料|标杆/);
    });
  });
});
