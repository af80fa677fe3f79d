import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { Writable } from "node:stream";
import { fileURLToPath } from "node:url";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadKnowledgeBase, type KnowledgeBase } from "../../server/knowledge/knowledgeBase.js";
import { createSearcher } from "../../server/retrieval/createSearcher.js";
import { HASHED_NGRAM_DIMENSIONS } from "../../server/retrieval/hashedNgramEmbeddings.js";

const knowledgeDir = fileURLToPath(new URL("../../knowledge/", import.meta.url));
let tempDir: string;
let knowledge: KnowledgeBase;

beforeAll(() => {
  tempDir = fs.mkdtempSync(path.join(os.tmpdir(), "create-searcher-test-"));
  knowledge = loadKnowledgeBase(knowledgeDir);
});

afterAll(() => {
  fs.rmSync(tempDir, { recursive: true, force: true });
});

/** A logger whose JSON lines the test can read. */
function capturingLogger() {
  const lines: Array<Record<string, unknown>> = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split("\n").filter(Boolean))
        lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return { logger: pino({ level: "info" }, stream), lines };
}

/** A port on which nothing listens. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe("createSearcher", () => {
  describe("when no embeddings endpoint is configured", () => {
    it("builds the index with the offline embeddings, then reuses it", async () => {
      const indexDir = path.join(tempDir, "offline", "index");
      const { logger } = capturingLogger();
      const first = await createSearcher(knowledge, { knowledgeDir, indexDir, embeddings: null }, logger);
      expect(first.status).toEqual({
        embedder: `hashed-ngram-idf-v2-${HASHED_NGRAM_DIMENSIONS}`,
        indexRebuilt: true,
        fellBackToOffline: false,
      });
      const second = await createSearcher(knowledge, { knowledgeDir, indexDir, embeddings: null }, logger);
      expect(second.status.indexRebuilt).toBe(false);
      const forced = await createSearcher(knowledge, { knowledgeDir, indexDir, embeddings: null }, logger, {
        forceRebuild: true,
      });
      expect(forced.status.indexRebuilt).toBe(true);
      const { results } = await second.searcher.search("空压机很老了要换吗", 3);
      expect(results.map((r) => r.passage.unitId)).toContain("hn2023:2.2.3");
    });
  });

  describe("when the configured embeddings endpoint fails at build time", () => {
    it("falls back to the offline embeddings, in an index of their own, and says so", async () => {
      const indexDir = path.join(tempDir, "endpoint", "index");
      const port = await closedPort();
      const { logger, lines } = capturingLogger();
      const { searcher, status } = await createSearcher(
        knowledge,
        {
          knowledgeDir,
          indexDir,
          embeddings: {
            baseURL: `http://127.0.0.1:${port}/v1`,
            apiKey: "test",
            model: "bge-m3",
            timeoutMs: 2000,
          },
        },
        logger,
      );
      expect(status).toMatchObject({
        fellBackToOffline: true,
        indexRebuilt: true,
        embedder: expect.stringMatching(/^hashed-ngram-/),
      });
      expect(fs.existsSync(path.join(`${indexDir}-offline`, "meta.json"))).toBe(true);
      expect(fs.existsSync(indexDir)).toBe(false);
      expect(lines.some((line) => line.level === 40 && String(line.msg).includes("offline"))).toBe(true);
      const response = await searcher.search("水泥熟料的标杆值是多少", 3);
      expect(response.degraded).toBe(false);
      expect(response.results[0]!.passage.unitId).toBe("hn2023:3.2.benchmark");
    });
  });
});
