import { massRole, productKeywords, scanMessage, type ReadingContext, type Scan } from "./context.js";
import { aimsOf } from "./readCalculation.js";
import { industryNamed } from "../../../calculators/lookupBenchmark.js";
import { findProduct } from "./product.js";
import type { Product } from "../../../calculators/data.js";
import { normalizeName, resolveProduct } from "../../../calculators/resolveProduct.js";

/** The person asks what a level is, not how their plant compares: "电炉钢标杆是多少", "熟料基准水平是多少？". */
const ASKS_FOR_LEVEL =
  /标杆|基准|限额|限定值|先进值|能效水平|能效要求|能耗要求|能耗标准|才算(?:达标|先进)?|要做到多少/;
/** "方案给了标杆值的产品有哪些", "列个标杆值清单". */
const ASKS_FOR_ALL = /(?:哪些|哪几[种个类项样]|几种|几个|一共|全部|所有|清单|列表|列个表|汇总)/;

export interface LookupRequest {
  tool: "benchmark_lookup";
  input: { product?: string };
  /** What the question asks besides the levels ("2025年要降到多少": the plan's target). */
  aims?: string[];
}

/**
 * Reads a question about the plan's benchmark figures as a lookup: the product it names (as said, so
 * a group like 纯碱 lists its variants and "30吨电弧炉" meets the capacity band), or every product when
 * it asks for the list. Null when the message is about something else.
 */
export function readBenchmarkLookup(message: string, reading: ReadingContext): LookupRequest | null {
  const scan = scanMessage(message, reading);
  const { text, data } = scan;
  if (!ASKS_FOR_LEVEL.test(text)) return null;
  const capacity = scan.quantities.find((x) => x.kind === "mass" && massRole(scan, x).kind === "capacity");
  const found = findProduct(scan, capacity ? capacity.value / 1000 : null);
  const aims = [...aimsOf(text, reading)];
  const withAims = (request: LookupRequest): LookupRequest => (aims.length ? { ...request, aims } : request);
  // "合成氨和纯碱的标杆值": each product named, in the order said.
  const several = productsNamed(scan);
  if (several.length > 1)
    return withAims({ tool: "benchmark_lookup", input: { product: several.join("、") } });
  if (found) {
    const r = found.resolution;
    // Keep what decides the answer: the capacity outside the band, the route the figure does not cover.
    const product =
      r.kind === "resolved"
        ? r.product.id
        : r.kind === "out_of_band"
          ? `${r.capacityT}吨${found.alias}`
          : r.kind === "not_covered"
            ? routeAndProduct(text, r.term, found.alias)
            : r.kind === "ambiguous" && r.variants.every((v) => namedIn(text, v))
              ? // "轻质和重质各是多少": the variants in question, each by its name.
                r.variants.map((v) => v.name).join("、")
              : found.alias;
    return withAims({ tool: "benchmark_lookup", input: { product } });
  }
  const industry = industryNamed(text, data);
  if (industry) return { tool: "benchmark_lookup", input: { product: industry.name } };
  return /标杆/.test(text) && ASKS_FOR_ALL.test(text) ? { tool: "benchmark_lookup", input: {} } : null;
}

/**
 * The products a message names, each once, in the order said: the longest name at each place, and a
 * name inside a longer one is not another product. A group (纯碱) is named as said, to list its variants.
 */
function productsNamed(scan: Scan): string[] {
  const text = normalizeName(scan.text);
  const taken: boolean[] = [];
  // One name per group: "纯碱……轻质……联碱法" names one product, in words of its variants.
  const found: Array<{ at: number; name: string; group: string }> = [];
  const words = [...productKeywords(scan.data)].sort((a, b) => b.word.length - a.word.length);
  for (const { word } of words) {
    for (let at = text.indexOf(word); at !== -1; at = text.indexOf(word, at + 1)) {
      if (taken.slice(at, at + word.length).some(Boolean)) continue;
      taken.fill(true, at, at + word.length);
      const r = resolveProduct(word, scan.data, null);
      const named =
        r.kind === "resolved"
          ? { name: r.product.id, group: r.product.group }
          : r.kind === "ambiguous" && r.variants[0]
            ? { name: word, group: r.variants[0].group }
            : null;
      if (named && !found.some((f) => f.group === named.group)) found.push({ at, ...named });
    }
  }
  return found.sort((a, b) => a.at - b.at).map((f) => f.name);
}

/** "天然气制合成氨的标杆": the words from the route to the product, as the person wrote them. */
function routeAndProduct(text: string, route: string, alias: string): string {
  const from = text.indexOf(route);
  const to = text.indexOf(alias, Math.max(from, 0));
  return from >= 0 && to >= from ? text.slice(from, to + alias.length) : `${route}${alias}`;
}

/** Whether the message names this variant of its group ("轻质"). */
function namedIn(text: string, variant: Product): boolean {
  return variant.variantKeywords.some((keyword) => text.includes(normalizeName(keyword)));
}
