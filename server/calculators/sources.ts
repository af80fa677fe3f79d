import { toCheckLevels, type Authority, type CalculatorData, type Verification } from "./data.js";

/**
 * An authority as a result cites it: the plan's clause, a national standard (with the grade used) or a
 * ministry's notice, and which figures of the result rest on it. Where a figure was checked (its trail)
 * stays in knowledge/data; a result never names it.
 */
export interface SourceRef {
  id: string;
  kind: Authority["kind"];
  /** As a person is shown it: "GB 21344-2023《合成氨单位产品能源消耗限额》3级", or the plan and its clause. */
  title: string;
  /** The document alone: "GB 21344-2023《合成氨单位产品能源消耗限额》". */
  citation: string;
  /** The part cited: a standard's grade ("3级"), or the plan clause's breadcrumb; null for the whole. */
  part: string | null;
  /** The plan's unit, when a clause of the plan is cited. */
  unitId?: string;
  usedFor: string[];
  /** Of `usedFor`, the figures checked only against transcriptions: shown with "（待核对）". */
  toCheck: string[];
}

/** A figure and where it comes from, as results show it: `source` holds authority ids only. */
export interface FigureRef {
  value: number;
  unit: string;
  verification: Verification | "user";
  source: string[];
  /** The authority as cited beside the figure ("方案原文" is said for the plan's own). */
  citation: string;
}

/** What a figure needs to be cited: its authorities, how it was checked, the plan's unit it stands in. */
export interface Cited {
  source: readonly string[];
  verification: Verification | "user" | null;
  unitId?: string | null;
}

/** Whether a figure was checked only against transcriptions ("（待核对）"). */
export function toCheck(verification: Verification | "user" | null): boolean {
  return verification !== null && toCheckLevels.has(verification);
}

/**
 * How a figure is cited, in one phrase: each of its authorities with the part used (a standard's
 * `grade`, the plan clause's breadcrumb). The calculators' data guarantees every id is an authority.
 */
export function citationOf(
  figure: Cited,
  data: Pick<CalculatorData, "sources" | "planUnits">,
  grade?: number | null,
): string {
  return figure.source
    .map((id) => {
      const a = authority(id, data);
      return a ? a.cite + (partOf(a, figure, data, grade) ?? "") : id;
    })
    .join("；");
}

function authority(id: string, data: Pick<CalculatorData, "sources">): Authority | undefined {
  const s = data.sources.get(id);
  return s?.role === "authority" ? s : undefined;
}

function partOf(
  a: Authority,
  figure: Cited,
  data: Pick<CalculatorData, "planUnits">,
  grade: number | null | undefined,
): string | null {
  if (a.kind === "plan") return (figure.unitId && data.planUnits.get(figure.unitId)?.breadcrumb) || null;
  if (a.kind === "standard" && grade !== undefined && grade !== null) return `${grade}级`;
  return null;
}

interface Use {
  authority: Authority;
  part: string | null;
  unitId: string | null;
  usedFor: Set<string>;
  toCheck: Set<string>;
}

/** Collects the authorities behind the figures a result uses, in the order first used. */
export class SourceCollector {
  private readonly uses: Array<{ figure: Cited; usedFor: string; grade: number | null }> = [];

  /** `grade`: the grade of a standard the figure is (a baseline taken from a limit grade). */
  add(figure: Cited, usedFor: string, grade: number | null = null): void {
    this.uses.push({ figure, usedFor, grade });
  }

  list(data: Pick<CalculatorData, "sources" | "planUnits">): SourceRef[] {
    const byKey = new Map<string, Use>();
    for (const { figure, usedFor, grade } of this.uses) {
      for (const id of figure.source) {
        const a = authority(id, data);
        if (!a) continue;
        const part = partOf(a, figure, data, grade);
        const key = `${id}\u0000${part ?? ""}`;
        const use = byKey.get(key) ?? {
          authority: a,
          part,
          unitId: a.kind === "plan" ? (figure.unitId ?? null) : null,
          usedFor: new Set<string>(),
          toCheck: new Set<string>(),
        };
        use.usedFor.add(usedFor);
        if (toCheck(figure.verification)) use.toCheck.add(usedFor);
        byKey.set(key, use);
      }
    }
    return [...byKey.values()].map((u) => ({
      id: u.authority.id,
      kind: u.authority.kind,
      title: u.authority.cite + (u.part ?? ""),
      citation: u.authority.cite,
      part: u.part,
      ...(u.unitId ? { unitId: u.unitId } : {}),
      usedFor: [...u.usedFor],
      toCheck: [...u.toCheck],
    }));
  }
}

/**
 * The documents an answer may name, as a person is shown them ("GB 21344-2023《合成氨单位产品能源消耗限额》",
 * "国家发展改革委等部门《…（2023年版）》"), longest first so that a name is removed before a shorter one inside it.
 */
export function documentNames(data: Pick<CalculatorData, "sources">): string[] {
  return [...data.sources.values()]
    .flatMap((s) => (s.role === "authority" ? [s.cite, ...(s.number ? [s.number] : [])] : []))
    .sort((a, b) => b.length - a.length);
}
