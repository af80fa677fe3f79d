import fs from "node:fs";
import path from "node:path";
import { HNSWLib } from "@langchain/community/vectorstores/hnswlib";
import { Document } from "@langchain/core/documents";
import type { Embeddings } from "@langchain/core/embeddings";
import type { KnowledgeBase } from "../knowledge/knowledgeBase.js";
import { passageSearchText } from "./searchText.js";

export interface NamedEmbeddings {
  /** Identifies the model, so an index built with another model is never reused. */
  id: string;
  embeddings: Embeddings;
}

export interface VectorIndexMeta {
  contentHash: string;
  embedder: string;
  passages: number;
  builtAt: string;
}

export interface LoadedVectorIndex {
  store: HNSWLib;
  meta: VectorIndexMeta;
  rebuilt: boolean;
}

const META_FILE = "meta.json";

export function readIndexMeta(dir: string): VectorIndexMeta | null {
  try {
    return JSON.parse(fs.readFileSync(path.join(dir, META_FILE), "utf8")) as VectorIndexMeta;
  } catch {
    return null;
  }
}

export function isIndexCurrent(
  meta: VectorIndexMeta | null,
  knowledge: KnowledgeBase,
  embedder: string,
): boolean {
  return (
    meta !== null &&
    meta.contentHash === knowledge.contentHash &&
    meta.embedder === embedder &&
    meta.passages === knowledge.passages.length
  );
}

/** Loads the saved index when it was built from the same knowledge with the same embedder; else rebuilds it. */
export async function loadOrBuildVectorIndex(
  knowledge: KnowledgeBase,
  named: NamedEmbeddings,
  dir: string,
  options: { force?: boolean } = {},
): Promise<LoadedVectorIndex> {
  const meta = readIndexMeta(dir);
  if (!options.force && isIndexCurrent(meta, knowledge, named.id)) {
    try {
      return { store: await HNSWLib.load(dir, named.embeddings), meta: meta!, rebuilt: false };
    } catch {
      // A damaged index is rebuilt below rather than stopping the service.
    }
  }
  return { ...(await buildVectorIndex(knowledge, named, dir)), rebuilt: true };
}

export async function buildVectorIndex(
  knowledge: KnowledgeBase,
  named: NamedEmbeddings,
  dir: string,
): Promise<{ store: HNSWLib; meta: VectorIndexMeta }> {
  const documents = knowledge.passages.map(
    (passage) =>
      new Document({ pageContent: passageSearchText(passage), metadata: { passageId: passage.id } }),
  );
  const vectors = await named.embeddings.embedDocuments(documents.map((doc) => doc.pageContent));
  const store = new HNSWLib(named.embeddings, { space: "cosine", numDimensions: vectors[0]?.length });
  await store.addVectors(vectors, documents);
  const meta: VectorIndexMeta = {
    contentHash: knowledge.contentHash,
    embedder: named.id,
    passages: documents.length,
    builtAt: new Date().toISOString(),
  };
  // Write to a temporary folder and swap, so a crash mid-write never leaves a half index behind.
  const temporary = `${dir}.tmp-${process.pid}`;
  fs.rmSync(temporary, { recursive: true, force: true });
  await store.save(temporary);
  fs.writeFileSync(path.join(temporary, META_FILE), JSON.stringify(meta, null, 2));
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(path.dirname(dir), { recursive: true });
  fs.renameSync(temporary, dir);
  return { store, meta };
}
