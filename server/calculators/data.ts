import fs from "node:fs";
import path from "node:path";
import * as z from "zod";
import { roundHalfAwayFromZero } from "./rounding.js";

/**
 * The reviewed data the calculators read (knowledge/data/*.json). The files are validated on load so a
 * bad edit fails loudly at the first request instead of producing a wrong figure.
 */

export const verificationLevels = [
  "plan",
  "two_sources",
  "one_source",
  "standard_limit_grade",
  "derived",
  "weak",
] as const;
export type Verification = (typeof verificationLevels)[number];

/**
 * Levels at which a figure was checked only against transcriptions (a page, a repository, a third-party
 * copy of a standard): an answer says "（待核对）" once beside its use, in the calculation section.
 */
export const toCheckLevels: ReadonlySet<string> = new Set<Verification>([
  "one_source",
  "standard_limit_grade",
  "derived",
  "weak",
]);

/**
 * Every figure names the authority it is cited from (`source`: the plan, a standard, a ministry's
 * notice) and, unless the plan states it, where it was checked (`trail`, never shown to people).
 */
const sourced = {
  source: z.array(z.string().min(1)).min(1),
  trail: z.array(z.string().min(1)).min(1).optional(),
  verification: z.enum(verificationLevels),
  note: z.string().optional(),
};

const sourcedValue = z.object({ value: z.number(), unit: z.string(), ...sourced });
export type SourcedValue = z.infer<typeof sourcedValue>;

/** What answers and the API cite: the plan, a national standard, a ministry's notice. */
const authoritySchema = z.object({
  id: z.string(),
  role: z.literal("authority"),
  kind: z.enum(["plan", "standard", "notice"]),
  /** As a person is shown it: "GB 21344-2023《合成氨单位产品能源消耗限额》". */
  cite: z.string().min(1),
  /** The document's or standard's number, where one is known. */
  number: z.string().optional(),
  issuer: z.string().optional(),
});
export type Authority = z.infer<typeof authoritySchema>;

/** Where a value was checked: kept in the data and docs for review, never cited. */
const trailSchema = z.object({
  id: z.string(),
  role: z.literal("trail"),
  kind: z.enum(["web", "repository", "standard_transcription"]),
  title: z.string(),
  citation: z.string(),
});
export type TrailSource = z.infer<typeof trailSchema>;

const sourceSchema = z.discriminatedUnion("role", [authoritySchema, trailSchema]);
export type Source = z.infer<typeof sourceSchema>;

const referenceGrades = z.object({
  standard: z.string(),
  variant: z.string(),
  unit: z.string(),
  grade1: z.number(),
  grade2: z.number().nullable(),
  grade3: z.number(),
  ...sourced,
});
export type ReferenceGrades = z.infer<typeof referenceGrades>;

const productSchema = z.object({
  id: z.string(),
  name: z.string(),
  group: z.string(),
  variantLabel: z.string().nullable(),
  variantKeywords: z.array(z.string()),
  aliases: z.array(z.string()).min(1),
  excludes: z.array(z.string()),
  industry: z.string(),
  inPlan: z.boolean(),
  indicator: z.string(),
  unit: z.literal("kgce/t"),
  perUnit: z.string(),
  condition: z.string().nullable(),
  capacityBand: z
    .object({
      min: z.number(),
      minInclusive: z.boolean(),
      unit: z.literal("t"),
      label: z.string(),
      unitId: z.string(),
      ...sourced,
    })
    .nullable(),
  basis: z
    .object({ required: z.literal(true), planBasis: z.enum(["including_feedstock", "excluding_feedstock"]) })
    .nullable(),
  benchmark: sourcedValue.extend({ unitId: z.string().nullable() }),
  baseline: sourcedValue.extend({ standard: z.string().nullable(), grade: z.number().nullable() }).nullable(),
  referenceStandard: z.string(),
  referenceGrades: z.array(referenceGrades),
  cityTargets: z.array(
    sourcedValue.extend({
      indicator: z.string(),
      relation: z.string(),
      year: z.number().int(),
      quote: z.string(),
      unitId: z.string(),
    }),
  ),
  planTargets: z.array(z.object({ text: z.string(), unitId: z.string(), ...sourced })),
  belowBaselineDeadline: z.string(),
  planUnits: z.array(z.string()),
  co2Saving: z.object({ carrier: z.string(), feedstock: z.boolean() }),
});
export type Product = z.infer<typeof productSchema>;

/**
 * A product of the national 2023 table that the plan's industries point to but whose levels could not be
 * confirmed in two independent public sources (issue 10): recognised by name so that an answer says the
 * notice lists it and that no figure of it is carried, instead of asking which product or quoting another.
 * `listedIn` is the notice that lists it, with where the listing was seen; `note` what was found of its
 * levels and why they are left out (never shown).
 */
const uncataloguedSchema = z.object({
  id: z.string(),
  name: z.string(),
  /** The area as the notice names it ("煤制焦炭", "炼铁（高炉工序）"). */
  area: z.string(),
  aliases: z.array(z.string()).min(1),
  /** Words that name something else ("电石渣" is a raw material of clinker, not 电石). */
  excludes: z.array(z.string()),
  industry: z.string(),
  listedIn: z.object(sourced),
  levels: z.null(),
  note: z.string(),
});
export type UncataloguedProduct = z.infer<typeof uncataloguedSchema>;

const productsFile = z.object({
  /** Sector words a person may use for the plan's products of that industry ("水泥的标杆" → 水泥熟料). */
  industries: z.array(z.object({ name: z.string(), aliases: z.array(z.string()).min(1) })),
  groups: z.array(z.object({ name: z.string(), aliases: z.array(z.string()), variantQuestion: z.string() })),
  products: z.array(productSchema).min(1),
  uncatalogued: z.array(uncataloguedSchema),
});
export type ProductGroup = z.infer<typeof productsFile>["groups"][number];
export type Industry = z.infer<typeof productsFile>["industries"][number];

const carrierSchema = z.object({
  id: z.string(),
  name: z.string(),
  aliases: z.array(z.string()),
  quantity: z.enum(["mass", "volume", "heat", "electricity"]),
  factor: sourcedValue
    .extend({
      basis: z.string().optional(),
      isDefaultOfRange: z.boolean().optional(),
      /** Not in the GB/T 2589 table: the default net calorific value of this fuel (emission-factors.json) ÷ 29.3076. */
      derivedFrom: z.object({ fuel: z.string() }).optional(),
    })
    .nullable(),
  rangeLower: sourcedValue.optional(),
  heatContent: sourcedValue.optional(),
  co2: z.union([z.object({ fuel: z.string() }), z.object({ grid: z.literal(true) })]).nullable(),
});
export type Carrier = z.infer<typeof carrierSchema>;

const conversionFile = z.object({ standardCoalHeatValue: sourcedValue, carriers: z.array(carrierSchema) });

const gridFactorSchema = z.object({
  id: z.string(),
  name: z.string(),
  value: z.number().positive(),
  unit: z.literal("kgCO2/kWh"),
  year: z.number().int(),
  purpose: z.string(),
  document: z.string(),
  ...sourced,
});
export type GridFactor = z.infer<typeof gridFactorSchema>;

const fuelFactorSchema = z.object({
  id: z.string(),
  name: z.string(),
  lhv: z.number().positive(),
  lhvUnit: z.enum(["GJ/t", "GJ/10^4Nm3"]),
  carbonContent: z.number().positive(),
  oxidationRate: z.number().positive().max(1),
  ...sourced,
});
export type FuelFactor = z.infer<typeof fuelFactorSchema>;

const heatFactorSchema = sourcedValue.extend({ id: z.string(), name: z.string(), document: z.string() });
export type HeatFactor = z.infer<typeof heatFactorSchema>;

const emissionFile = z.object({
  grid: z.array(gridFactorSchema).min(1),
  fuels: z.array(fuelFactorSchema),
  heat: z.array(heatFactorSchema),
});

const motorRowSchema = z.object({
  ratedPowerKw: z.number().positive(),
  poles: z.number().int(),
  grade1Pct: z.number(),
  grade2Pct: z.number(),
  grade3Pct: z.number(),
  ...sourced,
});
export type MotorRow = z.infer<typeof motorRowSchema>;

const motorFile = z.object({
  standard: z.string(),
  table: z.string(),
  effectiveDate: z.string(),
  rows: z.array(motorRowSchema).min(1),
});

const quoteSchema = z.object({ unitId: z.string(), quote: z.string(), ...sourced });
export type PlanQuote = z.infer<typeof quoteSchema>;

export const benchmarkStatuses = [
  "at_or_better_than_benchmark",
  "between_benchmark_and_baseline",
  "worse_than_baseline",
  "baseline_unknown",
] as const;
export type BenchmarkStatus = (typeof benchmarkStatuses)[number];

const deadlineSchema = z.object({
  id: z.string(),
  date: z.string().nullable(),
  text: z.string(),
  appliesTo: z.string(),
  ...sourced,
});
export type Deadline = z.infer<typeof deadlineSchema>;

const policyFile = z.object({
  targets: z.array(
    z.object({
      id: z.string(),
      indicator: z.string(),
      baseYear: z.number().int(),
      targetYear: z.number().int(),
      reductionPercent: z.number().positive().lt(100),
      quote: z.string(),
      unitId: z.string(),
      ...sourced,
    }),
  ),
  deadlines: z.array(deadlineSchema),
  guidance: z.record(z.enum(benchmarkStatuses), z.array(quoteSchema)),
  toolUnits: z.record(z.string(), z.array(z.string())),
  toolQuotes: z.record(z.string(), z.array(quoteSchema)),
});
export type IntensityTarget = z.infer<typeof policyFile>["targets"][number];

const planUnitsFile = z.object({
  docId: z.string(),
  units: z.array(z.object({ id: z.string(), breadcrumb: z.array(z.string()).min(1) })),
});
export interface PlanUnitRef {
  id: string;
  breadcrumb: string;
}

const sourcesFile = z.object({ sources: z.array(sourceSchema) });

export interface CalculatorData {
  products: Product[];
  groups: ProductGroup[];
  industries: Industry[];
  uncatalogued: UncataloguedProduct[];
  carriers: Carrier[];
  standardCoalHeatValue: SourcedValue;
  gridFactors: GridFactor[];
  fuelFactors: FuelFactor[];
  heatFactors: HeatFactor[];
  motor: z.infer<typeof motorFile>;
  policy: z.infer<typeof policyFile>;
  planUnits: Map<string, PlanUnitRef>;
  sources: Map<string, Source>;
}

export const dataFiles = {
  products: "products.json",
  conversion: "energy-conversion.json",
  emission: "emission-factors.json",
  motor: "motor-efficiency.json",
  policy: "policy.json",
  planUnits: "plan-units.json",
  sources: "sources.json",
} as const;

/** Separator used when a breadcrumb is shown as one line. */
export const breadcrumbSeparator = " › ";

function readJson<S extends z.ZodType>(dir: string, file: string, schema: S): z.output<S> {
  const full = path.join(dir, file);
  const parsed = schema.safeParse(JSON.parse(fs.readFileSync(full, "utf8")));
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`Calculator data file ${full} is invalid: ${problems}`);
  }
  return parsed.data;
}

/** Reads and checks every data file in `dataDir` (normally `<KNOWLEDGE_DIR>/data`). */
export function loadCalculatorData(dataDir: string): CalculatorData {
  const products = readJson(dataDir, dataFiles.products, productsFile);
  const conversion = readJson(dataDir, dataFiles.conversion, conversionFile);
  const emission = readJson(dataDir, dataFiles.emission, emissionFile);
  const planUnits = readJson(dataDir, dataFiles.planUnits, planUnitsFile);
  const sources = readJson(dataDir, dataFiles.sources, sourcesFile);
  const data: CalculatorData = {
    products: products.products,
    groups: products.groups,
    industries: products.industries,
    uncatalogued: products.uncatalogued,
    carriers: conversion.carriers,
    standardCoalHeatValue: conversion.standardCoalHeatValue,
    gridFactors: emission.grid,
    fuelFactors: emission.fuels,
    heatFactors: emission.heat,
    motor: readJson(dataDir, dataFiles.motor, motorFile),
    policy: readJson(dataDir, dataFiles.policy, policyFile),
    planUnits: new Map(
      planUnits.units.map((u) => [u.id, { id: u.id, breadcrumb: u.breadcrumb.join(breadcrumbSeparator) }]),
    ),
    sources: new Map(sources.sources.map((s) => [s.id, s])),
  };
  checkReferences(data);
  return data;
}

/** Every id a file points at must exist, so a typo cannot silently drop a source or a plan unit. */
function checkReferences(data: CalculatorData): void {
  const problems: string[] = [];
  const unitIds = new Set<string>();
  for (const p of data.products) {
    for (const id of p.planUnits) unitIds.add(id);
    if (p.benchmark.unitId) unitIds.add(p.benchmark.unitId);
    for (const t of p.cityTargets) unitIds.add(t.unitId);
    if (!data.policy.deadlines.some((d) => d.id === p.belowBaselineDeadline)) {
      problems.push(`product ${p.id}: unknown deadline ${p.belowBaselineDeadline}`);
    }
    if (!data.carriers.some((c) => c.id === p.co2Saving.carrier)) {
      problems.push(`product ${p.id}: unknown carrier ${p.co2Saving.carrier}`);
    }
  }
  // A name of the catalogue must not also name a product it leaves out, or "电石" could resolve to either.
  const catalogued = new Set(
    [...data.products.flatMap((p) => [p.id, ...p.aliases]), ...data.groups.flatMap((g) => g.aliases)].map(
      (a) => a.normalize("NFKC"),
    ),
  );
  for (const u of data.uncatalogued)
    for (const name of [u.id, ...u.aliases])
      if (catalogued.has(name.normalize("NFKC")))
        problems.push(`uncatalogued ${u.id}: "${name}" also names a catalogued product`);
  for (const industry of data.industries) {
    if (!data.products.some((p) => p.inPlan && p.industry === industry.name))
      problems.push(`industry ${industry.name}: no product of the plan`);
  }
  for (const quotes of Object.values(data.policy.guidance)) for (const q of quotes) unitIds.add(q.unitId);
  for (const ids of Object.values(data.policy.toolUnits)) for (const id of ids) unitIds.add(id);
  for (const t of data.policy.targets) unitIds.add(t.unitId);
  for (const id of unitIds) if (!data.planUnits.has(id)) problems.push(`unknown plan unit ${id}`);
  for (const c of data.carriers) {
    if (c.co2 && "fuel" in c.co2) {
      const fuel = c.co2.fuel;
      if (!data.fuelFactors.some((f) => f.id === fuel) && !data.heatFactors.some((h) => h.id === fuel)) {
        problems.push(`carrier ${c.id}: unknown CO2 fuel ${fuel}`);
      }
    }
  }
  for (const c of data.carriers) problems.push(...checkDerivedFactor(c, data));
  problems.push(...checkSourcing(data));
  if (problems.length) throw new Error(`Calculator data is inconsistent: ${problems.join("; ")}`);
}

/** The default heating value a derived factor rests on, in MJ per kg or m3, or undefined when it has none. */
export function derivedHeatingValue(
  carrier: Carrier,
  data: Pick<CalculatorData, "fuelFactors">,
): { fuel: FuelFactor; mjPerUnit: number } | undefined {
  const id = carrier.factor?.derivedFrom?.fuel;
  const fuel = id === undefined ? undefined : data.fuelFactors.find((f) => f.id === id);
  if (!fuel) return undefined;
  // GJ/t = MJ/kg; GJ per 10^4 Nm3 = 0.1 MJ/m3
  return { fuel, mjPerUnit: fuel.lhvUnit === "GJ/t" ? fuel.lhv : fuel.lhv / 10 };
}

/** A derived factor must be labelled so, cite the heating value's source, and equal LHV ÷ 29.3076 at 4 places. */
function checkDerivedFactor(c: Carrier, data: CalculatorData): string[] {
  const f = c.factor;
  if (!f) return [];
  if (!f.derivedFrom)
    return f.verification === "derived" ? [`carrier ${c.id}: derived factor without derivedFrom`] : [];
  const derived = derivedHeatingValue(c, data);
  if (!derived) return [`carrier ${c.id}: unknown fuel ${f.derivedFrom.fuel} in derivedFrom`];
  const problems: string[] = [];
  const expectedUnit = c.quantity === "volume" ? "kgce/m3" : "kgce/kg";
  const expected = roundHalfAwayFromZero(derived.mjPerUnit / data.standardCoalHeatValue.value, 4);
  if (f.unit !== expectedUnit || f.value !== expected) {
    problems.push(
      `carrier ${c.id}: derived factor should be ${expected} ${expectedUnit}, not ${f.value} ${f.unit}`,
    );
  }
  if (f.verification !== "derived")
    problems.push(`carrier ${c.id}: derived factor must have verification "derived"`);
  for (const id of [...derived.fuel.source, ...data.standardCoalHeatValue.source]) {
    if (!f.source.includes(id)) problems.push(`carrier ${c.id}: derived factor must cite ${id}`);
  }
  for (const id of [...(derived.fuel.trail ?? []), ...(data.standardCoalHeatValue.trail ?? [])]) {
    if (!f.trail?.includes(id)) problems.push(`carrier ${c.id}: derived factor must keep ${id} in its trail`);
  }
  return problems;
}

/**
 * A figure's `source` names authorities only and its `trail` trail sources only, every id known; a
 * figure the plan does not state keeps its trail (where it was checked).
 */
function checkSourcing(data: CalculatorData): string[] {
  const problems: string[] = [];
  for (const { at, figure } of sourcedFigures(data)) {
    for (const id of figure.source) {
      const s = data.sources.get(id);
      if (!s) problems.push(`unknown source ${id}`);
      else if (s.role !== "authority")
        problems.push(`${at}: source ${id} is a trail source, not an authority`);
    }
    for (const id of figure.trail ?? []) {
      const s = data.sources.get(id);
      if (!s) problems.push(`unknown source ${id}`);
      else if (s.role !== "trail") problems.push(`${at}: trail ${id} is an authority, not a trail source`);
    }
    if (figure.verification !== "plan" && !figure.trail?.length)
      problems.push(`${at}: a figure the plan does not state needs its trail`);
  }
  return problems;
}

interface SourcedFigure {
  source: string[];
  trail?: string[] | undefined;
  verification: Verification;
}

/** Every object of the data that carries `source`, with where it is. */
function sourcedFigures(value: unknown, at = "data"): Array<{ at: string; figure: SourcedFigure }> {
  if (value instanceof Map) return [...value.entries()].flatMap(([k, v]) => sourcedFigures(v, `${at}.${k}`));
  if (Array.isArray(value)) return value.flatMap((v, i) => sourcedFigures(v, `${at}[${i}]`));
  if (!value || typeof value !== "object") return [];
  const own = Array.isArray((value as { source?: unknown }).source)
    ? [{ at, figure: value as SourcedFigure }]
    : [];
  return [
    ...own,
    ...Object.entries(value).flatMap(([k, v]) =>
      k === "source" || k === "trail" ? [] : sourcedFigures(v, `${at}.${k}`),
    ),
  ];
}

/**
 * The configured default grid factor (GRID_EMISSION_FACTOR_ID) must be one of the data's, or every
 * calculation would fail on a field the user never sent. A problem, or null when the id is known.
 */
export function gridFactorIdProblem(data: Pick<CalculatorData, "gridFactors">, id: string): string | null {
  if (data.gridFactors.some((g) => g.id === id)) return null;
  return `"${id}" is not a grid factor in knowledge/data/${dataFiles.emission}; valid ids: ${data.gridFactors
    .map((g) => g.id)
    .join(", ")}`;
}

const cache = new Map<string, CalculatorData>();

/** Loads once per directory; the routes call this lazily so the app starts even before the data exists. */
export function calculatorDataFor(dataDir: string): CalculatorData {
  let data = cache.get(dataDir);
  if (!data) {
    data = loadCalculatorData(dataDir);
    cache.set(dataDir, data);
  }
  return data;
}
