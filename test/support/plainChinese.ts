import { calculatorTools } from "../../server/calculators/registry.js";
import { messages } from "../../server/messages.js";
import { STATUSES } from "../../server/pipeline/statuses.js";

/**
 * What a console page shows a person, and the internal codes that must never be among it (issue 12:
 * "a console page contains no English internal code"). Visible text is the page's text content with
 * the words people also meet in attributes (title, aria-label, alt, placeholder); hidden fields,
 * data-* hooks, ids and classes are for the machine and not read, and what staff type into a form
 * (a textarea's content) is theirs, as is what a hint shows them to type (<kbd>).
 */
const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', "#39": "'", nbsp: " " };
const decode = (text: string) =>
  text.replace(/&(amp|lt|gt|quot|#39|nbsp);/g, (_, name: string) => ENTITIES[name]!);

export function visibleText(html: string): string {
  const spoken = [...html.matchAll(/\s(?:title|aria-label|alt|placeholder)="([^"]*)"/g)].map((m) => m[1]!);
  const text = html
    .replace(/<script\b[\s\S]*?<\/script>/gi, " ")
    .replace(/<style\b[\s\S]*?<\/style>/gi, " ")
    .replace(/<textarea\b[\s\S]*?<\/textarea>/gi, " ")
    .replace(/<kbd\b[\s\S]*?<\/kbd>/gi, " ")
    .replace(/<[^>]+>/g, " ");
  return decode([text, ...spoken].join("\n"))
    .replace(/[ \t]+/g, " ")
    .trim();
}

/** Identifiers people read as they are (a conversation's, a reference number, a clause's), and the accounts CLI's command. */
const NOT_CODES = [
  /\bc_[A-Za-z0-9_-]{22}\b/g,
  /\bRG-\d{8}-[A-Z0-9]{6}\b/g,
  /npm run staff/g,
  // A clause's id, shown beside its title where staff pick or cite clauses (hn2023:3.1.target).
  /\b[a-z]+\d{4}:[A-Za-z0-9.]+/g,
  // Units as the calculators' formulas write them, in the widget too.
  /\b(?:kWh|MWh|kgCO2|tCO2)\b/g,
];

const WORDS = [
  ...Object.keys(STATUSES),
  "pending",
  ...Object.keys(messages.admin.intents),
  ...Object.keys(messages.admin.personas),
  ...Object.keys(messages.admin.modes),
  ...Object.keys(messages.admin.audit.actions),
  ...Object.keys(messages.admin.calculator.fields),
  ...Object.keys(messages.admin.calculator.values),
  ...Object.keys(messages.admin.handoffs.states),
  ...Object.keys(messages.admin.handoffs.contactKinds),
  ...Object.keys(messages.admin.roles),
  ...calculatorTools.map((tool) => tool.name),
  "up",
  "down",
  "true",
  "false",
  "null",
  "undefined",
  "scope",
];
const WORD = new RegExp(`(?<![A-Za-z0-9_-])(${[...new Set(WORDS)].join("|")})(?![A-Za-z0-9_-])`, "g");
const PATTERNS = [
  WORD,
  /\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b/g, // snake_case: plan_fact, money_services
  /\b[a-z]+(?:[A-Z][a-z0-9]+)+\b/g, // camelCase: unitConsumption, statusLabel
  /"[A-Za-z_]+"\s*:/g, // a JSON key
  /\*\*[^*\n]+\*\*/g, // Markdown shown as typed
  /\[object Object\]/g,
];

/** The internal codes found in a page's visible text, each once. */
export function internalCodes(html: string): string[] {
  let text = visibleText(html);
  for (const pattern of NOT_CODES) text = text.replace(pattern, " ");
  return [...new Set(PATTERNS.flatMap((pattern) => [...text.matchAll(pattern)].map((m) => m[0])))];
}
