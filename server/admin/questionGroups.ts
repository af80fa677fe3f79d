import { pairSimilarity } from "../language/text.js";
import { questionKey } from "../pipeline/curated.js";
import type { AskedQuestion } from "../storage/types.js";
import { beijingDay } from "../time.js";
import type { Period } from "./period.js";

/**
 * 热门问题: the questions people asked, similar wordings together. Two questions are alike when their
 * wording (punctuation and filler words removed) shares at least half its character pairs with the
 * group's most common wording; a question joins the first group it is alike to, the most asked
 * wordings founding groups first. Each group counts its questions in the period shown and in the
 * period before, day by day, for the trend.
 */
export const ALIKE = 0.5;

export type Trend = "up" | "down" | "flat" | "new";

export interface QuestionGroup {
  /** The wording asked most often in the period. */
  question: string;
  count: number;
  previous: number;
  trend: Trend;
  /** Questions per Beijing day over the period, oldest first. */
  daily: number[];
  /** How many of the period's questions were not answered (unanswerable_*, error_*, pending). */
  unanswered: number;
  /** Other wordings in the group (asked in the period). */
  wordings: string[];
  latest: Pick<AskedQuestion, "conversationId" | "messageId" | "createdAt">;
}

export function trendOf(count: number, previous: number): Trend {
  if (previous === 0) return "new";
  if (count >= previous * 1.25) return "up";
  if (count <= previous * 0.8) return "down";
  return "flat";
}

const unanswered = (status: string) =>
  status.startsWith("unanswerable") || status.startsWith("error") || status === "pending";

/** `questions` may reach back into the period before; those count only as `previous`. */
export function groupQuestions(questions: AskedQuestion[], period: Period, limit = 30): QuestionGroup[] {
  const since = period.since.toISOString();
  const dayAt = new Map(period.dayList.map((day, i) => [day, i]));
  // The same wording (punctuation and filler aside) is one entry first: it is compared once.
  const byKey = new Map<string, AskedQuestion[]>();
  for (const q of questions) {
    const key = questionKey(q.question);
    if (!key) continue;
    byKey.set(key, [...(byKey.get(key) ?? []), q]);
  }
  const keys = [...byKey].sort((a, b) => b[1].length - a[1].length || (a[0] < b[0] ? -1 : 1));
  const groups: Array<{ key: string; items: AskedQuestion[] }> = [];
  for (const [key, items] of keys) {
    const home = groups.find((g) => pairSimilarity(g.key, key) >= ALIKE);
    if (home) home.items.push(...items);
    else groups.push({ key, items: [...items] });
  }
  return groups
    .map(({ items }) => {
      const current = items.filter((q) => q.createdAt >= since);
      const wordings = new Map<string, number>();
      for (const q of current) wordings.set(q.question, (wordings.get(q.question) ?? 0) + 1);
      const ranked = [...wordings].sort((a, b) => b[1] - a[1]).map(([w]) => w);
      const daily = period.dayList.map(() => 0);
      for (const q of current) {
        const i = dayAt.get(beijingDay(new Date(q.createdAt)));
        if (i !== undefined) daily[i]!++;
      }
      const latest = current.reduce((a, b) => (b.createdAt > a.createdAt ? b : a), current[0]!);
      const previous = items.length - current.length;
      return {
        question: ranked[0] ?? "",
        count: current.length,
        previous,
        trend: trendOf(current.length, previous),
        daily,
        unanswered: current.filter((q) => unanswered(q.status)).length,
        wordings: ranked.slice(1),
        latest: latest && {
          conversationId: latest.conversationId,
          messageId: latest.messageId,
          createdAt: latest.createdAt,
        },
      };
    })
    .filter((g) => g.count > 0)
    .sort((a, b) => b.count - a.count || b.latest.createdAt.localeCompare(a.latest.createdAt))
    .slice(0, limit);
}
