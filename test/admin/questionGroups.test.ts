import { describe, expect, it } from "vitest";
import { periodOf } from "../../server/admin/period.js";
import { groupQuestions, trendOf } from "../../server/admin/questionGroups.js";
import type { AskedQuestion } from "../../server/storage/types.js";

const NOW = new Date("2026-03-10T04:00:00.000Z"); // 12:00 Beijing time
const period = periodOf(7, NOW);
let n = 0;
/** A question asked `daysAgo` Beijing days before NOW's (at noon), with its status. */
const asked = (question: string, daysAgo: number, status = "answered"): AskedQuestion => ({
  messageId: `m${++n}`,
  conversationId: `c${n}`,
  question,
  createdAt: new Date(NOW.getTime() - daysAgo * 86_400_000).toISOString(),
  status,
});

describe("periodOf", () => {
  it("is the last whole Beijing days, today included, and the same length before", () => {
    expect(period.dayList).toEqual([
      "2026-03-04",
      "2026-03-05",
      "2026-03-06",
      "2026-03-07",
      "2026-03-08",
      "2026-03-09",
      "2026-03-10",
    ]);
    expect(period.since.toISOString()).toBe("2026-03-03T16:00:00.000Z");
    expect(period.previousSince.toISOString()).toBe("2026-02-24T16:00:00.000Z");
  });
});

describe("groupQuestions (热门问题)", () => {
  it("puts wordings of one question together, counts them, and names the group by its most asked wording", () => {
    const groups = groupQuestions(
      [
        asked("节能诊断有补贴吗", 0),
        asked("节能诊断有补贴吗？", 1),
        asked("请问节能诊断有没有补贴", 2, "unanswerable_no_content"),
        asked("光伏发电有补贴吗", 1),
        asked("钢铁行业2025年的目标是什么", 3),
      ],
      period,
    );
    expect(groups.map((g) => [g.question, g.count])).toEqual([
      ["节能诊断有补贴吗", 3],
      ["光伏发电有补贴吗", 1],
      ["钢铁行业2025年的目标是什么", 1],
    ]);
    expect(groups[0]).toMatchObject({
      unanswered: 1,
      wordings: expect.arrayContaining(["请问节能诊断有没有补贴"]),
      latest: { messageId: expect.any(String) },
    });
    expect(groups[0]!.daily).toEqual([0, 0, 0, 0, 1, 1, 1]);
  });

  it("compares the period with the one before for the trend, counting the earlier questions only there", () => {
    const groups = groupQuestions(
      [
        asked("绿色工厂怎么申请", 0),
        asked("绿色工厂怎么申请", 1),
        asked("绿色工厂怎么申请", 9),
        asked("空压机很老了要换吗", 0),
        asked("空压机很老了要换吗", 8),
        asked("空压机很老了要换吗", 9),
        asked("用能预算是什么意思", 10),
      ],
      period,
    );
    expect(groups.map((g) => [g.question, g.count, g.previous, g.trend])).toEqual([
      ["绿色工厂怎么申请", 2, 1, "up"],
      ["空压机很老了要换吗", 1, 2, "down"],
    ]);
  });

  it("reads a trend as new, up, flat or down", () => {
    expect(trendOf(3, 0)).toBe("new");
    expect(trendOf(5, 4)).toBe("up");
    expect(trendOf(4, 4)).toBe("flat");
    expect(trendOf(3, 4)).toBe("down");
  });
});
