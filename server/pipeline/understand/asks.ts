import type { EchoForm, QuestionFormsData } from "../../language/questionForms.js";

/** What kind of answer a question wants; a question may want several ("什么目标，什么时候完成"). */
export interface Asks {
  /** A polar question, with the verb a yes repeats and whether it asks about an obligation. */
  yesNo: { echo: string; obligation: boolean; negated: boolean } | null;
  when: boolean;
  /** Asked with a word of time ("什么时候", "哪一年"), not only a completion verb ("完成"): a time must answer. */
  time: boolean;
  howMuch: boolean;
  who: boolean;
  list: boolean;
  how: boolean;
  applies: boolean;
  /** "按企业个数算还是按产值算": one of the options named. */
  alternative: boolean;
  /** "资金那块具体说了啥": what a clause says, as a whole. */
  content: boolean;
}

/** A polar clause this short after a wh-question is a tag on it ("有个年份吗", "有吗", "对吗"). */
const AFTERTHOUGHT = 6;

const TRAILING = /[\s？?。！!…~～.]+$/;

/** Reads the question forms of a message: a small grammar over the data in knowledge/language. */
export function readAsks(question: string, forms: QuestionFormsData, tokens?: string[]): Asks {
  const kinds = [
    forms.when,
    forms.howMuch,
    forms.who,
    forms.list,
    forms.how,
    forms.applies,
    forms.alternative,
  ];
  const spans = kinds.flatMap((kind) => kind.forms.flatMap((form) => occurrences(question, form)));
  // "哪几个方面" asks which, not how many: a form inside a longer form of the question is part of that one.
  const has = (list: string[]) =>
    list.some((form) => occurrences(question, form).some((span) => !insideLonger(span, spans)));
  return {
    yesNo: yesNoOf(question, forms, tokens),
    when: has(forms.when.forms) || has(forms.when.completion),
    time: has(forms.when.forms),
    howMuch: has(forms.howMuch.forms),
    who: has(forms.who.forms),
    list: has(forms.list.forms),
    how: has(forms.how.forms),
    applies: has(forms.applies.forms),
    alternative: has(forms.alternative.forms),
    content: has(forms.content.forms),
  };
}

interface Span {
  start: number;
  end: number;
}

function occurrences(text: string, form: string): Span[] {
  const spans: Span[] = [];
  for (let at = text.indexOf(form); at >= 0 && form; at = text.indexOf(form, at + 1))
    spans.push({ start: at, end: at + form.length });
  return spans;
}

const insideLonger = (span: Span, spans: Span[]): boolean =>
  spans.some(
    (other) =>
      other.end - other.start > span.end - span.start && other.start <= span.start && other.end >= span.end,
  );

/**
 * "高耗能设备一定要淘汰吗" → obligation, echo 要; "有没有补贴" → echo 有; "可以不参加吗" → a negated
 * obligation. A wh-question ending in 吗 ("你知道谁负责吗") is not polar in what it wants, but the
 * composer answers the wh-part first anyway, so only the particle and A-not-A forms decide here.
 */
function yesNoOf(question: string, forms: QuestionFormsData, tokens?: string[]): Asks["yesNo"] {
  const clauses = question.split(/[，,；;。？?！!]/).filter((c) => c.trim());
  const polarClause = clauses.find((clause) => isPolar(clause, forms));
  // Whether the figure is so, not whether it binds: a plain yes or no.
  if (!polarClause && statedFigureAsked(question, forms))
    return { echo: "是", obligation: false, negated: false };
  if (!polarClause) return obligationChoice(clauses, forms, tokens);
  // "啥时候能达峰？有个年份吗": a wh-question with a polar afterthought wants the wh-answer; an obligation
  // asked beside it ("…要做什么，必须做吗") is still a yes-or-no question.
  // Only a short tag after the wh-question is an afterthought: "能进那个名单吗，找谁" asks both.
  const at = clauses.indexOf(polarClause);
  const whBefore = clauses.slice(0, at).some((clause) => forms.yesNo.whWords.some((w) => clause.includes(w)));
  const tag = polarClause.replace(TRAILING, "").length <= AFTERTHOUGHT;
  if (whBefore && tag && !asksObligation(polarClause, forms, tokens)) return null;
  const aNotA =
    forms.yesNo.aNotA.find((f) => polarClause.includes(f.form)) ??
    repeatedVerb(polarClause, forms, tokens) ??
    negativeTag(polarClause, forms, tokens);
  const found = firstModal(polarClause, forms.yesNo.modals, covered(polarClause, tokens));
  // "能不能申请" is 能不能, not the modal 能不 ("能不参加吗") that starts it; "能不能不参加" is that modal.
  const modal =
    found && aNotA && aNotA.form.length > found.form.length && aNotA.form.startsWith(found.form)
      ? undefined
      : found;
  const chosen = modal?.obligation ? modal : (aNotA ?? modal);
  return {
    echo: chosen?.echo ?? "是",
    obligation: !!chosen?.obligation,
    negated: !!chosen?.negated,
  };
}

/** "方案支持不": the verb before a clause-final negation, as the tokenizer reads it (是 when it reads none). */
function negativeTag(clause: string, forms: QuestionFormsData, tokens?: string[]): EchoForm | undefined {
  const bare = clause.replace(TRAILING, "");
  const tag = [...forms.yesNo.negativeTags]
    .sort((a, b) => b.length - a.length)
    .find((t) => bare.endsWith(t) && bare.length > t.length);
  if (!tag) return undefined;
  const before = bare.slice(0, -tag.length).replace(/了$/, "");
  const word = (tokens ?? [])
    .filter((t) => t.length >= 2 && before.endsWith(t))
    .sort((a, b) => b.length - a.length)[0];
  // "有支持的说法没": 有 … 没 asks whether there is one, whatever noun stands before the tag.
  if (before.includes("有")) return { form: tag, echo: "有" };
  return { form: tag, echo: word ?? "是" };
}

/** "鼓不鼓励": a character repeated around 不 or 没, with the echo the word that starts at its repeat. */
function repeatedVerb(clause: string, forms: QuestionFormsData, tokens?: string[]): EchoForm | undefined {
  for (const joiner of forms.yesNo.aNotAJoiners) {
    for (let at = clause.indexOf(joiner); at > 0; at = clause.indexOf(joiner, at + 1)) {
      const verb = clause[at - 1]!;
      if (clause[at + 1] !== verb || !/\p{Script=Han}/u.test(verb)) continue;
      const word = (tokens ?? []).find(
        (t) => t.length === 2 && t.startsWith(verb) && clause.startsWith(t, at + 1),
      );
      return { form: `${verb}${joiner}${verb}`, echo: word ?? verb };
    }
  }
  return undefined;
}

function asksObligation(clause: string, forms: QuestionFormsData, tokens?: string[]): boolean {
  return !!firstModal(clause, forms.yesNo.modals, covered(clause, tokens))?.obligation;
}

/**
 * "方案要求2025年比2020年下降15%？": a statement of a figure with only a question mark asks whether it is
 * so (an intonation question); without a figure, a bare "电机能效提升？" names a topic.
 */
function statedFigureAsked(question: string, forms: QuestionFormsData): string | undefined {
  const last = /([^，,；;。？?！!]+)[？?]\s*$/.exec(question)?.[1];
  if (!last || !/\d/.test(last)) return undefined;
  return forms.yesNo.whWords.some((w) => last.includes(w)) ? undefined : last;
}

function isPolar(clause: string, forms: QuestionFormsData): boolean {
  if (repeatedVerb(clause, forms)) return true;
  const bare = clause.replace(TRAILING, "");
  const endsInWhWord = forms.yesNo.whEndings.some((w) => bare.endsWith(w));
  if (!endsInWhWord && forms.yesNo.finalParticles.some((p) => bare.endsWith(p))) return true;
  if (negativeTag(clause, forms)) return true;
  const confirms = forms.yesNo.confirmParticles.some((p) => bare.endsWith(p));
  if (confirms && !forms.yesNo.whWords.some((w) => bare.includes(w))) return true;
  return forms.yesNo.aNotA.some((f) => bare.includes(f.form));
}

/**
 * An obligation modal anywhere in the clause ("一定要", "可以不") decides; otherwise the plain modal
 * nearest the end, where a Chinese polar question puts its verb ("高耗能设备能换吗": 能 of 换, not of 耗能).
 */
function firstModal(clause: string, modals: EchoForm[], inWord: boolean[] = []): EchoForm | undefined {
  let best: { at: number; form: EchoForm } | undefined;
  const better = (at: number, form: EchoForm) => {
    if (!best) return true;
    if (!!form.obligation !== !!best.form.obligation) return !!form.obligation;
    if (form.obligation) return at < best.at || (at === best.at && form.form.length > best.form.form.length);
    return at > best.at || (at === best.at && form.form.length > best.form.form.length);
  };
  for (const form of modals) {
    const at = clause.lastIndexOf(form.form);
    // A one-character modal inside a word (能 of 能效, 有 of 有色) is no modal.
    if (at >= 0 && form.form.length === 1 && inWord[at]) continue;
    if (at >= 0 && better(at, form)) best = { at, form };
  }
  return best?.form;
}

/** Which characters of the clause lie inside a word of two or more characters. */
function covered(clause: string, tokens: string[] | undefined): boolean[] {
  const inWord = new Array<boolean>(clause.length).fill(false);
  for (const token of tokens ?? []) {
    if (token.length < 2) continue;
    for (let at = clause.indexOf(token); at !== -1; at = clause.indexOf(token, at + 1))
      inWord.fill(true, at, at + token.length);
  }
  return inWord;
}

/** "是强制的还是自愿的": an alternative between an obligation and none asks whether it is required. */
function obligationChoice(clauses: string[], forms: QuestionFormsData, tokens?: string[]): Asks["yesNo"] {
  const choice = clauses.find((clause) => forms.alternative.forms.some((f) => clause.includes(f)));
  if (!choice) return null;
  const modal = firstModal(choice, forms.yesNo.modals, covered(choice, tokens));
  return modal?.obligation ? { echo: "是", obligation: true, negated: false } : null;
}
