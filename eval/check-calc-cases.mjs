#!/usr/bin/env node
// Checks eval/calc-cases.jsonl, the development set of freely phrased calculation requests. Plain Node.
//
//   node eval/check-calc-cases.mjs [--cases <file.jsonl>]
//
// What it checks:
//   - every line is {id, category, persona, turns, question, expect}; ids c001… are unique and in order;
//     category, persona, expect keys and expect.status take only the listed values; no conversation twice
//   - the status fits the category (calculation → answered, calculation_needs_input → answered_needs_input,
//     calculation_not_catalogued → answered, with no calculator: a product of the national table whose levels
//     the catalogue does not carry is named with the notice that lists it, and no figure)
//   - calc names a calculator, and its other keys are result fields or paths ("standardCoal.totalTce",
//     "input.ratedPowerKw") with numbers or status strings as values
//   - every figure in a lead entry is one of the case's expected figures, a figure of the conversation or a
//     reviewed factor of knowledge/data (conversion factors, grid factors and their years), so a typo in an
//     expected figure cannot pass unnoticed: the figures were computed by hand, and the lead must say
//     what the calculation found
//   - at least 60 cases; every calculator reached from chat at least three times
// Exit code 1 when any check fails.

import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const at = args.indexOf("--cases");
const casesPath = at >= 0 && args[at + 1] ? resolve(args[at + 1]) : resolve(here, "calc-cases.jsonl");

const CATEGORIES = {
  calculation: "answered",
  calculation_needs_input: "answered_needs_input",
  calculation_conversation: null,
  // a product of the national table the catalogue leaves out: named with the notice, no figure, no calculator
  calculation_not_catalogued: "answered",
};
const PERSONAS = ["sme", "provider", "staff", "public"];
const STATUSES = ["answered", "answered_needs_input", "answered_help"];
const EXPECT_KEYS = ["status", "lead", "mustContain", "mustNotContain", "cite", "calc"];
const TOOLS = [
  "benchmark_gap",
  "energy_convert",
  "motor_upgrade",
  "vsd_savings",
  "intensity_target",
  "plan_arithmetic",
];
const MINIMUM_CASES = 60;
const DATA = resolve(here, "../knowledge/data");
/** A lead shows the factor it used: the reviewed conversion factors and grid factors (with their years). */
const DATA_FIGURES = new Set([
  ...JSON.parse(readFileSync(resolve(DATA, "energy-conversion.json"), "utf8"))
    .carriers.filter((c) => c.factor)
    .map((c) => String(c.factor.value)),
  ...JSON.parse(readFileSync(resolve(DATA, "emission-factors.json"), "utf8")).grid.flatMap((g) => [
    String(g.value),
    String(g.year),
  ]),
]);
const MINIMUM_PER_TOOL = 3;

const problems = [];
const fail = (id, message) => problems.push(`${id}: ${message}`);

/** "17,143.2吨" → ["17143.2"]; figures as canonical numbers. */
const figures = (text) =>
  [...String(text).matchAll(/-?\d+(?:,\d{3})*(?:\.\d+)?/g)].map((m) =>
    String(Number(m[0].replace(/,/g, ""))),
  );

const lines = readFileSync(casesPath, "utf8")
  .split("\n")
  .filter((l) => l.trim());
const seenIds = new Set();
const seenConversations = new Set();
const perTool = Object.fromEntries(TOOLS.map((t) => [t, 0]));

lines.forEach((line, index) => {
  let c;
  try {
    c = JSON.parse(line);
  } catch (error) {
    fail(`line ${index + 1}`, `not JSON (${error.message})`);
    return;
  }
  const id = c.id ?? `line ${index + 1}`;
  const keys = Object.keys(c).sort().join(",");
  if (keys !== "category,expect,id,persona,question,turns") fail(id, `keys ${keys}`);
  if (c.id !== `c${String(index + 1).padStart(3, "0")}`)
    fail(id, `id should be c${String(index + 1).padStart(3, "0")}`);
  if (seenIds.has(c.id)) fail(id, "duplicate id");
  seenIds.add(c.id);
  if (!(c.category in CATEGORIES)) fail(id, `unknown category ${c.category}`);
  if (!PERSONAS.includes(c.persona)) fail(id, `unknown persona ${c.persona}`);
  if (!Array.isArray(c.turns) || c.turns.some((t) => typeof t !== "string" || !t.trim())) fail(id, "turns");
  if (typeof c.question !== "string" || !c.question.trim()) fail(id, "question");
  const conversation = JSON.stringify([...(c.turns ?? []), c.question]);
  if (seenConversations.has(conversation)) fail(id, "the same conversation appears twice");
  seenConversations.add(conversation);
  if (c.category === "calculation_conversation" && c.turns.length === 0)
    fail(id, "a conversation needs turns");

  const e = c.expect ?? {};
  for (const key of Object.keys(e)) if (!EXPECT_KEYS.includes(key)) fail(id, `unknown expect key ${key}`);
  if (!STATUSES.includes(e.status)) fail(id, `status ${e.status}`);
  const wanted = CATEGORIES[c.category];
  if (wanted && e.status !== wanted) fail(id, `a ${c.category} case ends ${wanted}, not ${e.status}`);
  for (const key of ["lead", "mustContain", "mustNotContain", "cite"]) {
    if (e[key] === undefined) continue;
    if (!Array.isArray(e[key]) || e[key].length === 0) fail(id, `${key} must be a non-empty list`);
    for (const entry of [e[key]].flat(2))
      if (typeof entry !== "string" || entry.length < 2 || entry.length > 40)
        fail(id, `${key} entry “${entry}”`);
  }
  for (const unit of e.cite ?? []) if (!/^hn2023:[a-z0-9.]+$/.test(unit)) fail(id, `cite ${unit}`);

  const expected = new Set(figures([...(c.turns ?? []), c.question].join(" ")));
  if (e.calc) {
    if (!TOOLS.includes(e.calc.tool)) fail(id, `calc.tool ${e.calc.tool}`);
    else perTool[e.calc.tool]++;
    for (const [key, value] of Object.entries(e.calc)) {
      if (key === "tool" || key === "product") continue;
      if (!/^[a-zA-Z][a-zA-Z0-9]*(?:\.[a-zA-Z][a-zA-Z0-9]*)*$/.test(key)) fail(id, `calc key ${key}`);
      if (typeof value === "number") {
        if (!Number.isFinite(value)) fail(id, `calc.${key} is not finite`);
        expected.add(String(value));
        // A lead may say a figure at its displayed precision (6 years, 2,400吨) or as a percentage of a gap.
        expected.add(String(Math.abs(value)));
      } else if (typeof value !== "string") fail(id, `calc.${key} should be a number or a status`);
    }
  } else if (c.category === "calculation") fail(id, "a calculation case names its calculator and figures");
  if (e.calc && c.category === "calculation_not_catalogued")
    fail(id, "a product the catalogue leaves out has no calculator to run");
  for (const entry of [e.lead ?? []].flat(2))
    for (const figure of figures(entry))
      if (
        !expected.has(figure) &&
        !expected.has(String(Math.abs(Number(figure)))) &&
        !DATA_FIGURES.has(figure)
      )
        fail(id, `lead figure ${figure} (“${entry}”) is neither an expected result nor a figure said`);
});

if (lines.length < MINIMUM_CASES)
  problems.push(`only ${lines.length} cases, at least ${MINIMUM_CASES} wanted`);
for (const [tool, n] of Object.entries(perTool))
  if (n < MINIMUM_PER_TOOL) problems.push(`${tool}: ${n} cases, at least ${MINIMUM_PER_TOOL} wanted`);

if (problems.length) {
  console.log(problems.join("\n"));
  console.log(`${problems.length} problem(s) in ${casesPath}`);
  process.exitCode = 1;
} else {
  console.log(
    `${lines.length} calculation cases checked: ${Object.entries(perTool)
      .map(([t, n]) => `${t} ${n}`)
      .join(", ")}`,
  );
}
