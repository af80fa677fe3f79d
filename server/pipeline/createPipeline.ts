import { loadEnglishWords } from "./understand/english.js";
import fs from "node:fs";
import path from "node:path";
import type { AppConfig } from "../config.js";
import type { KnowledgeBase } from "../knowledge/knowledgeBase.js";
import type { HybridSearcher } from "../retrieval/hybridSearcher.js";
import type { CalculatorPort } from "../calculators/port.js";
import { CuratedAnswerIndex } from "./curated.js";
import { loadOffTopicVocabulary, OffTopicDetector } from "./guard/offTopic.js";
import { ScopeGuard } from "./guard/scope.js";
import { AnswerPipeline } from "./index.js";
import { LlmClient } from "./llm/llmClient.js";
import { loadQuestionForms } from "../language/questionForms.js";
import { HomophoneSpeller, wordFrequencies } from "../language/spelling.js";
import { dict as jiebaDictionary } from "@node-rs/jieba/dict.js";
import { loadObligationWords } from "../language/obligation.js";
import { loadUnsetFigures } from "../language/unsetFigures.js";
import { loadAnswerCheckWords } from "../language/answerCheck.js";
import { planModelIfPresent, questionBankOf } from "../knowledge/questionBankFile.js";
import type { PlanModel } from "../knowledge/planModel.js";
import { loadLeadWeights } from "./rank/leadModel.js";
import { loadQuantityWords, QUANTITY_WORDS_FILE } from "./understand/quantities/vocabulary.js";

/** The plan's own terms: the words of the retrieval dictionary (knowledge/retrieval/dictionary.txt). */
export function planDictionary(knowledgeDir: string): string[] {
  return fs
    .readFileSync(path.join(knowledgeDir, "retrieval/dictionary.txt"), "utf8")
    .split("\n")
    .map((line) => line.split(/\s+/)[0] ?? "")
    .filter(Boolean);
}

/** The domain's vocabulary for the off-topic guard: the retrieval dictionary and every synonym. */
export function domainTerms(knowledgeDir: string): string[] {
  const dictionary = planDictionary(knowledgeDir);
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
  planModel: PlanModel | null = planModelIfPresent(knowledgeDir),
): OffTopicDetector {
  // An industry people name ("皮革厂") is the plan's domain even in a message with no other word of it.
  const industries =
    planModel?.industries.filter((i) => i.scope !== "outside").flatMap((industry) => industry.aliases) ?? [];
  const tokenize = (text: string) => searcher.tokenize(text);
  const words = new Set(knowledge.passages.flatMap((p) => tokenize(`${p.breadcrumb.join(" ")} ${p.text}`)));
  return new OffTopicDetector(
    loadOffTopicVocabulary(knowledgeDir),
    [...domainTerms(knowledgeDir), ...knowledge.units.flatMap((unit) => tokenize(unit.title))],
    { words, tokenize },
    industries,
  );
}

/** The homophone speller over the domain's words: the plan's, and the industries' names. */
export function createSpeller(
  knowledge: KnowledgeBase,
  searcher: HybridSearcher,
  planModel: PlanModel | null,
): HomophoneSpeller {
  const frequencies = wordFrequencies(new TextDecoder().decode(jiebaDictionary));
  return new HomophoneSpeller({
    domainWords: [
      ...knowledge.passages.flatMap((p) => searcher.tokenize(`${p.breadcrumb.join(" ")} ${p.text}`)),
      ...(planModel?.industries.flatMap((industry) => [industry.name, ...industry.aliases]) ?? []),
    ],
    frequency: (word) => frequencies.get(word) ?? 0,
    segment: (text) => searcher.segment(text),
  });
}

export function createPipeline(
  config: Pick<AppConfig, "llm" | "knowledgeDir" | "promptsDir">,
  knowledge: KnowledgeBase,
  searcher: HybridSearcher,
  calculators: CalculatorPort,
  curated = new CuratedAnswerIndex(),
): AnswerPipeline {
  const planModel = planModelIfPresent(config.knowledgeDir);
  const forms = loadQuestionForms(config.knowledgeDir);
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
      language: {
        forms,
        obligation: loadObligationWords(config.knowledgeDir),
        unset: loadUnsetFigures(config.knowledgeDir),
        answerCheck: loadAnswerCheckWords(config.knowledgeDir),
        english: loadEnglishWords(config.knowledgeDir),
      },
      bank: planModel ? questionBankOf(planModel, (text) => searcher.tokenize(text)) : null,
      leadWeights: loadLeadWeights(config.knowledgeDir),
      planModel,
      speller: createSpeller(knowledge, searcher, planModel),
      scope: ScopeGuard.load(
        config.knowledgeDir,
        knowledge.documents.map((doc) => doc.title),
      ),
    },
    createOffTopicDetector(config.knowledgeDir, knowledge, searcher, planModel),
  );
}
