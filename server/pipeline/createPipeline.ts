import fs from "node:fs";
import path from "node:path";
import type { AppConfig } from "../config.js";
import type { KnowledgeBase } from "../knowledge/knowledgeBase.js";
import type { HybridSearcher } from "../retrieval/hybridSearcher.js";
import type { CalculatorPort } from "./calculatorPort.js";
import { CuratedAnswerIndex } from "./curated.js";
import { OffTopicDetector } from "./guard/offTopic.js";
import { AnswerPipeline } from "./index.js";
import { LlmClient } from "./llm/llmClient.js";
import { loadQuantityWords, QUANTITY_WORDS_FILE } from "./understand/quantities/vocabulary.js";

/** The domain's vocabulary for the off-topic guard: the retrieval dictionary and every synonym. */
export function domainTerms(knowledgeDir: string): string[] {
  const dictionary = fs
    .readFileSync(path.join(knowledgeDir, "retrieval/dictionary.txt"), "utf8")
    .split("\n")
    .map((line) => line.split(/\s+/)[0] ?? "")
    .filter(Boolean);
  const synonyms = JSON.parse(
    fs.readFileSync(path.join(knowledgeDir, "retrieval/synonyms.json"), "utf8"),
  ) as { groups: string[][] };
  return [...dictionary, ...synonyms.groups.flat()];
}

/** The off-topic guard over the domain's vocabulary and every word of the plan's passages and breadcrumbs. */
export function createOffTopicDetector(
  knowledgeDir: string,
  knowledge: KnowledgeBase,
  searcher: HybridSearcher,
): OffTopicDetector {
  const tokenize = (text: string) => searcher.tokenize(text);
  const words = new Set(knowledge.passages.flatMap((p) => tokenize(`${p.breadcrumb.join(" ")} ${p.text}`)));
  return new OffTopicDetector(
    [...domainTerms(knowledgeDir), ...knowledge.units.flatMap((unit) => tokenize(unit.title))],
    { words, tokenize },
  );
}

export function createPipeline(
  config: Pick<AppConfig, "llm" | "knowledgeDir" | "promptsDir">,
  knowledge: KnowledgeBase,
  searcher: HybridSearcher,
  calculators: CalculatorPort,
  curated = new CuratedAnswerIndex(),
): AnswerPipeline {
  return new AnswerPipeline(
    {
      config,
      knowledge,
      searcher,
      calculators,
      reading: {
        data: calculators.data,
        words: loadQuantityWords(path.join(config.knowledgeDir, QUANTITY_WORDS_FILE)),
      },
      llm: config.llm ? new LlmClient(config.llm) : null,
      systemPrompt: fs.readFileSync(path.join(config.promptsDir, "system.zh.md"), "utf8"),
      curated,
    },
    createOffTopicDetector(config.knowledgeDir, knowledge, searcher),
  );
}
