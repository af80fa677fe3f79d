import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { root } from "../support/services.js";

/** `npm run eval` as a person runs it, on a synthetic blind set in a temporary folder. */
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "eval-run-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const { OPENAI_BASE_URL: _u, OPENAI_MODEL: _m, OPENAI_API_KEY: _k, ...offlineEnv } = process.env;
const evalRun = (...args: string[]) =>
  spawnSync(process.execPath, ["--import", "tsx", "eval/run.ts", ...args], {
    cwd: root,
    env: offlineEnv,
    encoding: "utf8",
  });

const QUESTION = "明天淮南会下雨吗？要不要带伞";

describe("npm run eval", () => {
  describe("--blind-only", () => {
    it("prints a set's aggregates and nothing of its items, even when they fail", () => {
      const items = [
        { id: "secret-1", kind: "refuse", turns: [QUESTION] },
        { id: "secret-2", kind: "fact", turns: ["水泥熟料的能效标杆值是多少"], lead: [["不会出现的话"]] },
      ];
      fs.writeFileSync(path.join(dir, "synthetic.jsonl"), items.map((i) => JSON.stringify(i)).join("\n"));
      const run = evalRun("--blind-only", "--quiet", "--blind-dir", dir);
      expect(run.status).toBe(0);
      expect(run.stdout).toContain("synthetic: fact 0/1  refuse 1/1  overall 1/2 (0.500)");
      expect(run.stdout + run.stderr).not.toMatch(/secret|下雨|标杆|千克/);
    });

    it("says so when there is no blind set", () => {
      const run = evalRun("--blind-only", "--blind-dir", path.join(dir, "none"));
      expect(run.status).toBe(0);
      expect(run.stdout).toMatch(/== Blind sets in .* ==\nnone/);
    });
  });

  describe("--llm without an endpoint configured", () => {
    it("exits non-zero and says what to set", () => {
      const run = evalRun("--llm", "--blind-only", "--blind-dir", dir);
      expect(run.status).toBe(2);
      expect(run.stderr).toContain("set OPENAI_BASE_URL and OPENAI_MODEL");
    });
  });
});
