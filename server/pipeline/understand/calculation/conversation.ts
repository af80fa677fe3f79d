import { messages } from "../../../messages.js";
import type { CalculatorRequest } from "../../../conversation/records.js";
import type { Turn } from "../../context.js";
import type { Quantity } from "../quantities/readQuantities.js";
import type { Aim } from "../quantities/vocabulary.js";
import { findProduct, inPlanNames } from "./product.js";
import { perTonneFigure } from "./benchmarkGap.js";
import { readBenchmarkLookup } from "./lookup.js";
import {
  ABOUT_OWN_PLANT,
  aimsOf,
  asksToConvertOwnEnergy,
  equipmentOf,
  plantFigures,
  readCalculation,
  asksThreshold,
  type ParsedCalculatorRequest,
  type ReadingContext,
} from "./readCalculation.js";
import { bareGridFactor, namedGridFactor, scanMessage, type Scan } from "./context.js";
import { readPlanArithmetic } from "./planArithmetic.js";

const q = messages.calculators.questions;

/**
 * The calculator part of the conversation state. A calculation the assistant asked about is pending
 * for one turn: a message that answers it (a figure it lacked, "轻质的", "含原料用能") completes it; a
 * correction ("不对，是15万吨") redoes the last calculation with the figure replaced; "算了" drops it;
 * anything else is a new question, answered as if nothing were pending.
 */
export interface CalculationUnderstanding {
  request: CalculatorRequest | null;
  /** "算了", "先不算了，…": the calculation was dropped; `rest` is what the message asks besides. */
  dropped?: { rest: string };
}

export interface CalculationTurn {
  /** the message as said (personal data redacted) */
  message: string;
  /** the question after follow-up resolution */
  question: string;
  history: Turn[];
  reading: ReadingContext;
}

export function understandCalculation(turn: CalculationTurn): CalculationUnderstanding {
  const { message, history, reading } = turn;
  const last = history.at(-1);
  const lastCalculation =
    last?.calculatorRequest && last.calculatorRequest.tool !== "benchmark_lookup"
      ? last.calculatorRequest
      : null;
  const pending = last?.status === "answered_needs_input" ? lastCalculation : null;

  const dropped = lastCalculation ? cancelled(message, reading) : null;
  if (dropped) return { request: null, dropped };

  const corrected = lastCalculation ? correction(message, reading) : null;
  if (lastCalculation && corrected !== null) {
    const redone = redo(lastCalculation, last!, corrected, reading);
    if (redone) return { request: redone };
  }

  // A message that states a request of its own ("另外，电弧炉吨钢65千克标煤，离标杆还有多远") is a new question,
  // whatever word it starts with; only what means something with the last calculation varies or adds to it.
  // It is read as it was said: what follow-up resolution added from the turns before is not part of it.
  const own = lastCalculation ? ownRequest(message, lastCalculation, reading) : null;
  if (own) return { request: toRequest(own, [message]) };

  // "那要是做到1050呢": the last calculation again, with the figure it varies.
  const varied = lastCalculation ? startingWith(message, reading.words.conversation.whatIf) : null;
  if (lastCalculation && varied) {
    const redone = redo(lastCalculation, last!, varied, reading, true);
    if (redone) return { request: redone };
  }

  // "再加上电120万度呢": one more line of the same calculation, read with what was said before.
  const added = lastCalculation ? startingWith(message, reading.words.conversation.add) : null;
  if (lastCalculation && added) {
    const more = together(lastCalculation, last!, message, reading);
    if (more) return { request: more };
  }

  // "换成天然气呢，40万方": the same calculation again, of figures complete in themselves.
  const again = lastCalculation ? sameCalculationAlone(message, lastCalculation, reading) : null;
  if (again) return { request: toRequest(again, [message]) };

  // "按0.3千克标准煤/千瓦时算" after a conversion: the factor for what was converted, read with it.
  if (lastCalculation?.tool === "energy_convert" && onlyAFactor(message, reading)) {
    const more = together(lastCalculation, last!, message, reading);
    if (more) return { request: more };
  }

  // "那每年平均降多少？", "那合多少千克标煤呢": the last calculation, asked something more of its own figures.
  if (lastCalculation && asksMoreOf(message, reading)) {
    const more = together(lastCalculation, last!, message, reading);
    // What it asks now is what the answer leads with ("那排放多少二氧化碳" after a conversion: the CO2).
    if (more) return { request: { ...more, aims: [...aimsOf(message, reading)] } };
  }

  if (pending) {
    const continued = continuation(message, pending, reading);
    if (continued) return { request: continued };
  }
  return { request: lookupOrCalculation(turn) };
}

/**
 * A message states a request of its own when, read alone, it asks for a calculation with everything
 * that calculation needs, and it is another calculation than the last one or of another product
 * ("电弧炉炼钢，吨钢工序能耗65千克标煤，离标杆还有多远" after an intensity target or after clinker). A what-if
 * of the same product ("那要是吨熟料105公斤标煤呢") stays a what-if, so it keeps the output said before.
 * Returns that request as read from the message alone, or null.
 */
function ownRequest(
  message: string,
  last: CalculatorRequest,
  reading: ReadingContext,
): ParsedCalculatorRequest | null {
  if (!asksForCalculation(message, reading)) return null;
  const alone = readCalculation(message, reading);
  if (!alone || alone.missing.length > 0) return null;
  const product = alone.input.product;
  const another = alone.tool !== last.tool || (product !== undefined && product !== last.input.product);
  return another ? alone : null;
}

/**
 * "换成天然气呢，40万方，按1.1千克标煤每方" after a conversion: an elliptical question ("…呢", "换成…") whose
 * figures, read alone, are a complete request to the last calculator. Null for anything else.
 */
function sameCalculationAlone(
  message: string,
  last: CalculatorRequest,
  reading: ReadingContext,
): ParsedCalculatorRequest | null {
  if (!elliptical(message.trim(), reading)) return null;
  const alone = readCalculation(message, reading);
  return alone && alone.tool === last.tool && alone.missing.length === 0 && alone.complete ? alone : null;
}

/**
 * An elliptical question with no figure of its own that asks what a calculator says besides its
 * result: the even yearly fall, the CO2, the kilograms, the 等价值, a share, what is left, a year's total.
 */
function asksMoreOf(message: string, reading: ReadingContext): boolean {
  const text = message.trim();
  if (!(elliptical(text, reading) || /^那/u.test(text) || text.length <= SHORT_QUESTION)) return false;
  const scan = scanMessage(text, reading);
  if (!figureless(scan)) return false;
  const aims = aimsOf(scan.text, reading);
  return MORE_AIMS.some((aim) => aims.has(aim));
}

const MORE_AIMS: Aim[] = ["annualRate", "co2", "inKgce", "equivalentValue", "percent", "remaining", "total"];
/** A question this short leans on the one before it. */
const SHORT_QUESTION = 12;

/** "…呢", "换成…", "那改成…": a question that leans on the one before it. */
function elliptical(text: string, reading: ReadingContext): boolean {
  const opening = text.replace(/^那/u, "");
  return (
    CLOSES_ON_PARTICLE.test(text) || reading.words.conversation.instead.some((w) => opening.startsWith(w))
  );
}

/** "…呢？", "…呢，40万方": the particle of a question that leans on the one before it. */
const CLOSES_ON_PARTICLE = /呢[？?。.!！]?$|呢[，,]/u;

/** No figure but years, and none refused as written: nothing of the plant's was said. */
function figureless(scan: Scan): boolean {
  return scan.quantities.every((x) => x.kind === "year") && scan.problems.length === 0;
}

/** A message whose only figures are conversion or emission factors ("按0.3千克标准煤/千瓦时算", "按0.5703算"). */
function onlyAFactor(message: string, reading: ReadingContext): boolean {
  const scan = scanMessage(message, reading);
  const figures = scan.quantities.filter((x) => x.kind !== "year");
  const grid = bareGridFactor(scan);
  // "那按2023年的因子呢": a factor of the data named by its year, no figure of the plant's.
  if (figures.length === 0 && namedGridFactor(scan)) return true;
  return (
    figures.length > 0 &&
    figures.every(
      (x) => x.kind === "electricity_factor" || x.kind === "factor" || x.kind === "grid_factor" || x === grid,
    )
  );
}

/** "算了" / "不算了" / "先不算了，光伏有什么目标": the words that drop a calculation, at the start. */
function cancelled(message: string, reading: ReadingContext): { rest: string } | null {
  const text = message.trim();
  const word = [...reading.words.conversation.cancel]
    .sort((a, b) => b.length - a.length)
    .find((w) => text.startsWith(w));
  if (!word) return null;
  const after = text.slice(word.length);
  // "算了一下" is "I worked it out", not "never mind".
  if (after && !/^[吧啦了哈。.!！,，;；\s]/u.test(after)) return null;
  return { rest: after.replace(/^[吧啦了哈。.!！,，;；\s]+/u, "").trim() };
}

/** "不对，是15万吨", "更正一下：能耗1.2万吨标煤": what follows the correction word, or null. */
function correction(message: string, reading: ReadingContext): string | null {
  const text = message.trim();
  const word = [...reading.words.conversation.correct]
    .sort((a, b) => b.length - a.length)
    .find((w) => text.startsWith(w));
  if (!word) return null;
  return text
    .slice(word.length)
    .replace(/^[了啊呀，,。.:：;；!！\s]*(?:应该是|应为|是|改成|改为)?/u, "")
    .trim();
}

/** What follows one of `words` at the start of a message, when the rest holds a figure; else null. */
function startingWith(message: string, words: string[]): string | null {
  const text = message.trim();
  const word = [...words].sort((a, b) => b.length - a.length).find((w) => text.startsWith(w));
  if (!word) return null;
  const rest = text.slice(word.length).replace(/^[，,：:\s]+/u, "");
  return /\d|[一二两三四五六七八九十][十百千万亿]/.test(rest) ? rest : null;
}

/**
 * A figure written without a unit in a "what if" ("那要是做到1050呢" after "吨氨1180公斤标煤") stands for
 * the figure said before that it is nearest to (within a factor of 3), in that figure's unit.
 */
function nearestBySize(figure: Quantity, said: Quantity[]): Quantity | undefined {
  const distance = (x: Quantity) => Math.abs(Math.log(x.amount / figure.amount));
  return said
    .filter((x) => x.kind !== "year" && x.kind !== "none" && x.amount > 0 && distance(x) <= Math.log(3))
    .sort((a, b) => distance(a) - distance(b))[0];
}

/**
 * Redoes the last calculation with the corrected figures: each figure of the correction replaces the
 * figure of the same kind (and, where both say it, the same subject) in what was said, latest first,
 * and the messages are read again. A correction with no figure of a kind said before ("不对，是重质的")
 * is read as one more message of the request. In a "what if" (`bareBySize`), a figure without a unit
 * replaces the figure nearest to it in size, written in its unit.
 */
function redo(
  request: CalculatorRequest,
  last: Turn,
  fix: string,
  reading: ReadingContext,
  bareBySize = false,
): CalculatorRequest | null {
  if (!fix) return null;
  const said = request.said?.length ? [...request.said] : [last.question];
  const figures = scanMessage(fix, reading).quantities.filter((x) => x.kind !== "year");
  let replacedAny = false;
  for (const figure of figures) {
    let done = false;
    for (let i = said.length - 1; i >= 0 && !done; i--) {
      const scan = scanMessage(said[i]!, reading);
      const bySize =
        bareBySize && figure.kind === "none" ? nearestBySize(figure, scan.quantities) : undefined;
      const sameKind = scan.quantities.filter((x) => x.kind === figure.kind);
      const target =
        bySize ??
        sameKind.filter((x) => figure.subject && x.subject === figure.subject).at(-1) ??
        sameKind.at(-1);
      if (!target) continue;
      const written = bySize ? `${figure.text}${bySize.unit}` : figure.text;
      said[i] = `${scan.text.slice(0, target.start)}${written}${scan.text.slice(target.end)}`;
      done = replacedAny = true;
    }
  }
  if (bareBySize && !replacedAny) return null;
  if (!replacedAny) said.push(fix);
  let parsed: ParsedCalculatorRequest | null = null;
  for (const text of said) parsed = readCalculation(text, reading, parsed, parsed !== null);
  if (!parsed || parsed.tool !== request.tool) return null;
  // "不对吧，方案里说的是……": words of disagreement that change nothing are not a correction.
  if (!replacedAny && JSON.stringify(parsed.input) === JSON.stringify(request.input)) return null;
  return toRequest(parsed, said);
}

/** The last calculation read again with one more message ("再加上电120万度呢"), when it stays the same calculation. */
function together(
  request: CalculatorRequest,
  last: Turn,
  message: string,
  reading: ReadingContext,
): CalculatorRequest | null {
  const said = [...(request.said?.length ? request.said : [last.question]), message];
  const parsed = readCalculation(said.join("。"), reading);
  return parsed && parsed.tool === request.tool ? toRequest(parsed, said) : null;
}

/**
 * A message completes a pending calculation when, read as its continuation, it fills in something the
 * calculation lacked, and does not on its own ask for another calculation.
 */
function continuation(
  message: string,
  pending: CalculatorRequest,
  reading: ReadingContext,
): CalculatorRequest | null {
  const fresh = asksForCalculation(message, reading) ? readCalculation(message, reading) : null;
  if (fresh && fresh.tool !== pending.tool) return null;
  const said = [...(pending.said ?? []), message];
  const continued = readCalculation(message, reading, pending, true);
  if (continued && continued.tool === pending.tool) {
    const progressed =
      continued.missing.length < pending.missing.length ||
      JSON.stringify(continued.input) !== JSON.stringify(pending.input);
    if (progressed) return toRequest(continued, said);
  }
  // "吨电耗450度，折多少标煤" → "年产20万吨": a figure that means something only with what it answers is
  // read together with it.
  const together = readCalculation(said.join("。"), reading, null, false);
  return together && together.tool === pending.tool && together.missing.length < pending.missing.length
    ? toRequest(together, said)
    : null;
}

const WORKS_OUT: Aim[] = ["calculate", "compare", "save", "convert", "co2"];
/**
 * "我们熟料105能完成2025年目标吗": with figures said to be the plant's own, a question about the plan's
 * target is a comparison too; "方案要求降到100，对吧" quotes a figure as the plan's, to be checked.
 */
const WORKS_OUT_FOR_OWN_PLANT: Aim[] = ["target", "progress"];

/**
 * A message asks for a calculation when it gives the plant's own figures (energy, output, power,
 * value added, a consumption per tonne) and asks to work something out with them (convert, compare,
 * save, a target, a change of equipment); or, with no figures, asks to work out its own plant's
 * figures ("我们厂能耗达标了吗"). A question about the plan's figures ("熟料目标是100还是102？") is not one.
 */
export function asksForCalculation(message: string, reading: ReadingContext): boolean {
  const scan = scanMessage(message, reading);
  const aims = aimsOf(scan.text, reading);
  const own = plantFigures(scan).length > 0 || scan.problems.length > 0 || bareConsumption(scan);
  if (!own && asksThreshold(scan)) return false;
  const equipment = equipmentOf(scan.text, reading);
  const changesEquipment = aims.has("upgrade") && (equipment.motor || equipment.fan || equipment.pump);
  // Energy per value added is only ever given to be compared with the plan's target.
  const intensity =
    scan.quantities.some(
      (x) => x.kind === "intensity" || x.subject === "intensity" || x.subject === "value_added",
    ) ||
    (/增加值|能耗强度/.test(scan.text) && (aims.has("target") || aims.has("progress")));
  const aboutTarget = ABOUT_OWN_PLANT.test(scan.text) && WORKS_OUT_FOR_OWN_PLANT.some((a) => aims.has(a));
  // "由110降到102得降百分之几": the share of a fall between figures given is arithmetic to work out.
  const shareOfFall = aims.has("percent") && aims.has("fall");
  if (
    own &&
    (WORKS_OUT.some((a) => aims.has(a)) || aboutTarget || changesEquipment || intensity || shareOfFall)
  )
    return true;
  // "方案里熟料2025年目标比标杆值高百分之几": the plan's own figures, worked out.
  if (readPlanArithmetic(scan, aims)) return true;
  if (asksToConvertOwnEnergy(scan, aims)) return true;
  // "风机加变频能省多少电": a change to equipment and what it saves is a calculation to ask figures for.
  return aims.has("calculate") && (ABOUT_OWN_PLANT.test(scan.text) || changesEquipment);
}

/** "熟料综合能耗108", "我们熟料108": a bare figure the named product's words make its consumption. */
function bareConsumption(scan: Scan): boolean {
  const match = findProduct(scan, null);
  return (
    match?.resolution.kind === "resolved" && perTonneFigure(scan, match.resolution.product) !== undefined
  );
}

/**
 * A new question: a calculation when it asks for one, read on its own or with the request and the
 * subject of the turn before ("我们吨氨是1150公斤标煤" after "合成氨的标杆值是多少？"); else a look-up of
 * the plan's levels ("电炉钢标杆是多少"), or nothing.
 */
function lookupOrCalculation(turn: CalculationTurn): CalculatorRequest | null {
  const calculation = newCalculation(turn);
  const lookup = readBenchmarkLookup(turn.question, turn.reading);
  if (!lookup) return asksThePlansTarget(turn, calculation) ? null : calculation;
  if (!calculation) return { ...lookup, missing: [] };
  const asksOnlyForLevels =
    calculation.tool === "benchmark_gap" &&
    calculation.missing.length > 0 &&
    !aimsOf(turn.question, turn.reading).has("calculate") &&
    !scanMessage(turn.message, turn.reading).quantities.some((x) =>
      ["unit_consumption", "kgce", "tce", "electricity"].includes(x.kind),
    );
  return asksOnlyForLevels ? { ...lookup, missing: [] } : calculation;
}

/**
 * "我们熟料线，市里要求2025年吨熟料综合能耗降到多少": the plan's target asked about the plant's product,
 * with no figure of the plant's: the clause that sets it answers, not a request for the plant's figures.
 */
function asksThePlansTarget(turn: CalculationTurn, calculation: CalculatorRequest | null): boolean {
  if (calculation?.tool !== "benchmark_gap" || calculation.missing.length === 0) return false;
  if (turn.history.at(-1)?.calculatorRequest) return false;
  if (!figureless(scanMessage(turn.message, turn.reading))) return false;
  const aims = aimsOf(turn.question, turn.reading);
  return aims.has("target") && !aims.has("compare") && !aims.has("save");
}

function newCalculation(turn: CalculationTurn): CalculatorRequest | null {
  const { question, message, history, reading } = turn;
  const context = history.at(-1)?.resolvedQuestion;
  // "我们水泥厂去年吨熟料108公斤标煤" then "离2025年目标还差几公斤": the figures of one turn, the question of the next.
  const figuresBefore =
    context !== undefined &&
    !history.at(-1)?.calculatorRequest &&
    scanMessage(question, reading).quantities.every((x) => x.kind === "year") &&
    plantFigures(scanMessage(context, reading)).length > 0 &&
    WORKS_OUT.some((a) => aimsOf(question, reading).has(a));
  // "电弧炉的标杆值是多少" then "我们是62，达标了吗": the product looked up is the one the figure is of.
  const afterLookup =
    context !== undefined &&
    history.at(-1)?.calculatorRequest?.tool === "benchmark_lookup" &&
    asksForCalculation(`${context}。${question}`, reading);
  if (
    !asksForCalculation(question, reading) &&
    !asksForCalculation(message, reading) &&
    !figuresBefore &&
    !afterLookup
  )
    return null;
  const earlier =
    history
      .map((t) => t.calculatorRequest)
      .filter((r) => r !== null && r.tool !== "benchmark_lookup")
      .at(-1) ?? null;
  const own = {
    said: [...(earlier?.said ?? []), question],
    parsed: readCalculation(question, reading, earlier),
  };
  // A question complete in itself is not read together with a calculation before it (whose figures it
  // would take); after words about the plant ("我们是做水泥的，年产熟料100万吨") it still is.
  const completeAlone =
    own.parsed !== null && own.parsed.missing.length === 0 && Boolean(history.at(-1)?.calculatorRequest);
  const candidates = [
    own,
    ...(context && !completeAlone
      ? [
          {
            said: [context, question],
            parsed: readCalculation(`${context}。${question}`, reading, earlier),
          },
        ]
      : []),
  ];
  const best = candidates
    .filter((c): c is { said: string[]; parsed: ParsedCalculatorRequest } => c.parsed !== null)
    // Fewest questions left first; then the reading that understood more (the output said a turn earlier).
    .sort(
      (a, b) =>
        a.parsed.missing.length - b.parsed.missing.length ||
        Object.keys(b.parsed.input).length - Object.keys(a.parsed.input).length,
    )[0];
  if (best) return toRequest(best.parsed, best.said);
  return blankBenchmarkRequest(reading, question);
}

/** A comparison asked for with nothing of the plant known: the product and its figure are asked for. */
function blankBenchmarkRequest(reading: ReadingContext, said: string): CalculatorRequest {
  return {
    tool: "benchmark_gap",
    input: {},
    missing: [q.product(inPlanNames(reading.data)), q.unitConsumption("单位产品")],
    said: [said],
  };
}

/** The request as the pipeline keeps it: questions as text, a final verdict apart, what was said. */
export function toRequest(parsed: ParsedCalculatorRequest, said: string[]): CalculatorRequest {
  const verdict = parsed.missing.find((x) => x.final)?.question;
  return {
    tool: parsed.tool,
    input: parsed.input,
    missing: parsed.missing.map((x) => x.question),
    ...(parsed.notes.length ? { notes: parsed.notes } : {}),
    ...(verdict ? { verdict } : {}),
    ...(parsed.provisional && parsed.missing.length > 0 ? { provisional: parsed.provisional } : {}),
    ...(parsed.aims.length ? { aims: parsed.aims } : {}),
    said,
  };
}
