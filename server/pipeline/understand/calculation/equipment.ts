import { messages } from "../../../messages.js";
import { fmtExact } from "../../../calculators/format.js";
import { looksUpGrade } from "../../../calculators/motorUpgrade.js";
import type { Quantity } from "../quantities/readQuantities.js";
import {
  left,
  type MissingInput,
  type PreviousRequest,
  type Provisional,
  type ReadResult,
  type Scan,
  givenGridFactor,
} from "./context.js";

const m = messages.calculators;
const q = m.questions;

/** Reading motor-upgrade and variable-speed-drive requests: powers, grades, hours, flow profile, money. */

export const gradeDigit: Record<string, number> = { "1": 1, "2": 2, "3": 3, 一: 1, 二: 2, 三: 3 };
/** Words that introduce the motor after the change ("换成二级", "目标是一级"). */
export const TARGET_CUE =
  /换成|更换为|更换成|换为|升级为|升级到|升级成|改为|改成|改用|提升到|提升至|提高到|提高至|提到|提至|升到|升至|替换为|替换成|改造为|改造成|更新为|目标|新的|新电机|换/g;
/** Words that introduce the motor in use ("现在是三级", "原来的效率", "效率从92%提到95%"). */
export const PRESENT_CUE = /现有|现在|目前|原有|原来|在用|现用|老|旧|从|由/g;

/**
 * Whether a grade or efficiency at `at` is the present motor's or the target's: the cue word nearest
 * before it decides ("把电机换成二级…现在是三级"); with none before it, a change word after it makes it
 * the present one ("三级换成一级"); with no cue at all it is the target ("换一级能效" has one; "一级的呢").
 */
export function isPresentAt(text: string, at: number): boolean {
  const cues = [
    ...[...text.matchAll(PRESENT_CUE)].map((c) => ({
      end: c.index + c[0].length,
      start: c.index,
      present: true,
    })),
    ...[...text.matchAll(TARGET_CUE)].map((c) => ({
      end: c.index + c[0].length,
      start: c.index,
      present: false,
    })),
  ];
  const before = cues.filter((c) => c.end <= at).sort((a, b) => b.end - a.end || a.start - b.start)[0];
  if (before) return before.present;
  return cues.some((c) => !c.present && c.start >= at);
}

/** "30台电机一共1500千瓦" is 30 motors of 50 kW; "30台15千瓦的电机" is 30 of 15 kW. */
function perMachine(power: Quantity, count: Quantity | undefined, notes: string[]): number {
  if (!power.total || !count || count.value <= 1) return power.value;
  const each = Number((power.value / count.value).toPrecision(12));
  notes.push(m.parserNotes.totalPowerPerMotor(power.text, count.value, fmtExact(each)));
  return each;
}

export function parseMoney(
  scan: Scan,
  input: Record<string, unknown>,
  notes: string[],
  count: number | undefined,
) {
  const price = scan.quantities.find((x) => x.kind === "price");
  if (price) input.electricityPrice = price.value;
  const cost = scan.quantities.find(
    (x) =>
      x.kind === "money" && /投资|费用|成本|造价|花费|花|总价|改造|价格|购置|需要|要/.test(left(scan, x)),
  );
  if (cost) {
    const perUnit = /每台|单台|一台/.test(left(scan, cost));
    const wan = cost.value / 1e4;
    input.upgradeCostWanYuan = perUnit && count ? wan * count : wan;
    if (perUnit && count) notes.push(m.parserNotes.costPerUnit(cost.text, count));
  }
}

export function yearlyHours(scan: Scan, notes: string[]): number | undefined {
  const hours = scan.quantities.filter((x) => x.kind === "hours");
  const daily = hours.find((x) => /每天|每日|一天|日均|天/.test(left(scan, x)));
  // "一天运行20小时，一年330天": the days of the year, not the one day of "一天".
  const days = scan.quantities.filter((x) => x.kind === "days").sort((a, b) => b.value - a.value)[0];
  if (daily && days) {
    notes.push(m.parserNotes.hoursFromDays(daily.text, days.text));
    return daily.value * days.value;
  }
  const yearly = hours.find((x) => x !== daily && x.value <= 8784);
  if (!yearly && daily) notes.push(m.parserNotes.dailyHoursOnly(daily.text));
  return yearly?.value;
}

/** Words for running at the rated output: a load factor of 100%. */
const FULL_LOAD = /满载|满负荷|满负载|满功率|满发/;

export function readMotor(scan: Scan, previous: PreviousRequest | null): ReadResult {
  const t = scan.text;
  const notes: string[] = [];
  const input: Record<string, unknown> = previous?.tool === "motor_upgrade" ? { ...previous.input } : {};
  givenGridFactor(scan, input);
  const power = scan.quantities.find((x) => x.kind === "power");
  const poles = /([2468二四六八])\s*极/.exec(t);
  if (poles) input.poles = { "2": 2, "4": 4, "6": 6, "8": 8, 二: 2, 四: 4, 六: 6, 八: 8 }[poles[1]!];
  const count = scan.quantities.find((x) => x.kind === "count");
  if (count) input.count = count.value;
  if (power) input.ratedPowerKw = perMachine(power, count, notes);
  const hours = yearlyHours(scan, notes);
  if (hours !== undefined) input.hoursPerYear = hours;

  for (const g of t.matchAll(/([123一二三])\s*级/g)) {
    input[isPresentAt(t, g.index ?? 0) ? "presentGrade" : "targetGrade"] = gradeDigit[g[1]!];
  }
  if (/ie\s*[1-5]/i.test(t)) notes.push(m.parserNotes.ieGrade);
  // "满载运行", "满负荷": the motor runs at its rated output, a load of 100%.
  if (FULL_LOAD.test(t)) {
    input.loadFactorPercent = 100;
    notes.push(m.parserNotes.fullLoad);
  }
  for (const p of scan.quantities.filter((x) => x.kind === "percent")) {
    const l = left(scan, p);
    if (/负载|负荷/.test(l)) input.loadFactorPercent = p.value;
    // "现有效率93.9%，换成96.1%的": once 效率 is said, a percentage after a change word is one too.
    else if (/效率/.test(l) || (/效率/.test(t) && !/流量/.test(l) && p.value > 50)) {
      input[isPresentAt(t, p.start) ? "presentEfficiencyPercent" : "targetEfficiencyPercent"] = p.value;
    }
  }
  parseMoney(scan, input, notes, input.count as number | undefined);

  const missing: MissingInput[] = [];
  if (input.ratedPowerKw === undefined) missing.push({ field: "ratedPowerKw", question: q.ratedPowerKw });
  // The poles only find a grade's efficiency in the table: with both efficiencies given they are not asked.
  if (input.poles === undefined && looksUpGrade(input)) missing.push({ field: "poles", question: q.poles });
  if (input.hoursPerYear === undefined) missing.push({ field: "hoursPerYear", question: q.hoursPerYear });
  if (input.loadFactorPercent === undefined)
    missing.push({ field: "loadFactorPercent", question: q.loadFactorPercent });
  const unlisted = unlistedMotor(scan, input);
  for (const [which, grade, efficiency] of [
    ["present", "presentGrade", "presentEfficiencyPercent"],
    ["target", "targetGrade", "targetEfficiencyPercent"],
  ] as const) {
    if (input[efficiency] !== undefined) continue;
    if (unlisted) {
      // A grade means nothing for a motor the table does not list: ask for the efficiency, as the tool would.
      delete input[grade];
      missing.push({
        field: efficiency,
        question:
          which === "present"
            ? q.presentEfficiencyUnlisted(unlisted.power, unlisted.powers)
            : q.targetEfficiencyUnlisted(unlisted.power),
      });
    } else if (input[grade] === undefined) {
      missing.push({
        field: grade,
        question: which === "present" ? q.presentEfficiency : q.targetEfficiency,
      });
    }
  }
  const provisional = assumedMotor(scan, input, missing, notes);
  return { tool: "motor_upgrade", input, missing, notes, ...(provisional ? { provisional } : {}) };
}

/** What a provisional motor answer may assume, by the field it fills. */
const ASSUMABLE = new Set(["poles", "loadFactorPercent", "presentGrade"]);

/**
 * "20台11千瓦的电机换成一级能效，每年运行6000小时": with only the poles, the load or the present grade
 * missing, an estimate at the typical figures of the vocabulary (`assumptions.motor`: 4极, 75%, 3级),
 * labelled 按假设估算 with what it assumed; the questions for the real figures are still asked.
 */
function assumedMotor(
  scan: Scan,
  input: Record<string, unknown>,
  missing: MissingInput[],
  notes: string[],
): Provisional | undefined {
  if (missing.length === 0 || !missing.every((x) => ASSUMABLE.has(x.field))) return undefined;
  const typical = scan.words.assumptions.motor;
  const assumed: Record<string, unknown> = { ...input };
  const parts: string[] = [];
  for (const x of missing) {
    if (x.field === "poles") {
      assumed.poles = typical.poles.value;
      parts.push(m.provisional.assumedPoles(typical.poles.value));
      notes.push(typical.poles.why);
    } else if (x.field === "loadFactorPercent") {
      assumed.loadFactorPercent = typical.loadFactorPercent.value;
      parts.push(m.provisional.assumedLoad(typical.loadFactorPercent.value));
      notes.push(typical.loadFactorPercent.why);
    } else {
      assumed.presentGrade = typical.presentGrade.value;
      parts.push(m.provisional.assumedPresentGrade(typical.presentGrade.value));
      notes.push(typical.presentGrade.why);
    }
  }
  const listed = scan.data.motor.rows.some(
    (r) => r.ratedPowerKw === assumed.ratedPowerKw && r.poles === assumed.poles,
  );
  if (looksUpGrade(assumed) && !listed) return undefined;
  return { input: assumed, note: m.provisional.assumedNote, label: m.provisional.assumedLabel(parts) };
}

/** The rated power (and poles, when said) match no row of the grade table: the figures shown in questions. */
function unlistedMotor(scan: Scan, input: Record<string, unknown>): { power: string; powers: string } | null {
  const power = input.ratedPowerKw;
  if (typeof power !== "number") return null;
  const rows = scan.data.motor.rows;
  if (rows.some((r) => r.ratedPowerKw === power && (input.poles === undefined || r.poles === input.poles)))
    return null;
  return {
    power: fmtExact(power),
    powers: [...new Set(rows.map((r) => fmtExact(r.ratedPowerKw)))].join("、"),
  };
}

export function readVsd(scan: Scan, previous: PreviousRequest | null): ReadResult {
  const t = scan.text;
  const notes: string[] = [];
  const input: Record<string, unknown> = previous?.tool === "vsd_savings" ? { ...previous.input } : {};
  givenGridFactor(scan, input);
  if (/水泵|泵/.test(t)) input.equipment = "pump";
  else if (/风机/.test(t)) input.equipment = "fan";
  const power = scan.quantities.find((x) => x.kind === "power");
  const count = scan.quantities.find((x) => x.kind === "count");
  if (count) input.count = count.value;
  if (power) {
    input.fullFlowInputKw = perMachine(power, count, notes);
    notes.push(m.parserNotes.ratedAsFullFlow(power.text));
  }

  const profile: Array<{ flowPercent: number; hours: number }> = [];
  const full = /(满负荷|满流量|全流量|额定流量|满载)[^\d]{0,6}?(\d+(?:\.\d+)?)\s*(?:个)?小时/.exec(t);
  if (full) profile.push({ flowPercent: 100, hours: Number(full[2]) });
  const percents = scan.quantities.filter(
    (x) => x.kind === "percent" && !/负载|负荷率|效率|电价/.test(left(scan, x)),
  );
  const hours = scan.quantities.filter((x) => x.kind === "hours");
  for (const [i, p] of percents.entries()) {
    const next = percents[i + 1]?.start ?? t.length;
    const h =
      hours.find((x) => x.start > p.end && x.start < next) ??
      hours.find(
        (x) =>
          x.end <= p.start &&
          !percents.some((o) => o.end > x.end && o.end <= p.start) &&
          x.end > (percents[i - 1]?.end ?? 0),
      );
    if (h) profile.push({ flowPercent: p.value, hours: h.value });
  }
  if (profile.length > 0) input.profile = profile;
  parseMoney(scan, input, notes, input.count as number | undefined);

  const missing: MissingInput[] = [];
  if (input.equipment === undefined) missing.push({ field: "equipment", question: q.equipment });
  if (input.fullFlowInputKw === undefined)
    missing.push({ field: "fullFlowInputKw", question: q.fullFlowInputKw });
  if (input.profile === undefined) missing.push({ field: "profile", question: q.profile });
  return { tool: "vsd_savings", input, missing, notes };
}
