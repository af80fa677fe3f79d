import type { GroundingProblem } from "./grounding.js";

/**
 * Links in an LLM answer: none, or only to the origins configured (LLM_LINK_ALLOWLIST). A link is
 * anything a reader or a client could follow or be sent to: a URL with a scheme (https://, javascript:,
 * data:, mailto:), a Markdown link or image, a bare domain ("huainan-gov.cn/apply") and an e-mail's
 * domain. Hosts are compared exactly after the URL parser's own reading (IDN → punycode, user info
 * dropped), so look-alikes — jxj.huainan.gov.cn.example.com, a Cyrillic "а", "https://x.gov.cn@evil.com"
 * — are not the allowed host.
 */
export interface LinkCheck {
  problems: GroundingProblem[];
  /** The text with allowed links blanked out, for the figure check (a path's digits are no figures). */
  text: string;
}

const LETTER = String.raw`\p{Script=Latin}\p{Script=Cyrillic}\p{Script=Greek}\d`;
const LINK = new RegExp(
  [
    // A Markdown link's or image's target, relative ones included ("[1]（2023年）" is no link).
    String.raw`\]\(((?:[a-z][a-z0-9+.-]*:|\/|\.|#|\?)[^)\s]*)\)?`,
    String.raw`\b(?:[a-z][a-z0-9+.-]*:\/\/|(?:javascript|vbscript|data|mailto|tel|sms|file):)[^\s<>"'，。；、）)\]\u3000]*`,
    // A bare domain: labels of Latin, Cyrillic or Greek letters and digits, a top-level name of letters.
    String.raw`(?<![${LETTER}./-])(?:[${LETTER}](?:[${LETTER}-]{0,62})?\.)+(?:xn--[a-z0-9-]+|[\p{Script=Latin}]{2,24})(?![${LETTER}-])(?:\/[^\s<>"'，。；、）)\]\u3000]*)?`,
  ].join("|"),
  "giu",
);

/** Origins ("https://jxj.huainan.gov.cn") → what a link must match: the origin, or for a bare domain its host. */
export function allowedLinks(origins: string[]): { origins: Set<string>; hosts: Set<string> } {
  const urls = origins.map((origin) => new URL(origin));
  return { origins: new Set(urls.map((u) => u.origin)), hosts: new Set(urls.map((u) => u.hostname)) };
}

export function checkLinks(text: string, allowed: { origins: Set<string>; hosts: Set<string> }): LinkCheck {
  const problems: GroundingProblem[] = [];
  const folded = text.normalize("NFKC");
  // NFKC may change lengths; blank only when it did not (it rarely does in answers), else keep the text.
  const sameLength = folded.length === text.length;
  let out = sameLength ? "" : text;
  let last = 0;
  for (const m of folded.matchAll(LINK)) {
    const link = m[1] ?? m[0];
    if (isAllowed(link, m[1] === undefined && !/:/.test(m[0]), allowed)) {
      if (sameLength) out += text.slice(last, m.index) + " ".repeat(m[0].length);
    } else {
      problems.push({ kind: "link", detail: link.slice(0, 80) });
      if (sameLength) out += text.slice(last, m.index + m[0].length);
    }
    last = m.index + m[0].length;
  }
  if (sameLength) out += text.slice(last);
  return { problems, text: out };
}

function isAllowed(
  link: string,
  bare: boolean,
  allowed: { origins: Set<string>; hosts: Set<string> },
): boolean {
  try {
    if (bare) return allowed.hosts.has(new URL(`http://${link}`).hostname);
    const url = new URL(link);
    return (url.protocol === "https:" || url.protocol === "http:") && allowed.origins.has(url.origin);
  } catch {
    return false;
  }
}
