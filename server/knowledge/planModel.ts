import fs from "node:fs";
import path from "node:path";
import * as z from "zod";

/**
 * The reviewed model of the plan (knowledge/model/*.json): per clause a plain summary, how strongly it
 * obliges, whom and what it concerns, its targets and deadlines, and the questions it answers; and the
 * industry map from GB/T 4754 major classes onto the plan's sectors. Validated on load, like the
 * calculator data, so a bad edit fails at start-up instead of in an answer.
 */

export const MODEL_DIR = "model";
export const modelFiles = { plan: "plan-model.json", industries: "industries.json" } as const;

export const obligations = ["mandatory", "encouraged", "mixed", "neutral"] as const;
export type Obligation = (typeof obligations)[number];

export const sectors = [
  "steel",
  "building_materials",
  "chemicals",
  "equipment",
  "electronics",
  "nonferrous",
  "textiles",
  "light",
  "all",
] as const;
export type Sector = (typeof sectors)[number];

export const audiences = ["enterprise", "sme", "park", "government", "service_provider"] as const;
export type Audience = (typeof audiences)[number];

/** At least this many questions per unit, so that every unit is reachable from several phrasings. */
export const QUESTIONS_PER_UNIT = 16;
export const SUMMARY_MAX_CHARS = 60;

const text = z.string().trim().min(1);

const targetSchema = z.strictObject({
  metric: text,
  /** As written in the clause: "15%", "70%以上", "102千克标准煤/吨", "国内先进水平". */
  value: text,
  year: z.number().int().nullable(),
  baseline: text.nullable(),
  scope: text.nullable(),
});
export type PlanTarget = z.infer<typeof targetSchema>;

const deadlineSchema = z.strictObject({
  what: text,
  year: z.number().int(),
  /** As written: "到2025年", "2030年前". */
  when: text,
});
export type PlanDeadline = z.infer<typeof deadlineSchema>;

const entrySchema = z
  .strictObject({
    summary: text.refine((s) => [...s].length <= SUMMARY_MAX_CHARS, {
      message: `summary is longer than ${SUMMARY_MAX_CHARS} characters`,
    }),
    obligation: z.enum(obligations),
    obligationNote: text.optional(),
    obligationWords: z.array(text),
    sectors: z.array(z.enum(sectors)),
    equipment: z.array(text),
    audience: z.array(z.enum(audiences)),
    targets: z.array(targetSchema),
    deadlines: z.array(deadlineSchema),
    money: z.boolean(),
    questions: z.array(text).min(QUESTIONS_PER_UNIT),
  })
  .refine((e) => e.obligation !== "mixed" || e.obligationNote, {
    message: "a mixed obligation needs an obligationNote saying which part obliges",
    path: ["obligationNote"],
  });
export type PlanEntry = z.infer<typeof entrySchema>;

const planFile = z.strictObject({
  about: text,
  docId: text,
  units: z.record(z.string(), entrySchema),
});

const mentionSchema = z.strictObject({ unitId: text, term: text });
export type IndustryMention = z.infer<typeof mentionSchema>;

const industrySchema = z.strictObject({
  /** GB/T 4754—2017 major class (大类), two digits. */
  code: z.string().regex(/^\d{2}$/),
  name: text,
  /** 门类: B 采矿业, C 制造业, D 电力、热力、燃气及水生产和供应业; the others only with scope "outside". */
  division: z.string().regex(/^[A-T]$/),
  aliases: z.array(text).min(1),
  planSector: text.nullable(),
  mentions: z.array(mentionSchema),
  note: text.optional(),
  /** "outside": not industry (农业, 建筑业, 物流…): the plan, a plan for 工业领域, sets it nothing. */
  scope: z.literal("outside").optional(),
});
export type Industry = z.infer<typeof industrySchema>;

const crossCuttingSchema = z.strictObject({ unitId: text, reason: text });
export type CrossCuttingMeasure = z.infer<typeof crossCuttingSchema>;

const industriesFile = z.strictObject({
  about: text,
  standard: z.strictObject({ number: text, title: text }),
  docId: text,
  industries: z.array(industrySchema).min(1),
  crossCutting: z.array(crossCuttingSchema).min(1),
});

export interface IndustryMatch {
  industry: Industry;
  /** The alias found in the text. */
  alias: string;
}

export class PlanModel {
  private readonly aliases: Array<{ alias: string; industry: Industry }>;

  constructor(
    readonly docId: string,
    private readonly entries: ReadonlyMap<string, PlanEntry>,
    readonly industries: readonly Industry[],
    readonly crossCutting: readonly CrossCuttingMeasure[],
  ) {
    this.aliases = industries
      .flatMap((industry) => industry.aliases.map((alias) => ({ alias, industry })))
      .sort((a, b) => b.alias.length - a.alias.length);
  }

  entry(unitId: string): PlanEntry | undefined {
    return this.entries.get(unitId);
  }

  unitIds(): string[] {
    return [...this.entries.keys()];
  }

  industry(code: string): Industry | undefined {
    return this.industries.find((i) => i.code === code);
  }

  /**
   * Industries named in `text`, longest alias first. A shorter alias inside a longer match does not
   * count again, so "废钢铁" finds 废弃资源综合利用业 and not also 钢铁 through "钢铁".
   */
  industryFor(text: string): IndustryMatch[] {
    const claimed = new Array<boolean>(text.length).fill(false);
    const matches: IndustryMatch[] = [];
    for (const { alias, industry } of this.aliases) {
      for (let at = text.indexOf(alias); at !== -1; at = text.indexOf(alias, at + 1)) {
        if (claimed.slice(at, at + alias.length).some(Boolean)) continue;
        claimed.fill(true, at, at + alias.length);
        if (!matches.some((m) => m.industry === industry)) matches.push({ industry, alias });
      }
    }
    return matches;
  }
}

function readJson<S extends z.ZodType>(file: string, schema: S): z.output<S> {
  const parsed = schema.safeParse(JSON.parse(fs.readFileSync(file, "utf8")));
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`Plan model file ${file} is invalid: ${problems}`);
  }
  return parsed.data;
}

/** Reads and checks knowledge/model/*.json under `knowledgeDir`. */
export function loadPlanModel(knowledgeDir: string): PlanModel {
  const dir = path.join(knowledgeDir, MODEL_DIR);
  const plan = readJson(path.join(dir, modelFiles.plan), planFile);
  const industries = readJson(path.join(dir, modelFiles.industries), industriesFile);
  const entries = new Map(Object.entries(plan.units));
  const problems = [
    ...Object.keys(plan.units)
      .filter((id) => !id.startsWith(`${plan.docId}:`))
      .map((id) => `unit ${id} is not of document ${plan.docId}`),
    ...(industries.docId === plan.docId ? [] : [`industries.json is for ${industries.docId}, not ${plan.docId}`]),
    ...industries.industries
      .flatMap((i) => i.mentions.map((m) => ({ where: `industry ${i.code}`, unitId: m.unitId })))
      .concat(industries.crossCutting.map((c) => ({ where: "crossCutting", unitId: c.unitId })))
      .filter(({ unitId }) => !entries.has(unitId))
      .map(({ where, unitId }) => `${where} cites ${unitId}, which has no entry in ${modelFiles.plan}`),
  ];
  if (problems.length > 0) throw new Error(`Plan model in ${dir} is inconsistent: ${problems.join("; ")}`);
  return new PlanModel(plan.docId, entries, industries.industries, industries.crossCutting);
}

const cache = new Map<string, PlanModel>();

/** Loads once per knowledge directory. */
export function planModelFor(knowledgeDir: string): PlanModel {
  let model = cache.get(knowledgeDir);
  if (!model) {
    model = loadPlanModel(knowledgeDir);
    cache.set(knowledgeDir, model);
  }
  return model;
}
