import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { DocumentFormatError } from "../../server/knowledge/frontMatter.js";
import { ingestDocument } from "../../server/knowledge/ingest.js";
import { loadKnowledgeBase } from "../../server/knowledge/knowledgeBase.js";

const repoKnowledge = fileURLToPath(new URL("../../knowledge/", import.meta.url));

const FRONT_MATTER = `---
id: demo2024
title: 示例市工业节能降碳工作方案
number: 示经信节能〔2024〕7号
issuers:
  - 示例市经济和信息化局
  - 示例市发展和改革委员会
date: 2024-03-15
---
`;

// Written as a PDF extraction would leave it: a page break inside a sentence, spaces around numbers.
const BODY = `
示例市工业节能降碳工作方案

为推动工业领域节能降碳，根据有关要求，制定本方案。

一、总体要求

到 2027 年，全市规模以上工业单位增加值能耗较2023年下降 8%，培育绿色工厂 12 户。

二、重点任务

（一）节能改造行动

1. 推进电机系统节能改造。推广高效

电机，淘汰落后电机和空压机。（责任单位：示例市经济和信息化局牵头，示例市发展改革委配合）

2. 开展节能诊断服务。组织第三方机构为中小企业提供节能诊断。（责任单位：示例市经济和信息化局负责）
`;

const DOCUMENT = FRONT_MATTER + BODY;

let knowledgeDir: string;
let workDir: string;

beforeEach(() => {
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), "ingest-test-"));
  knowledgeDir = path.join(workDir, "knowledge");
  fs.cpSync(repoKnowledge, knowledgeDir, { recursive: true });
});

afterEach(() => {
  vi.restoreAllMocks();
  fs.rmSync(workDir, { recursive: true, force: true });
});

function writeSource(name: string, text: string): string {
  const file = path.join(workDir, name);
  fs.writeFileSync(file, text);
  return file;
}

/** Every file of knowledge/documents with a hash of its bytes. */
function documentsFolder(): Record<string, string> {
  const dir = path.join(knowledgeDir, "documents");
  return Object.fromEntries(
    fs
      .readdirSync(dir)
      .sort()
      .map((name) => [name, createHash("sha256").update(fs.readFileSync(path.join(dir, name))).digest("hex")]),
  );
}

function expectRejected(file: string, options: { replace?: boolean } = {}): DocumentFormatError {
  const before = documentsFolder();
  let caught: unknown;
  try {
    ingestDocument(file, knowledgeDir, options);
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(DocumentFormatError);
  expect((caught as Error).message).toMatch(/[\u4e00-\u9fff]/);
  expect(documentsFolder()).toEqual(before);
  return caught as DocumentFormatError;
}

describe("ingestDocument", () => {
  describe("when a new document of the plan's form is ingested", () => {
    it("writes it to knowledge/documents and counts its units and passages", () => {
      const result = ingestDocument(writeSource("demo.md", DOCUMENT), knowledgeDir);
      expect(result).toMatchObject({ file: path.join("documents", "demo2024.md"), units: 6, passages: 4, replaced: false });
      expect(result.document).toMatchObject({ id: "demo2024", number: "示经信节能〔2024〕7号", date: "2024-03-15" });
      expect(Object.keys(documentsFolder())).toContain("demo2024.md");
    });

    it("cleans the text the same way as the plan's", () => {
      ingestDocument(writeSource("demo.md", DOCUMENT), knowledgeDir);
      const written = fs.readFileSync(path.join(knowledgeDir, "documents", "demo2024.md"), "utf8");
      expect(written.startsWith(FRONT_MATTER)).toBe(true);
      expect(written).toContain("到2027年，全市规模以上工业单位增加值能耗较2023年下降8%，培育绿色工厂12户。");
      expect(written).toContain("推广高效电机，淘汰落后电机和空压机。");
    });

    it("is loaded by the knowledge base with its metadata, units and responsible units", () => {
      ingestDocument(writeSource("demo.md", DOCUMENT), knowledgeDir);
      const knowledge = loadKnowledgeBase(knowledgeDir);
      expect(knowledge.documents.map((d) => d.id)).toEqual(["demo2024", "hn2023"]);
      expect(knowledge.document("demo2024")).toMatchObject({
        id: "demo2024",
        title: "示例市工业节能降碳工作方案",
        number: "示经信节能〔2024〕7号",
        issuers: ["示例市经济和信息化局", "示例市发展和改革委员会"],
        date: "2024-03-15",
        file: path.join("documents", "demo2024.md"),
      });
      expect(knowledge.unit("demo2024:2.1.1")?.breadcrumb).toEqual(["二、重点任务", "（一）节能改造行动", "1. 推进电机系统节能改造"]);
      expect(knowledge.unit("demo2024:2.1.1")?.responsibility[0]?.units).toMatchObject({
        lead: ["示例市经济和信息化局"],
        support: ["示例市发展改革委"],
      });
      expect(knowledge.unit("demo2024:1")?.targets.map((t) => [t.year, t.value, t.unit])).toEqual([
        [2027, 8, "%"],
        [2027, 12, "户"],
      ]);
      expect(knowledge.passagesOfUnit("demo2024:2.1.2")[0]?.responsibleUnits?.lead).toEqual(["示例市经济和信息化局"]);
      // The plan is still there, untouched.
      expect(knowledge.passages.filter((p) => p.docId === "hn2023")).toHaveLength(loadKnowledgeBase(repoKnowledge).passages.length);
    });

    it("changes the content hash, so the search index will be rebuilt", () => {
      const before = loadKnowledgeBase(knowledgeDir).contentHash;
      ingestDocument(writeSource("demo.md", DOCUMENT), knowledgeDir);
      expect(loadKnowledgeBase(knowledgeDir).contentHash).not.toBe(before);
    });
  });

  describe("when the document is already in the knowledge base", () => {
    beforeEach(() => {
      ingestDocument(writeSource("demo.md", DOCUMENT), knowledgeDir);
    });

    it("refuses it without --replace and changes nothing", () => {
      const error = expectRejected(writeSource("demo-again.md", DOCUMENT));
      expect(error.message).toContain("demo2024");
      expect(error.message).toContain("--replace");
    });

    it("refuses another file carrying the plan's number", () => {
      const copy = DOCUMENT.replace("id: demo2024", "id: copy2023").replace("示经信节能〔2024〕7号", "淮经信节能〔2023〕19号");
      expect(expectRejected(writeSource("copy.md", copy)).message).toContain("hn2023");
    });

    it("replaces it with --replace", () => {
      const revised = `${DOCUMENT}\n3. 推广合同能源管理。鼓励节能服务公司参与改造。（责任单位：示例市经济和信息化局负责）\n`;
      const result = ingestDocument(writeSource("demo-v2.md", revised), knowledgeDir, { replace: true });
      expect(result).toMatchObject({ replaced: true, units: 7, passages: 5 });
      const knowledge = loadKnowledgeBase(knowledgeDir);
      expect(knowledge.documents).toHaveLength(2);
      expect(knowledge.unit("demo2024:2.1.3")?.title).toBe("推广合同能源管理");
      expect(knowledge.unit("demo2024:2.1.3")?.responsibility[0]?.units.lead).toEqual(["示例市经济和信息化局"]);
    });

    describe("when the replacement comes with a new id but the same number", () => {
      it("removes the old file", () => {
        const renamed = DOCUMENT.replace("id: demo2024", "id: demo2024b");
        ingestDocument(writeSource("renamed.md", renamed), knowledgeDir, { replace: true });
        expect(Object.keys(documentsFolder())).toEqual(expect.arrayContaining(["demo2024b.md", "hn2023.md"]));
        expect(Object.keys(documentsFolder())).not.toContain("demo2024.md");
        expect(loadKnowledgeBase(knowledgeDir).documents.map((d) => d.id)).toEqual(["demo2024b", "hn2023"]);
      });
    });
  });

  describe("when the file is malformed", () => {
    it("rejects a file without front-matter and leaves the documents as they were", () => {
      expect(expectRejected(writeSource("bare.md", BODY)).message).toContain("元数据");
    });

    it("rejects bad front-matter and names the field", () => {
      const badDate = DOCUMENT.replace("date: 2024-03-15", "date: 2024年3月15日");
      expect(expectRejected(writeSource("bad-date.md", badDate)).message).toContain("date");
      const noIssuer = DOCUMENT.replace(/issuers:\n(?: {2}- .*\n)+/, "");
      expect(expectRejected(writeSource("no-issuer.md", noIssuer)).message).toContain("issuer");
    });

    it("rejects a body without 一、/（一）/1. numbering", () => {
      const unnumbered = `${FRONT_MATTER}\n推进电机系统节能改造，推广高效电机。\n\n开展节能诊断服务。\n`;
      expect(expectRejected(writeSource("unnumbered.md", unnumbered)).message).toContain("编号");
    });

    it("rejects it even with --replace", () => {
      expectRejected(writeSource("bare.md", BODY), { replace: true });
    });
  });

  describe("when a step fails after the new file is in place", () => {
    /** The folder's files with their bytes, to compare before and after. */
    const snapshot = () => Object.fromEntries(Object.keys(documentsFolder()).map((name) => [name, fs.readFileSync(path.join(knowledgeDir, "documents", name), "utf8")]));

    it("puts the old document back when it cannot be removed", () => {
      ingestDocument(writeSource("demo.md", DOCUMENT), knowledgeDir);
      const before = snapshot();
      const realRm = fs.rmSync;
      const oldFile = path.join(knowledgeDir, "documents", "demo2024.md");
      vi.spyOn(fs, "rmSync").mockImplementation((file, options) => {
        if (file === oldFile && !options) throw Object.assign(new Error("EACCES: permission denied"), { code: "EACCES" });
        realRm(file, options);
      });
      const renamed = DOCUMENT.replace("id: demo2024", "id: demo2024b");
      expect(() => ingestDocument(writeSource("renamed.md", renamed), knowledgeDir, { replace: true })).toThrow(/EACCES/);
      vi.restoreAllMocks();
      expect(snapshot()).toEqual(before);
      expect(loadKnowledgeBase(knowledgeDir).documents.map((d) => d.id)).toEqual(["demo2024", "hn2023"]);
    });

    it("removes the new file and restores the one it replaced when the knowledge base no longer loads", () => {
      ingestDocument(writeSource("demo.md", DOCUMENT), knowledgeDir);
      const before = snapshot();
      const realRead = fs.readFileSync;
      const target = path.join(knowledgeDir, "documents", "demo2024.md");
      let reads = 0;
      // The first read is the check before writing; the second, after the rename, finds the file gone bad on disk.
      vi.spyOn(fs, "readFileSync").mockImplementation(((file: fs.PathOrFileDescriptor, options?: unknown) => {
        if (file === target && options === "utf8" && ++reads > 1) return "一、没有元数据的文件";
        return realRead(file, options as BufferEncoding);
      }) as typeof fs.readFileSync);
      const revised = `${DOCUMENT}\n3. 推广合同能源管理。鼓励节能服务公司参与改造。（责任单位：示例市经济和信息化局负责）\n`;
      expect(() => ingestDocument(writeSource("demo-v2.md", revised), knowledgeDir, { replace: true })).toThrow(DocumentFormatError);
      vi.restoreAllMocks();
      expect(snapshot()).toEqual(before);
      expect(fs.readdirSync(path.join(knowledgeDir, "documents")).filter((name) => name.includes(".tmp-"))).toEqual([]);
    });
  });

  describe("when the file does not exist", () => {
    it("throws a file error and changes nothing", () => {
      const before = documentsFolder();
      expect(() => ingestDocument(path.join(workDir, "missing.md"), knowledgeDir)).toThrow(/ENOENT/);
      expect(documentsFolder()).toEqual(before);
    });
  });
});
