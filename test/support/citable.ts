import type { CalculatorData } from "../../server/calculators/data.js";

/**
 * What a bureau cannot cite, as it shows in text: where a value was checked (a repository, a script, a
 * table, demo data, a tag page, a trade site, a newspaper repost, a third-party transcription) and how
 * (the verification wording). Answers and API responses cite the plan, standards and notices only.
 */
export const NOT_CITABLE: Array<[string, RegExp]> = [
  ["a code repository", /github|gitlab|repository|仓库|代码库/i],
  ["a script or code", /\.py\b|\.java\b|\.json\b|\bjava service\b|脚本/i],
  ["an SQL table", /\.sql\b|\bsql\b|数据表/i],
  ["demo data", /demo|示例代码|演示数据/i],
  ["a tag page", /tag ?page|tags?\/|tagValue|标签页/i],
  ["a repost or mirror", /repost|mirror|转载|转发|转录|transcri/i],
  ["a third party", /第三方转录|第三方整理|third[- ]party/i],
  ["the verification wording", /公开来源|两个及以上|仅一个|来源较弱|二手摘要|index file id|file id/i],
  ["a web address", /https?:\/\/|www\.|\b[a-z0-9-]+\.(?:com|cn|net|org|ai|io)\b/i],
];

/** The names of what is not citable found in a text. */
export function notCitableIn(text: string): string[] {
  return NOT_CITABLE.filter(([, pattern]) => pattern.test(text)).map(([name]) => name);
}

/** Every trail source of the data as it could leak into text: its id, its title. */
export function trailMarks(data: Pick<CalculatorData, "sources">): string[] {
  return [...data.sources.values()].flatMap((s) => (s.role === "trail" ? [s.id, s.title] : []));
}

const AUTHORITY_KINDS = new Set(["plan", "standard", "notice"]);

/**
 * What in a calculator's output (an API response, a tool run) is not an authority: a `trail` field, a
 * `source` id that is not an authority's, a `sources` entry of another kind or naming something not
 * citable, any string naming a trail source or what is not citable. Each problem with where it is.
 */
export function outputProblems(value: unknown, data: Pick<CalculatorData, "sources">, at = "$"): string[] {
  const marks = trailMarks(data);
  const walk = (v: unknown, path: string): string[] => {
    if (typeof v === "string") {
      const named = [...notCitableIn(v), ...marks.filter((m) => v.includes(m))];
      return named.length ? [`${path}: ${named.join(", ")} in “${v}”`] : [];
    }
    if (Array.isArray(v)) return v.flatMap((x, i) => walk(x, `${path}[${i}]`));
    if (!v || typeof v !== "object") return [];
    return Object.entries(v).flatMap(([key, x]): string[] => {
      const here = `${path}.${key}`;
      if (key === "trail") return [`${here}: a verification trail in the output`];
      if (key === "source" && Array.isArray(x))
        return x.flatMap((id) =>
          data.sources.get(String(id))?.role === "authority"
            ? []
            : [`${here}: ${String(id)} is not an authority`],
        );
      if (key === "sources" && Array.isArray(x))
        return [
          ...x.flatMap((s: { kind?: string; title?: string }, i) =>
            AUTHORITY_KINDS.has(String(s?.kind)) && s?.title ? [] : [`${here}[${i}]: not an authority`],
          ),
          ...walk(x, here),
        ];
      return walk(x, here);
    });
  };
  return walk(value, at);
}
