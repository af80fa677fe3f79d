import fs from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { cleanDocumentText } from "../../server/knowledge/cleanText.js";
import { splitFrontMatter } from "../../server/knowledge/frontMatter.js";

const knowledgeDir = fileURLToPath(new URL("../../knowledge/", import.meta.url));
const cleanFile = fs.readFileSync(`${knowledgeDir}documents/hn2023.md`, "utf8");
const rawText = fs.readFileSync(`${knowledgeDir}sources/hn2023.raw.txt`, "utf8");
const review = fs.readFileSync(`${knowledgeDir}documents/hn2023.review.md`, "utf8");
const { data: meta, body: cleanBody } = splitFrontMatter(cleanFile);

const CJK = "\\u3400-\\u9fff\\uf900-\\ufaff";
const LATIN_ALLOWED = new Set(["CCUS", "5G", "kgce"]);

// ---- Checks on a clean copy. Each is tested on a bad input too, so a check that cannot fail is caught.

const HEADING = [/^[一二三四五六七八九十]+、\S+$/, /^（[一二三四五六七八九十]+）\S+$/, /^专栏\d+ \S+$/];
const SENTENCE_END = /(?:[。；！？]|（[^（）]*(?:牵头|负责|配合)[^（）]*）)$/;

/** Lines that stop mid-sentence. Headings, table rows and the notice's title, number, addressee, signatures and date stand alone. */
function linesEndingMidSentence(body: string): string[] {
  const standalone = (line: string) =>
    HEADING.some((pattern) => pattern.test(line)) ||
    /^\|.*\|$/.test(line) ||
    line === meta.title ||
    (/^淮南市/.test(line) && /通知$/.test(line)) ||
    line === meta.number ||
    /^各\S*：$/.test(line) ||
    [meta.issuers ?? meta.issuer].flat().includes(line) ||
    /^\d{4}年\d{1,2}月\d{1,2}日$/.test(line);
  return lines(body).filter((line) => !standalone(line) && !SENTENCE_END.test(line));
}

function strayLatinWords(body: string): string[] {
  return [...body.matchAll(/[A-Za-z0-9]*[A-Za-z][A-Za-z0-9]*/g)].map((m) => m[0]).filter((word) => !LATIN_ALLOWED.has(word));
}

function spacesBetweenDigitAndChinese(body: string): string[] {
  // "专栏1 产业结构优化" keeps one space between the column's number and its title, by design.
  const text = body.replace(/^专栏\d+ /gm, "");
  return [...text.matchAll(new RegExp(`\\d[ \\t\\u00a0\\u3000]+[${CJK}]|[${CJK}][ \\t\\u00a0\\u3000]+\\d`, "g"))].map((m) => m[0]);
}

function halfWidthPunctuation(body: string): string[] {
  return [...body.matchAll(new RegExp(`.?[(),:;].?`, "g"))].map((m) => m[0]);
}

function markupLeftovers(body: string): string[] {
  return [...body.matchAll(/\*\*|<\/?p>/g)].map((m) => m[0]);
}

function lines(text: string): string[] {
  return text.split("\n").map((line) => line.trim()).filter(Boolean);
}

// ---- The original's sentences, compared on a common normal form.

/** The artefact repairs listed in hn2023.review.md, applied to the raw extraction so it can be compared. */
const DOCUMENTED_REPAIRS: Array<[RegExp, string]> = [
  [/\s+and\s+/g, "和"],
  [/\*\*/g, ""],
  [/<\/?p>/g, ""],
  [/开发和应比例/g, "开发和应用比例"],
  [/(\/吨)\s+(?=合成氨：)/g, "$1；"],
];
const FULL_WIDTH: Record<string, string> = { "(": "（", ")": "）", ",": "，", ":": "：", ";": "；", "!": "！", "?": "？" };

function normalise(text: string): string {
  let out = text;
  for (const [pattern, replacement] of DOCUMENTED_REPAIRS) out = out.replace(pattern, replacement);
  return out
    .replace(/^\|(?:\s*-+\s*\|)+\s*$/gm, "") // a Markdown table's separator row
    .replace(/\|/g, "")
    .replace(/\s+/g, "")
    .replace(/[(),:;!?]/g, (c) => FULL_WIDTH[c]!);
}

/** Sentences of the raw extraction (cut at 。；！？) that do not occur in the clean copy. */
function missingSentences(raw: string, clean: string): string[] {
  const haystack = normalise(clean);
  const sentences = normalise(raw).match(/[^。；！？]+[。；！？]*/g) ?? [];
  return sentences.filter((sentence) => !haystack.includes(sentence));
}

describe("the reviewed clean copy of the plan", () => {
  it("has no line that ends mid-sentence", () => {
    expect(linesEndingMidSentence(cleanBody)).toEqual([]);
  });

  it("has no stray Latin words inside the Chinese text, only the plan's own CCUS and 5G", () => {
    expect(strayLatinWords(cleanBody)).toEqual([]);
    expect(cleanBody).toContain("（CCUS）");
    expect(cleanBody).toContain("（5G）");
  });

  it("has no space between a number and a Chinese character", () => {
    expect(spacesBetweenDigitAndChinese(cleanBody)).toEqual([]);
  });

  it("uses full-width punctuation throughout", () => {
    expect(halfWidthPunctuation(cleanBody)).toEqual([]);
  });

  it("has no Markdown emphasis or HTML tags left from the extraction", () => {
    expect(markupLeftovers(cleanBody)).toEqual([]);
  });

  describe("when compared with the raw PDF extraction", () => {
    it("lost no sentence of the original", () => {
      const sentences = normalise(rawText).match(/[^。；！？]+[。；！？]*/g) ?? [];
      expect(sentences.length).toBeGreaterThan(200);
      expect(missingSentences(rawText, cleanBody)).toEqual([]);
    });

    it("applies only repairs that the review documents", () => {
      expect(review).toContain("执行情况 and 用能设备能效");
      expect(review).toContain("开发和应比例");
      expect(review).toContain("<p>");
      expect(review).toContain("**");
    });

    it("is what the cleaner makes of the extraction, apart from the documented hand repair", () => {
      const squash = (text: string) => text.replace(/\s+/g, "").replace(/开发和应比例/g, "开发和应用比例");
      expect(squash(cleanDocumentText(rawText))).toBe(squash(cleanBody));
    });
  });
});

describe("the checks on a clean copy", () => {
  it("find a line cut by a page break", () => {
    expect(linesEndingMidSentence("总体部署，分类施策。在重点领域和行业，分类制定合理、可行\n的措施路径。")).toEqual([
      "总体部署，分类施策。在重点领域和行业，分类制定合理、可行",
    ]);
  });

  it("accept a measure that ends with its responsibility clause", () => {
    expect(linesEndingMidSentence("推进“无废城市”建设。（责任单位：市生态环境局负责）")).toEqual([]);
  });

  it("find an English word left in Chinese prose", () => {
    expect(strayLatinWords("开展单位产品能耗限额标准执行情况 and 用能设备能效提升节能监察。")).toEqual(["and"]);
  });

  it("find a space inside a date or a count", () => {
    expect(spacesBetweenDigitAndChinese("力争2030 年前达峰，培育绿色工厂 65户。")).toEqual(["0 年", "厂 6"]);
  });

  it("find half-width punctuation", () => {
    expect(halfWidthPunctuation("服务水平,引导企业(责任单位:市发展改革委负责)")).toHaveLength(4);
  });

  it("find Markdown emphasis and HTML tags", () => {
    expect(markupLeftovers("4. **强化用能监督管理**。<p>2025年</p>")).toEqual(["**", "**", "<p>", "</p>"]);
  });

  describe("when a sentence is missing from the clean copy", () => {
    it("name the sentence that was lost", () => {
      const lost = "加强重点行业产能过剩分析预警和窗口指导，加快化解过剩产能。";
      expect(cleanBody).toContain(lost);
      expect(missingSentences(rawText, cleanBody.replace(lost, ""))).toEqual([lost]);
    });

    it("notice a changed number", () => {
      const changed = cleanBody.replace("培育安徽省绿色工厂65户左右", "培育安徽省绿色工厂56户左右");
      expect(missingSentences(rawText, changed)).toEqual(["争取到2030年，培育安徽省绿色工厂65户左右，培育国家级绿色工厂10户左右。"]);
    });

    it("notice a lost table cell", () => {
      const changed = cleanBody.replace("水泥熟料：100千克标准煤/吨。", "");
      expect(missingSentences(rawText, changed).join("")).toContain("水泥熟料：100千克标准煤/吨。");
    });
  });
});

describe("cleanDocumentText", () => {
  describe("when a page break cuts a sentence", () => {
    it("joins the two halves", () => {
      expect(cleanDocumentText("在重点领域和行业，分类制定合理、可行\n\n的措施路径。")).toBe("在重点领域和行业，分类制定合理、可行的措施路径。\n");
      expect(cleanDocumentText("对钢铁、\n\n建材、化工等行业重大新增项目。")).toBe("对钢铁、建材、化工等行业重大新增项目。\n");
      expect(cleanDocumentText("推进工\n\n业用能和原料低碳化。")).toBe("推进工业用能和原料低碳化。\n");
    });

    it("keeps complete sentences and headings in blocks of their own", () => {
      expect(cleanDocumentText("一、总体要求\n\n（一）指导思想\n\n以习近平新时代中国特色社会主义思想为指导。\n\n（二）基本原则")).toBe(
        "一、总体要求\n\n（一）指导思想\n\n以习近平新时代中国特色社会主义思想为指导。\n\n（二）基本原则\n",
      );
    });
  });

  describe("when a responsibility clause was pushed onto its own block", () => {
    it("joins it back to the measure it governs", () => {
      const raw = "1. 加强绿色低碳技术研发。支持关键技术研发。\n\n（责任单位：市科技局牵头，市发展改革委、市经济和信息化局等按职责分工负责）\n\n2. 开展低碳技术应用示范。";
      expect(cleanDocumentText(raw)).toBe(
        "1. 加强绿色低碳技术研发。支持关键技术研发。（责任单位：市科技局牵头，市发展改革委、市经济和信息化局等按职责分工负责）\n\n2. 开展低碳技术应用示范。\n",
      );
    });
  });

  describe("when the extraction left artefacts", () => {
    it("reads a stray English conjunction as 和", () => {
      expect(cleanDocumentText("开展单位产品能耗限额标准执行情况 and 用能设备能效提升节能监察。")).toBe("开展单位产品能耗限额标准执行情况和用能设备能效提升节能监察。\n");
    });

    it("drops Markdown emphasis and HTML paragraph tags", () => {
      expect(cleanDocumentText("4. **强化用能监督管理**。完善能源消耗总量和强度调控。")).toBe("4. 强化用能监督管理。完善能源消耗总量和强度调控。\n");
      expect(cleanDocumentText("<p>2025年，实现产业化应用；</p> <p>2030年，生产能耗持续降低。</p>")).toBe("2025年，实现产业化应用；2030年，生产能耗持续降低。\n");
    });

    it("leaves the plan's own Latin abbreviations alone", () => {
      expect(cleanDocumentText("二氧化碳捕集利用与封存（CCUS）、第五代移动通信（5G）等。")).toBe("二氧化碳捕集利用与封存（CCUS）、第五代移动通信（5G）等。\n");
    });
  });

  describe("when numbers and dates are spaced out", () => {
    it("closes the space between a number and its Chinese unit", () => {
      expect(cleanDocumentText("力争工业领域二氧化碳排放 2030 年前达峰。")).toBe("力争工业领域二氧化碳排放2030年前达峰。\n");
      expect(cleanDocumentText("培育安徽省绿色工厂 65 户左右。")).toBe("培育安徽省绿色工厂65户左右。\n");
      expect(cleanDocumentText("“入园率”达到 70% 以上。")).toBe("“入园率”达到70%以上。\n");
      expect(cleanDocumentText("水泥熟料：100 千克标准煤/吨。")).toBe("水泥熟料：100千克标准煤/吨。\n");
    });

    it("writes a column's number next to 专栏, with one space before its title", () => {
      expect(cleanDocumentText("专栏 1 产业结构优化")).toBe("专栏1 产业结构优化\n");
      expect(cleanDocumentText("专栏2 “1445”提质增效")).toBe("专栏2 “1445”提质增效\n");
    });
  });

  describe("when Chinese prose has half-width punctuation", () => {
    it("makes it full-width", () => {
      expect(cleanDocumentText("(一) 钢铁行业")).toBe("（一）钢铁行业\n");
      expect(cleanDocumentText("提升服务水平,引导企业。(责任单位:市经济和信息化局负责)")).toBe("提升服务水平，引导企业。（责任单位：市经济和信息化局负责）\n");
      expect(cleanDocumentText("重点产品(工序)能效标杆值")).toBe("重点产品（工序）能效标杆值\n");
    });
  });

  describe("when a block is a tab-separated table", () => {
    it("becomes a Markdown table, short rows padded with empty cells", () => {
      const raw = "路径\t具体措施\t总体实施目标\n产能控制\t1、严格落实产能置换要求；\t2025 年，达到国内先进水平。\n产品优化\t3、优化钢铁产品结构；";
      expect(cleanDocumentText(raw)).toBe(
        [
          "| 路径 | 具体措施 | 总体实施目标 |",
          "| --- | --- | --- |",
          "| 产能控制 | 1、严格落实产能置换要求； | 2025年，达到国内先进水平。 |",
          "| 产品优化 | 3、优化钢铁产品结构； |  |",
          "",
        ].join("\n"),
      );
    });
  });
});
