import type { Citation, Turn } from "../context.js";
import { findTopic } from "./topics.js";

export interface Resolution {
  question: string;
  pinnedUnitIds: string[];
}

const CHINESE_ORDINALS = "一二三四五六七八九十";
const ORDINAL_REFERENCE = /第\s*([一二三四五六七八九十]|\d{1,2})\s*(条|个|项|点|段|处)/;
const DEICTIC_REFERENCE = /^(这|那|上面|上述|刚才|前面|上一)(一)?(条|个|项|款|点|段|规定|措施|内容)|^(它|这个|那个)/;
const ELLIPTICAL = /^(那|那么|还有|再问一下|再问|另外)?[，, ]*(.{1,14}?)(呢|怎么样|如何|咋样|的呢|的话)[？?。！!]*$/;

/**
 * Turns a follow-up into a question that stands on its own. "第二条由谁负责？" pins the second
 * citation of the previous answer; "那水泥呢？" re-asks the previous question about 水泥.
 */
export function resolveFollowUp(message: string, history: Turn[]): Resolution {
  const previous = history.at(-1);
  if (!previous) return { question: message, pinnedUnitIds: [] };

  const cited = referencedCitation(message, previous.citations);
  if (cited) return { question: `${cited.breadcrumb.split(" › ").at(-1)} ${message}`, pinnedUnitIds: [cited.unitId] };

  const elliptical = ELLIPTICAL.exec(message.trim());
  if (elliptical && message.length <= 18) {
    const newTopic = findTopic(elliptical[2]!) ?? elliptical[2]!.trim();
    const oldTopic = findTopic(previous.resolvedQuestion);
    const question = oldTopic ? previous.resolvedQuestion.replace(oldTopic, newTopic) : `${newTopic} ${previous.resolvedQuestion}`;
    return { question, pinnedUnitIds: [] };
  }
  return { question: message, pinnedUnitIds: [] };
}

function referencedCitation(message: string, citations: Citation[]): Citation | null {
  if (citations.length === 0) return null;
  const ordinal = ORDINAL_REFERENCE.exec(message);
  if (ordinal) {
    const n = /\d/.test(ordinal[1]!) ? Number(ordinal[1]) : CHINESE_ORDINALS.indexOf(ordinal[1]!) + 1;
    return citations[n - 1] ?? null;
  }
  return DEICTIC_REFERENCE.test(message.trim()) ? citations[0]! : null;
}
