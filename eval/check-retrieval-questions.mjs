#!/usr/bin/env node
// Checks eval/retrieval-questions.jsonl against the plan text. Plain Node, no dependencies.
//
//   node eval/check-retrieval-questions.mjs [--plan <plan.txt>] [--questions <file.jsonl>]
//
// What it checks:
//   - every line is a JSON object {id, persona, section, question, expected:[{unit, contains}]}
//   - ids are unique and look like r001; personas are sme | provider | staff
//   - section is a top section id and matches the first expected unit
//   - every expected unit id is a unit of the plan (docs/knowledge-ids.md)
//   - every `contains` (6–20 characters, no whitespace, no Latin letters, no ASCII punctuation) occurs in the
//     plan with all whitespace removed, inside the text of the unit it names, and does not straddle a line
//     break of the raw extraction (so it cannot depend on how page-break splits are joined)
// It then prints counts per persona and per section and lists plan units that no question expects.
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
const planPath = option("--plan", resolve(here, "../knowledge/sources/hn2023.raw.txt"));
const questionsPath = option("--questions", resolve(here, "retrieval-questions.jsonl"));

const DOC = "hn2023";
const PERSONAS = ["sme", "provider", "staff"];
const SECTIONS = [
  "notice",
  "preamble",
  "1",
  "2",
  "2.1",
  "2.2",
  "2.3",
  "2.4",
  "2.5",
  "2.6",
  "zl1",
  "zl2",
  "zl3",
  "zl4",
  "zl5",
  "zl6",
  "zl7",
  "zl8",
  "3",
  "3.1",
  "3.2",
  "3.3",
  "3.4",
  "3.5",
  "4",
  "5",
];

// Units of the plan, in document order: [unit path, the text (whitespace removed) where its segment starts].
// A unit's text runs from its marker to the next marker; a path may appear twice (its segments are joined),
// which is how the cells of the sector tables interleave in the extraction.
const MARKERS = [
  ["notice", "淮南市经济和信息化局淮南市发展和改革委员会淮南市生态环境局关于印发"],
  ["preamble", "淮南市工业领域碳达峰实施方案为深入贯彻"],
  ["1", "一、总体要求"],
  ["1.1", "（一）指导思想"],
  ["1.2", "（二）基本原则"],
  ["1.2.p1", "总体部署，分类施策。"],
  ["1.2.p2", "政策引导，企业主体。"],
  ["1.2.p3", "创新驱动，数字赋能。"],
  ["1.2.p4", "系统推进，稳妥有序。"],
  ["1.3", "（三）主要目标"],
  ["2", "二、重点任务"],
  ["2.1", "（一）产业结构优化提升行动"],
  ["2.1.1", "1.构建绿色低碳的产业布局"],
  ["2.1.2", "2.遏制高耗能高排放低水平项目盲目发展"],
  ["2.1.3", "3.严控重点行业产能规模"],
  ["zl1", "专栏1产业结构优化"],
  ["zl1.1", "有序布局重大新增项目。"],
  ["zl1.2", "建设绿色低碳示范园区。"],
  ["2.2", "（二）节能提效助力减碳行动"],
  ["2.2.1", "1.调整优化用能结构"],
  ["2.2.2", "2.推动终端用能电气化"],
  ["2.2.3", "3.开展节能降碳升级改造"],
  ["zl2", "专栏2“1445”提质增效"],
  ["zl2.1", "“1445”：围绕"],
  ["zl2.2", "“四新”培育："],
  ["zl2.3", "“四绿”打造："],
  ["zl2.4", "“五个一百”行动："],
  ["2.2.4", "4.**强化用能监督管理"],
  ["zl3", "专栏3工业能效提升"],
  ["zl3.1", "坚持把工业能效提升作为"],
  ["zl3.2", "通用设备能效提升。"],
  ["zl3.3", "重点行业能效领跑。"],
  ["2.3", "（三）绿色体系协同减碳行动"],
  ["2.3.1", "1.建设绿色低碳工厂"],
  ["2.3.2", "2.培育绿色供应链管理企业"],
  ["2.3.3", "3.打造绿色低碳示范园区"],
  ["2.3.4", "4.促进中小企业绿色发展"],
  ["2.3.5", "5.全面提升清洁生产水平"],
  ["zl4", "专栏4绿色体系协同"],
  ["zl4.1", "国家绿色制造名单创建工程。"],
  ["zl4.2", "重点行业清洁生产推进工程。"],
  ["2.4", "（四）资源循环利用减碳行动"],
  ["2.4.1", "1.推动再生资源协同利用"],
  ["2.4.2", "2.大力发展再制造产业"],
  ["2.4.3", "3.强化工业固废综合利用"],
  ["zl5", "专栏5循环经济发展"],
  ["zl5.1", "园区循环化改造工程。"],
  ["zl5.2", "废旧新能源汽车动力电池循环利用工程。"],
  ["2.5", "（五）绿色低碳创新应用行动"],
  ["2.5.1", "1.加强绿色低碳技术研发"],
  ["2.5.2", "2.开展低碳技术应用示范"],
  ["zl6", "专栏6绿色低碳创新"],
  ["zl6.1", "绿色低碳创新平台建设工程。"],
  ["zl6.2", "“三首”产品研发应用工程。"],
  ["2.5.3", "3.加大绿色低碳产品供给"],
  ["zl7", "专栏7绿色低碳产品供给"],
  ["zl7.1", "绿色设计产品："],
  ["zl7.2", "智能光伏产品："],
  ["zl7.3", "新能源汽车产品："],
  ["zl7.4", "绿色建材产品："],
  ["2.6", "（六）绿色制造数字赋能行动"],
  ["2.6.1", "1.新一代信息技术与制造业融合。"],
  ["2.6.2", "2.探索建立数字化碳管理体系"],
  ["2.6.3", "3.推进“工业互联网+绿色制造”"],
  ["zl8", "专栏8数字化网络化智能化绿色化"],
  ["zl8.1", "能源管控信息化建设："],
  ["zl8.2", "工艺设备升级改造："],
  ["zl8.3", "培育绿色制造新业态："],
  ["3", "三、重点行业实施路径"],
  ["3.1", "(一)钢铁行业"],
  ["3.1.r1", "产能控制1、严格落实产能置换要求"],
  ["3.1.benchmark", "电弧炉冶炼："],
  ["3.1.target", "2025年，电弧炉炼钢"],
  ["3.1.r2", "产品优化3、优化钢铁产品结构"],
  ["3.1.r3", "技术创新5、研究应用钢包烘烤"],
  ["3.1.r4", "循环耦合7、推进产业协同降碳"],
  ["3.2", "(二)建材行业"],
  ["3.2.r1", "产能控制1、退出低效产能"],
  ["3.2.benchmark", "水泥熟料：100"],
  ["3.2.target", "2025年，吨水泥熟料"],
  ["3.2.r2", "产品优化2、大力发展低碳建材产品"],
  ["3.2.r3", "技术创新4、加快全氧"],
  ["3.2.r4", "循环耦合7、推进粉煤灰"],
  ["3.3", "(三)化工行业"],
  ["3.3.r1", "产能控制1、优化化工行业产能规模"],
  ["3.3.r2", "产品优化3、化工行业推进原料路线"],
  ["3.3.r3", "技术创新4、加快开发和推广应用绿色工艺"],
  ["3.3.benchmark", "煤制烯烃：2800"],
  ["3.3.target", "2025年，化工产业集群"],
  ["3.3.r4", "产业集聚7、推动化工园区"],
  ["3.4", "(四)装备制造行业"],
  ["3.4.r1", "产业集聚1、加强机器人"],
  ["3.4.target", "<p>2025年，一体化压铸"],
  ["3.4.r2", "能源结构优化4、实施天然气"],
  ["3.4.r3", "技术创新5、围绕电力装备"],
  ["3.4.r4", "循环耦合7、提升工程机械"],
  ["3.5", "(五)电子信息行业"],
  ["3.5.r1", "产业集聚1、强化行业集聚"],
  ["3.5.target", "2025年，新型显示"],
  ["3.5.r2", "能源结构优化2、推进行业用能结构"],
  ["3.5.r3", "产品优化3、鼓励企业在电子信息产品设计"],
  ["4", "四、保障措施"],
  ["4.1", "（一）健全政策体系"],
  ["4.2", "（二）强化资金支持"],
  ["4.3", "（三）完善服务机制"],
  ["4.4", "（四）加强能力建设"],
  ["5", "五、组织实施"],
  ["5.1", "（一）统筹协调"],
  ["5.2", "（二）压实责任"],
  ["5.3", "（三）深化交流"],
  ["5.4", "（四）加强宣传"],
];

/** The top section a unit belongs to, as used in the `section` field. */
export function topSection(path) {
  if (path === "notice" || path === "preamble") return path;
  if (/^zl\d/.test(path)) return path.split(".")[0];
  const parts = path.split(".");
  if (parts[0] === "2" || parts[0] === "3") return parts.length === 1 ? parts[0] : `${parts[0]}.${parts[1]}`;
  return parts[0];
}

function unitTexts(stripped) {
  const units = new Map();
  let cursor = 0;
  const found = [];
  for (const [path, marker] of MARKERS) {
    const at = stripped.indexOf(marker, cursor);
    if (at < 0) throw new Error(`marker of ${path} not found after offset ${cursor}: ${marker}`);
    found.push([path, at]);
    cursor = at + marker.length;
  }
  found.forEach(([path, at], i) => {
    const end = i + 1 < found.length ? found[i + 1][1] : stripped.length;
    units.set(path, (units.get(path) ?? "") + stripped.slice(at, end));
  });
  return units;
}

const raw = readFileSync(planPath, "utf8");
const stripped = raw.replace(/\s+/g, "");
// Raw text with spaces (not line breaks) removed: "2030 年" matches "2030年", but a phrase that runs across
// a page-break split or a table cell does not.
const rawNoSpaces = raw.replace(/[ \u00a0\u3000]+/g, "");
const units = unitTexts(stripped);

const errors = [];
const warnings = [];
const lines = readFileSync(questionsPath, "utf8").split("\n");
const questions = [];
const seenIds = new Set();
const seenQuestions = new Set();

lines.forEach((line, index) => {
  const where = `line ${index + 1}`;
  if (!line.trim()) {
    if (index !== lines.length - 1) errors.push(`${where}: empty line`);
    return;
  }
  let q;
  try {
    q = JSON.parse(line);
  } catch (error) {
    errors.push(`${where}: not JSON (${error.message})`);
    return;
  }
  const fail = (message) => errors.push(`${where} (${q?.id ?? "?"}): ${message}`);
  if (typeof q !== "object" || q === null || Array.isArray(q)) return fail("not an object");
  const keys = Object.keys(q).sort().join(",");
  if (keys !== "expected,id,persona,question,section") fail(`unexpected keys: ${keys}`);
  if (typeof q.id !== "string" || !/^r\d{3,}$/.test(q.id)) fail(`bad id ${JSON.stringify(q.id)}`);
  else if (seenIds.has(q.id)) fail(`duplicate id ${q.id}`);
  else seenIds.add(q.id);
  if (!PERSONAS.includes(q.persona)) fail(`bad persona ${JSON.stringify(q.persona)}`);
  if (!SECTIONS.includes(q.section)) fail(`bad section ${JSON.stringify(q.section)}`);
  if (typeof q.question !== "string" || q.question.trim().length < 4 || q.question.length > 500) {
    fail("question must be a string of 4–500 characters");
  } else if (seenQuestions.has(q.question)) fail("duplicate question text");
  else seenQuestions.add(q.question);
  if (!Array.isArray(q.expected) || q.expected.length === 0)
    return fail("expected must be a non-empty array");
  const seenUnits = new Set();
  q.expected.forEach((e, k) => {
    const at = `expected[${k}]`;
    if (typeof e !== "object" || e === null) return fail(`${at} is not an object`);
    if (Object.keys(e).sort().join(",") !== "contains,unit")
      fail(`${at} must have exactly unit and contains`);
    if (typeof e.unit !== "string" || !e.unit.startsWith(`${DOC}:`))
      return fail(`${at}.unit must start with ${DOC}:`);
    const path = e.unit.slice(DOC.length + 1);
    if (!units.has(path)) return fail(`${at}.unit ${e.unit} is not a unit of the plan`);
    if (seenUnits.has(path)) fail(`${at}.unit ${e.unit} listed twice`);
    seenUnits.add(path);
    if (k === 0 && SECTIONS.includes(q.section) && topSection(path) !== q.section) {
      fail(`section ${q.section} does not match ${e.unit} (expected ${topSection(path)})`);
    }
    const c = e.contains;
    if (typeof c !== "string") return fail(`${at}.contains must be a string`);
    const length = [...c].length;
    if (length < 6 || length > 20) fail(`${at}.contains "${c}" has ${length} characters (6–20)`);
    if (/\s/.test(c)) fail(`${at}.contains "${c}" has whitespace`);
    if (/[A-Za-z]/.test(c)) fail(`${at}.contains "${c}" has Latin letters`);
    if (/[!-/:-@[-`{-~]/.test(c)) fail(`${at}.contains "${c}" has ASCII punctuation`);
    if (!stripped.includes(c)) return fail(`${at}.contains "${c}" is not in the plan`);
    if (!units.get(path).includes(c)) {
      const owners = [...units].filter(([, text]) => text.includes(c)).map(([p]) => `${DOC}:${p}`);
      return fail(`${at}.contains "${c}" is not in ${e.unit} (found in ${owners.join(", ")})`);
    }
    if (!rawNoSpaces.includes(c)) fail(`${at}.contains "${c}" runs across a line break of the extraction`);
    if (/[0-9０-９]/.test(c)) warnings.push(`${q.id}: contains "${c}" has digits`);
  });
  questions.push(q);
});

const count = (key) => {
  const counts = new Map();
  for (const q of questions) counts.set(q[key], (counts.get(q[key]) ?? 0) + 1);
  return counts;
};
const personaCounts = count("persona");
const sectionCounts = count("section");
const expectedUnits = new Set(questions.flatMap((q) => q.expected.map((e) => e.unit.slice(DOC.length + 1))));
// Headings-only units (parts, sections with children, 专栏 and sector headers) hold no text to answer from.
const containers = new Set(
  MARKERS.map(([p]) => p).filter((p) => MARKERS.some(([c]) => c !== p && c.startsWith(`${p}.`))),
);
const uncovered = [...units.keys()].filter(
  (p) => !expectedUnits.has(p) && !(containers.has(p) && p !== "2" && p !== "3"),
);

if (questions.length < 150) errors.push(`only ${questions.length} questions (at least 150)`);
for (const section of SECTIONS)
  if (!sectionCounts.has(section)) errors.push(`no question for section ${section}`);

console.log(`questions: ${questions.length}  (plan: ${planPath})`);
console.log(`per persona: ${PERSONAS.map((p) => `${p} ${personaCounts.get(p) ?? 0}`).join(", ")}`);
console.log(`per section: ${SECTIONS.map((s) => `${s} ${sectionCounts.get(s) ?? 0}`).join(", ")}`);
console.log(`units expected by at least one question: ${expectedUnits.size} of ${units.size}`);
console.log(`multi-unit questions: ${questions.filter((q) => q.expected.length > 1).length}`);
if (uncovered.length)
  console.log(`units with text that no question expects: ${uncovered.map((p) => `${DOC}:${p}`).join(", ")}`);
for (const w of warnings) console.log(`note: ${w}`);
if (errors.length) {
  console.error(`\n${errors.length} error(s):`);
  for (const e of errors) console.error(`  ${e}`);
  process.exit(1);
}
console.log("OK");
