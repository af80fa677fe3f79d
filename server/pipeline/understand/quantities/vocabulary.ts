import fs from "node:fs";
import * as z from "zod";

/**
 * The words of figures, as data (knowledge/data/quantity-words.json): units and their sizes, 万 and 亿,
 * approximate and range words, totals and counts, the subject words, the aims of a calculation request
 * and the words that cancel, correct, vary or add to one. The grammar in readQuantities.ts reads text with these.
 */
export const unitKinds = [
  "electricity_factor",
  "grid_factor",
  "factor",
  "unit_consumption",
  "kgce",
  "tce",
  "intensity",
  "electricity",
  "power",
  "volume",
  "heat",
  "mass",
  "price",
  "money",
  "hours",
  "days",
  "months",
  "percent",
  "count",
  "heating_value",
] as const;

export const subjects = [
  "intensity",
  "unit_consumption",
  "value_added",
  "revenue",
  "energy",
  "electricity",
  "fuel",
  "output",
  "capacity",
  "cost",
  "price",
  "load",
  "efficiency",
  "hours",
  "power",
  "count",
  "year",
] as const;
export type Subject = (typeof subjects)[number];

export const aims = [
  "convert",
  "co2",
  "compare",
  "save",
  "target",
  "progress",
  "calculate",
  "upgrade",
  "money",
  "equivalentValue",
  "calorificValue",
  "planTarget",
  "inKgce",
  "overBaseline",
  "meetsBaseline",
  "meetsBenchmark",
  "meetsStandard",
  "meetsTarget",
  "percent",
  "fall",
  "annualRate",
  "remaining",
  "total",
] as const;
export type Aim = (typeof aims)[number];

/** Aims that ask a yes or no about a level: they count only in a question of that form. */
export const verdictAims: ReadonlySet<Aim> = new Set([
  "overBaseline",
  "meetsBaseline",
  "meetsBenchmark",
  "meetsStandard",
  "meetsTarget",
]);

const words = z.array(z.string().min(1)).min(1);

const fileSchema = z.object({
  about: z.string(),
  magnitudes: z.array(z.object({ word: z.string().min(1), size: z.number().positive() })).min(1),
  units: z.array(
    z.object({
      kind: z.enum(unitKinds),
      size: z.number().positive(),
      words,
      notBefore: z.array(z.string().min(1)).optional(),
      writtenAs: z.string().min(1).optional(),
    }),
  ),
  approximate: z.object({ before: words, after: words, inside: words }),
  rangeJoiners: words,
  negative: words,
  nonFinite: words,
  total: words,
  perItem: words,
  /** Words around "一<unit>" that make it the unit a price or rate is asked per ("多少钱一吨", "一度电多少钱"). */
  askedPer: z.object({ before: words, after: words }),
  /** Words after an asked amount that make it the threshold of a rule ("多少吨标煤以上的企业"). */
  thresholds: words,
  saved: words,
  /** Electricity the plant generates itself (光伏发电): grid electricity it does not draw, so saved too. */
  generated: words,
  factorPer: words,
  rates: z.array(
    z.object({
      per: z.enum(["day", "month"]),
      words,
      count: z.enum(["days", "months"]),
      perYear: z.number().positive().optional(),
    }),
  ),
  wholeYear: words,
  standardCoalBefore: words,
  levels: z.object({ benchmark: words, baseline: words, target: words }),
  fallen: words,
  fallsTo: words,
  subjects: z.array(z.object({ subject: z.enum(subjects), words })),
  kindSubjects: z.record(z.string(), z.enum(subjects)),
  aims: z.record(z.enum(aims), words),
  yesNo: words,
  equipment: z.object({ motor: words, fan: words, pump: words, drive: words }),
  conversation: z.object({ cancel: words, correct: words, whatIf: words, add: words, instead: words }),
  assumptions: z.object({
    motor: z.object({
      poles: z.object({ value: z.literal([2, 4, 6, 8]), why: z.string().min(1) }),
      loadFactorPercent: z.object({ value: z.number().positive(), why: z.string().min(1) }),
      presentGrade: z.object({ value: z.literal([1, 2, 3]), why: z.string().min(1) }),
    }),
  }),
});

export type QuantityWords = z.infer<typeof fileSchema>;

const cache = new Map<string, QuantityWords>();

/** Reads and checks the vocabulary file once per path; a mistake in it names the entry at fault. */
export function loadQuantityWords(file: string): QuantityWords {
  let loaded = cache.get(file);
  if (!loaded) {
    const parsed = fileSchema.safeParse(JSON.parse(fs.readFileSync(file, "utf8")));
    if (!parsed.success) {
      const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
      throw new Error(`Quantity vocabulary ${file} is invalid: ${problems}`);
    }
    loaded = parsed.data;
    cache.set(file, loaded);
  }
  return loaded;
}

/** Where the vocabulary lives inside a knowledge directory. */
export const QUANTITY_WORDS_FILE = "data/quantity-words.json";
