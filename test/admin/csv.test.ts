import { describe, expect, it } from "vitest";
import { BOM, csvCell, csvLine } from "../../server/admin/csv.js";

describe("csvCell", () => {
  it("leaves plain text, Chinese included, as it is", () => {
    expect(csvCell("每吨熟料能补贴多少钱")).toBe("每吨熟料能补贴多少钱");
    expect(csvCell(null)).toBe("");
    expect(csvCell(42)).toBe("42");
  });

  it("quotes a cell with a comma, a quote or a line break, doubling the quotes (RFC 4180)", () => {
    expect(csvCell('他说"补贴"多少')).toBe('"他说""补贴""多少"');
    expect(csvCell("一，二,三")).toBe('"一，二,三"');
    expect(csvCell("第一行\n第二行")).toBe('"第一行\n第二行"');
    expect(csvCell(" 前后空格 ")).toBe('" 前后空格 "');
  });

  it("neutralises a cell a spreadsheet would run as a formula", () => {
    expect(csvCell("=cmd|' /C calc'!A0")).toBe("'=cmd|' /C calc'!A0");
    expect(csvCell("+1+1")).toBe("'+1+1");
    expect(csvCell("-2+3")).toBe("'-2+3");
    expect(csvCell("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvCell("\t=1")).toBe("'\t=1");
    expect(csvCell('=HYPERLINK("http://x","点我")')).toBe(`"'=HYPERLINK(""http://x"",""点我"")"`);
  });

  it("does not touch a number, which cannot be a formula", () => {
    expect(csvCell(-5)).toBe("-5");
  });
});

describe("csvLine", () => {
  it("ends with CRLF; the file starts with a byte-order mark for Excel", () => {
    expect(csvLine(["a", 'b"', null])).toBe('a,"b""",\r\n');
    expect(BOM).toBe("\uFEFF");
  });
});
