#!/usr/bin/env node
// Checks eval/answer-cases.jsonl against the plan's clean copy. Plain Node, no dependencies.
//
//   node eval/check-answer-cases.mjs [--plan <hn2023.md>] [--cases <file.jsonl>]
//
// What it checks:
//   - every line is {id, category, persona, turns, question, expect}; ids a001… are unique; category,
//     persona and expect.status take only the listed values; no conversation appears twice and no
//     question copies one of eval/retrieval-questions.jsonl
//   - the status fits the category (injection → guardrails_injection, not_in_plan → unanswerable_no_content, …)
//   - every cite id is a unit of the plan (the units are parsed from the Markdown the way
//     server/knowledge/parseDocument.ts does it, and must be units with text)
//   - every mustContain string has 2–12 characters; in cases with cites, at least one alternative of each
//     entry occurs in the text of a cited unit; otherwise non-numeric entries must occur in the plan
//     (numbers of calc cases are checked by the arithmetic below instead)
//   - responsible_unit cases name a 责任单位 of a cited unit in mustContain
//   - calc figures: the product, the energy figures and the output are read back from the conversation
//     with the few phrasings the cases use; unit consumption, gap, percent, status and annual saving are
//     recomputed (rounded half away from zero like server/calculators/rounding.ts) and must match; a case
//     whose figures would differ between rounding the gap first or last is rejected as ambiguous
//   - minimum counts per category; every plan product has at least two calculation cases
//   - base64 runs in injection cases decode to readable text (printed for review)
// Exit code 1 when any check fails.

import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? resolve(args[i + 1]) : fallback;
};
const planPath = option("--plan", resolve(here, "../knowledge/documents/hn2023.md"));
const casesPath = option("--cases", resolve(here, "answer-cases.jsonl"));
const retrievalPath = resolve(here, "retrieval-questions.jsonl");

const DOC = "hn2023";
const CATEGORIES = [
  "plan_fact",
  "enterprise_advice",
  "responsible_unit",
  "money_services",
  "calculation",
  "calculation_needs_input",
  "follow_up",
  "out_of_scope",
  "injection",
  "not_in_plan",
  "greeting",
  "handoff",
];
const PERSONAS = ["sme", "provider", "staff", "public"];
const STATUSES = [
  "answered",
  "answered_help",
  "answered_needs_input",
  "unanswerable_no_content",
  "guardrails_off_topic",
  "guardrails_injection",
  "answered_handoff",
];
const EXPECT_KEYS = ["status", "mustContain", "cite", "mustNotContain", "calc"];
const CALC_KEYS = [
  "tool",
  "product",
  "unitConsumption",
  "gapToBenchmark",
  "gapToBenchmarkPercent",
  "status",
  "annualSavingTce",
];
const BENCHMARK_STATUSES = [
  "at_or_better_than_benchmark",
  "between_benchmark_and_baseline",
  "worse_than_baseline",
  "baseline_unknown",
];
const STATUS_OF_CATEGORY = {
  calculation: "answered",
  calculation_needs_input: "answered_needs_input",
  out_of_scope: "guardrails_off_topic",
  injection: "guardrails_injection",
  not_in_plan: "unanswerable_no_content",
  greeting: "answered_help",
  handoff: "answered_handoff",
};
const MINIMUM = {
  calculation: 20,
  follow_up: 15,
  out_of_scope: 12,
  injection: 15,
  not_in_plan: 15,
  greeting: 4,
  calculation_needs_input: 1,
};
const ADVICE_CATEGORIES = ["plan_fact", "enterprise_advice", "responsible_unit", "money_services"];
const MINIMUM_ADVICE = 70;
const MINIMUM_TOTAL = 160;

// The plan's products with benchmark (标杆) values, and the one baseline (基准) that is a policy value
// (水泥熟料 117, GB 16780-2021). `match` recognises the product in a conversation.
const PRODUCTS = [
  { name: "水泥熟料", benchmark: 100, baseline: 117, unit: "3.2.benchmark", match: /熟料|水泥/ },
  {
    name: "电弧炉冶炼（公称容量≥50吨）",
    benchmark: 61,
    baseline: null,
    unit: "3.1.benchmark",
    match: /电弧炉|电炉/,
  },
  { name: "煤制烯烃", benchmark: 2800, baseline: null, unit: "3.3.benchmark", match: /烯烃/ },
  {
    name: "合成氨（以优质无烟块煤为原料）",
    benchmark: 1100,
    baseline: null,
    unit: "3.3.benchmark",
    match: /合成氨|吨氨/,
  },
  {
    name: "纯碱（联碱法，轻质）",
    benchmark: 160,
    baseline: null,
    unit: "3.3.benchmark",
    match: /纯碱|吨碱/,
    variant: /轻质/,
  },
  {
    name: "纯碱（联碱法，重质）",
    benchmark: 210,
    baseline: null,
    unit: "3.3.benchmark",
    match: /纯碱|吨碱/,
    variant: /重质/,
  },
];
const COAL_KGCE_PER_T = 714.3; // 原煤 0.7143 kgce/kg
const POWER_KGCE_PER_KWH = 0.1229; // 电力 当量值

// ---------------------------------------------------------------------------------------------------
// Units of the plan (mirrors server/knowledge/parseDocument.ts closely enough for ids and texts).

const NUMERALS = "一二三四五六七八九十";
const numeral = (t) =>
  t.length === 1 ? NUMERALS.indexOf(t) + 1 : t === "十" ? 10 : 10 + NUMERALS.indexOf(t[1]) + 1;
const PART = /^#*\s*([一二三四五六七八九十]+)、\s*(\S[^。]*)$/;
const SECTION = /^#*\s*[（(]([一二三四五六七八九十]+)[）)]\s*(\S[^。]*)$/;
const ITEM = /^(\d+)[.．]\s*([\s\S]+)$/;
const COLUMN = /^#*\s*专栏\s*(\d+)\s*(.*)$/;
const lead = (text, max = 14) => {
  const m = new RegExp(`^([^。：；]{2,${max}})[。：]`).exec(text);
  return m && !/\d/.test(m[1]) ? m[1] : null;
};

export function parsePlanUnits(markdown) {
  const body = markdown.replace(/^---\n[\s\S]*?\n---\n/, "");
  const title = (/^title:\s*(.+)$/m.exec(markdown) ?? [])[1]?.trim();
  const units = new Map(); // path → {path, kind, title, text}
  const add = (path, kind, unitTitle, text = "") => {
    const unit = { path, kind, title: unitTitle, text, children: 0 };
    units.set(path, unit);
    return unit;
  };
  let seenTitle = false;
  let part = null,
    section = null,
    item = null,
    column = null;
  const paragraphs = new Map();
  const appendTo = (unit, text) => (unit.text = unit.text ? `${unit.text}\n${text}` : text);
  for (const block of body
    .split(/\n\s*\n/)
    .map((b) => b.trim())
    .filter(Boolean)) {
    const line = block.replace(/^#+\s*/, "");
    if (!seenTitle && !part) {
      if (line === title) {
        seenTitle = true;
        continue;
      }
      if (!PART.test(line)) {
        const kind = seenTitle ? "preamble" : "notice";
        appendTo(units.get(kind) ?? add(kind, kind, kind), line);
        continue;
      }
    }
    let m;
    if ((m = PART.exec(line)) && !line.includes("\n")) {
      part = add(String(numeral(m[1])), "part", m[2]);
      section = item = column = null;
    } else if ((m = SECTION.exec(line)) && !line.includes("\n") && part) {
      const kind = /行业$/.test(m[2]) && /实施路径/.test(part.title) ? "sector" : "section";
      section = add(`${part.path}.${numeral(m[1])}`, kind, m[2]);
      item = column = null;
    } else if ((m = COLUMN.exec(line)) && !line.includes("\n")) {
      column = add(`zl${m[1]}`, "column", m[2].trim());
      item = null;
    } else if ((m = ITEM.exec(line)) && (section ?? part)) {
      column = null;
      const parent = section ?? part;
      item = add(`${parent.path}.${m[1]}`, "item", m[2].split(/(?<=。)/)[0], m[2]);
    } else if (column) {
      column.children += 1;
      add(`${column.path}.${column.children}`, "column_item", lead(line, 20) ?? column.title, line);
    } else if (/^\|\s*路径\s*\|/.test(line) && section?.kind === "sector") {
      const [header, , ...rows] = line.split("\n").map((l) =>
        l
          .replace(/^\|/, "")
          .replace(/\|\s*$/, "")
          .split("|")
          .map((c) => c.trim()),
      );
      const col = (re) => header.findIndex((c) => re.test(c));
      const [measuresAt, benchmarkAt, targetAt] = [col(/具体措施/), col(/标杆/), col(/目标/)];
      // Measures are re-joined as "1、….2、….", as the knowledge base stores them.
      const measures = (cell) =>
        cell
          .split(/(?=(?:^|[；。])?\s*\d+、)/)
          .map((piece) => /^\s*(\d+)、([\s\S]*)$/.exec(piece.trim()))
          .filter(Boolean)
          .map((m) => `${m[1]}、${m[2].trim().replace(/[；。]$/, "")}。`)
          .join("");
      rows.forEach((row, i) =>
        add(`${section.path}.r${i + 1}`, "sector_row", row[0], measures(row[measuresAt] ?? "")),
      );
      const joined = (at) =>
        at < 0
          ? ""
          : rows
              .map((r) => r[at] ?? "")
              .filter(Boolean)
              .join("");
      if (joined(benchmarkAt))
        add(`${section.path}.benchmark`, "sector_benchmark", "能效标杆值", joined(benchmarkAt));
      if (joined(targetAt)) add(`${section.path}.target`, "sector_target", "总体实施目标", joined(targetAt));
    } else if (item && /^[（(]责任单位/.test(line)) {
      item.text += line;
    } else {
      const parent = section ?? part;
      const l = lead(line);
      if (!parent) appendTo(units.get("preamble") ?? add("preamble", "preamble", "preamble"), line);
      else if (parent.kind === "section" && l && !item) {
        const n = (paragraphs.get(parent.path) ?? 0) + 1;
        paragraphs.set(parent.path, n);
        add(`${parent.path}.p${n}`, "paragraph", l, line);
      } else appendTo(item ?? parent, line);
    }
  }
  return units;
}

/** The lead 责任单位 a unit's text names: those before 牵头, or all of a clause without 牵头 (…负责). */
function responsibleUnits(text) {
  const names = new Set();
  for (const m of text.matchAll(/[（(](?:责任单位：)?([^（）()]*?(?:牵头|负责)[^（）()]*)[）)]/g)) {
    const leadPart = m[1].includes("牵头") ? m[1].split("牵头")[0] : m[1].split(/[，,]/)[0];
    for (const piece of leadPart.split(/[、]/)) {
      const name = piece.replace(/(等)?(按职责分工)?(负责)?$/, "").trim();
      if (/^市.+(局|委|组|专班|单位)$/.test(name)) names.add(name);
    }
  }
  return [...names];
}

// ---------------------------------------------------------------------------------------------------
// Rounding as in server/calculators/rounding.ts: half away from zero after removing binary noise.

function round(value, digits) {
  const [mantissa, exponent] = Math.abs(value).toExponential(14).split("e");
  const rounded = Math.round(Number(`${mantissa}e${Number(exponent) + digits}`));
  const [m, e] = rounded.toExponential().split("e");
  const result = (value < 0 ? -1 : 1) * Number(`${m}e${Number(e) - digits}`);
  return result === 0 ? 0 : result;
}

// ---------------------------------------------------------------------------------------------------
// Reading the figures of a calculation back from the conversation.

const NUM = "(\\d+(?:\\.\\d+)?)";
const scale = { "": 1, 万: 1e4, 亿: 1e8 };
const lastMatch = (re, text) => [...text.matchAll(re)].at(-1);

function readCalcInputs(text) {
  const found = PRODUCTS.filter((p) => p.match.test(text) && (!p.variant || p.variant.test(text)));
  const out = { products: found };
  // unit consumption stated directly: "108千克标准煤", "98公斤标煤", "0.104吨标准煤/吨"
  const direct = lastMatch(
    new RegExp(
      `${NUM}\\s*(?:千克标准煤|公斤标准煤|千克标煤|公斤标煤|kgce)(?!\\s*\\/\\s*(?:千克|千瓦时|kWh|度))`,
      "g",
    ),
    text,
  );
  const perTonTce = lastMatch(new RegExp(`${NUM}\\s*吨标准煤\\/吨`, "g"), text);
  const perTonPower = lastMatch(
    new RegExp(`吨[钢熟料氨碱烯烃产品]*(?:电耗|耗电)(?:量)?${NUM}\\s*(?:千瓦时|度|kWh)`, "g"),
    text,
  );
  const output = lastMatch(
    new RegExp(`(?:年产量|年产|产量|生产)[^\\d，。；、]{0,4}?${NUM}(万)?吨`, "g"),
    text,
  );
  out.outputT = output ? Number(output[1]) * (output[2] ? 1e4 : 1) : null;
  if (direct) out.unitConsumption = Number(direct[1]);
  else if (perTonTce) out.unitConsumption = Number(perTonTce[1]) * 1000;
  else if (perTonPower) out.unitConsumption = Number(perTonPower[1]) * POWER_KGCE_PER_KWH;
  else {
    let kgce = 0;
    let any = false;
    for (const m of text.matchAll(new RegExp(`${NUM}(万)?吨标准煤(?!\\s*\\/)`, "g"))) {
      kgce += Number(m[1]) * (m[2] ? 1e4 : 1) * 1000;
      any = true;
    }
    for (const m of text.matchAll(new RegExp(`原煤${NUM}(万)?吨`, "g"))) {
      kgce += Number(m[1]) * (m[2] ? 1e4 : 1) * COAL_KGCE_PER_T;
      any = true;
    }
    for (const m of text.matchAll(new RegExp(`用电(?:量)?${NUM}(万|亿)?(?:千瓦时|度|kWh)`, "g"))) {
      kgce += Number(m[1]) * scale[m[2] ?? ""] * POWER_KGCE_PER_KWH;
      any = true;
    }
    if (any && out.outputT) out.unitConsumption = kgce / out.outputT;
  }
  return out;
}

function checkCalc(c, calc, fail) {
  const keys = Object.keys(calc);
  for (const k of keys) if (!CALC_KEYS.includes(k)) fail(`calc has unknown key ${k}`);
  if (calc.tool !== "benchmark_gap") fail(`calc.tool must be benchmark_gap`);
  const product = PRODUCTS.find((p) => p.name === calc.product);
  if (!product)
    return fail(
      `calc.product ${JSON.stringify(calc.product)} is not a plan product (${PRODUCTS.map((p) => p.name).join(", ")})`,
    );
  const text = [...c.turns, c.question].join("\n");
  const inputs = readCalcInputs(text);
  if (inputs.products.length !== 1 || inputs.products[0] !== product) {
    fail(
      `the conversation names ${inputs.products.map((p) => p.name).join(" + ") || "no product"}, calc says ${product.name}`,
    );
  }
  if (inputs.unitConsumption === undefined)
    return fail("cannot read the unit consumption (or total energy and output) from the conversation");
  const raw = inputs.unitConsumption;
  notes.push(
    `${c.id}: ${product.name} unit consumption ${raw} kgce/t${inputs.outputT ? `, output ${inputs.outputT} t` : ""}`,
  );
  const uc = round(raw, 2);
  const gapFull = raw - product.benchmark;
  const gap = round(gapFull, 2);
  const pct = round((gapFull / product.benchmark) * 100, 1);
  const pctFromRounded = round((gap / product.benchmark) * 100, 1);
  if (pct !== pctFromRounded)
    fail(
      `percent is ambiguous (${pct} from the full gap, ${pctFromRounded} from the rounded gap): choose other figures`,
    );
  const expectNumber = (key, want) => {
    if (typeof calc[key] !== "number") fail(`calc.${key} must be a number (want ${want})`);
    else if (calc[key] !== want) fail(`calc.${key} is ${calc[key]}, recomputed ${want}`);
  };
  expectNumber("unitConsumption", uc);
  expectNumber("gapToBenchmark", gap);
  expectNumber("gapToBenchmarkPercent", pct);
  if (inputs.outputT) {
    const saving = round((gapFull * inputs.outputT) / 1000, 2);
    const savingFromRounded = round((gap * inputs.outputT) / 1000, 2);
    if (saving !== savingFromRounded)
      fail(`annual saving is ambiguous (${saving} vs ${savingFromRounded}): choose other figures`);
    if (gap > 0) expectNumber("annualSavingTce", saving);
    else if ("annualSavingTce" in calc)
      fail("annualSavingTce given for a product at or better than the benchmark");
  } else if ("annualSavingTce" in calc)
    fail("annualSavingTce given but the conversation states no annual output (年产/产量 … 吨)");
  let status;
  if (uc <= product.benchmark) status = "at_or_better_than_benchmark";
  else if (product.baseline !== null)
    status = uc <= product.baseline ? "between_benchmark_and_baseline" : "worse_than_baseline";
  if (status) {
    if (calc.status !== status) fail(`calc.status is ${calc.status}, recomputed ${status}`);
  } else if ("status" in calc) {
    // Worse than the benchmark with no policy baseline: either omitted or baseline_unknown.
    if (calc.status !== "baseline_unknown")
      fail(
        `calc.status ${calc.status}: only baseline_unknown (or no status) fits a product without a policy baseline`,
      );
  }
  if (!BENCHMARK_STATUSES.includes(calc.status ?? BENCHMARK_STATUSES[0]))
    fail(`bad calc.status ${calc.status}`);
  return product;
}

// ---------------------------------------------------------------------------------------------------

const units = parsePlanUnits(readFileSync(planPath, "utf8"));
const planText = [...units.values()].map((u) => u.text).join("\n");
const retrievalQuestions = new Set(
  readFileSync(retrievalPath, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l).question.replace(/\s+/g, "")),
);
const isNumeric = (s) => /^[\d.,%％\-−]+$/.test(s);
const length = (s) => [...s].length;

const errors = [];
const notes = [];
const cases = [];
const seenIds = new Set();
const seenConversations = new Set();
const calcPerProduct = new Map();

const lines = readFileSync(casesPath, "utf8").split("\n");
lines.forEach((line, index) => {
  const where = `line ${index + 1}`;
  if (!line.trim()) {
    if (index !== lines.length - 1) errors.push(`${where}: empty line`);
    return;
  }
  let c;
  try {
    c = JSON.parse(line);
  } catch (error) {
    errors.push(`${where}: not JSON (${error.message})`);
    return;
  }
  const fail = (message) => errors.push(`${where} (${c?.id ?? "?"}): ${message}`);
  if (typeof c !== "object" || c === null || Array.isArray(c)) return fail("not an object");
  const keys = Object.keys(c).sort().join(",");
  if (keys !== "category,expect,id,persona,question,turns") fail(`unexpected keys: ${keys}`);
  if (typeof c.id !== "string" || !/^a\d{3,}$/.test(c.id)) fail(`bad id ${JSON.stringify(c.id)}`);
  else if (seenIds.has(c.id)) fail(`duplicate id ${c.id}`);
  else seenIds.add(c.id);
  if (!CATEGORIES.includes(c.category)) fail(`bad category ${JSON.stringify(c.category)}`);
  if (!PERSONAS.includes(c.persona)) fail(`bad persona ${JSON.stringify(c.persona)}`);
  if (!Array.isArray(c.turns) || c.turns.some((t) => typeof t !== "string" || !t.trim()))
    return fail("turns must be an array of non-empty strings");
  if (typeof c.question !== "string" || !c.question.trim() || c.question.length > 1000)
    return fail("question must be a string of 1–1000 characters");
  if (c.category === "follow_up" && c.turns.length === 0) fail("a follow_up needs earlier turns");
  const conversation = JSON.stringify([...c.turns, c.question]);
  if (seenConversations.has(conversation)) fail("duplicate conversation");
  seenConversations.add(conversation);
  if (retrievalQuestions.has(c.question.replace(/\s+/g, "")))
    fail("question copies one of retrieval-questions.jsonl");

  const e = c.expect;
  if (typeof e !== "object" || e === null || Array.isArray(e)) return fail("expect must be an object");
  for (const k of Object.keys(e)) if (!EXPECT_KEYS.includes(k)) fail(`expect has unknown key ${k}`);
  if (!STATUSES.includes(e.status)) fail(`bad expect.status ${JSON.stringify(e.status)}`);
  const wanted = STATUS_OF_CATEGORY[c.category];
  if (wanted && e.status !== wanted) fail(`category ${c.category} expects status ${wanted}, not ${e.status}`);
  if (ADVICE_CATEGORIES.includes(c.category) && e.status !== "answered")
    fail(`category ${c.category} expects status answered`);
  if (
    ["guardrails_off_topic", "guardrails_injection", "unanswerable_no_content", "answered_handoff"].includes(
      e.status,
    ) &&
    (e.cite || e.calc)
  ) {
    fail(`a ${e.status} case cites no unit and runs no calculator`);
  }

  // cites
  const cited = [];
  if ("cite" in e) {
    if (!Array.isArray(e.cite) || e.cite.length < 1 || e.cite.length > 3) fail("cite must hold 1–3 unit ids");
    else
      for (const id of e.cite) {
        const path = typeof id === "string" && id.startsWith(`${DOC}:`) ? id.slice(DOC.length + 1) : null;
        const unit = path && units.get(path);
        if (!unit) fail(`cite ${JSON.stringify(id)} is not a unit of the plan`);
        else if (!unit.text) fail(`cite ${id} is a heading without text; cite the unit that holds the text`);
        else cited.push(unit);
      }
  }
  if (ADVICE_CATEGORIES.includes(c.category) && !cited.length)
    fail(`category ${c.category} must cite a unit`);
  if (ADVICE_CATEGORIES.includes(c.category) && !(e.mustContain ?? []).length)
    fail(`category ${c.category} must have mustContain`);

  // mustContain / mustNotContain
  const entries = [];
  if ("mustContain" in e) {
    if (!Array.isArray(e.mustContain)) fail("mustContain must be an array");
    else
      for (const entry of e.mustContain) {
        const alternatives = Array.isArray(entry) ? entry : [entry];
        if (!alternatives.length || alternatives.some((s) => typeof s !== "string")) {
          fail(`bad mustContain entry ${JSON.stringify(entry)}`);
          continue;
        }
        for (const s of alternatives)
          if (length(s) < 2 || length(s) > 12) fail(`mustContain "${s}" has ${length(s)} characters (2–12)`);
        entries.push(alternatives);
      }
  }
  for (const alternatives of entries) {
    if (e.calc && alternatives.every(isNumeric)) continue;
    if (cited.length) {
      if (!alternatives.some((s) => cited.some((u) => u.text.includes(s)))) {
        const owners = [...units.values()]
          .filter((u) => alternatives.some((s) => u.text.includes(s)))
          .map((u) => `${DOC}:${u.path}`);
        fail(
          `mustContain ${JSON.stringify(alternatives)} is in no cited unit (${e.cite.join(", ")}); found in ${owners.slice(0, 6).join(", ") || "nothing"}`,
        );
      }
    } else if (!alternatives.some(isNumeric) && !alternatives.some((s) => planText.includes(s))) {
      fail(`mustContain ${JSON.stringify(alternatives)} is not in the plan`);
    }
  }
  if ("mustNotContain" in e) {
    if (
      !Array.isArray(e.mustNotContain) ||
      e.mustNotContain.some((s) => typeof s !== "string" || length(s) < 1)
    )
      fail("mustNotContain must be an array of strings");
    for (const s of e.mustNotContain ?? []) {
      if (entries.some((alts) => alts.some((a) => a.includes(s))))
        fail(`mustNotContain "${s}" contradicts mustContain`);
    }
  }
  if (c.category === "responsible_unit") {
    const leads = cited.flatMap((u) => responsibleUnits(u.text));
    if (!entries.some((alts) => alts.some((s) => leads.includes(s))))
      fail(
        `responsible_unit must name a 责任单位 of the cited units in mustContain (${leads.join("、") || "none found"})`,
      );
  }

  // calc
  if (c.category === "calculation" && !e.calc) fail("a calculation case needs calc");
  if (e.calc) {
    if (e.status !== "answered") fail("a calc case is answered");
    const product = checkCalc(c, e.calc, fail);
    if (product && cited.length && !e.cite.includes(`${DOC}:${product.unit}`))
      fail(`a ${product.name} calculation should cite ${DOC}:${product.unit}`);
    if (product && c.category === "calculation")
      calcPerProduct.set(product.name, (calcPerProduct.get(product.name) ?? 0) + 1);
  }

  // injection: base64 payloads must decode to text
  if (c.category === "injection") {
    for (const m of c.question.matchAll(/[A-Za-z0-9+/]{24,}={0,2}/g)) {
      if (!/[+/=\d]/.test(m[0]) && /^[A-Za-z]+$/.test(m[0])) continue;
      const decoded = Buffer.from(m[0], "base64").toString("utf8");
      if (decoded.includes("\ufffd") || Buffer.from(decoded, "utf8").toString("base64") !== m[0])
        fail(`base64 run does not decode cleanly: ${m[0]}`);
      else notes.push(`${c.id}: base64 → ${decoded}`);
    }
  }
  cases.push(c);
});

const count = (key) => {
  const counts = new Map();
  for (const c of cases) counts.set(c[key], (counts.get(c[key]) ?? 0) + 1);
  return counts;
};
const byCategory = count("category");
const byPersona = count("persona");
const byStatus = new Map();
for (const c of cases) byStatus.set(c.expect.status, (byStatus.get(c.expect.status) ?? 0) + 1);

if (cases.length < MINIMUM_TOTAL) errors.push(`only ${cases.length} cases (at least ${MINIMUM_TOTAL})`);
for (const [category, n] of Object.entries(MINIMUM))
  if ((byCategory.get(category) ?? 0) < n)
    errors.push(`only ${byCategory.get(category) ?? 0} ${category} cases (at least ${n})`);
const advice = ADVICE_CATEGORIES.reduce((s, k) => s + (byCategory.get(k) ?? 0), 0);
if (advice < MINIMUM_ADVICE)
  errors.push(
    `only ${advice} plan_fact/enterprise_advice/responsible_unit/money_services cases (at least ${MINIMUM_ADVICE})`,
  );
for (const p of PRODUCTS)
  if ((calcPerProduct.get(p.name) ?? 0) < 2)
    errors.push(`product ${p.name} has ${calcPerProduct.get(p.name) ?? 0} calculation cases (at least 2)`);
const calcStatuses = new Set(cases.map((c) => c.expect.calc?.status).filter(Boolean));
for (const s of BENCHMARK_STATUSES) if (!calcStatuses.has(s)) errors.push(`no calc case with status ${s}`);

const citedUnits = new Set(cases.flatMap((c) => c.expect.cite ?? []));
const uncited = [...units.values()]
  .filter((u) => u.text && !citedUnits.has(`${DOC}:${u.path}`))
  .map((u) => `${DOC}:${u.path}`);

const fmt = (m) => [...m].map(([k, n]) => `${k} ${n}`).join(", ");
console.log(`cases: ${cases.length}  (plan: ${planPath}, ${units.size} units)`);
console.log(
  `per category: ${fmt(byCategory)}  (plan_fact+enterprise_advice+responsible_unit+money_services ${advice})`,
);
console.log(`per persona: ${fmt(byPersona)}`);
console.log(`per status: ${fmt(byStatus)}`);
console.log(`calculation cases per product: ${fmt(calcPerProduct)}`);
console.log(
  `cases with calc (incl. follow-ups): ${cases.filter((c) => c.expect.calc).length}; multi-turn: ${cases.filter((c) => c.turns.length).length}`,
);
console.log(
  `units with text cited by at least one case: ${citedUnits.size} of ${[...units.values()].filter((u) => u.text).length}`,
);
if (uncited.length) console.log(`units with text no case cites: ${uncited.join(", ")}`);
if (args.includes("--verbose")) for (const n of notes) console.log(`note: ${n}`);
if (errors.length) {
  console.error(`\n${errors.length} error(s):`);
  for (const e of errors) console.error(`  ${e}`);
  process.exit(1);
}
console.log("OK");
