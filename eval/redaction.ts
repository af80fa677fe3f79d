/**
 * npm run eval:redaction — the personal-data redaction over eval/redaction-cases.jsonl: each case is a
 * message as people write it (a format of a phone, ID card, credit code, e-mail or bank card, or a
 * figure that is none of these), put through what checkInput does (invisible characters out, then
 * redaction). A case with personal data passes when its secret is gone and its kind is reported; a
 * control passes when it comes back unchanged. Prints one JSON line per case (with --quiet only the
 * failures) and a summary per kind; fails below the thresholds (every format caught, no control touched).
 */
import fs from "node:fs";
import path from "node:path";
import * as z from "zod";
import { redactPersonalData, stripInvisible } from "../server/pipeline/guard/pii.js";

const here = path.dirname(new URL(import.meta.url).pathname);
const quiet = process.argv.includes("--quiet");
const THRESHOLDS = { caught: 1, controlsKept: 1, minFormats: 60 };

const caseSchema = z.object({
  id: z.string(),
  kind: z.enum(["mobile", "landline", "email", "id_card", "credit_code", "bank_card", "several", "none"]),
  form: z.string(),
  text: z.string().min(1),
  secret: z.string().optional(),
});
type Case = z.infer<typeof caseSchema>;

const fold = (text: string) =>
  text
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, " ");

function grade(item: Case) {
  const visible = stripInvisible(item.text);
  const { text, kinds } = redactPersonalData(visible);
  if (item.kind === "none") return { ok: text === visible && kinds.length === 0, text, kinds };
  // The secret must be gone as written and as folded (full-width digits read as digits).
  const secret = item.secret ?? "";
  const left = text.includes(secret) || fold(text).includes(fold(secret));
  const kindReported = item.kind === "several" ? kinds.length > 1 : kinds.includes(item.kind);
  return { ok: !left && kindReported, text, kinds };
}

const file = path.join(here, "redaction-cases.jsonl");
const cases = fs
  .readFileSync(file, "utf8")
  .split("\n")
  .filter((line) => line.trim())
  .map((line, i) => {
    const parsed = caseSchema.safeParse(JSON.parse(line));
    if (!parsed.success) throw new Error(`${file}:${i + 1}: ${parsed.error.message}`);
    if (parsed.data.kind !== "none" && !parsed.data.secret)
      throw new Error(`${file}:${i + 1}: a case with personal data needs its secret`);
    return parsed.data;
  });

const byKind = new Map<string, { cases: number; passed: number }>();
for (const item of cases) {
  const outcome = grade(item);
  const tally = byKind.get(item.kind) ?? { cases: 0, passed: 0 };
  tally.cases++;
  if (outcome.ok) tally.passed++;
  byKind.set(item.kind, tally);
  if (!quiet || !outcome.ok)
    console.log(JSON.stringify({ id: item.id, kind: item.kind, form: item.form, ...outcome }));
}

const personal = cases.filter((c) => c.kind !== "none");
const controls = cases.filter((c) => c.kind === "none");
const caught = personal.filter((c) => grade(c).ok).length / personal.length;
const controlsKept = controls.filter((c) => grade(c).ok).length / Math.max(1, controls.length);
const summary = {
  summary: "redaction",
  formats: personal.length,
  controls: controls.length,
  caught: Number(caught.toFixed(3)),
  controlsKept: Number(controlsKept.toFixed(3)),
  byKind: Object.fromEntries([...byKind].map(([kind, t]) => [kind, `${t.passed}/${t.cases}`])),
  thresholds: THRESHOLDS,
};
console.log(JSON.stringify(summary));
const failed =
  caught < THRESHOLDS.caught ||
  controlsKept < THRESHOLDS.controlsKept ||
  personal.length < THRESHOLDS.minFormats;
if (failed) {
  console.error("redaction eval below its thresholds: every format must be caught and no control touched");
  process.exit(1);
}
