import { fmtExact } from "../../../calculators/format.js";
import { findTool, type ToolName } from "../../../calculators/registry.js";
import { messages } from "../../../messages.js";
import type { Quantity } from "../quantities/readQuantities.js";
import type { Aim } from "../quantities/vocabulary.js";
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
import { readEnergyConvert } from "./energy.js";
import { readMotor, readVsd } from "./equipment.js";
import { readIntensity } from "./intensity.js";
import { findProduct, type ProductMatch } from "./product.js";

export type { MissingInput, ParsedCalculatorRequest, PreviousRequest, ReadingContext } from "./context.js";

const m = messages.calculators;
const q = m.questions;

/** What the question asks of the figures, by the aims vocabulary (折多少标煤, 排多少二氧化碳, 达标没 …). */
export function aimsOf(text: string, reading: ReadingContext): Set<Aim> {
  const lowered = text.toLowerCase();
  const found = new Set<Aim>();
  for (const [aim, words] of Object.entries(reading.words.aims) as Array<[Aim, string[]]>)
    if (words.some((w) => lowered.includes(w.toLowerCase()))) found.add(aim);
  return found;
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
  // A drive is for a fan or a pump (the VSD calculator asks which, for a compressor too); a motor is a motor.
  if (equipment.drive && (equipment.fan || equipment.pump || !equipment.motor)) return "vsd_savings";
  if (equipment.motor) return "motor_upgrade";
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
  if (perTonne || (product && (compares || output || !energy))) {
    // "熟料厂用电800万度合多少标煤": a conversion, even with the product named.
    if (!perTonne && !output && energy && converts && !compares) return "energy_convert";
    return "benchmark_gap";
  }
  if (compares && (output || perTonne)) return "benchmark_gap";
  if (energy && (converts || !compares)) return "energy_convert";
  // "我们厂能耗达标了吗": a comparison with nothing yet; not when the figures are a machine's.
  const machine = figures.some((x) => x.kind === "power" || x.kind === "hours");
  if (compares && !machine) return "benchmark_gap";
  return null;
}

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
  // Without any figure, only a request to work something out counts ("达标了吗", "能省多少").
  const figures = scan.quantities.filter((x) => x.kind !== "year");
  if (figures.length === 0 && scan.problems.length === 0 && !previous && !aims.has("calculate")) return null;
  let tool = continuing && previous && findTool(previous.tool) ? (previous.tool as ToolName) : null;
  tool ??= chooseTool(scan, product, aims);
  if (!tool && previous && findTool(previous.tool)) tool = previous.tool as ToolName;
  if (!tool) return null;
  const prev = previous && previous.tool === tool ? previous : null;
  const parsed =
    tool === "benchmark_gap"
      ? readBenchmarkGap(scan, prev)
      : tool === "energy_convert"
        ? readEnergyConvert(scan, prev, aims)
        : tool === "motor_upgrade"
          ? readMotor(scan, prev)
          : tool === "vsd_savings"
            ? readVsd(scan, prev)
            : readIntensity(scan, prev, aims);
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
  return { ...parsed, missing, notes: [...new Set(parsed.notes)], complete };
}
