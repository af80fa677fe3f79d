import { documentNames } from "../../calculators/sources.js";
import type { Passage } from "../../knowledge/types.js";
import type { AnswerCheckWords } from "../../language/answerCheck.js";
import type { AnswerContext } from "../context.js";
import { checkGrounding, citedIndexes, type GroundingProblem, type GroundingSources } from "./grounding.js";
import { instructionLeaks } from "./instructions.js";
import { allowedLinks, checkLinks } from "./links.js";
import { officialActProblems } from "./officialActs.js";

export interface LlmAnswerRules {
  words: AnswerCheckWords;
  /** Origins links may point at (LLM_LINK_ALLOWLIST); none when empty. */
  linkAllowlist: string[];
  /** The system prompt, whose rules must not be repeated. */
  instructions: string;
  /** LLM_ANSWER_MAX_CHARS. */
  maxChars: number;
}

/**
 * Everything an LLM answer must pass, beyond what checkGrounding says of offline answers too: links
 * only to the allowlist, no official act the plan does not make, none of the model's rules repeated,
 * no more than maxChars, and the strict figure rules (each cited sentence's figures in its passages,
 * the question's only as the person's own). `piece` reads only the text it is given, so a streamed
 * answer is checked in time linear in its length; `final` reads the whole answer once, at the end, in
 * blocks between which other requests are served.
 */
export class LlmAnswerCheck {
  private readonly links: ReturnType<typeof allowedLinks>;
  private length = 0;

  constructor(
    private readonly sources: GroundingSources,
    private readonly rules: LlmAnswerRules,
  ) {
    this.links = allowedLinks(rules.linkAllowlist);
  }

  /** A piece released while streaming: any given passage may still be cited later. */
  piece(text: string): GroundingProblem[] {
    this.length += text.length;
    if (this.length > this.rules.maxChars)
      return [{ kind: "too_long", detail: `over ${this.rules.maxChars} characters` }];
    return this.check(text);
  }

  /**
   * The whole answer: uncited sentences stand on the passages the answer cites. Read in blocks of whole
   * sentences, yielding to the event loop between them, so a long answer never holds up other requests.
   */
  async final(answer: string): Promise<GroundingProblem[]> {
    if (answer.length > this.rules.maxChars)
      return [{ kind: "too_long", detail: `over ${this.rules.maxChars} characters` }];
    const cites = citedIndexes(answer);
    const problems: GroundingProblem[] = [];
    for (let start = 0; start < answer.length;) {
      const end = blockEnd(answer, start);
      problems.push(...this.check(answer.slice(start, end), cites));
      start = end;
      if (start < answer.length) await new Promise((resolve) => setImmediate(resolve));
    }
    return problems;
  }

  /** `answerCites`: the whole answer's citations, for a final check; undefined while streaming. */
  private check(text: string, answerCites?: number[]): GroundingProblem[] {
    const { passages } = this.sources;
    const final = answerCites !== undefined;
    const links = checkLinks(text, this.links);
    const cited = (answerCites ?? []).flatMap((n) => (passages[n - 1] ? [passages[n - 1]!] : []));
    const pool: Passage[] = cited.length ? cited : passages;
    return [
      ...links.problems,
      ...checkGrounding(links.text, this.sources, {
        final,
        ...(answerCites ? { answerCites } : {}),
        strict: { ownFigure: this.rules.words.person, absence: this.rules.words.absence },
      }),
      ...officialActProblems(text, passages, pool, this.rules.words),
      ...instructionLeaks(
        text,
        this.rules.instructions,
        passages.map((p) => p.text),
      ),
    ];
  }
}

/** Blocks of about this many characters, ended at a sentence's end, are checked between yields. */
const BLOCK = 4096;
const SENTENCE_END = /[。！？!?\n]/u;

function blockEnd(text: string, start: number): number {
  if (text.length - start <= BLOCK) return text.length;
  for (let i = start + BLOCK; i < text.length; i++) if (SENTENCE_END.test(text[i]!)) return i + 1;
  return text.length;
}

/** The check for the answer ctx is composing with its LLM: the passages it was given, its rules from deps. */
export function llmAnswerCheckFor(ctx: AnswerContext): LlmAnswerCheck {
  const llm = ctx.deps.config.llm;
  return new LlmAnswerCheck(
    {
      passages: ctx.providedPassages,
      toolRuns: ctx.toolRuns,
      question: ctx.question,
      documents: documentNames(ctx.deps.calculators.data),
    },
    {
      words: ctx.deps.language.answerCheck,
      linkAllowlist: llm?.linkAllowlist ?? [],
      instructions: ctx.deps.systemPrompt,
      maxChars: llm?.answerMaxChars ?? Number.POSITIVE_INFINITY,
    },
  );
}
