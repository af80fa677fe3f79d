import type { CalculatorData, Product, UncataloguedProduct } from "./data.js";

/** How a product name, alias or id resolves against the catalogue. */
export type ProductResolution =
  | { kind: "resolved"; product: Product; capacityT: number | null }
  | { kind: "ambiguous"; group: string; question: string; variants: Product[] }
  | { kind: "not_covered"; term: string; candidates: Product[] }
  /** A product of the national table whose levels the catalogue does not carry (电石, 焦化 …). */
  | { kind: "not_catalogued"; entry: UncataloguedProduct; candidates: Product[] }
  | { kind: "out_of_band"; product: Product; capacityT: number }
  | { kind: "unknown"; closest: Product[] };

/** Full-width to half-width, no spaces, Latin lower-case: "纯碱 (轻质)" and "纯碱（轻质）" compare equal. */
export function normalizeName(text: string): string {
  return text
    .normalize("NFKC")
    .replace(/\s+/g, "")
    .replace(/[A-Z]+/g, (s) => s.toLowerCase());
}

const capacityPattern = /(?:容量|公称容量)?(?:为|是|:)?(\d+(?:\.\d+)?)\s*(?:吨|t)(?![a-z])/i;

/** A capacity written into the product text, e.g. "60吨电弧炉" or "电弧炉（公称容量60t）", in tonnes. */
export function capacityInText(text: string): number | null {
  const normalized = normalizeName(text).replace(/[≥>≤<]=?\d+(?:\.\d+)?(?:吨|t)/g, "");
  const match = capacityPattern.exec(normalized);
  return match?.[1] ? Number(match[1]) : null;
}

/**
 * Resolves a product given as id, name or alias. Matching is by the longest alias found in the text,
 * so "我们的联碱法轻质纯碱" works; a group name alone ("纯碱") is ambiguous; a term the plan's figure does not
 * cover ("氨碱法", "天然气制合成氨") is reported as such; a product of the national table the catalogue
 * leaves out ("电石", "焦化") is named with the notice that lists it; anything else gets the closest entries.
 */
export function resolveProduct(
  query: string,
  data: Pick<CalculatorData, "products" | "groups" | "uncatalogued">,
  capacityT: number | null = null,
): ProductResolution {
  const text = normalizeName(query);
  const byId = data.products.find((p) => p.id === text);
  // An id names no capacity: the "50t" of "eaf-steelmaking-ge50t" is the band, not the plant's furnace.
  if (byId) return withCapacity(byId, capacityT);
  const listedById = data.uncatalogued.find((u) => u.id === text);
  if (listedById) return notCatalogued(listedById, data);

  const excluded = (p: Product) => p.excludes.find((term) => text.includes(normalizeName(term)));
  const matches = longestAliasMatches(text, data.products);
  // "轻质和重质各是多少": a question naming two variants of a group asks about each of them.
  const group = matches[0]?.group;
  const named = group
    ? narrowByVariant(
        text,
        data.products.filter((p) => p.group === group && !excluded(p)),
      )
    : [];
  const everyNamed = named.every((p) => p.variantKeywords.some((k) => text.includes(normalizeName(k))));
  if (group && named.length > 1 && everyNamed) return ambiguous(group, named, data);
  if (matches.length > 0) {
    const covered = matches.filter((p) => !excluded(p));
    if (covered.length === 0) return notCovered(excluded(matches[0]!)!, matches);
    const narrowed = narrowByVariant(text, covered);
    if (narrowed.length === 1) return withCapacity(narrowed[0]!, capacityT ?? capacityInText(query));
    return ambiguous(narrowed[0]!.group, narrowed, data);
  }

  const groupNamed = data.groups.find((g) => g.aliases.some((a) => text.includes(normalizeName(a))));
  if (groupNamed) {
    const members = data.products.filter((p) => p.group === groupNamed.name);
    const covered = members.filter((p) => !excluded(p));
    if (covered.length === 0 && members[0]) return notCovered(excluded(members[0])!, members);
    const narrowed = narrowByVariant(text, covered);
    if (narrowed.length === 1) return withCapacity(narrowed[0]!, capacityT ?? capacityInText(query));
    if (narrowed.length > 1) return ambiguous(groupNamed.name, narrowed, data);
  }
  const listed = uncataloguedIn(text, data.uncatalogued);
  if (listed) return notCatalogued(listed, data);
  return { kind: "unknown", closest: closestProducts(text, data.products) };
}

/** The product left out of the catalogue that the text names by its longest alias, unless it names something else. */
export function uncataloguedIn(
  text: string,
  entries: UncataloguedProduct[],
): UncataloguedProduct | undefined {
  let best: { entry: UncataloguedProduct; length: number } | undefined;
  for (const entry of entries) {
    if (entry.excludes.some((term) => text.includes(normalizeName(term)))) continue;
    const length = Math.max(
      0,
      ...entry.aliases
        .map(normalizeName)
        .filter((a) => text.includes(a))
        .map((a) => a.length),
    );
    if (length > (best?.length ?? 0)) best = { entry, length };
  }
  return best?.entry;
}

function longestAliasMatches(text: string, products: Product[]): Product[] {
  let best = 0;
  let found: Product[] = [];
  for (const p of products) {
    const length = Math.max(
      0,
      ...p.aliases
        .map(normalizeName)
        .filter((a) => text.includes(a))
        .map((a) => a.length),
    );
    if (length === 0) continue;
    if (length > best) {
      best = length;
      found = [p];
    } else if (length === best) {
      found.push(p);
    }
  }
  return found;
}

function narrowByVariant(text: string, products: Product[]): Product[] {
  if (products.length < 2) return products;
  const hits = products.filter((p) => p.variantKeywords.some((k) => text.includes(normalizeName(k))));
  return hits.length > 0 ? hits : products;
}

function withCapacity(product: Product, capacityT: number | null): ProductResolution {
  const band = product.capacityBand;
  if (band && capacityT !== null) {
    const inside = band.minInclusive ? capacityT >= band.min : capacityT > band.min;
    if (!inside) return { kind: "out_of_band", product, capacityT };
  }
  return { kind: "resolved", product, capacityT };
}

function ambiguous(
  group: string,
  variants: Product[],
  data: Pick<CalculatorData, "groups">,
): ProductResolution {
  const question = data.groups.find((g) => g.name === group)?.variantQuestion ?? "";
  return { kind: "ambiguous", group, question, variants };
}

/** Named with the catalogued products of its industry, which can be calculated. */
function notCatalogued(
  entry: UncataloguedProduct,
  data: Pick<CalculatorData, "products">,
): ProductResolution {
  return {
    kind: "not_catalogued",
    entry,
    candidates: data.products.filter((p) => p.industry === entry.industry),
  };
}

function notCovered(term: string, candidates: Product[]): ProductResolution {
  return { kind: "not_covered", term, candidates };
}

/** The catalogue entries whose names look most like the text (character bigrams), best first. */
export function closestProducts(text: string, products: Product[], limit = 3): Product[] {
  const scored = products
    .map((p) => ({
      p,
      score: Math.max(...[p.name, ...p.aliases].map((a) => similarity(text, normalizeName(a)))),
    }))
    .sort((a, b) => b.score - a.score || Number(b.p.inPlan) - Number(a.p.inPlan));
  const useful = scored.filter((s) => s.score > 0);
  return (useful.length > 0 ? useful : scored.filter((s) => s.p.inPlan)).slice(0, limit).map((s) => s.p);
}

function grams(text: string): string[] {
  const chars = [...text];
  if (chars.length < 2) return chars;
  return chars.slice(1).map((c, i) => chars[i] + c);
}

/** Dice coefficient over character bigrams, plus a little for shared characters, in [0, 1]. */
function similarity(a: string, b: string): number {
  const ga = grams(a);
  const gb = grams(b);
  const pool = new Map<string, number>();
  for (const g of gb) pool.set(g, (pool.get(g) ?? 0) + 1);
  let shared = 0;
  for (const g of ga) {
    const n = pool.get(g) ?? 0;
    if (n > 0) {
      shared += 1;
      pool.set(g, n - 1);
    }
  }
  const dice = ga.length + gb.length > 0 ? (2 * shared) / (ga.length + gb.length) : 0;
  const chars = new Set(b);
  const charShare =
    [...new Set(a)].filter((c) => chars.has(c)).length / Math.max(1, new Set([...a, ...b]).size);
  return 0.8 * dice + 0.2 * charShare;
}
