import { fmtExact } from "../../../calculators/format.js";
import { findTool, type ToolName } from "../../../calculators/registry.js";
import { messages } from "../../../messages.js";
import type { Quantity } from "../quantities/readQuantities.js";
import { verdictAims, type Aim } from "../quantities/vocabulary.js";
import { PER_TONNE, readBenchmarkGap } from "./benchmarkGap.js";
import {
  left,
  massRole,
  scanMessage,
  type MissingInput,
  type ParsedCalculatorRequest,
  type PreviousRequest,
  type ReadingContext,
  type Scan,
} from "./context.js";
import { isPerTonneElectricity, readEnergyConvert } from "./energy.js";
import { readMotor, readVsd } from "./equipment.js";
import { readIntensity } from "./intensity.js";
import { readPlanArithmetic } from "./planArithmetic.js";
import { findProduct, type ProductMatch } from "./product.js";

export type { MissingInput, ParsedCalculatorRequest, PreviousRequest, ReadingContext } from "./context.js";

const m = messages.calculators;
const q = m.questions;

/** What the question asks of the figures, by the aims vocabulary (折多少标煤, 排多少二氧化碳, 达标没 …). */
export function aimsOf(text: string, reading: ReadingContext): Set<Aim> {
  const lowered = text.toLowerCase();
  const found = new Set<Aim>();
  for (const [aim, words] of loweredAims(reading.words.aims))
    if (words.some((w) => lowered.includes(w))) found.add(aim);
  // "能完成2025年目标吗": reaching the plan's target is asked as a yes or no, like a level.
  if (found.has("planTarget") && found.has("progress")) found.add("meetsTarget");
  if (!reading.words.yesNo.some((w) => text.includes(w))) for (const aim of verdictAims) found.delete(aim);
  // "达标杆了吗" names its level: 达标 inside it is not the unnamed one.
  if (found.has("meetsBenchmark") || found.has("meetsBaseline") || found.has("overBaseline"))
    found.delete("meetsStandard");
  return found;
}

const lowered = new WeakMap<object, Array<[Aim, string[]]>>();

/** The aims vocabulary in lower case, made once per vocabulary rather than for every message. */
function loweredAims(aims: ReadingContext["words"]["aims"]): Array<[Aim, string[]]> {
  let list = lowered.get(aims);
  if (!list) {
    list = (Object.entries(aims) as Array<[Aim, string[]]>).map(([aim, words]) => [
      aim,
      words.map((w) => w.toLowerCase()),
    ]);
    lowered.set(aims, list);
  }
  return list;
}

/** Which equipment the message names, by the equipment vocabulary. */
export function equipmentOf(text: string, reading: ReadingContext) {
  const has = (list: string[]) => list.some((w) => text.includes(w));
  const e = reading.words.equipment;
  return { motor: has(e.motor), fan: has(e.fan), pump: has(e.pump), drive: has(e.drive) };
}

const ENERGY_KINDS = new Set(["electricity", "volume", "heat", "tce", "mass"]);
/** Figures a plant states about itself (a year, a bare number or a percentage alone is not one). */
const PLANT_KINDS = new Set([
  "unit_consumption",
  "kgce",
  "tce",
  "intensity",
  "electricity",
  "power",
  "volume",
  "heat",
  "mass",
  "heating_value",
]);

/** The figures of the plant in a message: energy, output, power, value added (or figures refused as written). */
export function plantFigures(scan: Scan): Quantity[] {
  return scan.quantities.filter(
    (x) =>
      PLANT_KINDS.has(x.kind) ||
      (x.kind === "money" && x.subject === "value_added") ||
      (x.kind === "none" && (x.subject === "intensity" || x.subject === "unit_consumption")),
  );
}

/**
 * Which calculator the figures are for. The quantities decide first (a figure per 万元 of value added,
 * a flow profile of a fan, a motor's power, a product with its consumption or its output and energy,
 * energy alone); the question's aim breaks ties (energy of a named product is converted when the
 * question asks to convert it and compared when it asks about the benchmark).
 */
function chooseTool(scan: Scan, product: ProductMatch | null, aims: Set<Aim>): ToolName | null {
  const figures = scan.quantities;
  const about = (...subjects: string[]) => figures.some((x) => x.subject && subjects.includes(x.subject));
  const equipment = equipmentOf(scan.text, scan);
  if (figures.some((x) => x.kind === "intensity") || about("intensity", "value_added"))
    return "intensity_target";
  if (/增加值|能耗强度/.test(scan.text) && (aims.has("target") || aims.has("compare")))
    return "intensity_target";
  const perTonne =
    figures.some(
      (x) =>
        x.kind === "unit_consumption" ||
        x.kind === "kgce" ||
        (x.kind === "tce" && (x.subject === "unit_consumption" || PER_TONNE.test(left(scan, x)))),
    ) || scan.problems.some((p) => p.kind === "unit_consumption" || p.kind === "kgce");
  const energy =
    figures.some(
      (x) =>
        ENERGY_KINDS.has(x.kind) &&
        !isOutputOrCapacity(scan, x) &&
        !(x.kind === "tce" && (x.subject === "unit_consumption" || PER_TONNE.test(left(scan, x)))),
    ) || scan.problems.some((p) => ENERGY_KINDS.has(p.kind));
  const output = figures.some((x) => x.kind === "mass" && isOutputOrCapacity(scan, x));
  const converts = aims.has("convert") || aims.has("co2");
  const compares = aims.has("compare") || aims.has("save");
  const machine = figures.some((x) => x.kind === "power" || x.kind === "hours");
  // "换了高效电机后一年省了30万度电，相当于省了多少吨标煤": the energy is given, so it is converted, whatever
  // equipment saved it; a change of equipment is worked out from the machine's figures, which are not given.
  // So is a share saved of the energy stated ("原来一年用电100万度，改造后节电30%").
  const savedShare = figures.some((x) => x.kind === "percent" && x.saved);
  const saved =
    figures.some((x) => x.saved && ENERGY_KINDS.has(x.kind) && !isOutputOrCapacity(scan, x)) ||
    (savedShare && energy);
  // "吨钢电耗450度，年产20万吨，一年用电折多少标煤": the output makes the year's electricity, to convert.
  const energyPerTonne = figures
    .filter((x) => ENERGY_KINDS.has(x.kind) && !isOutputOrCapacity(scan, x))
    .every((x) => isPerTonneElectricity(scan, x));
  if (energy && converts && !perTonne && (!output || energyPerTonne) && !machine && (saved || !compares))
    return "energy_convert";
  // A drive is for a fan or a pump (the VSD calculator asks which, for a compressor too); a motor is a motor.
  if (equipment.drive && (equipment.fan || equipment.pump || !equipment.motor)) return "vsd_savings";
  if (equipment.motor) return "motor_upgrade";
  if (perTonne || (product && (compares || output || !energy))) {
    // "熟料厂用电800万度合多少标煤": a conversion, even with the product named.
    if (!perTonne && !output && energy && converts && !compares) return "energy_convert";
    return "benchmark_gap";
  }
  if (compares && (output || perTonne)) return "benchmark_gap";
  if (energy && (converts || !compares)) return "energy_convert";
  // "帮我把用电量折成标煤": the conversion is asked for before the amount.
  if (asksToConvertOwnEnergy(scan, aims)) return "energy_convert";
  // "我们厂能耗达标了吗": a comparison with nothing yet; not when the figures are a machine's.
  if (compares && !machine) return "benchmark_gap";
  return null;
}

/** "我们厂", "客户", "这家企业": the plant is the person's (or a client's), not the plan's. */
export const ABOUT_OWN_PLANT = /我们|我厂|我司|咱们|客户|这家|一家|企业|厂/;
/** "帮我把…", "请折算…": the person asks the assistant to work it out. */
const ASKS_TO_WORK_OUT = /帮我|帮忙|麻烦|请|给我|替我|把/;

/**
 * "帮我把用电量折成标煤", "我们厂一年用电折多少吨标煤": a conversion of the person's own energy, named but
 * not yet given; "电力折标准煤的系数是多少" asks about the factor, not for a conversion.
 */
export function asksToConvertOwnEnergy(scan: Scan, aims: Set<Aim>): boolean {
  if (!aims.has("convert") || plantFigures(scan).length > 0) return false;
  const energyWords = scan.words.subjects
    .filter((s) => s.subject === "energy" || s.subject === "electricity" || s.subject === "fuel")
    .flatMap((s) => s.words);
  return (
    energyWords.some((w) => scan.text.includes(w)) &&
    (ABOUT_OWN_PLANT.test(scan.text) || ASKS_TO_WORK_OUT.test(scan.text))
  );
}

/** "年耗能多少吨标煤以上的企业": the amount asked is a rule's threshold, a question about the plan. */
export function asksThreshold(scan: Scan): boolean {
  let pattern = thresholdPatterns.get(scan.words.thresholds);
  if (!pattern) {
    const after = scan.words.thresholds.join("|");
    pattern = new RegExp(`(?:多少|几)[^，。,;；？?\\d]{0,8}?(?:${after})`, "u");
    thresholdPatterns.set(scan.words.thresholds, pattern);
  }
  return pattern.test(scan.text);
}

/** The threshold pattern, made once per vocabulary rather than for every message. */
const thresholdPatterns = new WeakMap<string[], RegExp>();

function isOutputOrCapacity(scan: Scan, x: Quantity): boolean {
  if (x.kind !== "mass") return false;
  const role = massRole(scan, x).kind;
  return role === "output" || role === "capacity";
}

/**
 * Reads a Chinese message as calculator input. Returns null when the message is not a calculation
 * request. `previous` lets a follow-up ("轻质的", "含原料用能", "年产100万吨") complete an earlier request;
 * with `continuing`, the message is read as input to that request's calculator, whatever it names.
 */
export function readCalculation(
  message: string,
  reading: ReadingContext,
  previous: PreviousRequest | null = null,
  continuing = false,
): ParsedCalculatorRequest | null {
  const scan = scanMessage(message, reading);
  const capacity = scan.quantities.find((x) => x.kind === "mass" && massRole(scan, x).kind === "capacity");
  const product = findProduct(scan, capacity ? capacity.value / 1000 : null);
  const aims = aimsOf(scan.text, reading);
  // Arithmetic on the plan's own figures ("目标比标杆值高百分之几") may need no figure of the plant's.
  const onPlanFigures = readPlanArithmetic(scan, aims);
  // Without any figure, only a request to work something out counts ("达标了吗", "能省多少").
  const figures = scan.quantities.filter((x) => x.kind !== "year");
  if (figures.length === 0 && asksThreshold(scan)) return null;
  if (
    figures.length === 0 &&
    scan.problems.length === 0 &&
    !previous &&
    !onPlanFigures &&
    !aims.has("calculate") &&
    !asksToConvertOwnEnergy(scan, aims)
  )
    return null;
  let tool = continuing && previous && findTool(previous.tool) ? (previous.tool as ToolName) : null;
  tool ??= onPlanFigures ? "plan_arithmetic" : chooseTool(scan, product, aims);
  if (!tool && previous && findTool(previous.tool)) tool = previous.tool as ToolName;
  if (!tool) return null;
  const prev = previous && previous.tool === tool ? previous : null;
  const parsed =
    tool === "plan_arithmetic"
      ? onPlanFigures
      : tool === "benchmark_gap"
        ? readBenchmarkGap(scan, prev)
        : tool === "energy_convert"
          ? readEnergyConvert(scan, prev, aims)
          : tool === "motor_upgrade"
            ? readMotor(scan, prev)
            : tool === "vsd_savings"
              ? readVsd(scan, prev)
              : readIntensity(scan, prev, aims);
  // A reply to arithmetic on the plan's figures ("轻质的") is read with the question it answers.
  if (!parsed) return null;
  // A figure that cannot be taken as written is asked about first, by the words the person used.
  const refused: MissingInput[] = scan.problems.map((p) => ({
    field: "figure",
    question: q.implausibleFigure(p.text, p.reason),
  }));
  const missing = [...refused, ...parsed.missing];
  const ranges = scan.quantities
    .filter((x) => x.range)
    .map((x) => m.parserNotes.rangeMidpoint(x.text, `${fmtExact(x.amount)}${x.unit}`));
  parsed.notes.push(...ranges);
  const schema = findTool(tool)!.schema;
  const complete = missing.length === 0 && schema.safeParse(parsed.input).success;
  const asked = [...new Set([...(prev?.aims ?? []), ...aims])];
  return { ...parsed, missing, notes: [...new Set(parsed.notes)], complete, aims: asked };
}
