import { describe, expect, it } from "vitest";
import { FEATURE_NAMES } from "../../../server/pipeline/rank/features.js";
import { useTestServices } from "../../support/services.js";
import { makeContext, runStagesThrough } from "../factories.js";

const env = useTestServices();

async function ranked(message: string) {
  return runStagesThrough(await makeContext(env.deps, { rawMessage: message }), env.offTopic, "rankUnits");
}

describe("rankUnits", () => {
  it("orders the passages by unit, best unit first, and records what it weighed", async () => {
    const ctx = await ranked("规上工业单位增加值能耗到2025年要降多少");
    expect(ctx.leadCandidates[0]!.unitId).toBe("hn2023:1.3");
    expect(ctx.passages[0]!.passage.unitId).toBe("hn2023:1.3");
    const scores = ctx.leadCandidates.map((c) => c.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    for (const name of FEATURE_NAMES) expect(typeof ctx.leadCandidates[0]!.features[name]).toBe("number");
  });

  it("keeps the passages of one unit together", async () => {
    const ctx = await ranked("强化用能监督管理这条主要讲了什么？");
    const units = ctx.passages.map((r) => r.passage.unitId);
    const firstRun = units.filter((u, i) => i === 0 || units[i - 1] !== u);
    expect(new Set(firstRun).size).toBe(firstRun.length);
  });

  it("brings in a clause the question bank matches where the words of the plan do not", async () => {
    // Written as a person asks it: "老电机" where the plan says 低效电机 and 高效节能设备.
    const ctx = await ranked("厂里的老电机该换成什么样的");
    const units = ctx.leadCandidates.slice(0, 3).map((c) => c.unitId);
    expect(units.some((u) => u === "hn2023:zl3.2" || u === "hn2023:2.2.3")).toBe(true);
  });
});
