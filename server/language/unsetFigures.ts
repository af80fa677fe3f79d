import fs from "node:fs";
import path from "node:path";
import { z } from "zod";

const pattern = z.object({ about: z.string(), pattern: z.string().min(1) });

const schema = z.object({
  about: z.string(),
  quantity: pattern,
  amount: pattern.extend({ figure: z.string().min(1), penalty: z.string().min(1) }),
  procedure: pattern,
  threshold: pattern,
  deadline: pattern,
  applicationDeadline: pattern,
  byWhen: pattern,
  numberAsked: pattern,
  criteria: pattern.extend({ named: z.string().min(1) }),
  yearAsked: pattern,
  contact: pattern,
  regulatoryInstruments: z.object({ about: z.string(), words: z.array(z.string().min(1)) }),
  namedOrganisation: pattern.extend({ generic: z.string().min(1) }),
  givenContact: pattern,
  current: pattern,
  namedEntities: pattern,
  allocation: pattern,
  topicAsked: pattern.extend({ measureNouns: z.array(z.string().min(1)) }),
});

/** The kinds of figure a plan of this kind leaves to later notices, compiled. */
export interface UnsetFigures {
  quantity: RegExp;
  amount: RegExp;
  amountFigure: RegExp;
  /** The money asked about is a penalty (罚款), not support. */
  penalty: RegExp;
  procedure: RegExp;
  threshold: RegExp;
  deadline: RegExp;
  applicationDeadline: RegExp;
  byWhen: RegExp;
  numberAsked: RegExp;
  criteria: { asked: RegExp; named: RegExp };
  yearAsked: RegExp;
  contact: RegExp;
  regulatoryInstruments: string[];
  namedOrganisation: RegExp;
  genericOrganisation: RegExp;
  givenContact: RegExp;
  current: RegExp;
  namedEntities: RegExp;
  allocation: RegExp;
  /** "对充电桩有什么要求": what the plan says of a subject; the first group names it. */
  topicAsked: RegExp;
  /** Nouns of measure (数量, 规模): what is asked of a subject, not the subject. */
  measureNouns: Set<string>;
}

export const UNSET_FIGURES_FILE = "language/unset-figures.json";

export function loadUnsetFigures(knowledgeDir: string): UnsetFigures {
  const data = schema.parse(JSON.parse(fs.readFileSync(path.join(knowledgeDir, UNSET_FIGURES_FILE), "utf8")));
  return {
    quantity: new RegExp(data.quantity.pattern),
    amount: new RegExp(data.amount.pattern),
    amountFigure: new RegExp(data.amount.figure),
    penalty: new RegExp(data.amount.penalty),
    procedure: new RegExp(data.procedure.pattern),
    threshold: new RegExp(data.threshold.pattern),
    deadline: new RegExp(data.deadline.pattern),
    applicationDeadline: new RegExp(data.applicationDeadline.pattern),
    byWhen: new RegExp(data.byWhen.pattern),
    numberAsked: new RegExp(data.numberAsked.pattern),
    criteria: { asked: new RegExp(data.criteria.pattern), named: new RegExp(data.criteria.named) },
    yearAsked: new RegExp(data.yearAsked.pattern),
    contact: new RegExp(data.contact.pattern),
    regulatoryInstruments: data.regulatoryInstruments.words,
    namedOrganisation: new RegExp(data.namedOrganisation.pattern),
    genericOrganisation: new RegExp(data.namedOrganisation.generic),
    givenContact: new RegExp(data.givenContact.pattern, "g"),
    current: new RegExp(data.current.pattern),
    namedEntities: new RegExp(data.namedEntities.pattern),
    allocation: new RegExp(data.allocation.pattern),
    topicAsked: new RegExp(data.topicAsked.pattern),
    measureNouns: new Set(data.topicAsked.measureNouns),
  };
}
