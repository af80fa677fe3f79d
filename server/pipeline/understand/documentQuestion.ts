import type { KnowledgeBase } from "../../knowledge/knowledgeBase.js";

/** "文号和成文日期是什么", "是哪几个部门联合发的": a question about the document itself, not its content. */
const ASKS_ABOUT_DOCUMENT =
  /文号|发文字号|字号|成文日期|印发|发布日期|落款|出台时间|[局委厅府](联合|一起|单独|共同)?(发布|下发|出台|发)的|谁发的|(哪个|哪几个|哪些|几个|什么)(部门|单位|机关)(联合|一起|共同|单独|一块儿?)?(发|印发|出台|发布|下发)|联合发|单独发|发文单位|发文机关|发文部门/;

/** "经哪个机构同意的", "主送单位是哪些": the notice's own words answer, not its number and date. */
const ASKS_ABOUT_CIRCULATION =
  /原通知|这个通知|主送|抄送|下发给|发给谁|发给(哪些|哪几个|哪个)(单位|部门|机关)|经.{0,8}同意|谁同意|批准印发|领导小组/;

/**
 * "方案是依据哪些上级文件定的", "编制依据了哪些上位文件": what the document was made on, which its
 * preamble says ("根据《…》《…》等文件…制定本实施方案").
 */
const ASKS_FOR_BASIS =
  /(依据|根据|按照|参照)了?(哪些|什么|哪个|哪几个|哪几份|啥)(上级|上位)?(文件|政策|方案)|(上级|上位)(文件|政策)|编制依据|制定依据|出台依据/;

/**
 * "方案是啥时候发的呀", "这个文件哪年出台的": the document as the subject of a when-question whose verb is
 * issuing, said with nothing after it but particles (so "方案里的补贴什么时候发" is not one).
 */
const WHEN = "(什么时候|啥时候|啥时|何时|哪天|哪一天|哪年|哪一年|几时|什么时间)";
const ISSUED = "(印发|发布|下发|出台|公布|发|出)(出来|下来)?";
const WHEN_ISSUED = new RegExp(
  `(方案|文件|通知)(是|在|大概|大约)?${WHEN}${ISSUED}(的|了)?[呀啊吗呢吧哈]*([？?。!！]|$)|${WHEN}${ISSUED}的?(这个|这份|该)?(方案|文件|通知)`,
);

export function asksAboutDocument(question: string): boolean {
  return (
    ASKS_ABOUT_DOCUMENT.test(question) || WHEN_ISSUED.test(question) || ASKS_ABOUT_CIRCULATION.test(question)
  );
}

/** Whether the question asks for the document's particulars (number, date, issuers) rather than its circulation. */
export function asksForParticulars(question: string): boolean {
  return (
    (ASKS_ABOUT_DOCUMENT.test(question) || WHEN_ISSUED.test(question)) &&
    !ASKS_ABOUT_CIRCULATION.test(question)
  );
}

/**
 * The cover notices that answer it: of the documents whose title the question names, else of the
 * first document (the plan), so their particulars are quoted and cited.
 */
export function documentNoticeUnits(
  question: string,
  knowledge: Pick<KnowledgeBase, "documents" | "unit">,
): string[] {
  if (!asksAboutDocument(question)) return [];
  const named = knowledge.documents.filter((doc) => question.includes(doc.title.replace(/^《|》$/g, "")));
  const docs = named.length ? named : knowledge.documents.slice(0, 1);
  return docs.map((doc) => `${doc.id}:notice`).filter((id) => knowledge.unit(id) !== undefined);
}

/** The preamble of the document a question asks the basis of ("依据哪些上级文件"), to be quoted first. */
export function documentBasisUnits(
  question: string,
  knowledge: Pick<KnowledgeBase, "documents" | "unit">,
): string[] {
  if (!ASKS_FOR_BASIS.test(question)) return [];
  const named = knowledge.documents.filter((doc) => question.includes(doc.title.replace(/^《|》$/g, "")));
  const docs = named.length ? named : knowledge.documents.slice(0, 1);
  return docs.map((doc) => `${doc.id}:preamble`).filter((id) => knowledge.unit(id) !== undefined);
}
