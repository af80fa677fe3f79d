import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../../", import.meta.url));

/** `npm run ingest -- <file>` as staff run it, against a copy of knowledge/ and a scratch data folder. */
let workDir: string;
let knowledgeDir: string;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function ingest(...args: string[]): Promise<Run> {
  // Only what the script needs: no LLM or embeddings endpoint from the developer's environment.
  const env = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: "test",
    KNOWLEDGE_DIR: knowledgeDir,
    DATA_DIR: path.join(workDir, "data"),
  };
  return new Promise((resolve) => {
    execFile(
      "npm",
      ["run", "--silent", "ingest", "--", ...args],
      { cwd: root, env, timeout: 60_000 },
      (error, stdout, stderr) => {
        resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
      },
    );
  });
}

function source(name: string, text: string): string {
  const file = path.join(workDir, name);
  fs.writeFileSync(file, text);
  return file;
}

/** Every file under knowledge/ with a hash of its bytes. */
function knowledgeTree(): Record<string, string> {
  return Object.fromEntries(
    (fs.readdirSync(knowledgeDir, { recursive: true }) as string[])
      .map((name) => path.join(knowledgeDir, name))
      .filter((file) => fs.statSync(file).isFile())
      .sort()
      .map((file) => [
        path.relative(knowledgeDir, file),
        createHash("sha256").update(fs.readFileSync(file)).digest("hex"),
      ]),
  );
}

const FRONT_MATTER =
  "---\nid: demo2024\ntitle: 示例市工业节能降碳工作方案\nnumber: 示经信节能〔2024〕7号\nissuer: 示例市经济和信息化局\ndate: 2024-03-15\n---\n";
const BODY =
  "\n一、重点任务\n\n1. 推进电机系统节能改造。推广高效电机。（责任单位：示例市经济和信息化局负责）\n";

beforeAll(() => {
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), "ingest-cli-"));
  knowledgeDir = path.join(workDir, "knowledge");
  fs.cpSync(path.join(root, "knowledge"), knowledgeDir, { recursive: true });
});

afterAll(() => {
  fs.rmSync(workDir, { recursive: true, force: true });
});

describe("npm run ingest", () => {
  describe("when the file is malformed", () => {
    it("exits 1 with a Chinese message naming the line, and leaves knowledge/ as it was", async () => {
      const before = knowledgeTree();
      const broken = FRONT_MATTER.replace(
        "title: 示例市工业节能降碳工作方案",
        "title: [示例市工业节能降碳工作方案",
      );
      const [badYaml, noNumbering] = await Promise.all([
        ingest(source("bad-yaml.md", broken + BODY)),
        ingest(source("flat.md", `${FRONT_MATTER}\n推进电机系统节能改造，推广高效电机。\n`)),
      ]);

      expect(badYaml).toMatchObject({ code: 1, stdout: "" });
      expect(badYaml.stderr.trim()).toMatch(/^未导入：元数据有误：第 4 行/);
      // The YAML parser's own English ("Flow sequence … at line 3, column 1") stays out of it.
      expect(badYaml.stderr).not.toMatch(/[A-Za-z]{3,} [A-Za-z]{3,}/);
      expect(noNumbering).toMatchObject({ code: 1, stdout: "" });
      expect(noNumbering.stderr.trim()).toBe("未导入：未能识别文件中的章节编号（如“一、”“（一）”“1.”）。");
      expect(knowledgeTree()).toEqual(before);
      expect(fs.existsSync(path.join(workDir, "data"))).toBe(false);
    }, 60_000);
  });

  describe("when the file or the argument is missing", () => {
    it("exits 1 for a missing file and 2 without an argument, in Chinese", async () => {
      const [missing, bare] = await Promise.all([ingest(path.join(workDir, "nowhere.md")), ingest()]);
      expect(missing).toMatchObject({ code: 1, stdout: "" });
      expect(missing.stderr.trim()).toBe(`未导入：找不到文件 ${path.join(workDir, "nowhere.md")}`);
      expect(bare).toMatchObject({ code: 2, stdout: "" });
      expect(bare.stderr).toContain("用法：npm run ingest -- <文件路径>");
    }, 60_000);
  });

  describe("when the file is well formed", () => {
    it("exits 0, adds the document and builds the search index; a second run is refused with exit 1", async () => {
      const file = source("demo.md", FRONT_MATTER + BODY);
      const added = await ingest(file);
      expect(added).toMatchObject({ code: 0, stderr: "" });
      expect(added.stdout).toContain("已导入《示例市工业节能降碳工作方案》（示经信节能〔2024〕7号）");
      expect(added.stdout).toContain("检索索引已重建");
      expect(Object.keys(knowledgeTree())).toContain(path.join("documents", "demo2024.md"));
      expect(fs.existsSync(path.join(workDir, "data", "index", "meta.json"))).toBe(true);

      const before = knowledgeTree();
      const again = await ingest(file);
      expect(again).toMatchObject({ code: 1, stdout: "" });
      expect(again.stderr.trim()).toBe(
        "未导入：知识库中已有编号相同的文件（demo2024）。如需更新，请使用 --replace。",
      );
      expect(knowledgeTree()).toEqual(before);
    }, 60_000);
  });
});
