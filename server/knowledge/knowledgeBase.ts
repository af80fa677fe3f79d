import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { parseDocument } from "./parseDocument.js";
import type { DocumentMeta, ParsedDocument, Passage, Unit } from "./types.js";

export const DOCUMENTS_DIR = "documents";

/** Every document in knowledge/documents, parsed, with lookups by id. Immutable once built. */
export class KnowledgeBase {
  readonly documents: DocumentMeta[];
  readonly units: Unit[];
  readonly passages: Passage[];
  private readonly unitsById: Map<string, Unit>;
  private readonly passagesById: Map<string, Passage>;
  private readonly passagesByUnit = new Map<string, Passage[]>();

  constructor(
    parsed: ParsedDocument[],
    /** Hash of every file the search index depends on; a change means the index must be rebuilt. */
    readonly contentHash: string,
  ) {
    this.documents = parsed.map((doc) => doc.meta);
    this.units = parsed.flatMap((doc) => doc.units);
    this.passages = parsed.flatMap((doc) => doc.passages);
    this.unitsById = new Map(this.units.map((unit) => [unit.id, unit]));
    this.passagesById = new Map(this.passages.map((passage) => [passage.id, passage]));
    for (const passage of this.passages) {
      this.passagesByUnit.set(passage.unitId, [...(this.passagesByUnit.get(passage.unitId) ?? []), passage]);
    }
  }

  unit(id: string): Unit | undefined {
    return this.unitsById.get(id);
  }

  /** The unit and the units that hold it, nearest first ("二、 › （一） › 1." read from 1. up). */
  lineage(unitId: string): Unit[] {
    const path: Unit[] = [];
    for (let unit = this.unit(unitId); unit; unit = unit.parentId ? this.unit(unit.parentId) : undefined)
      path.push(unit);
    return path;
  }

  passage(id: string): Passage | undefined {
    return this.passagesById.get(id);
  }

  /** Answers look these up several times each (pins, calculator clauses, reviewed answers): indexed once. */
  passagesOfUnit(unitId: string): Passage[] {
    return this.passagesByUnit.get(unitId) ?? [];
  }

  document(id: string): DocumentMeta | undefined {
    return this.documents.find((doc) => doc.id === id);
  }

  /** Whether some passage's text holds the phrase as written. */
  mentions(phrase: string): boolean {
    return this.passages.some((p) => p.text.includes(phrase));
  }
}

export function documentFiles(knowledgeDir: string): string[] {
  const dir = path.join(knowledgeDir, DOCUMENTS_DIR);
  return fs
    .readdirSync(dir)
    .filter((name) => /\.(md|txt)$/.test(name) && !name.endsWith(".review.md"))
    .sort()
    .map((name) => path.join(dir, name));
}

/** Files whose content decides the search index: the documents and the retrieval vocabulary. */
export function indexInputFiles(knowledgeDir: string): string[] {
  const vocabulary = ["retrieval/synonyms.json", "retrieval/dictionary.txt"].map((f) => path.join(knowledgeDir, f));
  return [...documentFiles(knowledgeDir), ...vocabulary.filter((f) => fs.existsSync(f))];
}

export function hashFiles(files: string[], root: string): string {
  const hash = createHash("sha256");
  for (const file of files) {
    hash.update(path.relative(root, file)).update("\0").update(fs.readFileSync(file)).update("\0");
  }
  return hash.digest("hex");
}

export function loadKnowledgeBase(knowledgeDir: string): KnowledgeBase {
  const parsed = documentFiles(knowledgeDir).map((file) =>
    parseDocument(fs.readFileSync(file, "utf8"), path.relative(knowledgeDir, file)),
  );
  return new KnowledgeBase(parsed, hashFiles(indexInputFiles(knowledgeDir), knowledgeDir));
}
