import { messages } from "../messages.js";
import type { CalculatorData, Product } from "./data.js";
import { standardCoalCarrier } from "./energyInput.js";
import type { ToolName } from "./registry.js";
import { findTool } from "./registry.js";
import { normalizeName, resolveProduct, type ProductResolution } from "./resolveProduct.js";
import { normalizeMessage, scanQuantities, type Quantity } from "./scanQuantities.js";
import { unitFactor, type UnitQuantity } from "./units.js";

const m = messages.calculators;
const q = m.questions;

/** An input the calculator still needs, with the question to ask for it. */
export interface MissingInput {
  field: string;
  question: string;
}

/** What a message says, as calculator input: which tool, the input so far, and what is missing. */
export interface ParsedCalculatorRequest {
  tool: ToolName;
  input: Record<string, unknown>;
  missing: MissingInput[];
  notes: string[];
  /** true when nothing is missing and the input passes the tool's schema */
  complete: boolean;
}

/** An earlier request this message may complete ("轻质的", "含原料用能", "年产100万吨"). */
export interface PreviousRequest {
  tool: string;
  input: Record<string, unknown>;
}

const DELIMITER = /[,。;；!?\n、]/u;

interface Scan {
  text: string;
  quantities: Quantity[];
  data: CalculatorData;
}

function clauseStart(text: string, pos: number): number {
  for (let i = pos - 1; i >= 0; i--) if (DELIMITER.test(text[i]!)) return i + 1;
  return 0;
}

function clauseEnd(text: string, pos: number): number {
  for (let i = pos; i < text.length; i++) if (DELIMITER.test(text[i]!)) return i;
  return text.length;
}

/** Words before a figure, back to the previous figure or the start of its clause. */
function left(scan: Scan, qty: Quantity): string {
  const prev = scan.quantities.filter((o) => o.end <= qty.start).at(-1);
  return scan.text.slice(Math.max(clauseStart(scan.text, qty.start), prev?.end ?? 0), qty.start);
}

/** Words after a figure, up to the next figure or the end of its clause. */
function right(scan: Scan, qty: Quantity): string {
  const next = scan.quantities.find((o) => o.start >= qty.end);
  return scan.text.slice(qty.end, Math.min(clauseEnd(scan.text, qty.end), next?.start ?? scan.text.length));
}

interface Keyword {
  word: string;
  role: string;
}

/** The keyword that ends last in the text (nearest to a figure that follows), longer words winning ties. */
function lastKeyword(text: string, keywords: Keyword[]): Keyword | undefined {
  let best: { k: Keyword; end: number } | undefined;
  for (const k of keywords) {
    const at = text.lastIndexOf(k.word);
    if (at < 0) continue;
    const end = at + k.word.length;
    if (!best || end > best.end || (end === best.end && k.word.length > best.k.word.length))
      best = { k, end };
  }
  return best?.k;
}

/** The keyword that starts first in the text (nearest to a figure that precedes it). */
function firstKeyword(text: string, keywords: Keyword[]): Keyword | undefined {
  let best: { k: Keyword; at: number } | undefined;
  for (const k of keywords) {
    const at = text.indexOf(k.word);
    if (at < 0) continue;
    if (!best || at < best.at || (at === best.at && k.word.length > best.k.word.length)) best = { k, at };
  }
  return best?.k;
}

function carrierKeywords(data: CalculatorData): Keyword[] {
  const words: Keyword[] = data.carriers.flatMap((c) =>
    c.aliases.map((a) => ({ word: normalizeName(a), role: `carrier:${c.id}` })),
  );
  for (const a of standardCoalCarrier.aliases)
    words.push({ word: normalizeName(a), role: "carrier:standard-coal" });
  return words;
}

function productKeywords(data: CalculatorData): Keyword[] {
  return [
    ...data.products.flatMap((p) => p.aliases.map((a) => ({ word: normalizeName(a), role: "product" }))),
    ...data.groups.flatMap((g) => g.aliases.map((a) => ({ word: normalizeName(a), role: "product" }))),
  ];
}

const outputKeywords: Keyword[] = ["产量", "年产", "生产", "产出", "出产", "年产量", "产"].map((word) => ({
  word,
  role: "output",
}));
const capacityAsOutput: Keyword[] = [{ word: "产能", role: "output_capacity" }];

type MassRole =
  | { kind: "output"; fromCapacity: boolean }
  | { kind: "carrier"; carrier: string }
  | { kind: "capacity" }
  | { kind: "unknown" };

function massRole(scan: Scan, qty: Quantity): MassRole {
  const l = normalizeName(left(scan, qty));
  const r = normalizeName(right(scan, qty));
  if (/^的?(电弧炉|电炉|炉)/.test(r) || /(公称)?容量(为|是|:)?$/.test(l)) return { kind: "capacity" };
  const before = lastKeyword(l, [
    ...productKeywords(scan.data),
    ...outputKeywords,
    ...capacityAsOutput,
    ...carrierKeywords(scan.data),
  ]);
  const roleOf = (k: Keyword): MassRole =>
    k.role === "product" || k.role === "output"
      ? { kind: "output", fromCapacity: false }
      : k.role === "output_capacity"
        ? { kind: "output", fromCapacity: true }
        : { kind: "carrier", carrier: k.role.slice("carrier:".length) };
  if (before) return roleOf(before);
  const after = firstKeyword(r.slice(0, 6), [...productKeywords(scan.data), ...carrierKeywords(scan.data)]);
  return after ? roleOf(after) : { kind: "unknown" };
}

/** The carrier a figure's words name, for units that several carriers share (volume, heat). */
function carrierNear(scan: Scan, qty: Quantity, candidates: string[], fallback: string): string {
  const words = carrierKeywords(scan.data).filter((k) =>
    candidates.includes(k.role.slice("carrier:".length)),
  );
  const k =
    lastKeyword(normalizeName(left(scan, qty)), words) ??
    firstKeyword(normalizeName(right(scan, qty)).slice(0, 6), words);
  return k ? k.role.slice("carrier:".length) : fallback;
}

/** Calculator input for an amount: the unit as written when the calculators know it, else the base unit. */
function amountInput(
  qty: Quantity,
  quantity: UnitQuantity,
  baseUnit: string,
): { amount: number; unit: string } {
  return unitFactor(quantity, qty.unit) !== undefined
    ? { amount: qty.amount, unit: qty.unit }
    : { amount: qty.value, unit: baseUnit };
}

function isYear(scan: Scan, qty: Quantity): boolean {
  return (
    qty.kind === "none" &&
    Number.isInteger(qty.value) &&
    qty.value >= 1990 &&
    qty.value <= 2100 &&
    /^\s*年/.test(scan.text.slice(qty.end))
  );
}

// ---------------------------------------------------------------------------------------------------
// Which calculator

const cues = {
  intensity: /增加值能耗|单位增加值|万元增加值|能耗强度|增加值/,
  vsd: /变频/,
  vsdEquipment: /风机|水泵|泵/,
  motor: /电机|电动机|马达/,
  benchmark: /达标|标杆|基准|对标|差距|差多少|先进水平|领跑|吨\S{0,4}能耗|单耗|单位产品/,
  convert: /折标|折合|折算|标准煤|标煤|二氧化碳|碳排放|排放|co2|排碳/i,
};

const CALCULATE =
  /达标|差多少|差距|算一下|计算|测算|能省|省多少|节约多少|节电多少|节能多少|回收期|够不够|完成.{0,8}目标|达到.{0,8}吗/;

function detectTool(scan: Scan, product: ProductMatch | null): ToolName | null {
  const t = scan.text;
  if (cues.intensity.test(t)) return "intensity_target";
  if (cues.vsd.test(t) && cues.vsdEquipment.test(t)) return "vsd_savings";
  if (cues.motor.test(t)) return "motor_upgrade";
  const hasUc = scan.quantities.some((x) => x.kind === "unit_consumption" || x.kind === "kgce");
  if (product || cues.benchmark.test(t) || hasUc) return "benchmark_gap";
  const hasEnergy = scan.quantities.some((x) =>
    ["electricity", "volume", "heat", "tce", "mass"].includes(x.kind),
  );
  if (hasEnergy && cues.convert.test(t)) return "energy_convert";
  return null;
}

// ---------------------------------------------------------------------------------------------------
// Products

interface ProductMatch {
  alias: string;
  resolution: ProductResolution;
}

function findProduct(scan: Scan, capacityT: number | null): ProductMatch | null {
  const text = normalizeName(scan.text);
  let best: { alias: string; at: number } | undefined;
  for (const k of productKeywords(scan.data)) {
    const at = text.indexOf(k.word);
    if (at >= 0 && (!best || k.word.length > best.alias.length)) best = { alias: k.word, at };
  }
  if (!best) return null;
  // Only the words near the product decide its variant or an excluded route ("天然气制合成氨").
  const from = Math.max(clauseStart(text, best.at), best.at - 10);
  const to = Math.min(clauseEnd(text, best.at + best.alias.length), best.at + best.alias.length + 8);
  return { alias: best.alias, resolution: resolveProduct(text.slice(from, to), scan.data, capacityT) };
}

function inPlanNames(data: CalculatorData): string {
  return data.products
    .filter((p) => p.inPlan)
    .map((p) => p.name)
    .join("、");
}

// ---------------------------------------------------------------------------------------------------
// benchmark_gap

/** Words that make "2.9吨标煤" a figure per tonne of product ("吨氨能耗", "每吨", "单位产品", "单耗"). */
const PER_TONNE = /吨[^\d]{0,6}能耗|每吨|单位产品|单耗/;

function basisIn(text: string): "including_feedstock" | "excluding_feedstock" | undefined {
  if (/不扣除原料/.test(text)) return "including_feedstock";
  if (/不含原料|不包括原料|不包含原料|扣除原料|原料用能不计|不计原料|不计入原料|除去原料|不算原料/.test(text))
    return "excluding_feedstock";
  if (/含原料|包括原料|包含原料|计入原料|算上原料|加上原料/.test(text)) return "including_feedstock";
  return undefined;
}

function energyItems(scan: Scan, notes: string[], skip: Set<Quantity>): Array<Record<string, unknown>> {
  const items: Array<Record<string, unknown>> = [];
  for (const qty of scan.quantities) {
    if (skip.has(qty)) continue;
    if (qty.kind === "electricity") {
      if (/电耗\S{0,3}$/.test(normalizeName(left(scan, qty))) && qty.value < 1e4) {
        notes.push(m.parserNotes.perTonneElectricity(qty.text));
        continue;
      }
      items.push({ carrier: "电力", ...amountInput(qty, "electricity", "kWh") });
    } else if (qty.kind === "volume") {
      const id = carrierNear(scan, qty, ["natural-gas", "coke-oven-gas", "producer-gas"], "natural-gas");
      items.push({ carrier: carrierName(scan.data, id), ...amountInput(qty, "volume", "m3") });
    } else if (qty.kind === "heat") {
      const id = carrierNear(scan, qty, ["steam", "heat"], "heat");
      items.push({ carrier: carrierName(scan.data, id), ...amountInput(qty, "heat", "MJ") });
    } else if (qty.kind === "tce") {
      items.push({ carrier: "标准煤", ...amountInput(qty, "standard_coal", "kgce") });
    } else if (qty.kind === "mass") {
      const role = massRole(scan, qty);
      if (role.kind !== "carrier") continue;
      const name = role.carrier === "standard-coal" ? "标准煤" : carrierName(scan.data, role.carrier);
      items.push({ carrier: name, ...amountInput(qty, "mass", "kg") });
    }
  }
  return items;
}

function carrierName(data: CalculatorData, id: string): string {
  return data.carriers.find((c) => c.id === id)?.name ?? id;
}

function parseBenchmarkGap(
  scan: Scan,
  previous: PreviousRequest | null,
): Omit<ParsedCalculatorRequest, "complete"> {
  const notes: string[] = [];
  const missing: MissingInput[] = [];
  const input: Record<string, unknown> = previous?.tool === "benchmark_gap" ? { ...previous.input } : {};
  const t = normalizeName(scan.text);

  const capacityQty = scan.quantities.find((x) => x.kind === "mass" && massRole(scan, x).kind === "capacity");
  const capacityT = capacityQty ? capacityQty.value / 1000 : null;
  if (capacityT !== null) input.capacity = { value: capacityT, unit: "吨" };

  let match = findProduct(scan, capacityT);
  if (typeof input.product === "string" && (!match || match.resolution.kind === "ambiguous")) {
    // A follow-up keeps the product named before, or completes it: "轻质的" after "纯碱".
    const before = resolveProduct(input.product, scan.data, capacityT ?? prevCapacity(input));
    const combined = normalizeName(`${input.product}${scan.text}`);
    match = {
      alias: match?.alias ?? input.product,
      resolution:
        before.kind === "resolved"
          ? before
          : resolveProduct(combined, scan.data, capacityT ?? prevCapacity(input)),
    };
  }
  let product: Product | null = null;
  if (match) {
    const r = match.resolution;
    if (r.kind === "resolved") {
      product = r.product;
      input.product = r.product.id;
    } else {
      input.product = match.alias;
      missing.push({ field: "product", question: productQuestion(r, match.alias, scan.data) });
    }
  } else {
    missing.push({ field: "product", question: q.product(inPlanNames(scan.data)) });
  }

  // Unit consumption: kgce/t, kgce, tce/t; or a bare number right after 能耗 when the product is known.
  const used = new Set<Quantity>();
  const ucQty =
    scan.quantities.find((x) => x.kind === "unit_consumption" || x.kind === "kgce") ??
    scan.quantities.find((x) => x.kind === "tce" && PER_TONNE.test(normalizeName(left(scan, x))));
  if (ucQty) {
    input.unitConsumption = ucQty.value;
    used.add(ucQty);
  } else if (product) {
    const bare = scan.quantities.find(
      (x) =>
        x.kind === "none" &&
        !isYear(scan, x) &&
        /能耗(是|为|:|大概|约|在)?$/.test(normalizeName(left(scan, x))),
    );
    const b = product.benchmark.value;
    if (bare && bare.value > b / 20 && bare.value < b * 20) {
      input.unitConsumption = bare.value;
      notes.push(m.parserNotes.bareNumberAsUnitConsumption(bare.text));
    }
  }
  if (/煤耗/.test(t) && !/综合能耗/.test(t)) notes.push(m.parserNotes.coalOnly);

  for (const qty of scan.quantities) {
    if (qty.kind !== "mass" || qty === capacityQty) continue;
    const role = massRole(scan, qty);
    if (role.kind === "output" && input.output === undefined) {
      input.output = {
        value: amountInput(qty, "mass", "kg").amount,
        unit: amountInput(qty, "mass", "kg").unit,
      };
      if (role.fromCapacity) notes.push(m.parserNotes.capacityAsOutput(qty.text));
    } else if (role.kind === "unknown") {
      notes.push(m.parserNotes.unknownFigure(qty.text));
    }
  }
  const energy = energyItems(scan, notes, used);
  if (energy.length > 0) input.energy = [...((input.energy as unknown[] | undefined) ?? []), ...energy];

  const basis = basisIn(t);
  if (basis) input.basis = basis;
  if (product?.basis && !input.basis)
    missing.push({ field: "basis", question: q.basis(product.name, String(product.benchmark.value)) });

  const hasUc = input.unitConsumption !== undefined;
  const hasEnergy = Array.isArray(input.energy) && input.energy.length > 0;
  if (hasEnergy && input.output === undefined) missing.push({ field: "output", question: q.output });
  if (!hasUc && !hasEnergy)
    missing.push({ field: "unitConsumption", question: q.unitConsumption(product?.perUnit ?? "吨产品") });
  if (product?.capacityBand && input.capacity === undefined)
    notes.push(m.notes.capacityAssumed(product.capacityBand.label));
  return { tool: "benchmark_gap", input, missing, notes };
}

function prevCapacity(input: Record<string, unknown>): number | null {
  const c = input.capacity as { value?: number } | undefined;
  return typeof c?.value === "number" ? c.value : null;
}

function productQuestion(r: ProductResolution, alias: string, data: CalculatorData): string {
  switch (r.kind) {
    case "ambiguous":
      return m.errors.ambiguousProduct(
        alias,
        r.question,
        r.variants.map((p) => p.name),
      );
    case "not_covered":
      return m.errors.productNotCovered(
        alias,
        r.term,
        r.candidates.map((p) => p.name),
      );
    case "out_of_band":
      return m.errors.capacityOutOfBand(String(r.capacityT), r.product.name, r.product.capacityBand!.label);
    case "unknown":
      return m.errors.unknownProduct(
        alias,
        r.closest.map((p) => p.name),
      );
    default:
      return q.product(inPlanNames(data));
  }
}

// ---------------------------------------------------------------------------------------------------
// energy_convert

function parseEnergyConvert(scan: Scan): Omit<ParsedCalculatorRequest, "complete"> {
  const notes: string[] = [];
  const energy = energyItems(scan, notes, new Set());
  const input: Record<string, unknown> = { energy };
  const missing: MissingInput[] = energy.length === 0 ? [{ field: "energy", question: q.energy }] : [];
  if (/等价值/.test(scan.text)) notes.push(m.parserNotes.equalValueNeedsFactor);
  return { tool: "energy_convert", input, missing, notes };
}

// ---------------------------------------------------------------------------------------------------
// motor_upgrade and vsd_savings

const gradeDigit: Record<string, number> = { "1": 1, "2": 2, "3": 3, 一: 1, 二: 2, 三: 3 };
const CHANGE =
  /换成|更换为|更换成|换为|升级为|升级到|升级成|改为|改成|提升到|提升至|替换为|替换成|改造为|改造成|更新为|换/;
const PRESENT_CUE = /现有|现在|目前|原有|原来|老/;

function changeIndex(text: string): number {
  const match = CHANGE.exec(text);
  return match ? match.index : -1;
}

function parseMoney(scan: Scan, input: Record<string, unknown>, notes: string[], count: number | undefined) {
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

function yearlyHours(scan: Scan, notes: string[]): number | undefined {
  const hours = scan.quantities.filter((x) => x.kind === "hours");
  const daily = hours.find((x) => /每天|每日|一天|日均|天/.test(left(scan, x)));
  const days = scan.quantities.find((x) => x.kind === "days");
  if (daily && days) {
    notes.push(m.parserNotes.hoursFromDays(daily.text, days.text));
    return daily.value * days.value;
  }
  const yearly = hours.find((x) => x !== daily && x.value <= 8784);
  if (!yearly && daily) notes.push(m.parserNotes.dailyHoursOnly(daily.text));
  return yearly?.value;
}

function parseMotor(scan: Scan, previous: PreviousRequest | null): Omit<ParsedCalculatorRequest, "complete"> {
  const t = scan.text;
  const notes: string[] = [];
  const input: Record<string, unknown> = previous?.tool === "motor_upgrade" ? { ...previous.input } : {};
  const power = scan.quantities.find((x) => x.kind === "power");
  if (power) input.ratedPowerKw = power.value;
  const poles = /([2468二四六八])\s*极/.exec(t);
  if (poles) input.poles = { "2": 2, "4": 4, "6": 6, "8": 8, 二: 2, 四: 4, 六: 6, 八: 8 }[poles[1]!];
  const count = scan.quantities.find((x) => x.kind === "count");
  if (count) input.count = count.value;
  const hours = yearlyHours(scan, notes);
  if (hours !== undefined) input.hoursPerYear = hours;

  const change = changeIndex(t);
  for (const g of t.matchAll(/([123一二三])\s*级/g)) {
    const at = g.index ?? 0;
    const isPresent = change >= 0 ? at < change : PRESENT_CUE.test(t.slice(Math.max(0, at - 8), at));
    input[isPresent ? "presentGrade" : "targetGrade"] = gradeDigit[g[1]!];
  }
  if (/ie\s*[1-5]/i.test(t)) notes.push(m.parserNotes.ieGrade);
  for (const p of scan.quantities.filter((x) => x.kind === "percent")) {
    const l = left(scan, p);
    if (/负载|负荷/.test(l)) input.loadFactorPercent = p.value;
    else if (/效率/.test(l)) {
      const isPresent = change >= 0 ? p.start < change : true;
      input[isPresent ? "presentEfficiencyPercent" : "targetEfficiencyPercent"] = p.value;
    }
  }
  parseMoney(scan, input, notes, input.count as number | undefined);

  const missing: MissingInput[] = [];
  if (input.ratedPowerKw === undefined) missing.push({ field: "ratedPowerKw", question: q.ratedPowerKw });
  if (input.poles === undefined) missing.push({ field: "poles", question: q.poles });
  if (input.hoursPerYear === undefined) missing.push({ field: "hoursPerYear", question: q.hoursPerYear });
  if (input.loadFactorPercent === undefined)
    missing.push({ field: "loadFactorPercent", question: q.loadFactorPercent });
  if (input.presentGrade === undefined && input.presentEfficiencyPercent === undefined) {
    missing.push({ field: "presentGrade", question: q.presentEfficiency });
  }
  if (input.targetGrade === undefined && input.targetEfficiencyPercent === undefined) {
    missing.push({ field: "targetGrade", question: q.targetEfficiency });
  }
  return { tool: "motor_upgrade", input, missing, notes };
}

function parseVsd(scan: Scan, previous: PreviousRequest | null): Omit<ParsedCalculatorRequest, "complete"> {
  const t = scan.text;
  const notes: string[] = [];
  const input: Record<string, unknown> = previous?.tool === "vsd_savings" ? { ...previous.input } : {};
  if (/水泵|泵/.test(t)) input.equipment = "pump";
  else if (/风机/.test(t)) input.equipment = "fan";
  const power = scan.quantities.find((x) => x.kind === "power");
  if (power) {
    input.fullFlowInputKw = power.value;
    notes.push(m.parserNotes.ratedAsFullFlow(power.text));
  }
  const count = scan.quantities.find((x) => x.kind === "count");
  if (count) input.count = count.value;

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

// ---------------------------------------------------------------------------------------------------
// intensity_target

function parseIntensity(
  scan: Scan,
  previous: PreviousRequest | null,
): Omit<ParsedCalculatorRequest, "complete"> {
  const t = scan.text;
  const notes: string[] = [];
  const input: Record<string, unknown> =
    previous?.tool === "intensity_target" ? structuredClone(previous.input) : {};
  const base = { ...((input.base as Record<string, unknown> | undefined) ?? {}) };
  const current = { ...((input.current as Record<string, unknown> | undefined) ?? {}) };

  const marks = [...t.matchAll(/(20\d\d)\s*年|今年|去年|目前|现在|当前/g)].map((x) => ({
    at: x.index ?? 0,
    year: x[1] ? Number(x[1]) : null,
  }));
  const sawIntensityUnit = scan.quantities.some((x) => x.kind === "intensity");
  marks.forEach((mark, i) => {
    const end = marks[i + 1]?.at ?? t.length;
    const figures = scan.quantities.filter((x) => x.start >= mark.at && x.end <= end && !isYear(scan, x));
    if (figures.length === 0) return;
    const target = mark.year === 2020 ? base : current;
    if (mark.year !== 2020) {
      if (mark.year !== null) target.year = mark.year;
    }
    for (const f of figures) {
      const l = left(scan, f);
      if (f.kind === "intensity") target.intensity = f.value;
      else if (f.kind === "tce" && /增加值能耗(是|为|:)?$|能耗强度(是|为|:)?$/.test(normalizeName(l)))
        target.intensity = f.value / 1000;
      else if (f.kind === "tce") target.energyTce = f.value / 1000;
      else if (f.kind === "money" && /增加值/.test(l)) target.valueAddedWanYuan = f.value / 1e4;
      else if (f.kind === "money" && /产值|营收|收入|销售/.test(l))
        notes.push(m.parserNotes.outputValueIsNotValueAdded);
      else if (f.kind === "none" && sawIntensityUnit && target.intensity === undefined) {
        target.intensity = f.value;
        notes.push(m.parserNotes.bareNumberAsIntensity(f.text));
      }
    }
  });
  input.base = base;
  input.current = current;

  const missing: MissingInput[] = [];
  const has = (f: Record<string, unknown>) =>
    f.intensity !== undefined || (f.energyTce !== undefined && f.valueAddedWanYuan !== undefined);
  if (!has(base)) missing.push({ field: "base", question: q.baseIntensity });
  if (!has(current)) missing.push({ field: "current", question: q.currentIntensity });
  if (current.year === undefined) missing.push({ field: "current.year", question: q.currentYear });
  return { tool: "intensity_target", input, missing, notes };
}

// ---------------------------------------------------------------------------------------------------

/**
 * Reads a Chinese message as calculator input. Returns null when the message is not a calculation
 * request. `previous` lets a follow-up ("轻质的", "含原料用能", "年产100万吨") complete an earlier request.
 */
export function parseCalculatorRequest(
  message: string,
  data: CalculatorData,
  previous: PreviousRequest | null = null,
): ParsedCalculatorRequest | null {
  const text = normalizeMessage(message);
  const scan: Scan = { text, quantities: scanQuantities(text), data };
  const capacity = scan.quantities.find((x) => x.kind === "mass" && massRole(scan, x).kind === "capacity");
  const product = findProduct(scan, capacity ? capacity.value / 1000 : null);
  // Without any figure, only a request to calculate counts ("达标了吗", "能省多少"); "标杆值是多少" is a lookup.
  const figures = scan.quantities.filter((x) => !isYear(scan, x));
  if (figures.length === 0 && !previous && !CALCULATE.test(text)) return null;
  let tool = detectTool(scan, product);
  if (!tool && previous && findTool(previous.tool)) tool = previous.tool as ToolName;
  if (!tool) return null;
  const prev = previous && previous.tool === tool ? previous : null;
  const parsed =
    tool === "benchmark_gap"
      ? parseBenchmarkGap(scan, prev)
      : tool === "energy_convert"
        ? parseEnergyConvert(scan)
        : tool === "motor_upgrade"
          ? parseMotor(scan, prev)
          : tool === "vsd_savings"
            ? parseVsd(scan, prev)
            : parseIntensity(scan, prev);
  const schema = findTool(tool)!.schema;
  const complete = parsed.missing.length === 0 && schema.safeParse(parsed.input).success;
  return { ...parsed, notes: [...new Set(parsed.notes)], complete };
}
