import { describe, expect, it } from "vitest";
import { messages } from "../../../server/messages.js";
import { listedChildren } from "../../../server/pipeline/compose/listOfItems.js";
import type { AnswerContext, Turn } from "../../../server/pipeline/context.js";
import { followUps, MAX_SUGGESTIONS } from "../../../server/pipeline/suggest/followUps.js";
import { toTurn } from "../../../server/pipeline/turn.js";
import { useTestServices } from "../../support/services.js";

const env = useTestServices();
const t = messages.suggestions;
const kb = () => env.services.knowledge;
const UPGRADE = "hn2023:2.2.3"; // 3. 开展节能降碳升级改造, 市经济和信息化局牵头

const offered = (cited: string[], answer: string, asked: string[] = []) =>
  followUps(kb(), cited, { answer, asked }).map((f) => f.question);

describe("followUps", () => {
  describe("after an answer quoting a measure whose 责任单位 it does not show", () => {
    const answer = "方案在“开展节能降碳升级改造”中提出：推进能源资源节约、集约利用。[1]";

    it("offers its 责任单位, the clause after it and the list it belongs to, in that order", () => {
      expect(offered([UPGRADE], answer)).toEqual([
        t.responsible("开展节能降碳升级改造"),
        t.clause("强化用能监督管理"),
        t.list("节能提效助力减碳行动"),
      ]);
    });

    it("leaves out the 责任单位 when the answer names its lead unit already", () => {
      const withUnits = `${answer}\n\n**责任单位**\n- 牵头：市经济和信息化局`;
      expect(offered([UPGRADE], withUnits)).toEqual([
        t.clause("强化用能监督管理"),
        t.list("节能提效助力减碳行动"),
        t.clause("推动终端用能电气化"),
      ]);
    });

    it("offers the clause before it when it is the last of its list, and never one the answer already names", () => {
      const last = "方案在“全面提升清洁生产水平”中提出：……[1]又见“促进中小企业绿色发展”。";
      const questions = offered(["hn2023:2.3.5"], last);
      expect(questions).toContain(t.clause("打造绿色低碳示范园区"));
      expect(questions).not.toContain(t.clause("促进中小企业绿色发展"));
    });

    it("offers the clauses of its own kind before a 专栏 of its section, and a 专栏 the clauses beside it", () => {
      const shown = "方案在“严控重点行业产能规模”中提出：……[1]\n\n**责任单位**\n- 牵头：市经济和信息化局";
      expect(offered(["hn2023:2.1.3"], shown)).toEqual([
        t.clause("遏制高耗能高排放低水平项目盲目发展"),
        t.list("产业结构优化提升行动"),
        t.clause("构建绿色低碳的产业布局"),
      ]);
      const column =
        "方案“专栏1 产业结构优化”共两项：[1]\n1. 有序布局重大新增项目：…\n2. 建设绿色低碳示范园区：…";
      expect(offered(["hn2023:zl1.1", "hn2023:zl1.2"], column)).toEqual([
        t.clause("严控重点行业产能规模"),
        t.list("产业结构优化提升行动"),
        t.clause("遏制高耗能高排放低水平项目盲目发展"),
      ]);
    });
  });

  it("takes the clause of the answer's first [n] as its subject, whatever the citations' order", () => {
    const answer = "方案在“强化资金支持”中提出：统筹安排市级专项资金。[2]";
    const first = followUps(kb(), ["hn2023:4.4", "hn2023:4.2"], { answer, asked: [] })[0];
    expect(first).toMatchObject({ unitId: "hn2023:4.3", kind: "sibling" });
  });

  it("after a list, offers the list beside it and the one above, not the list itself", () => {
    const answer =
      "方案“（二）节能提效助力减碳行动”共三项：[1]\n1. 调整优化用能结构：…\n2. 推动终端用能电气化：…\n3. 开展节能降碳升级改造：…";
    const questions = offered(["hn2023:2.2.1", "hn2023:2.2.2", "hn2023:2.2.3"], answer);
    expect(questions).toEqual([
      t.list("绿色体系协同减碳行动"),
      t.list("重点任务"),
      t.list("资源循环利用减碳行动"),
    ]);
  });

  it("names an industry's path with its industry, and the industry's paths as a list", () => {
    const answer = "方案在“技术创新”中提出：5、研究应用钢包烘烤……[1]";
    const questions = offered(["hn2023:3.1.r3"], answer);
    expect(questions).toContain(t.sectorPath("钢铁行业", "循环耦合"));
    expect(offered(["hn2023:3.1.r4"], "方案在“循环耦合”中提出：…[1]")).toContain(t.list("钢铁行业"));
  });

  it("never offers what the person asked already, and at most three", () => {
    const answer = "方案在“开展节能降碳升级改造”中提出：…[1]";
    const asked = [t.responsible("开展节能降碳升级改造").replace("？", "?")];
    const questions = offered([UPGRADE], answer, asked);
    expect(questions).not.toContain(t.responsible("开展节能降碳升级改造"));
    expect(questions.length).toBeLessThanOrEqual(MAX_SUGGESTIONS);
  });

  it("offers nothing without a cited clause of the plan", () => {
    expect(offered([], "回答")).toEqual([]);
    expect(offered(["hn2023:nope"], "回答")).toEqual([]);
  });

  describe("asked in the conversation, after the answer it follows", () => {
    const answerWith = (message: string, history: Turn[]): Promise<AnswerContext> =>
      env.services.pipeline.answer({ message, conversationId: "c_test", history: [...history] });

    /** The clause an answer leads with: the one its first [n] cites. */
    const leadOf = (ctx: AnswerContext) => {
      const body = ctx.answer.split(/^\*\*[^*\n]+\*\*\s*$/m)[0]!;
      const n = Number(/\[(\d{1,2})\]/.exec(body)?.[1] ?? 1);
      return { unitId: ctx.citations[n - 1]?.unitId, body };
    };

    it(
      "is answered, for every clause of the plan, from the clause or list it names",
      { timeout: 120_000 },
      async () => {
        const knowledge = kb();
        const failures: string[] = [];
        let asked = 0;
        for (const unit of knowledge.units.filter((u) => u.docId === "hn2023")) {
          // Opened with the question 猜你想问 itself would ask of the clause.
          const opener = followUps(knowledge, [unit.id], { answer: "[1]", asked: [] }).find(
            (f) => f.unitId === unit.parentId && f.kind === "list",
          );
          const first = await answerWith(opener?.question ?? `“${unit.title}”有哪些要求？`, []);
          const history = [toTurn(first)];
          for (const f of followUps(
            knowledge,
            first.citations.map((c) => c.unitId),
            { answer: first.answer, asked: [first.message] },
          )) {
            asked++;
            const ctx = await answerWith(f.question, history);
            const target = knowledge.unit(f.unitId)!;
            const { unitId, body } = leadOf(ctx);
            const items = listedChildren(target, knowledge);
            const ok =
              ctx.status === "answered" &&
              (f.kind === "responsible"
                ? target.responsibility.some((r) => r.units.lead.some((name) => ctx.answer.includes(name)))
                : unitId === target.id ||
                  (items.some((item) => item.id === unitId) &&
                    items.filter((item) => body.includes(item.title)).length >= 2));
            if (!ok) failures.push(`${first.message} → ${f.question}: ${ctx.status} ${unitId}`);
          }
        }
        expect(asked).toBeGreaterThan(200);
        expect(failures).toEqual([]);
      },
    );
  });
});
