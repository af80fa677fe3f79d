import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runSideEval, SIDE_EVALS } from "../../eval/lib/sideEvals.js";
import { root } from "../support/services.js";

const evalDir = path.join(root, "eval");
const [guard, redaction] = SIDE_EVALS;

describe("the guard and redaction evals inside npm run eval", () => {
  it("runs the guard eval as it runs alone, with its figures: at least 200 prompts, refused, answered, forwarded", () => {
    const result = runSideEval(evalDir, guard, { quiet: true });
    expect(result.passed).toBe(true);
    expect(result.output).toContain("== Guard (eval/guard-prompts.jsonl) ==");
    expect(result.summary).toMatchObject({ summary: "guard", passed: true });
    const { prompts, refused, answered, forwarded } = result.summary as {
      prompts: number;
      refused: number;
      answered: number;
      forwarded: number;
    };
    expect(prompts).toBeGreaterThanOrEqual(200);
    expect(refused + answered + forwarded).toBe(prompts);
  }, 60_000);

  it("runs the redaction eval with its figures: at least 60 formats, all caught", () => {
    const result = runSideEval(evalDir, redaction, { quiet: true });
    expect(result.passed).toBe(true);
    expect(result.summary).toMatchObject({ summary: "redaction", caught: 1, controlsKept: 1 });
    expect((result.summary as { formats: number }).formats).toBeGreaterThanOrEqual(60);
  });

  describe("when one fails its own thresholds", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "side-eval-"));
    afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

    it("reports it failed, with what it printed", () => {
      fs.writeFileSync(
        path.join(dir, "redaction.ts"),
        'console.log(JSON.stringify({ summary: "redaction", caught: 0.5 }));\nprocess.exit(1);\n',
      );
      const result = runSideEval(dir, redaction, { quiet: true });
      expect(result).toMatchObject({ name: "redaction", passed: false, summary: { caught: 0.5 } });
    });
  });
});
