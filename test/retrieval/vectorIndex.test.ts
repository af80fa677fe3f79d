import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { KnowledgeBase } from "../../server/knowledge/knowledgeBase.js";
import { parseDocument } from "../../server/knowledge/parseDocument.js";
import type { ParsedDocument } from "../../server/knowledge/types.js";
import { passageSearchText } from "../../server/retrieval/searchText.js";
import {
  isIndexCurrent,
  loadOrBuildVectorIndex,
  readIndexMeta,
  type NamedEmbeddings,
} from "../../server/retrieval/vectorIndex.js";
import { CharacterBagEmbeddings } from "./fakeEmbeddings.js";

const planFile = fileURLToPath(new URL("../../knowledge/documents/hn2023.md", import.meta.url));
let plan: ParsedDocument;
let knowledge: KnowledgeBase;
let tempDir: string;
let dir: string;
let fake: CharacterBagEmbeddings;
let named: NamedEmbeddings;

beforeAll(() => {
  plan = parseDocument(fs.readFileSync(planFile, "utf8"), "documents/hn2023.md");
  knowledge = new KnowledgeBase([plan], "hash-of-the-plan");
  tempDir = fs.mkdtempSync(path.join(os.tmpdir(), "vector-index-test-"));
});

afterAll(() => {
  fs.rmSync(tempDir, { recursive: true, force: true });
});

beforeEach(({ task }) => {
  dir = path.join(tempDir, task.id, "index");
  fake = new CharacterBagEmbeddings();
  named = { id: "char-bag-64", embeddings: fake };
});

/** The passage nearest to the indexed text of the given passage: itself, if the store holds what was built. */
async function nearestTo(
  store: Awaited<ReturnType<typeof loadOrBuildVectorIndex>>["store"],
  passageId: string,
): Promise<string> {
  const vector = await fake.embedQuery(passageSearchText(knowledge.passage(passageId)!));
  const [hit] = await store.similaritySearchVectorWithScore(vector, 1);
  return String(hit![0].metadata.passageId);
}

describe("loadOrBuildVectorIndex", () => {
  describe("when no index has been built", () => {
    it("builds one and saves it with its metadata", async () => {
      const loaded = await loadOrBuildVectorIndex(knowledge, named, dir);
      expect(loaded.rebuilt).toBe(true);
      expect(fake.documentCalls).toBe(1);
      expect(fs.readdirSync(dir).sort()).toEqual([
        "args.json",
        "docstore.json",
        "hnswlib.index",
        "meta.json",
      ]);
      expect(readIndexMeta(dir)).toMatchObject({
        contentHash: "hash-of-the-plan",
        embedder: "char-bag-64",
        passages: knowledge.passages.length,
      });
      expect(fs.readdirSync(path.dirname(dir))).toEqual(["index"]);
    });

    it("indexes every passage under its id", async () => {
      const { store } = await loadOrBuildVectorIndex(knowledge, named, dir);
      expect(
        await store.similaritySearchVectorWithScore(
          await fake.embedQuery("水泥"),
          knowledge.passages.length + 5,
        ),
      ).toHaveLength(knowledge.passages.length);
      for (const id of ["hn2023:notice#1", "hn2023:2.2.3#2", "hn2023:3.2.benchmark#1", "hn2023:5.4#2"])
        expect(await nearestTo(store, id)).toBe(id);
    });
  });

  describe("when the saved index matches the knowledge and the embedder", () => {
    it("loads it without embedding the passages again", async () => {
      await loadOrBuildVectorIndex(knowledge, named, dir);
      const builtAt = readIndexMeta(dir)!.builtAt;
      const loaded = await loadOrBuildVectorIndex(knowledge, named, dir);
      expect(loaded.rebuilt).toBe(false);
      expect(fake.documentCalls).toBe(1);
      expect(loaded.meta.builtAt).toBe(builtAt);
      expect(await nearestTo(loaded.store, "hn2023:3.2.benchmark#1")).toBe("hn2023:3.2.benchmark#1");
    });

    it("rebuilds it anyway when forced", async () => {
      await loadOrBuildVectorIndex(knowledge, named, dir);
      expect((await loadOrBuildVectorIndex(knowledge, named, dir, { force: true })).rebuilt).toBe(true);
      expect(fake.documentCalls).toBe(2);
    });
  });

  describe("when the knowledge has changed", () => {
    it("rebuilds the index and records the new content hash", async () => {
      await loadOrBuildVectorIndex(knowledge, named, dir);
      const changed = new KnowledgeBase([plan], "hash-after-an-edit");
      const loaded = await loadOrBuildVectorIndex(changed, named, dir);
      expect(loaded.rebuilt).toBe(true);
      expect(readIndexMeta(dir)?.contentHash).toBe("hash-after-an-edit");
    });
  });

  describe("when the embedder has changed", () => {
    it("rebuilds the index with the new embedder", async () => {
      await loadOrBuildVectorIndex(knowledge, named, dir);
      const other = new CharacterBagEmbeddings(32);
      const loaded = await loadOrBuildVectorIndex(knowledge, { id: "char-bag-32", embeddings: other }, dir);
      expect(loaded.rebuilt).toBe(true);
      expect(other.documentCalls).toBe(1);
      expect(readIndexMeta(dir)?.embedder).toBe("char-bag-32");
    });
  });

  describe("when the index folder is damaged", () => {
    it.each([
      [
        "the index file is garbage",
        (d: string) => fs.writeFileSync(path.join(d, "hnswlib.index"), "不是索引文件"),
      ],
      ["the docstore is missing", (d: string) => fs.rmSync(path.join(d, "docstore.json"))],
      ["the docstore is not JSON", (d: string) => fs.writeFileSync(path.join(d, "docstore.json"), "{{{")],
      ["meta.json is missing", (d: string) => fs.rmSync(path.join(d, "meta.json"))],
      ["meta.json is not JSON", (d: string) => fs.writeFileSync(path.join(d, "meta.json"), "半个文件")],
    ])("rebuilds it when %s", async (_case, damage) => {
      await loadOrBuildVectorIndex(knowledge, named, dir);
      damage(dir);
      const loaded = await loadOrBuildVectorIndex(knowledge, named, dir);
      expect(loaded.rebuilt).toBe(true);
      expect(await nearestTo(loaded.store, "hn2023:3.2.benchmark#1")).toBe("hn2023:3.2.benchmark#1");
      expect((await loadOrBuildVectorIndex(knowledge, named, dir)).rebuilt).toBe(false);
    });
  });
});

describe("isIndexCurrent", () => {
  const meta = { contentHash: "h", embedder: "e", passages: 0, builtAt: "2026-01-01T00:00:00.000Z" };

  it("needs the same content hash, embedder and passage count", () => {
    const current = { ...meta, contentHash: knowledge.contentHash, passages: knowledge.passages.length };
    expect(isIndexCurrent(current, knowledge, "e")).toBe(true);
    expect(isIndexCurrent({ ...current, contentHash: "other" }, knowledge, "e")).toBe(false);
    expect(isIndexCurrent(current, knowledge, "other")).toBe(false);
    expect(isIndexCurrent({ ...current, passages: 1 }, knowledge, "e")).toBe(false);
    expect(isIndexCurrent(null, knowledge, "e")).toBe(false);
  });
});
