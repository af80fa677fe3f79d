import path from "node:path";
import { describe, expect, it } from "vitest";
import { askInTurn } from "../../eval/lib/askInTurn.js";
import { loadAnswerCases } from "../../eval/lib/answerEval.js";
import { loadBlindSets } from "../../eval/lib/blindSets.js";
import { messages } from "../../server/messages.js";
import type { AnswerContext } from "../../server/pipeline/context.js";
import { notCitableIn, outputProblems, trailMarks } from "../support/citable.js";
import { root, useTestServices } from "../support/services.js";

/**
 * Issue 10, "sources a bureau can cite": every development case (eval/answer-cases.jsonl,
 * eval/calc-cases.jsonl, the retired blind sets; never eval/blind/) asked offline, turn by turn, and
 * every answer, citation and calculator result scanned. An answer cites the plan's clauses, national
 * standards and ministries' notices only, in at most three source lines; "（待核对）" is said in the
 * calculation section, never in the lead; where a figure was checked stays in knowledge/data.
 */
const env = useTestServices();

const evalDir = path.join(root, "eval");
const sets: Array<{ name: string; cases: Array<{ id: string; said: string[] }> }> = [
  ...["answer-cases.jsonl", "calc-cases.jsonl"].map((file) => ({
    name: file,
    cases: loadAnswerCases(path.join(evalDir, file)).map((c) => ({
      id: c.id,
      said: [...c.turns, c.question],
    })),
  })),
  ...loadBlindSets(path.join(evalDir, "retired")).map((set) => ({
    name: `retired/${set.name}`,
    cases: set.items.map((item) => ({ id: item.id, said: item.turns })),
  })),
];

const SOURCE_LINE = /^来源：/;

/** Everything in one answer that a bureau could not publish, each with the case's id. */
function problemsOf(id: string, ctx: AnswerContext): string[] {
  const data = env.deps.calculators.data;
  const marks = trailMarks(data);
  const problems: string[] = [];
  const say = (what: string) => problems.push(`${id}: ${what}`);
  const answer = ctx.answer;
  for (const name of notCitableIn(answer)) say(`the answer names ${name}`);
  for (const mark of marks.filter((m) => answer.includes(m)))
    say(`the answer names the trail source “${mark}”`);
  const lead = answer.split("\n\n")[0] ?? "";
  if (lead.includes("待核对")) say("“待核对” in the lead");
  const lines = answer.split("\n");
  const sourceLines = lines.filter((l) => SOURCE_LINE.test(l));
  if (sourceLines.length > 3) say(`${sourceLines.length} source lines`);
  const calculation = lines.indexOf(messages.answer.calculationHeading);
  lines.forEach((line, i) => {
    if (line.includes("待核对") && (calculation < 0 || i < calculation || !SOURCE_LINE.test(line)))
      say(`“待核对” outside the calculation's source lines: “${line}”`);
  });
  const toCheck = answer.match(/[^、，；]+（待核对）/g) ?? [];
  if (new Set(toCheck).size !== toCheck.length) say("a figure said “待核对” more than once");
  for (const c of ctx.citations) {
    const text = [c.breadcrumb, c.quote, c.document ?? ""].join(" ");
    for (const name of notCitableIn(text)) say(`citation ${c.id} names ${name}`);
  }
  for (const run of ctx.toolRuns)
    for (const p of outputProblems(run.output, data, run.name)) say(`tool source ${p}`);
  return problems;
}

describe("every eval case cites authorities only", () => {
  it("knows the sets it scans (and never the blind ones)", () => {
    expect(sets.map((s) => s.name)).toEqual(
      expect.arrayContaining(["answer-cases.jsonl", "calc-cases.jsonl", "retired/blind-2026-12a"]),
    );
    for (const set of sets) expect(set.cases.length, set.name).toBeGreaterThan(0);
  });

  it.each(sets.map((s) => [s.name, s] as const))(
    "%s: no answer, citation or calculator source names a repository, script, table, demo data, tag page, repost or web address",
    async (_name, set) => {
      const problems: string[] = [];
      let calculated = 0;
      for (const c of set.cases) {
        const ctx = await askInTurn(env.services.pipeline, c.said);
        if (ctx.toolRuns.some((r) => !r.error)) calculated += 1;
        problems.push(...problemsOf(c.id, ctx));
      }
      expect(problems).toEqual([]);
      // the scan is not vacuous: calculators ran and their sources were read
      if (set.name === "calc-cases.jsonl") expect(calculated).toBeGreaterThan(50);
    },
    300_000,
  );
});

describe("the scan itself", () => {
  it("finds what a bureau cannot cite", () => {
    expect(notCitableIn("来源：GitHub adgo07/ECQuota-Insight, tools/build_first_batch.py")).toEqual(
      expect.arrayContaining(["a code repository", "a script or code"]),
    );
    expect(notCitableIn("SQL table energy_coal_factor")).toContain("an SQL table");
    expect(notCitableIn("Demo data 'coalCoefFactors'")).toContain("demo data");
    expect(notCitableIn("https://reportify.ai/tags/concept?tagValue=电力")).toEqual(
      expect.arrayContaining(["a tag page", "a web address"]),
    );
    expect(notCitableIn("光明日报 repost on the 2023 factors (163.com)")).toEqual(
      expect.arrayContaining(["a repost or mirror", "a web address"]),
    );
    expect(notCitableIn("国家能耗限额标准的等级值（第三方转录，待核对）")).toEqual(
      expect.arrayContaining(["a repost or mirror", "a third party"]),
    );
    expect(notCitableIn("117 千克标准煤/吨（两个及以上公开来源一致）")).toContain("the verification wording");
  });

  it("lets the authorities through", () => {
    for (const text of [
      "来源：GB 21344-2023《合成氨单位产品能源消耗限额》3级，用于合成氨基准水平（待核对）",
      "来源：GB/T 2589-2020《综合能耗计算通则》，用于电力折标准煤系数",
      "来源：国家发展改革委等部门《工业重点领域能效标杆水平和基准水平（2023年版）》，用于改造期限",
      "来源：《淮南市工业领域碳达峰实施方案》（淮经信节能〔2023〕19号）三、重点行业实施路径 › （二）建材行业 › 重点产品（工序）能效标杆值",
      "来源：GB/T 32151.34—2024《温室气体排放核算与报告要求 第34部分：炭素材料生产企业》",
    ])
      expect(notCitableIn(text), text).toEqual([]);
  });

  it("reads a trail source in a calculator's output as a problem", () => {
    const data = env.deps.calculators.data;
    expect(
      outputProblems(
        {
          sources: [
            {
              id: "x",
              kind: "web",
              title: "China Cement Net (English): Shandong cement energy-efficiency list",
            },
          ],
          baseline: { source: ["ccement-shandong"] },
        },
        data,
      ),
    ).toEqual([
      "$.sources[0]: not an authority",
      expect.stringContaining("$.sources[0].title: China Cement Net"),
      "$.baseline.source: ccement-shandong is not an authority",
    ]);
    expect(outputProblems({ baseline: { trail: [] } }, data)).toHaveLength(1);
  });
});
