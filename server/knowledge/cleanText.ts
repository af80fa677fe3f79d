/**
 * Repairs text extracted from a PDF of a Chinese official document: joins the sentences that page
 * breaks cut, removes extraction artefacts, and normalises spacing and punctuation. Used to make the
 * first draft of a reviewed copy, and on every ingested document.
 */

const CJK = "\\u3400-\\u9fff\\uf900-\\ufaff";
const CJK_OR_FULLWIDTH = `${CJK}\\u3000-\\u303f\\uff00-\\uffef“”‘’—…·`;

/** Headings stand on their own line without a full stop. */
export const HEADING_PATTERNS: RegExp[] = [
  /^[一二三四五六七八九十]+、/,
  /^[（(][一二三四五六七八九十]+[）)]/,
  /^专栏\s*\d+/,
  /^\d+[.．、]\s*\S/,
  /^第[一二三四五六七八九十百]+[章节条]/,
];

// Besides punctuation, a document's title, its number (文号) and a signature date end a block.
const SENTENCE_END = /[。；！？：”）)」』】]$|[号局会日]$|通知$|方案$|^\|.*\|$|^---$/;

export function isHeadingLine(line: string): boolean {
  const text = line.replace(/^#+\s*/, "").trim();
  if (text.length > 40 || /[。，；]/.test(text)) return false;
  return HEADING_PATTERNS.some((pattern) => pattern.test(text)) || /^淮南市|方案$|通知$/.test(text);
}

export function cleanDocumentText(raw: string): string {
  const blocks = splitBlocks(raw).map(cleanInline);
  const joined = joinBrokenBlocks(blocks);
  return joined.map(tableToMarkdown).join("\n\n") + "\n";
}

function splitBlocks(raw: string): string[] {
  return raw
    .replace(/\r\n?/g, "\n")
    .split(/\n\s*\n/)
    .map((block) => block.trim())
    .filter((block) => block.length > 0);
}

/** Rules that apply within a line. */
export function cleanInline(text: string): string {
  return (
    text
      // Extraction artefacts: markdown emphasis and HTML paragraph tags leaked from the converter.
      .replace(/\*\*(.+?)\*\*/g, "$1")
      .replace(/<\/?p>/g, " ")
      // A stray English conjunction standing for 和 between Chinese words.
      .replace(new RegExp(`([${CJK}])\\s+and\\s+([${CJK}])`, "g"), "$1和$2")
      // Half-width punctuation inside Chinese prose becomes full-width.
      .replace(new RegExp(`([${CJK_OR_FULLWIDTH}])\\s*,\\s*`, "g"), "$1，")
      .replace(new RegExp(`([${CJK_OR_FULLWIDTH}])\\s*:\\s*`, "g"), "$1：")
      .replace(new RegExp(`([${CJK_OR_FULLWIDTH}])\\s*;\\s*`, "g"), "$1；")
      .replace(new RegExp(`\\(([${CJK}][^()]*)\\)`, "g"), "（$1）")
      .replace(new RegExp(`([${CJK_OR_FULLWIDTH}])\\)`, "g"), "$1）")
      // In a table cell a space was the only separator between two labelled entries ("…/吨 合成氨：…").
      .replace(/(\/吨|千克标准煤)[ \u00a0\u3000]+(?=[\u4e00-\u9fff]{2,8}：)/g, "$1；")
      // No space between Chinese and numbers, units or punctuation.
      .replace(new RegExp(`([${CJK_OR_FULLWIDTH}])[ \\u00a0\\u3000]+(?=[${CJK_OR_FULLWIDTH}0-9])`, "g"), "$1")
      .replace(new RegExp(`([0-9%])[ \\u00a0\\u3000]+(?=[${CJK_OR_FULLWIDTH}])`, "g"), "$1")
      // The column number keeps one space before the column's title: "专栏1 产业结构优化".
      .replace(/专栏\s*(\d+)\s*/g, "专栏$1 ")
      .replace(/[ \u00a0]+(?=\n)/g, "")
      .replace(/[ \u00a0]{2,}/g, " ")
      .trim()
  );
}

function endsSentence(block: string): boolean {
  const lastLine = block.split("\n").at(-1)!.trim();
  return SENTENCE_END.test(lastLine) || isHeadingLine(lastLine) || lastLine.includes("\t");
}

/**
 * A page break leaves a block that stops mid-sentence; the next block carries on. A responsibility
 * clause that a page break pushed onto its own block also belongs to the sentence before it.
 */
function joinBrokenBlocks(blocks: string[]): string[] {
  const out: string[] = [];
  for (const block of blocks) {
    const previous = out.at(-1);
    const continuesPrevious =
      previous !== undefined &&
      !isHeadingLine(block) &&
      (!endsSentence(previous) || /^[（(]责任单位/.test(block));
    if (continuesPrevious) out[out.length - 1] = previous + block;
    else out.push(block);
  }
  return out;
}

/** Tab-separated rows (the sector tables) become Markdown tables. */
function tableToMarkdown(block: string): string {
  const lines = block.split("\n");
  if (!lines.every((line) => line.includes("\t"))) return block;
  const rows = lines.map((line) => line.split("\t").map((cell) => cell.trim().replace(/\|/g, "｜")));
  const width = Math.max(...rows.map((row) => row.length));
  const render = (row: string[]) => `| ${Array.from({ length: width }, (_, i) => row[i] ?? "").join(" | ")} |`;
  const [header, ...body] = rows;
  return [render(header!), `|${" --- |".repeat(width)}`, ...body.map(render)].join("\n");
}
