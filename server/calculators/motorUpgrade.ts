import * as z from "zod";
import { messages } from "../messages.js";
import type { CalculatorData, MotorRow, PlanUnitRef } from "./data.js";
import { CalculatorInputError } from "./errors.js";
import { gridFactorOption } from "./energyInput.js";
import { fmt, fmtExact } from "./format.js";
import { round } from "./rounding.js";
import { electricitySaving, planReferences, type ElectricitySaving } from "./savings.js";
import { SourceCollector, type SourceRef } from "./sources.js";

const m = messages.calculators;

/** Hours in a leap year: no yearly running time can exceed it. */
export const MAX_HOURS_PER_YEAR = 8784;

const grade = z.literal([1, 2, 3]);

export const costOptions = {
  electricityPrice: z
    .number()
    .positive()
    .max(20)
    .optional()
    .describe("电价，元/千瓦时（可选，用于计算节约电费）"),
  upgradeCostWanYuan: z
    .number()
    .positive()
    .optional()
    .describe("改造总投资，万元（可选，用于计算静态投资回收期）"),
};

export const motorUpgradeSchema = z
  .object({
    ratedPowerKw: z.number().positive().max(100000).describe("电机额定功率，kW"),
    poles: z
      .literal([2, 4, 6, 8])
      .optional()
      .describe("电机极数：2、4、6 或 8（按能效等级查效率时必填；两个效率都已给出时不需要）"),
    count: z.number().int().positive().max(100000).default(1).describe("同规格电机台数，默认 1"),
    hoursPerYear: z.number().positive().max(MAX_HOURS_PER_YEAR).describe("每台年运行小时数"),
    loadFactorPercent: z.number().positive().max(120).describe("平均负载率，%（如 75）"),
    presentEfficiencyPercent: z
      .number()
      .positive()
      .lt(100)
      .optional()
      .describe("现有电机效率，%（与 presentGrade 二选一）"),
    presentGrade: grade
      .optional()
      .describe("现有电机的 GB 18613-2020 能效等级 1/2/3（与 presentEfficiencyPercent 二选一）"),
    targetGrade: grade
      .optional()
      .describe("更换后电机的 GB 18613-2020 能效等级 1/2/3（与 targetEfficiencyPercent 二选一）"),
    targetEfficiencyPercent: z
      .number()
      .positive()
      .lt(100)
      .optional()
      .describe("更换后电机效率，%（与 targetGrade 二选一）"),
    ...costOptions,
    ...gridFactorOption,
  })
  .superRefine((v, ctx) => {
    if (v.presentEfficiencyPercent === undefined && v.presentGrade === undefined) {
      ctx.addIssue({ code: "custom", path: ["presentGrade"], message: m.errors.presentEfficiencyNeeded });
    }
    if (v.targetEfficiencyPercent === undefined && v.targetGrade === undefined) {
      ctx.addIssue({ code: "custom", path: ["targetGrade"], message: m.errors.targetEfficiencyNeeded });
    }
    if (looksUpGrade(v) && v.poles === undefined)
      ctx.addIssue({ code: "custom", path: ["poles"], message: m.errors.polesNeeded });
  });
export type MotorUpgradeInput = z.infer<typeof motorUpgradeSchema>;

/**
 * Whether an efficiency is to be looked up in the grade table (one of the two is not given as a
 * figure): only then do the poles matter, since a grade's efficiency depends on them.
 */
export function looksUpGrade(input: {
  presentEfficiencyPercent?: unknown;
  targetEfficiencyPercent?: unknown;
}): boolean {
  return input.presentEfficiencyPercent === undefined || input.targetEfficiencyPercent === undefined;
}

export interface MotorUpgradeResult extends ElectricitySaving {
  presentEfficiencyPercent: number;
  targetEfficiencyPercent: number;
  shaftPowerKw: number;
  savedPowerKwPerMotor: number;
  count: number;
  formula: string[];
  sources: SourceRef[];
  notes: string[];
  planUnits: PlanUnitRef[];
  rounding: string;
}

export function findMotorRow(
  ratedPowerKw: number,
  poles: number | undefined,
  data: Pick<CalculatorData, "motor">,
): MotorRow | undefined {
  if (poles === undefined) return undefined;
  return data.motor.rows.find((r) => r.ratedPowerKw === ratedPowerKw && r.poles === poles);
}

function efficiencyOf(
  input: MotorUpgradeInput,
  which: "present" | "target",
  data: CalculatorData,
  sources: SourceCollector,
): { pct: number; label: string } {
  const given = which === "present" ? input.presentEfficiencyPercent : input.targetEfficiencyPercent;
  if (given !== undefined) return { pct: given, label: m.labels.givenEfficiency };
  const g = (which === "present" ? input.presentGrade : input.targetGrade)!;
  const poles = input.poles;
  if (poles === undefined) throw new CalculatorInputError("poles_required", "poles", m.errors.polesNeeded);
  const row = findMotorRow(input.ratedPowerKw, poles, data);
  if (!row) {
    const powers = [...new Set(data.motor.rows.map((r) => r.ratedPowerKw))];
    throw new CalculatorInputError(
      "no_reference_efficiency",
      which === "present" ? "presentGrade" : "targetGrade",
      m.errors.noMotorRow(
        fmtExact(input.ratedPowerKw),
        poles,
        powers.map((p) => fmtExact(p)),
      ),
      { availableRatedPowersKw: powers },
    );
  }
  sources.add(row, m.usedFor.motorGrade);
  const pct = g === 1 ? row.grade1Pct : g === 2 ? row.grade2Pct : row.grade3Pct;
  return {
    pct,
    label: m.labels.motorGrade(data.motor.standard, g, fmtExact(input.ratedPowerKw), poles),
  };
}

/**
 * Saving from replacing motors with more efficient ones at the same shaft load:
 * saved kW = rated kW × load × (1/η_present − 1/η_target), per motor, times hours and count.
 */
export function computeMotorUpgrade(
  input: MotorUpgradeInput,
  ctx: { data: CalculatorData; gridFactorId: string },
): MotorUpgradeResult {
  const { data } = ctx;
  const sources = new SourceCollector();
  const formula: string[] = [];
  const notes: string[] = [];
  const present = efficiencyOf(input, "present", data, sources);
  const target = efficiencyOf(input, "target", data, sources);
  if (target.pct <= present.pct) {
    throw new CalculatorInputError(
      "target_not_better",
      input.targetGrade !== undefined ? "targetGrade" : "targetEfficiencyPercent",
      m.errors.targetNotBetter(fmtExact(present.pct), fmtExact(target.pct)),
    );
  }
  const shaft = round((input.ratedPowerKw * input.loadFactorPercent) / 100, "kw");
  // per motor, from the shaft power as shown; the yearly kWh below is computed from the inputs themselves
  const savedKw = round(shaft * (100 / present.pct - 100 / target.pct), "kw");
  const kwh =
    ((input.ratedPowerKw * input.loadFactorPercent) / 100) *
    (100 / present.pct - 100 / target.pct) *
    input.hoursPerYear *
    input.count;
  formula.push(
    m.formula.motorShaft(fmtExact(input.ratedPowerKw), fmtExact(input.loadFactorPercent), fmt(shaft, "kw")),
  );
  formula.push(
    m.formula.motorEfficiencies(present.label, fmtExact(present.pct), target.label, fmtExact(target.pct)),
  );
  formula.push(
    m.formula.motorSavedKw(fmt(shaft, "kw"), fmtExact(present.pct), fmtExact(target.pct), fmt(savedKw, "kw")),
  );
  formula.push(
    m.formula.motorKwh(
      fmtExact(input.ratedPowerKw),
      fmtExact(input.loadFactorPercent),
      fmtExact(present.pct),
      fmtExact(target.pct),
      fmtExact(input.hoursPerYear),
      input.count,
      fmt(kwh, "kwh"),
    ),
  );

  const row = findMotorRow(input.ratedPowerKw, input.poles, data);
  if (row && input.presentEfficiencyPercent !== undefined && input.presentEfficiencyPercent < row.grade3Pct) {
    sources.add(row, m.usedFor.motorGrade);
    notes.push(
      m.notes.belowGrade3(
        fmtExact(input.presentEfficiencyPercent),
        fmtExact(row.grade3Pct),
        data.motor.standard,
      ),
    );
  }
  notes.push(m.notes.ratedEfficiencyApproximation);
  const saving = electricitySaving(kwh, input, ctx, formula, sources, notes);
  const planUnits = planReferences("motor_upgrade", data, sources);
  return {
    presentEfficiencyPercent: present.pct,
    targetEfficiencyPercent: target.pct,
    shaftPowerKw: shaft,
    savedPowerKwPerMotor: savedKw,
    count: input.count,
    ...saving,
    formula,
    sources: sources.list(data),
    notes: [...new Set(notes)],
    planUnits,
    rounding: m.rounding,
  };
}
