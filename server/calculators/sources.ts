import type { CalculatorData, Verification } from "./data.js";

/** A source as a result shows it: what it is and which figures of this result rest on it. */
export interface SourceRef {
  id: string;
  kind: string;
  title: string;
  citation: string;
  usedFor: string[];
}

/** A figure and where it comes from, as results show it. */
export interface FigureRef {
  value: number;
  unit: string;
  verification: Verification | "user";
  source: string[];
  note?: string;
}

/** Collects the sources behind the figures a result uses, in the order first used. */
export class SourceCollector {
  private readonly used = new Map<string, Set<string>>();

  add(ids: readonly string[], usedFor: string): void {
    for (const id of ids) {
      const set = this.used.get(id) ?? new Set<string>();
      set.add(usedFor);
      this.used.set(id, set);
    }
  }

  merge(refs: readonly SourceRef[]): void {
    for (const ref of refs) for (const use of ref.usedFor) this.add([ref.id], use);
  }

  list(data: Pick<CalculatorData, "sources">): SourceRef[] {
    return [...this.used].map(([id, uses]) => {
      const s = data.sources.get(id);
      return {
        id,
        kind: s?.kind ?? "unknown",
        title: s?.title ?? id,
        citation: s?.citation ?? "",
        usedFor: [...uses],
      };
    });
  }
}
