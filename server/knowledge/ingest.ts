import fs from "node:fs";
import path from "node:path";
import { messages } from "../messages.js";
import { cleanDocumentText } from "./cleanText.js";
import { DocumentFormatError, splitFrontMatter } from "./frontMatter.js";
import { DOCUMENTS_DIR, loadKnowledgeBase } from "./knowledgeBase.js";
import { parseDocument } from "./parseDocument.js";
import type { ParsedDocument } from "./types.js";

export interface IngestResult {
  document: ParsedDocument["meta"];
  units: number;
  passages: number;
  file: string;
  replaced: boolean;
}

/**
 * Adds a text or Markdown document with front-matter to knowledge/documents. Everything is checked
 * before anything is written, and the file is written by rename, so a malformed document leaves the
 * knowledge base exactly as it was.
 */
export function ingestDocument(sourceFile: string, knowledgeDir: string, options: { replace?: boolean } = {}): IngestResult {
  const raw = fs.readFileSync(sourceFile, "utf8");
  const { body } = splitFrontMatter(raw);
  const frontMatter = raw.slice(0, raw.length - body.length);
  const cleaned = `${frontMatter.trimEnd()}\n\n${cleanDocumentText(body)}`;
  const parsed = parseDocument(cleaned, path.basename(sourceFile));

  const existing = loadKnowledgeBase(knowledgeDir).documents.find(
    (doc) => doc.id === parsed.meta.id || doc.number === parsed.meta.number,
  );
  if (existing && !options.replace) throw new DocumentFormatError(messages.ingest.duplicateDocument(existing.id));

  const target = path.join(knowledgeDir, DOCUMENTS_DIR, `${parsed.meta.id}.md`);
  const previousFile = existing ? path.join(knowledgeDir, existing.file) : null;
  const backups = new Map([target, previousFile].filter((f): f is string => f !== null && fs.existsSync(f)).map((f) => [f, fs.readFileSync(f)]));
  const temporary = `${target}.tmp-${process.pid}`;
  fs.writeFileSync(temporary, cleaned);
  try {
    fs.renameSync(temporary, target);
    if (previousFile && previousFile !== target) fs.rmSync(previousFile);
    // The whole knowledge base must still load with the new file in place before it is kept.
    loadKnowledgeBase(knowledgeDir);
  } catch (error) {
    fs.rmSync(target, { force: true });
    for (const [file, content] of backups) fs.writeFileSync(file, content);
    throw error;
  } finally {
    fs.rmSync(temporary, { force: true });
  }
  return {
    document: parsed.meta,
    units: parsed.units.length,
    passages: parsed.passages.length,
    file: path.relative(knowledgeDir, target),
    replaced: Boolean(existing),
  };
}
