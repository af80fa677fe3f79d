import { describe, expect, it } from "vitest";
import { redactDeep, redactPersonalData, stripInvisible } from "../../../server/pipeline/guard/pii.js";

/** What checkInput does: invisible characters out and full-width digits folded, then redaction. */
const clean = (text: string) => redactPersonalData(stripInvisible(text));

describe("redactPersonalData", () => {
  describe("居民身份证号", () => {
    it.each([
      ["ending in X", "我的身份证号是34040219900101123X，帮我查一下", "34040219900101123X"],
      ["ending in x", "身份证34040219900101123x", "34040219900101123x"],
      ["ending in a digit", "法人身份证 340402198512317654 已提交", "340402198512317654"],
    ])("redacts an 18-character number %s", (_case, text, raw) => {
      const { text: out, kinds } = clean(text);
      expect(out).not.toContain(raw);
      expect(out).toContain("[身份证号已隐去]");
      expect(kinds).toEqual(["id_card"]);
    });

    it("keeps the words around it", () => {
      expect(clean("我的身份证号是34040219900101123X，帮我查一下").text).toBe(
        "我的身份证号是[身份证号已隐去]，帮我查一下",
      );
    });
  });

  describe("手机号", () => {
    it.each([
      ["plain", "我的手机13812345678，请回电", "13812345678"],
      ["with +86", "电话+8613812345678", "+8613812345678"],
      ["with +86 and spaces", "电话 +86 138 1234 5678 找张工", "138 1234 5678"],
      ["with dashes", "联系 +86-139-5541-2233", "139-5541-2233"],
      ["with dashes and no country code", "手机 150-5541-2233", "150-5541-2233"],
      ["written in full-width digits", "手机号是１３８１２３４５６７８", "13812345678"],
    ])("redacts a mobile number %s", (_case, text, raw) => {
      const { text: out, kinds } = clean(text);
      expect(out).not.toContain(raw);
      expect(out.replace(/\D/g, "")).not.toMatch(/1[3-9]\d{9}/);
      expect(out).toContain("[手机号已隐去]");
      expect(kinds).toEqual(["mobile"]);
    });
  });

  describe("统一社会信用代码", () => {
    it.each([
      ["with letters", "我们公司信用代码91340400MA2N1234XK", "91340400MA2N1234XK"],
      ["all digits", "统一社会信用代码 913404007050123456", "913404007050123456"],
    ])("redacts a code %s", (_case, text, raw) => {
      const { text: out, kinds } = clean(text);
      expect(out).not.toContain(raw);
      expect(out).toContain("[统一社会信用代码已隐去]");
      expect(kinds).toEqual(["credit_code"]);
    });
  });

  it("redacts an e-mail address", () => {
    const { text, kinds } = clean("材料发到 zhang.san+energy@hn-steel.com.cn 就行");
    expect(text).toBe("材料发到 [邮箱已隐去] 就行");
    expect(kinds).toEqual(["email"]);
  });

  describe("银行卡号", () => {
    it.each([
      ["written together", "补贴打到6222021234567890128这张卡", "6222021234567890128"],
      ["in groups of four", "卡号 6222 0212 3456 7890 128", "6222 0212 3456 7890 128"],
      ["of 16 digits", "卡号4111111111111111", "4111111111111111"],
    ])("redacts a card number that passes the Luhn check, %s", (_case, text, raw) => {
      const { text: out, kinds } = clean(text);
      expect(out).not.toContain(raw);
      expect(out).toContain("[银行卡号已隐去]");
      expect(kinds).toEqual(["bank_card"]);
    });

    it("keeps a long number that fails the Luhn check (it is not a card)", () => {
      expect(clean("卡号6222021234567890127").text).toBe("卡号6222021234567890127");
      expect(clean("项目编号 4111111111111112").kinds).toEqual([]);
    });
  });

  describe("landline", () => {
    it.each([
      ["a four-digit area code", "座机0554-6661234", "0554-6661234"],
      ["a three-digit area code", "北京办事处 010-12345678", "010-12345678"],
    ])("redacts a number with %s", (_case, text, raw) => {
      const { text: out, kinds } = clean(text);
      expect(out).not.toContain(raw);
      expect(out).toContain("[电话号码已隐去]");
      expect(kinds).toEqual(["landline"]);
    });
  });

  it("redacts several kinds in one message and reports each kind once", () => {
    const { text, kinds } = clean(
      "张工13812345678，邮箱a@b.cn，备用手机13912345678，身份证34040219900101123X",
    );
    expect(text).toBe("张工[手机号已隐去]，邮箱[邮箱已隐去]，备用手机[手机号已隐去]，身份证[身份证号已隐去]");
    expect([...kinds].sort()).toEqual(["email", "id_card", "mobile"]);
  });

  describe("figures that are not personal data", () => {
    it.each([
      "我们年产120万吨熟料",
      "全年用电1.2亿千瓦时",
      "到2025年要下降15%",
      "吨熟料综合能耗110千克标准煤，用电3000万千瓦时",
      "淮经信节能〔2023〕19号，2023年5月31日印发",
      "统计期20250101到20251231",
      "投资12345678901234567元",
      "电机功率315千瓦，年运行8000小时",
    ])("leaves “%s” as it is", (text) => {
      expect(clean(text)).toEqual({ text, kinds: [] });
    });
  });
});

describe("formats that slipped through before (issue 11)", () => {
  it.each([
    ["a 15-digit first-generation ID card", "老身份证340402851231765", "[身份证号已隐去]", "340402851231765"],
    [
      "a lower-case credit code",
      "信用代码91340400ma2n1234xk",
      "[统一社会信用代码已隐去]",
      "91340400ma2n1234xk",
    ],
    ["a phone with dots", "手机138.1234.5678", "[手机号已隐去]", "138.1234.5678"],
    ["a phone with em dashes", "手机138—1234—5678", "[手机号已隐去]", "138—1234—5678"],
    ["a phone with a space between every digit", "打1 3 8 1 2 3 4 5 6 7 8", "[手机号已隐去]", "1 3 8 1"],
    ["a landline with a full-width dash", "座机0554－6661234", "[电话号码已隐去]", "6661234"],
    ["an e-mail with a full-width ＠", "邮箱zhangsan＠qq.com", "[邮箱已隐去]", "zhangsan"],
    ["an e-mail with spaces around @", "邮箱 zhangsan @ 163.com", "[邮箱已隐去]", "zhangsan"],
    ["a card in dash-separated groups", "卡号 6222-0212-3456-7890-128", "[银行卡号已隐去]", "7890"],
  ])("redacts %s", (_case, text, replacement, raw) => {
    const out = redactPersonalData(text).text;
    expect(out).toContain(replacement);
    expect(out).not.toContain(raw);
  });

  it("keeps full-width text that is not personal data exactly as written", () => {
    expect(redactPersonalData("（淮南市）年产１２０万吨").text).toBe("（淮南市）年产１２０万吨");
  });
});

describe("redactDeep", () => {
  it("redacts every string in a value and keeps numbers and shape", () => {
    expect(
      redactDeep({
        product: "熟料 13812345678",
        unitConsumption: 110,
        notes: ["a@b.cn", 3],
        ok: true,
        none: null,
      }),
    ).toEqual({
      product: "熟料 [手机号已隐去]",
      unitConsumption: 110,
      notes: ["[邮箱已隐去]", 3],
      ok: true,
      none: null,
    });
  });
});

describe("stripInvisible", () => {
  it("removes zero-width, bidi and control characters", () => {
    expect(stripInvisible("吨熟料\u200b110\u202e千克\u0007标准煤\u2060\uFEFF\u00AD")).toBe(
      "吨熟料110千克标准煤",
    );
  });

  it("folds full-width digits, letters, ．and ％ to ASCII so figures read as figures", () => {
    expect(stripInvisible("吨熟料１１０．５千克，下降１５％，ＧＢ")).toBe("吨熟料110.5千克，下降15%，GB");
  });

  it("keeps line breaks and Chinese punctuation, normalises CRLF and trims", () => {
    expect(stripInvisible("  第一行，\r\n第二行。\t \u3000")).toBe("第一行，\n第二行。");
  });

  it("leaves nothing of a message made only of invisible characters", () => {
    expect(stripInvisible("\u200b\u200c\u200d\uFEFF\u0000")).toBe("");
  });

  it("reveals a mobile number split by zero-width characters, so it is redacted", () => {
    const { text, kinds } = clean("手机138\u200b1234\u200c5678");
    expect(text).toBe("手机[手机号已隐去]");
    expect(kinds).toEqual(["mobile"]);
  });
});
