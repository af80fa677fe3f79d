import fs from "node:fs";
import path from "node:path";
import type { KnowledgeBase } from "../../server/knowledge/knowledgeBase.js";
import type { AnswerPipeline } from "../../server/pipeline/index.js";
import { askInTurn } from "./askInTurn.js";
import { BLIND_KINDS, blindItemSchema, gradeBlind, type BlindItem } from "./blindGrade.js";
import { describeFallbacks, llmNotes, tallyFallbacks, type FallbackTally } from "./llmFallbacks.js";
import { figuresInNoSource } from "./unsupportedFigures.js";

/**
 * Blind sets: items written by people who never saw the answers, kept out of sight so that nobody
 * tunes to them. Everything here leaves the module as aggregates: no id, question or answer is
 * returned, printed or written, whatever the options and whether the item passed or not. A set's
 * scores are printed, never ratcheted (eval/ratchet.json holds the development sets only).
 */
export interface BlindSet {
  name: string;
  items: BlindItem[];
}

export interface BlindSetSummary {
  name: string;
  /** Per kind: [passed, total]. */
  byKind: Partial<Record<BlindItem["kind"], [number, number]>>;
  passed: number;
  total: number;
  answersWithUnsupportedFigures: number;
  llm: FallbackTally;
}

/** A blind set that cannot be read; the message names the file and line, never the line's text. */
export class BlindSetError extends Error {
  override name = "BlindSetError";
}

/** Every *.jsonl in the folder, by name; none (or no folder) is not an error. */
export function loadBlindSets(dir: string): BlindSet[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((file) => file.endsWith(".jsonl"))
    .sort()
    .map((file) => ({ name: file.replace(/\.jsonl$/, ""), items: parseBlindFile(path.join(dir, file)) }));
}

/** A bad line is named by its number and the fields at fault, never by its text. */
export function parseBlindFile(file: string): BlindItem[] {
  const items: BlindItem[] = [];
  fs.readFileSync(file, "utf8")
    .split("\n")
    .forEach((line, index) => {
      if (!line.trim()) return;
      const where = `${path.basename(file)} line ${index + 1}`;
      let raw: unknown;
      try {
        raw = JSON.parse(line);
      } catch {
        throw new BlindSetError(`${where} is not valid JSON`);
      }
      const parsed = blindItemSchema.safeParse(raw);
      if (!parsed.success)
        throw new BlindSetError(
          `${where}: ${parsed.error.issues.map((i) => `${i.path.join(".") || "item"} ${i.message}`).join("; ")}`,
        );
      items.push(parsed.data);
    });
  return items;
}

export async function runBlindSet(
  pipeline: AnswerPipeline,
  knowledge: KnowledgeBase,
  set: BlindSet,
): Promise<BlindSetSummary> {
  const byKind: BlindSetSummary["byKind"] = {};
  const graded = [];
  let unsupported = 0;
  for (const item of set.items) {
    const ctx = await askInTurn(pipeline, item.turns);
    const passed = gradeBlind(item, ctx) === null;
    const [p, n] = byKind[item.kind] ?? [0, 0];
    byKind[item.kind] = [p + (passed ? 1 : 0), n + 1];
    if (figuresInNoSource(ctx, knowledge, item.turns).length) unsupported++;
    graded.push({ status: ctx.status, mode: ctx.mode, llmNotes: llmNotes(ctx) });
  }
  const counts = Object.values(byKind);
  return {
    name: set.name,
    byKind,
    passed: counts.reduce((sum, [p]) => sum + p, 0),
    total: counts.reduce((sum, [, n]) => sum + n, 0),
    answersWithUnsupportedFigures: unsupported,
    llm: tallyFallbacks(graded),
  };
}

/** The only lines a blind set ever prints: counts per kind and overall. */
export function describeBlindSet(summary: BlindSetSummary, { llm }: { llm: boolean }): string[] {
  const kinds = BLIND_KINDS.flatMap((kind) => {
    const counts = summary.byKind[kind];
    return counts ? [`${kind} ${counts[0]}/${counts[1]}`] : [];
  });
  const share = summary.total ? (summary.passed / summary.total).toFixed(3) : "-";
  return [
    `${summary.name}: ${kinds.join("  ")}  overall ${summary.passed}/${summary.total} (${share})  answers with a figure in no source ${summary.answersWithUnsupportedFigures}`,
    ...(llm ? describeFallbacks(summary.llm).map((line) => `  ${line}`) : []),
  ];
}
