import * as z from "zod";
import { messages } from "../messages.js";
import type { CalculatorData, PlanUnitRef } from "./data.js";
import { CalculatorInputError } from "./errors.js";
import { gridFactorOption } from "./energyInput.js";
import { fmt, fmtExact } from "./format.js";
import { costOptions, MAX_HOURS_PER_YEAR } from "./motorUpgrade.js";
import { round } from "./rounding.js";
import { electricitySaving, planReferences, type ElectricitySaving } from "./savings.js";
import { SourceCollector, type SourceRef } from "./sources.js";

const m = messages.calculators;

export const vsdSavingsSchema = z
  .object({
    equipment: z.enum(["fan", "pump"]).describe("设备类型：fan 风机，pump 水泵"),
    fullFlowInputKw: z
      .number()
      .positive()
      .max(100000)
      .describe("100% 流量时的电机输入功率，kW（宜用实测值；无实测时可用 额定功率×负载率）"),
    profile: z
      .array(
        z.object({
          flowPercent: z.number().positive().max(100).describe("该工况的流量，占额定（100%）流量的百分比"),
          hours: z.number().positive().max(MAX_HOURS_PER_YEAR).describe("该工况每年运行小时数"),
          presentInputKw: z
            .number()
            .positive()
            .optional()
            .describe("该工况下现在（阀门/挡板调节）实测输入功率，kW（可选；不填按满流量功率计）"),
        }),
      )
      .min(1)
      .max(24)
      .describe("全年流量工况表：每个工况的流量百分比和小时数"),
    count: z.number().int().positive().max(10000).default(1).describe("同工况设备台数，默认 1"),
    driveEfficiencyPercent: z
      .number()
      .positive()
      .max(100)
      .optional()
      .describe("变频器效率，%（可选；不填则不计变频器自身损耗）"),
    ...costOptions,
    ...gridFactorOption,
  })
  .superRefine((v, ctx) => {
    const hours = v.profile.reduce((s, p) => s + p.hours, 0);
    if (hours > MAX_HOURS_PER_YEAR) {
      ctx.addIssue({
        code: "custom",
        path: ["profile"],
        message: m.errors.tooManyHours(fmtExact(hours), MAX_HOURS_PER_YEAR),
      });
    }
  });
export type VsdSavingsInput = z.infer<typeof vsdSavingsSchema>;

export interface VsdStep {
  flowPercent: number;
  hours: number;
  presentInputKw: number;
  vsdInputKw: number;
  savedKwh: number;
  formula: string;
}

export interface VsdSavingsResult extends ElectricitySaving {
  steps: VsdStep[];
  presentAnnualKwh: number;
  vsdAnnualKwh: number;
  savingPercent: number;
  count: number;
  formula: string[];
  sources: SourceRef[];
  notes: string[];
  planUnits: PlanUnitRef[];
  rounding: string;
}

/**
 * Variable-speed drive on a fan or pump: by the affinity laws the shaft power at flow q is
 * P(100%) × (q/100%)³, against the present power under throttle or damper control.
 */
export function computeVsdSavings(
  input: VsdSavingsInput,
  ctx: { data: CalculatorData; gridFactorId: string },
): VsdSavingsResult {
  const { data } = ctx;
  const sources = new SourceCollector();
  const formula: string[] = [];
  const notes: string[] = [];
  const drive = (input.driveEfficiencyPercent ?? 100) / 100;
  let present = 0;
  let vsd = 0;
  const steps = input.profile.map((p, i): VsdStep => {
    const presentKw = p.presentInputKw ?? input.fullFlowInputKw;
    if (p.presentInputKw !== undefined && p.presentInputKw > input.fullFlowInputKw * 1.5) {
      throw new CalculatorInputError(
        "implausible_value",
        `profile.${i}.presentInputKw`,
        m.errors.presentPowerImplausible(fmtExact(p.presentInputKw), fmtExact(input.fullFlowInputKw)),
      );
    }
    const vsdKw = (input.fullFlowInputKw * (p.flowPercent / 100) ** 3) / drive;
    const saved = Math.max(0, presentKw - vsdKw) * p.hours * input.count;
    present += presentKw * p.hours * input.count;
    vsd += Math.min(presentKw, vsdKw) * p.hours * input.count;
    const line = m.formula.vsdStep({
      flow: fmtExact(p.flowPercent),
      full: fmtExact(input.fullFlowInputKw),
      drive: input.driveEfficiencyPercent === undefined ? null : fmtExact(input.driveEfficiencyPercent),
      vsdKw: fmt(vsdKw, "kw"),
      presentKw: fmtExact(presentKw),
      hours: fmtExact(p.hours),
      count: input.count,
      saved: fmt(saved, "kwh"),
      gain: vsdKw < presentKw,
    });
    formula.push(line);
    return {
      flowPercent: p.flowPercent,
      hours: p.hours,
      presentInputKw: round(presentKw, "kw"),
      vsdInputKw: round(vsdKw, "kw"),
      savedKwh: round(saved, "kwh"),
      formula: line,
    };
  });
  // The total is the sum of the steps as shown, so the 合计 line checks by hand.
  const kwh = round(
    steps.reduce((sum, s) => sum + s.savedKwh, 0),
    "kwh",
  );
  formula.push(
    m.formula.vsdTotal(
      steps.map((s) => fmt(s.savedKwh, "kwh")),
      fmt(kwh, "kwh"),
    ),
  );
  if (input.profile.some((p) => p.presentInputKw === undefined)) notes.push(m.notes.vsdPresentAssumed);
  if (input.driveEfficiencyPercent === undefined) notes.push(m.notes.vsdDriveLossIgnored);
  notes.push(m.notes.vsdAffinityLimits(input.equipment === "pump" ? m.labels.pump : m.labels.fan));
  const saving = electricitySaving(kwh, input, ctx, formula, sources, notes);
  const planUnits = planReferences("vsd_savings", data, sources);
  return {
    steps,
    presentAnnualKwh: round(present, "kwh"),
    vsdAnnualKwh: round(vsd, "kwh"),
    savingPercent: present > 0 ? round((kwh / present) * 100, "percent") : 0,
    count: input.count,
    ...saving,
    formula,
    sources: sources.list(data),
    notes: [...new Set(notes)],
    planUnits,
    rounding: m.rounding,
  };
}
