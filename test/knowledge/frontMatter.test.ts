import { describe, expect, it } from "vitest";
import { DocumentFormatError, splitFrontMatter } from "../../server/knowledge/frontMatter.js";

const valid = ["---", "title: 安徽省工业领域碳达峰实施方案", "number: 皖经信节能〔2022〕1号", "issuer: 安徽省经济和信息化厅", "date: 2022-12-30", "---", "一、总体要求"];
const withLines = (replace: Record<string, string | null>) =>
  valid
    .map((line) => {
      const key = line.split(":")[0]!;
      return key in replace ? replace[key] : line;
    })
    .filter((line): line is string => line !== null)
    .join("\n");

function formatError(text: string): DocumentFormatError {
  try {
    splitFrontMatter(text);
  } catch (error) {
    if (error instanceof DocumentFormatError) return error;
    throw error;
  }
  throw new Error("expected a DocumentFormatError");
}

const CHINESE = /[\u4e00-\u9fff]/;

describe("splitFrontMatter", () => {
  it("reads the metadata and returns the body", () => {
    const { data, body } = splitFrontMatter(valid.join("\n"));
    expect(data).toEqual({ title: "安徽省工业领域碳达峰实施方案", number: "皖经信节能〔2022〕1号", issuer: "安徽省经济和信息化厅", date: "2022-12-30" });
    expect(body).toBe("一、总体要求");
  });

  it("accepts a byte-order mark, CRLF line ends and a list of issuers", () => {
    const text = "\uFEFF" + withLines({ issuer: "issuers:\n  - 甲局\n  - 乙局" }).replace(/\n/g, "\r\n");
    expect(splitFrontMatter(text).data.issuers).toEqual(["甲局", "乙局"]);
  });

  describe("when the front-matter is missing", () => {
    it("says in Chinese what the file must start with", () => {
      const error = formatError("一、总体要求\n\n（一）指导思想");
      expect(error.message).toMatch(CHINESE);
      expect(error.message).toContain("title、number、issuer、date");
    });
  });

  describe("when the date is not YYYY-MM-DD", () => {
    it("names the date field in a Chinese message", () => {
      const error = formatError(withLines({ date: "date: 2022年12月30日" }));
      expect(error.message).toMatch(/^元数据有误：/);
      expect(error.message).toContain("date");
      expect(error.message).toContain("YYYY-MM-DD");
    });
  });

  describe("when the issuer is missing", () => {
    it("says that the issuing unit is missing", () => {
      const error = formatError(withLines({ issuer: null }));
      expect(error.message).toContain("issuer");
      expect(error.message).toContain("缺少发文单位");
    });
  });

  describe("when the title is missing", () => {
    it("names the title field", () => {
      const error = formatError(withLines({ title: null }));
      expect(error.message).toMatch(/^元数据有误：title /);
      expect(error.message).toMatch(CHINESE);
    });
  });

  describe("when the front-matter is not YAML", () => {
    it("says in Chinese at which line of the file the parser stopped, without its English", () => {
      const error = formatError(withLines({ title: "title: [安徽省" }));
      expect(error.message).toMatch(/^元数据有误：第 3 行格式不对/);
      expect(error.message).not.toMatch(/line|column|Flow|sequence/i);
    });

    it("names the commonest mistakes", () => {
      expect(formatError(withLines({ number: "title: 重复的标题" })).message).toBe("元数据有误：第 3 行的键与前面重复了");
      expect(formatError(withLines({ title: "title: 方案：2023年版: 修订" })).message).toBe("元数据有误：第 2 行的值里有冒号，请给值加上引号");
      expect(formatError(withLines({ title: 'title: "安徽省工业领域碳达峰实施方案' })).message).toMatch(/^元数据有误：到第 \d 行仍有引号或括号没有配对$/);
    });

    it("counts lines from the top of the file, after a byte-order mark too", () => {
      const error = formatError("\uFEFF" + withLines({ date: "date: 2022-12-30\n\tsource: x" }));
      expect(error.message).toBe("元数据有误：第 6 行用了制表符缩进，请改用空格");
    });
  });
});
