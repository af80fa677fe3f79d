import { messages } from "../messages.js";
import { beijingDay } from "../time.js";
import type { BenchmarkGapResult } from "./computeBenchmarkGap.js";
import type { CalculatorData, PlanUnitRef } from "./data.js";
import type { StandardCoalResult } from "./convertToStandardCoal.js";
import type { Co2Result } from "./estimateCo2.js";
import { fmt, fmtExact } from "./format.js";
import type { IntensityTargetResult } from "./intensityTarget.js";
import type { BenchmarkLookupEntry, BenchmarkLookupResult } from "./lookupBenchmark.js";
import type { MotorUpgradeResult } from "./motorUpgrade.js";
import type { PlanArithmeticResult, ShownFigure } from "./computePlanArithmetic.js";
import {
  calculatorTools,
  runCalculatorTool,
  type CalculatorContext,
  type CalculatorTool,
  type ToolOutcome,
} from "./registry.js";
import type { FigureRef, SourceRef } from "./sources.js";
import type { VsdSavingsResult } from "./vsdSavings.js";

const d = messages.calculators.describe;

/** What the question asks of a result besides the calculator's own answer (its aims, as understanding read them). */
export interface DescribeOptions {
  /** "planTarget": the plan's own target for the product ("跟2025年的目标比怎么样") */
  aims?: string[];
}

export interface ResultDescription {
  lead: string;
  details: string[];
  /** The plan's units the result rests on: the benchmark and the target first, the sector's measures after. */
  unitIds: string[];
  /** what the person can do next, when it differs from giving more figures */
  nextStep?: string;
}

/**
 * The calculators as the answer pipeline and the HTTP routes use them, built once in server/services.ts.
 * Reading a message as calculator input is understanding's job (server/pipeline/understand/calculation/).
 */
export interface CalculatorPort {
  /** Every calculator: its name, its line for the LLM, the zod schema the routes and the LLM's tools share. */
  tools: CalculatorTool[];
  /** The reviewed data the calculators run on; understanding reads products and carriers from it. */
  readonly data: CalculatorData;
  /** What a calculator runs with now: the data, the grid factor, the day in Beijing. */
  context(): CalculatorContext;
  /** Validates and runs a calculator; mistakes the person can fix come back as data. */
  run(name: string, input: unknown): ToolOutcome;
  /** A result in Chinese: the lead sentence, the arithmetic and sources, the plan's units. */
  describe(name: string, output: unknown, options?: DescribeOptions): ResultDescription;
}

/** The benchmark and the target answer the question; the sector's measures are cited after them. */
const citeOrder = (id: string) => (id.endsWith(".benchmark") ? 0 : id.endsWith(".target") ? 1 : 2);

/**
 * The port over a context fetched on each call, so the data can load on first use; deadlines are judged
 * against the day of the call unless the context names one.
 */
export function createCalculatorPort(context: () => CalculatorContext): CalculatorPort {
  const today = (): CalculatorContext => {
    const c = context();
    return { ...c, asOf: c.asOf ?? beijingDay() };
  };
  return {
    tools: calculatorTools,
    get data() {
      return context().data;
    },
    context: today,
    run: (name, input) => runCalculatorTool(name, input, today()),
    describe: (name, output, options) => {
      const description = describeResult(name, output, options);
      return {
        ...description,
        unitIds: [...description.unitIds].sort((a, b) => citeOrder(a) - citeOrder(b)),
      };
    },
  };
}

/** The kinds of authority, in the order their lines are given. */
const KIND_ORDER = ["plan", "standard", "notice"] as const;

/**
 * At most three source lines, one per kind of authority: the plan's clauses, the national standards,
 * the ministries' notices; each document once, with the part cited (a clause, a grade) and what it was
 * used for, "（待核对）" beside a use checked only against transcriptions.
 */
function sourceLines(sources: SourceRef[]): string[] {
  // A figure resting on two authorities (a default heating value and the standard-coal definition) is
  // said to be checked only once, at its first use.
  const said = new Set<string>();
  const use = (u: string, toCheck: boolean) => {
    if (!toCheck || said.has(u)) return u;
    said.add(u);
    return d.toCheck(u);
  };
  return KIND_ORDER.flatMap((kind) => {
    const refs = sources.filter((s) => s.kind === kind);
    if (refs.length === 0) return [];
    const documents = [...new Set(refs.map((r) => r.citation))];
    return [
      d.source(
        documents.map(
          (citation) =>
            citation +
            refs
              .filter((r) => r.citation === citation)
              .map((r) =>
                d.sourceUse(
                  r.part,
                  r.usedFor.map((u) => use(u, r.toCheck.includes(u))),
                ),
              )
              .join("；"),
        ),
      ),
    ];
  });
}

/** Where a figure comes from, as said beside it: "方案原文" for the plan's own, else its authority. */
function whence(figure: FigureRef): string {
  return figure.verification === "plan" ? d.fromPlan : figure.citation;
}

/**
 * The yes or no a verdict question asks ("是不是超过基准了", "达到标杆没有", "达标了吗"), from the aims: each
 * asked level's answer, before the figures. A baseline that is not known is said so instead of guessed.
 */
function verdictOf(r: BenchmarkGapResult, aims: string[]): string {
  const v = d.verdict;
  const atBenchmark = r.unitConsumption <= r.benchmark;
  const atBaseline = r.baseline === null ? null : r.unitConsumption <= r.baseline;
  return aims
    .map((aim) => {
      if (aim === "meetsBenchmark") return v.meetsBenchmark(atBenchmark);
      if (aim === "meetsTarget")
        return r.cityTarget ? v.meetsTarget(r.cityTarget.year, r.cityTarget.reached) : "";
      if (aim === "meetsStandard")
        return atBaseline === null && !atBenchmark
          ? v.baselineUnknown + v.meetsBenchmark(false)
          : v.meetsStandard(atBaseline ?? true, atBenchmark);
      if (aim !== "overBaseline" && aim !== "meetsBaseline") return "";
      if (atBaseline === null) return atBenchmark ? v[aim](aim === "meetsBaseline") : v.baselineUnknown;
      return aim === "overBaseline" ? v.overBaseline(!atBaseline) : v.meetsBaseline(atBaseline);
    })
    .join("");
}

/** The lead sentence, the arithmetic and the sources of a result, in Chinese. */
export function describeResult(
  name: string,
  output: unknown,
  options: DescribeOptions = {},
): ResultDescription {
  switch (name) {
    case "benchmark_gap": {
      const r = output as BenchmarkGapResult;
      const lead = d.benchmarkGap({
        planned: plannedClause(r),
        target: asksAboutTarget(options.aims ?? []) ? planTargetClause(r) : null,
        product: r.product.name,
        uc: fmt(r.unitConsumption, "unitConsumption"),
        status: r.statusLabel,
        benchmark: fmtExact(r.benchmark),
        baseline: r.baseline === null ? null : fmtExact(r.baseline),
        gap: fmt(Math.abs(r.gapToBenchmark), "unitConsumption"),
        percent: fmt(Math.abs(r.gapToBenchmarkPercent), "percent"),
        better: r.gapToBenchmark < 0,
        // Worse than the baseline: how far above it too, the first step a plant has to make.
        aboveBaseline:
          r.gapToBaseline !== null && r.gapToBaselinePercent !== null && r.gapToBaseline > 0
            ? d.aboveBaseline(fmt(r.gapToBaseline, "unitConsumption"), fmt(r.gapToBaselinePercent, "percent"))
            : null,
        // At or better than the benchmark there is nothing to save: the lead does not say "节能 0 吨".
        saving: r.annualSavingTce === null || r.gapToBenchmark <= 0 ? null : fmt(r.annualSavingTce, "tce"),
        co2: r.co2SavingT === null || r.gapToBenchmark <= 0 ? null : fmt(r.co2SavingT, "co2"),
      });
      const figures = [
        d.figure(d.benchmarkName, fmtExact(r.benchmark), whence(r.benchmarkInfo)),
        ...(r.baselineInfo
          ? [d.figure(r.baselineInfo.label, fmtExact(r.baselineInfo.value), whence(r.baselineInfo))]
          : []),
      ];
      return {
        // The summary opens with the status sentence the lead has just said; keep only what the policy asks.
        lead: `${verdictOf(r, options.aims ?? [])}${lead}${r.policy.summary.replace(/^[^。]*。/, "")}`,
        details: [...r.formula, ...figures, ...r.notes, ...sourceLines(r.sources)],
        unitIds: [...new Set([...r.policy.asks.map((a) => a.unitId), ...r.planUnits.map((u) => u.id)])],
      };
    }
    case "benchmark_lookup":
      return describeLookup(output as BenchmarkLookupResult, asksAboutTarget(options.aims ?? []));
    case "energy_convert": {
      const r = output as {
        standardCoal: StandardCoalResult;
        co2: Co2Result;
        planUnits?: PlanUnitRef[];
        saved?: boolean;
      };
      return {
        lead:
          perTonneClause(r.standardCoal) +
          conversionLead(r.standardCoal, r.co2, r.saved ?? false, {
            inKgce: options.aims?.includes("inKgce") ?? false,
            co2First: (options.aims?.includes("co2") ?? false) && !options.aims?.includes("convert"),
          }) +
          (options.aims?.includes("equivalentValue") &&
          r.standardCoal.lines.some(
            (l) => l.carrier.id === "electricity" && !l.factor.label.includes("等价值"),
          )
            ? d.equivalentNotPublished
            : ""),
        details: [
          ...r.standardCoal.formula,
          ...r.co2.formula,
          ...r.standardCoal.notes,
          ...r.co2.notes,
          ...sourceLines(mergeSources(r.standardCoal.sources, r.co2.sources)),
        ],
        unitIds: (r.planUnits ?? []).map((u) => u.id),
      };
    }
    case "motor_upgrade":
    case "vsd_savings": {
      const r = output as MotorUpgradeResult | VsdSavingsResult;
      const lead = d.electricitySaving({
        kwh: fmt(r.annualKwh, "kwh"),
        tce: fmt(r.annualTce, "tce"),
        co2: fmt(r.annualCo2T, "co2"),
        money: r.annualMoneyWanYuan === null ? null : fmt(r.annualMoneyWanYuan, "wanYuan"),
        payback: r.paybackYears === null ? null : fmt(r.paybackYears, "years"),
        percent: "savingPercent" in r ? fmt(r.savingPercent, "percent") : null,
        what: name === "motor_upgrade" ? d.motorWhat : d.vsdWhat,
      });
      return {
        lead,
        details: [...r.formula, ...r.notes, ...sourceLines(r.sources)],
        unitIds: r.planUnits.map((u) => u.id),
      };
    }
    case "intensity_target": {
      const r = output as IntensityTargetResult;
      const lead =
        r.currentIntensity === null || r.currentYear === null || r.reductionPercent === null
          ? d.intensityTarget({
              base: fmtExact(r.baseIntensity),
              percent: fmtExact(r.targetReductionPercent),
              target: fmt(r.targetIntensity, "intensity"),
              reduction: fmt(r.targetReduction, "intensity"),
              baseYear: r.baseYear,
              targetYear: r.targetYear,
            })
          : d.intensity({
              base: fmt(r.baseIntensity, "intensity"),
              current: fmt(r.currentIntensity, "intensity"),
              year: r.currentYear,
              reduction: fmt(r.reductionPercent, "percent"),
              status: r.statusLabel ?? "",
              baseYear: r.baseYear,
              targetYear: r.targetYear,
              targetPercent: fmtExact(r.targetReductionPercent),
              target: fmt(r.targetIntensity, "intensity"),
              remaining:
                r.remainingToTarget === null || r.remainingReductionPercent === null
                  ? null
                  : {
                      gap: fmt(r.remainingToTarget, "intensity"),
                      percent: fmt(r.remainingReductionPercent, "percent"),
                    },
            });
      // "2025年增加值到300亿，能耗总量最多多少": the cap the target intensity puts on it, after the target.
      const cap =
        r.energyCapTce === null || r.targetValueAddedWanYuan === null
          ? ""
          : pa.energyCap(
              r.targetYear,
              fmtExact(r.targetValueAddedWanYuan),
              fmt(r.energyCapTce, "tce"),
              fmt(r.targetIntensity, "intensity"),
            );
      // "每年平均降多少": the even yearly fall that reaches the target.
      const annual = options.aims?.includes("annualRate")
        ? annualRateLine(
            { ...r, reductionPercent: r.targetReductionPercent },
            r.targetYear - r.baseYear,
            r.evenAnnualReductionPercent,
          )
        : "";
      return {
        lead: lead + cap + annual,
        details: [...r.formula, ...r.notes, ...sourceLines(r.sources)],
        unitIds: r.planUnits.map((u) => u.id),
      };
    }
    case "plan_arithmetic": {
      const r = output as PlanArithmeticResult;
      return {
        lead: planArithmeticLead(r),
        details: [...r.formula, ...r.notes, ...sourceLines(r.sources)],
        unitIds: r.planUnits.map((u) => u.id),
      };
    }
    default:
      return { lead: "", details: [], unitIds: [] };
  }
}

const pa = messages.calculators.planArithmetic.describe;

/**
 * A product's figure as the lead names it: the plan's as "方案标杆值" (just "标杆值" right after another of
 * the plan's), a national one by its name, the person's as a figure alone.
 */
const shown = (f: ShownFigure, afterPlanFigure = false) => ({
  name: f.name === null ? null : f.fromPlan && !afterPlanFigure ? pa.ofPlan(f.name) : f.name,
  value: fmtExact(f.value),
});

/** The result of arithmetic on the plan's figures, with the arithmetic, in one sentence. */
function planArithmeticLead(r: PlanArithmeticResult): string {
  switch (r.operation) {
    case "total_at_level":
      return pa.totalAtLevel({
        product: r.product.name,
        level: shown(r.at),
        outputT: fmtExact(r.outputT),
        total: fmt(r.totalTce, "tce"),
      });
    case "percent_difference":
      return pa.percentDifference({
        product: r.product.name,
        figure: shown(r.figure),
        reference: shown(r.reference, r.figure.fromPlan),
        percent: fmt(Math.abs(r.percent), "percent"),
        higher: r.percent >= 0,
        signed: fmt(r.percent, "percent"),
      });
    case "percent_fall":
      return pa.percentFall({
        product: r.product.name,
        from: shown(r.from),
        to: shown(r.to, r.from.fromPlan),
        percent: fmt(r.percent, "percent"),
        gap: fmt(r.gap, "unitConsumption"),
      });
    case "annual_rate":
      return annualRateLine(r.target, r.years, r.percent);
    case "base_from_target":
      return pa.baseFromTarget({
        indicator: r.target.indicator,
        baseYear: r.target.baseYear,
        targetYear: r.target.targetYear,
        percent: fmtExact(r.target.reductionPercent),
        value: fmtExact(r.targetValue),
        base: fmt(r.baseValue, "intensity"),
      });
    case "remaining_fall":
      return pa.remainingFall({
        indicator: r.target.indicator,
        baseYear: r.target.baseYear,
        targetYear: r.target.targetYear,
        percent: fmtExact(r.target.reductionPercent),
        achieved: fmtExact(r.achievedPercent),
        year: r.year,
        remaining: fmt(r.percent, "percent"),
        met: r.met,
        annual: r.annual && { years: r.annual.years, percent: fmt(r.annual.percent, "percent") },
      });
  }
}

/** "单耗由 112 降到 105 千克标准煤/吨，每年可节能 4,200 吨标准煤…": the fall the question asked about. */
function plannedClause(r: BenchmarkGapResult): string | null {
  const p = r.plannedSaving;
  if (!p) return null;
  return d.plannedSaving({
    uc: fmt(r.unitConsumption, "unitConsumption"),
    planned: fmt(p.unitConsumption, "unitConsumption"),
    gap: fmt(p.gap, "unitConsumption"),
    percent: fmt(p.percent, "percent"),
    saving: p.savingTce === null ? null : fmt(p.savingTce, "tce"),
    co2: p.co2T === null ? null : fmt(p.co2T, "co2"),
  });
}

/** The even yearly fall that reaches a percentage target, as the intensity target and plan arithmetic say it. */
function annualRateLine(
  target: { indicator: string; baseYear: number; targetYear: number; reductionPercent: number },
  years: number,
  rate: number,
): string {
  return pa.annualRate({
    indicator: target.indicator,
    baseYear: target.baseYear,
    targetYear: target.targetYear,
    percent: fmtExact(target.reductionPercent),
    years,
    rate: fmt(rate, "percent"),
  });
}

/** "跟2025年的目标比", "方案要求降到多少": the question is about the plan's target, not only the levels. */
function asksAboutTarget(aims: string[]): boolean {
  return aims.includes("planTarget") || aims.includes("target");
}

/** Asked about the plan's target: the gap to the city's figure for the product, or the plan's words for it. */
function planTargetClause(r: BenchmarkGapResult): string | null {
  const city = r.cityTarget;
  if (city)
    return d.cityTargetGap({
      year: city.year,
      value: fmtExact(city.value),
      gap: fmt(Math.abs(city.gap), "unitConsumption"),
      percent: fmt(city.percent, "percent"),
      uc: fmt(r.unitConsumption, "unitConsumption"),
      outputT: r.annualOutputT === null ? null : fmtExact(r.annualOutputT),
      saving: city.savingTce === null ? null : fmt(city.savingTce, "tce"),
      reached: city.reached,
    });
  const [plan] = r.planTargets;
  return plan ? d.planTargetQuoted(plan.text.replace(/[。；]$/, "")) : null;
}

/** How a conversion line's factor is labelled: the electricity basis, or that the person gave it. */
function factorBasis(
  factor: StandardCoalResult["lines"][number]["factor"],
  carrierId: string,
): string | null {
  if (factor.given) return d.givenFactorBasis;
  if (carrierId !== "electricity") return null;
  return factor.verification === "user" ? "等价值" : "当量值";
}

/** "1万吨标煤": a standard-coal amount whose unit already says so is not named twice. */
function whatOf(l: StandardCoalResult["lines"][number]): string {
  const named = l.carrier.id === "standard-coal" && /标|ce$/i.test(l.unit);
  return `${named ? "" : l.carrier.name}${fmtExact(l.amount)}${l.unit}`;
}

const intoUnits = {
  kWh: { name: "千瓦时", kind: "kwh" },
  m3: { name: "立方米", kind: "cubicMetres" },
  t: { name: "吨", kind: "tonnes" },
  GJ: { name: "吉焦", kind: "gigajoules" },
} as const;

/**
 * "电力800万度折合标准煤约983.2吨（当量值，0.1229千克标准煤/千瓦时），约排放二氧化碳4,244.8吨（…）": each
 * line with its factor, then the total and the CO2 with the grid factor and its year. A saving says what
 * it saves; a conversion into a carrier ends with that carrier's amount and factor instead of the CO2.
 */
function conversionLead(
  coal: StandardCoalResult,
  co2: Co2Result,
  saved: boolean,
  { inKgce, co2First }: { inKgce: boolean; co2First: boolean },
): string {
  const lines = coal.lines.map((l) =>
    d.conversionLine({
      what: `${saved ? d.savedPrefix : ""}${whatOf(l)}`,
      tce: fmt(l.tce, "tce"),
      kgce: inKgce ? fmt(l.kgce, "kgce") : null,
      factor:
        l.carrier.id === "standard-coal"
          ? null
          : d.factorShown(
              factorBasis(l.factor, l.carrier.id),
              fmtExact(l.factor.value),
              factorUnitName(l.factor.unit),
            ),
    }),
  );
  if (coal.into) {
    const into = coal.into;
    const unit = intoUnits[into.unit];
    return d.conversionInto({
      lines,
      total: coal.lines.length > 1 ? fmt(coal.totalTce, "tce") : null,
      onlyStandardCoal: coal.lines.every((l) => l.carrier.id === "standard-coal"),
      what: coal.lines.map(whatOf).join("、"),
      carrier: into.carrier.name,
      amount: `${fmt(into.amount, unit.kind)}${unit.name}`,
      factor: d.factorShown(
        factorBasis(into.factor, into.carrier.id),
        fmtExact(into.factor.value),
        factorUnitName(into.factor.unit),
      ),
    });
  }
  const electricity = co2.lines.some((l) => l.carrier.id === "electricity");
  const fuel = co2.lines.some(
    (l) => l.carrier.id !== "electricity" && l.co2T !== null && !/热|蒸汽/.test(l.carrier.name),
  );
  const basis = [
    ...(electricity
      ? [
          co2.gridFactor.id === "user"
            ? d.gridFactorGivenShown(fmtExact(co2.gridFactor.value))
            : d.gridFactorShown(co2.gridFactor.name, fmtExact(co2.gridFactor.value)),
        ]
      : []),
    ...(fuel ? [d.fuelFactorsShown] : []),
  ];
  if (co2First && !inKgce)
    return d.conversionCo2First({
      lines,
      saved,
      total: coal.lines.length > 1 ? fmt(coal.totalTce, "tce") : null,
      co2: fmt(co2.totalCo2T, "co2"),
      grid: basis.length ? basis.join("；") : null,
      incomplete: co2.incomplete,
    });
  return d.conversion({
    lines,
    saved,
    total: coal.lines.length > 1 ? fmt(coal.totalTce, "tce") : null,
    totalKgce: inKgce && coal.lines.length > 1 ? fmt(coal.totalKgce, "kgce") : null,
    co2: fmt(co2.totalCo2T, "co2"),
    grid: basis.length ? basis.join("；") : null,
    incomplete: co2.incomplete,
  });
}

const baseUnitNames: Record<string, string> = { kWh: "千瓦时", m3: "立方米", kg: "千克", MJ: "兆焦" };

/** "按产量60万吨计，每吨产品用电力2.5千瓦时，合0.307千克标准煤/吨。": the figures per tonne, asked first. */
function perTonneClause(coal: StandardCoalResult): string {
  const p = coal.perTonne;
  if (!p) return "";
  return d.perTonne({
    output: `${fmtExact(p.output.value)}${p.output.unit}`,
    lines: p.lines.map(
      (l) => `${l.carrier}${fmt(l.amount, "perTonne")}${baseUnitNames[l.unit.split("/")[0]!] ?? l.unit}`,
    ),
    kgce: fmt(p.kgcePerT, "perTonne"),
  });
}

/** "kgce/kWh" → "千克标准煤/千瓦时": the factor's unit as the lead says it. */
function factorUnitName(unit: string): string {
  const [top = "", bottom = ""] = unit.split("/");
  const names: Record<string, string> = {
    kgce: "千克标准煤",
    kg: "千克",
    m3: "立方米",
    kWh: "千瓦时",
    MJ: "兆焦",
  };
  return `${names[top] ?? top}/${names[bottom] ?? bottom}`;
}

const lk = d.lookup;
/** A level as the plan and the standards write it ("1100", not "1,100"), so it can be pasted beside the clause. */
const asInPlan = (value: number) => String(value);

/** "电炉钢标杆是多少": the figures, how each is known, the targets and deadlines around them, the sources. */
/** `withTargets`: the question asks the plan's target too ("2025年要降到多少"), so the lead says it. */
function describeLookup(r: BenchmarkLookupResult, withTargets = false): ResultDescription {
  const [first] = r.entries;
  const lead =
    r.entries.length === 1 && first
      ? lk.one(
          first.product.name,
          asInPlan(first.benchmark.value),
          whence(first.benchmark),
          baselineClause(first),
        )
      : [r.all ? lk.many : lk.variants, ...r.entries.map(lookupItem)].join("\n");
  const targets = r.entries.flatMap((e) => [
    ...e.cityTargets.map((c) => lk.cityTarget(c.year, asInPlan(c.value))),
    ...e.planTargets
      .filter((t) => !e.cityTargets.some((c) => c.quote && t.text.includes(c.quote)))
      .map((t) => lk.planTarget(t.text)),
  ]);
  const rules = [
    ...new Set(
      r.entries.flatMap((e) =>
        e.belowBaseline ? [lk.belowBaseline(e.belowBaseline.text, e.belowBaseline.passed)] : [],
      ),
    ),
    ...(r.newProjects ? [lk.newProjects(r.newProjects.text)] : []),
  ];
  return {
    lead: withTargets && targets.length ? `${lead}\n${targets.join("\n")}` : lead,
    details: [...new Set([...targets, ...rules, ...r.entries.flatMap((e) => e.notes)])].concat(
      sourceLines(r.sources),
    ),
    unitIds: r.planUnits.map((u) => u.id),
    nextStep: lk.nextStep,
  };
}

/**
 * The baseline and the standard or notice it comes from; "（待核对）" is for the calculation section,
 * never the lead. A baseline cited from the benchmark's own notice does not name it twice.
 */
function baselineClause(e: BenchmarkLookupEntry): string {
  const bl = e.baseline;
  if (!bl) return lk.noBaseline;
  if (bl.standard) return lk.standardBaseline(bl.citation, asInPlan(bl.value));
  return lk.policyBaseline(
    asInPlan(bl.value),
    bl.citation === e.benchmark.citation ? null : bl.citation,
    e.product.inPlan,
  );
}

function lookupItem(e: BenchmarkLookupEntry): string {
  return lk.item(e.product.name, asInPlan(e.benchmark.value), e.baseline ? asInPlan(e.baseline.value) : null);
}

/** The sources of two results as one list: an authority's part once, with every use of it. */
function mergeSources(a: SourceRef[], b: SourceRef[]): SourceRef[] {
  const byPart = new Map<string, SourceRef>();
  for (const s of [...a, ...b]) {
    const key = `${s.id}\u0000${s.part ?? ""}`;
    const known = byPart.get(key);
    byPart.set(
      key,
      known
        ? {
            ...known,
            usedFor: [...new Set([...known.usedFor, ...s.usedFor])],
            toCheck: [...new Set([...known.toCheck, ...s.toCheck])],
          }
        : s,
    );
  }
  return [...byPart.values()];
}
