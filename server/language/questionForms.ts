import fs from "node:fs";
import path from "node:path";
import { z } from "zod";

const formList = z.object({ about: z.string(), forms: z.array(z.string().min(1)).min(1) });
const echoForm = z.object({
  form: z.string().min(1),
  echo: z.string().min(1),
  obligation: z.boolean().optional(),
  negated: z.boolean().optional(),
});

const schema = z.object({
  about: z.string(),
  yesNo: z.object({
    about: z.string(),
    finalParticles: z.array(z.string().min(1)),
    negativeTags: z.array(z.string().min(1)),
    whEndings: z.array(z.string().min(1)),
    confirmParticles: z.array(z.string().min(1)),
    whWords: z.array(z.string().min(1)),
    aNotAJoiners: z.array(z.string().length(1)),
    aNotA: z.array(echoForm),
    modals: z.array(echoForm),
  }),
  /** Completion verbs ("完成", "到位") ask when only beside a deadline's words; alone they ask what. */
  when: formList.extend({ completion: z.array(z.string().min(1)) }),
  howMuch: formList,
  who: formList,
  list: formList,
  how: formList,
  applies: formList,
  alternative: formList,
  content: formList,
  prohibition: formList,
  deixis: formList,
  frame: formList,
  money: formList,
  askedKind: formList.extend({ documentKinds: z.array(z.string().min(1)) }),
  quantity: formList,
  funding: formList,
  particular: formList,
  levelStatus: z.object({
    about: z.string(),
    worse: z.array(z.string().min(1)).min(1),
    between: z.array(z.string().min(1)).min(1),
    better: z.array(z.string().min(1)).min(1),
    consequence: z.array(z.string().min(1)).min(1),
  }),
  contrasts: z.object({
    about: z.string(),
    pairs: z.array(z.tuple([z.array(z.string().min(1)).min(1), z.array(z.string().min(1)).min(1)])),
  }),
});

export type QuestionFormsData = z.infer<typeof schema>;
export type EchoForm = z.infer<typeof echoForm>;

/** Whether a text holds any form of a list ("补贴" of the money forms). */
export function holdsAnyForm(list: { forms: string[] }, text: string): boolean {
  return list.forms.some((form) => text.includes(form));
}

export const QUESTION_FORMS_FILE = "language/question-forms.json";

/** The grammar of Chinese questions the answer composer reads, from knowledge/language/question-forms.json. */
export function loadQuestionForms(knowledgeDir: string): QuestionFormsData {
  const raw = JSON.parse(fs.readFileSync(path.join(knowledgeDir, QUESTION_FORMS_FILE), "utf8")) as unknown;
  return schema.parse(raw);
}
