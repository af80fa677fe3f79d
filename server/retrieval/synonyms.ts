import fs from "node:fs";
import * as z from "zod";

const synonymFileSchema = z.object({
  about: z.string().optional(),
  groups: z.array(z.array(z.string().min(1)).min(2)),
});

export interface QueryExpansion {
  /** Plan terms added because the query used an everyday word for them. */
  added: string[];
  /** The query with the added terms appended, for the lexical vector. */
  expandedText: string;
}

/**
 * Maps everyday words to the plan's terms. The plan's term is the first word of each group; a query
 * containing any other word of the group is also searched with it.
 */
export class SynonymTable {
  private readonly variants: Array<{ variant: string; term: string }>;

  constructor(groups: string[][]) {
    this.variants = groups
      .flatMap(([term, ...variants]) =>
        variants.map((variant) => ({ variant: variant.toLowerCase(), term: term! })),
      )
      // Longer variants first, so "空气压缩机" is seen before "压缩机".
      .sort((a, b) => b.variant.length - a.variant.length);
  }

  static fromFile(filePath: string): SynonymTable {
    if (!fs.existsSync(filePath)) return new SynonymTable([]);
    return new SynonymTable(synonymFileSchema.parse(JSON.parse(fs.readFileSync(filePath, "utf8"))).groups);
  }

  expand(query: string): QueryExpansion {
    const lower = query.toLowerCase();
    const added = new Set<string>();
    for (const { variant, term } of this.variants) {
      if (lower.includes(variant) && !lower.includes(term.toLowerCase())) added.add(term);
    }
    const terms = [...added];
    return { added: terms, expandedText: terms.length ? `${query} ${terms.join(" ")}` : query };
  }
}
