/** The shapes the widget reads from the service (see server/routes/chat.ts and server/routes/tools.ts). */
export interface Citation {
  id: string;
  unitId: string;
  breadcrumb: string;
  quote: string;
  /** the clause's 责任单位, as the plan words them (raw) and split into lead and supporting units */
  responsibleUnits?: { lead: string[]; support: string[]; raw: string } | null;
}

export interface ToolRun {
  name: string;
  input: unknown;
  output: unknown;
  error?: string;
}

export interface ChatReply {
  conversationId: string;
  messageId: string;
  status: string;
  mode: string;
  answer: string;
  citations: Citation[];
  tools: ToolRun[];
  /** Set when the reply offers the 人工服务 form (status answered_handoff). */
  handoff?: boolean;
  /** 猜你想问: questions from the plan's structure around the clause the answer quotes. */
  suggestions?: string[];
}

/** The part of a benchmark-gap result the widget shows (POST /api/tools/benchmark-gap). */
export interface GapView {
  product: { id: string; name: string };
  unit: string;
  unitConsumption: number;
  benchmark: number;
  baseline: number | null;
  status: string;
  statusLabel: string;
  gapToBenchmark: number;
  gapToBenchmarkPercent: number;
  annualSavingTce: number | null;
  co2SavingT: number | null;
  cityTarget: { value: number; year: number } | null;
  formula: string[];
  policy?: { summary: string } | null;
  sources?: Array<{ title: string }>;
}

/** Something 👍/👎 can rate: an answer (its messageId) or a stored form calculation (its runId). */
export interface Rated {
  conversationId: string;
  messageId: string;
  rating?: "up" | "down";
}

export interface SavedAnswer extends Rated {
  status: string;
  answer: string;
  citations: Citation[];
  gap: GapView | null;
  /** 猜你想问, shown under the latest answer only */
  suggestions?: string[];
}

/** A calculation from the 算一算 form; `run` when the service stored it, so that it can be rated. */
export interface CalcItem {
  kind: "calc";
  gap: GapView;
  run?: Rated;
}

export type Item = { kind: "user"; text: string } | { kind: "answer"; reply: SavedAnswer } | CalcItem;

export interface Product {
  id: string;
  name: string;
  /** the catalogue's industry, in Chinese (钢铁, 建材, 化工 …): the form groups products by it */
  industry: string;
  basis: { required: boolean } | null;
}

/** Keeps only what the card needs, so sessionStorage stays small. */
export function toGapView(output: unknown): GapView | null {
  const o = output as Partial<GapView> | null;
  if (
    !o ||
    typeof o !== "object" ||
    typeof o.unitConsumption !== "number" ||
    typeof o.benchmark !== "number" ||
    !o.product
  )
    return null;
  return {
    product: { id: String(o.product.id), name: String(o.product.name) },
    unit: String(o.unit ?? "kgce/t"),
    unitConsumption: o.unitConsumption,
    benchmark: o.benchmark,
    baseline: typeof o.baseline === "number" ? o.baseline : null,
    status: String(o.status ?? ""),
    statusLabel: String(o.statusLabel ?? ""),
    gapToBenchmark: Number(o.gapToBenchmark),
    gapToBenchmarkPercent: Number(o.gapToBenchmarkPercent),
    annualSavingTce: typeof o.annualSavingTce === "number" ? o.annualSavingTce : null,
    co2SavingT: typeof o.co2SavingT === "number" ? o.co2SavingT : null,
    cityTarget:
      o.cityTarget && typeof o.cityTarget.value === "number"
        ? { value: o.cityTarget.value, year: Number(o.cityTarget.year) }
        : null,
    formula: Array.isArray(o.formula) ? o.formula.map(String).slice(0, 20) : [],
    policy: o.policy?.summary ? { summary: String(o.policy.summary) } : null,
    sources: Array.isArray(o.sources) ? o.sources.slice(0, 12).map((s) => ({ title: String(s.title) })) : [],
  };
}
