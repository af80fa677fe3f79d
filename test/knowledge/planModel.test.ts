import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { loadKnowledgeBase } from "../../server/knowledge/knowledgeBase.js";
import { loadPlanModel, MODEL_DIR, modelFiles } from "../../server/knowledge/planModel.js";

const knowledgeDir = fileURLToPath(new URL("../../knowledge/", import.meta.url));
const knowledge = loadKnowledgeBase(knowledgeDir);
const model = loadPlanModel(knowledgeDir);
const entries = model.unitIds().map((id) => ({ id, entry: model.entry(id)!, text: knowledge.unit(id)?.text ?? "" }));

const figures = (s: string) => s.match(/\d+(?:\.\d+)?/g) ?? [];
/** Every figure of `s` that is not a figure of the clause. */
const unsupportedFigures = (s: string, clause: string) => {
  const inClause = new Set(figures(clause));
  return figures(s).filter((f) => !inClause.has(f));
};
const COPY_RUN = 12;
const copiedRun = (question: string, clause: string) => {
  const chars = [...question];
  for (let i = 0; i + COPY_RUN <= chars.length; i++) {
    const run = chars.slice(i, i + COPY_RUN).join("");
    if (clause.includes(run)) return run;
  }
  return null;
};

describe("the plan model", () => {
  it("parses and covers every citable unit of the plan that has text", () => {
    const withText = knowledge.units.filter((u) => u.docId === model.docId && u.text.trim() !== "").map((u) => u.id);
    expect(withText.filter((id) => !model.entry(id))).toEqual([]);
    expect(model.unitIds().length).toBe(withText.length);
  });

  it("cites only units that exist in the parsed plan", () => {
    expect(entries.filter((e) => !knowledge.unit(e.id)).map((e) => e.id)).toEqual([]);
  });

  describe("figures and words, checked against the clause", () => {
    it("puts no figure or year in a summary that the clause does not hold", () => {
      const bad = entries.flatMap(({ id, entry, text }) =>
        unsupportedFigures(entry.summary, text).map((f) => `${id}: ${f}`),
      );
      expect(bad).toEqual([]);
    });

    it("takes every target and deadline from the clause: figures, years, values and dates as written", () => {
      const bad = entries.flatMap(({ id, entry, text }) => [
        ...entry.targets.flatMap((t) => [
          ...unsupportedFigures([t.metric, t.value, t.year ?? "", t.baseline ?? "", t.scope ?? ""].join(" "), text),
          ...[t.value, t.baseline, t.scope].filter((s): s is string => s !== null && !text.includes(s)),
        ]),
        ...entry.deadlines.flatMap((d) => [
          ...unsupportedFigures(`${d.what} ${d.year} ${d.when}`, text),
          ...(text.includes(d.when) ? [] : [d.when]),
        ]),
      ].map((problem) => `${id}: ${problem}`));
      expect(bad).toEqual([]);
    });

    it("finds every obligation word and every equipment name in the clause as written", () => {
      const bad = entries.flatMap(({ id, entry, text }) =>
        [...entry.obligationWords, ...entry.equipment].filter((w) => !text.includes(w)).map((w) => `${id}: ${w}`),
      );
      expect(bad).toEqual([]);
    });

    it("names the deciding words of every mandatory, encouraged or mixed clause", () => {
      const bad = entries.filter(({ entry }) => entry.obligation !== "neutral" && entry.obligationWords.length === 0);
      expect(bad.map((e) => e.id)).toEqual([]);
    });
  });

  describe("the question bank", () => {
    it("has no question twice anywhere in the file", () => {
      const all = entries.flatMap(({ entry }) => entry.questions);
      expect(all.filter((q, i) => all.indexOf(q) !== i)).toEqual([]);
    });

    it(`copies no run of ${COPY_RUN} characters from the clause it belongs to`, () => {
      const bad = entries.flatMap(({ id, entry, text }) =>
        entry.questions.flatMap((q) => {
          const run = copiedRun(q, text);
          return run ? [`${id}: ${run}`] : [];
        }),
      );
      expect(bad).toEqual([]);
    });
  });
});

describe("the industry map", () => {
  it("lists every manufacturing major class 13–43 once", () => {
    const codes = model.industries.map((i) => i.code);
    const manufacturing = Array.from({ length: 31 }, (_, i) => String(13 + i));
    expect(manufacturing.filter((c) => !codes.includes(c))).toEqual([]);
    expect(codes.filter((c, i) => codes.indexOf(c) !== i)).toEqual([]);
  });

  it("points each planSector at a sector of the plan", () => {
    const bad = model.industries.filter((i) => i.planSector && knowledge.unit(i.planSector)?.kind !== "sector");
    expect(bad.map((i) => i.code)).toEqual([]);
  });

  it("cites mentions whose term is in the unit's text, and cross-cutting measures that exist", () => {
    const bad = model.industries.flatMap((i) =>
      i.mentions.filter((m) => !knowledge.unit(m.unitId)?.text.includes(m.term)).map((m) => `${i.code}: ${m.unitId} ${m.term}`),
    );
    expect(bad).toEqual([]);
    expect(model.crossCutting.filter((c) => !knowledge.unit(c.unitId)).map((c) => c.unitId)).toEqual([]);
  });

  it("gives each alias to one class only", () => {
    const aliases = model.industries.flatMap((i) => i.aliases);
    expect(aliases.filter((a, i) => aliases.indexOf(a) !== i)).toEqual([]);
  });

  describe("industryFor", () => {
    it("finds the class by a short name people use", () => {
      expect(model.industryFor("我们是一家家具厂，能享受哪些政策？").map((m) => m.industry.code)).toEqual(["21"]);
      expect(model.industryFor("纸箱厂要不要搞节能诊断").map((m) => [m.industry.code, m.alias])).toEqual([["22", "纸箱"]]);
    });

    it("prefers the longest alias and does not count a shorter one inside it", () => {
      expect(model.industryFor("我们做废钢铁回收加工").map((m) => m.industry.code)).toEqual(["42"]);
      expect(model.industryFor("我们是做工程机械的").map((m) => [m.industry.code, m.alias])).toEqual([["35", "工程机械"]]);
      expect(model.industryFor("废塑料回收，也做塑料制品").map((m) => m.industry.code)).toEqual(["29", "42"]);
    });

    it("finds nothing when no industry is named", () => {
      expect(model.industryFor("节能改造有没有补贴？")).toEqual([]);
    });
  });
});

describe("loadPlanModel", () => {
  describe("when a file breaks the schema", () => {
    it("names the file and the field at fault", () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "plan-model-"));
      fs.mkdirSync(path.join(dir, MODEL_DIR));
      fs.copyFileSync(path.join(knowledgeDir, MODEL_DIR, modelFiles.industries), path.join(dir, MODEL_DIR, modelFiles.industries));
      const plan = JSON.parse(fs.readFileSync(path.join(knowledgeDir, MODEL_DIR, modelFiles.plan), "utf8"));
      plan.units["hn2023:2.2.3"].obligation = "required";
      fs.writeFileSync(path.join(dir, MODEL_DIR, modelFiles.plan), JSON.stringify(plan));
      expect(() => loadPlanModel(dir)).toThrow(/plan-model\.json is invalid: units\.hn2023:2\.2\.3\.obligation/);
    });
  });
});
