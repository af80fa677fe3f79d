import { describe, expect, it } from "vitest";
import { allowedLinks, checkLinks } from "../../../server/pipeline/check/links.js";

const none = allowedLinks([]);
const bureau = allowedLinks(["https://jxj.huainan.gov.cn"]);
const problems = (text: string, allowed = bureau) => checkLinks(text, allowed).problems.map((p) => p.detail);

describe("checkLinks", () => {
  describe("with no allowlist", () => {
    it.each([
      ["an https URL", "详见 https://jxj.huainan.gov.cn/zcwj 。"],
      ["a Markdown link", "请[点此申报](https://jxj.huainan.gov.cn/apply)。"],
      ["a bare domain", "登录jxj.huainan.gov.cn下载申报表。"],
      ["an e-mail address", "材料发送至 nyk@huainan.gov.cn 即可。"],
      ["a full-width URL", "详见ｈｔｔｐｓ：／／ｅｖｉｌ．ｃｎ。"],
    ])("refuses %s", (_case, text) => {
      expect(problems(text, none)).toHaveLength(1);
    });

    it("leaves figures, citations, standards and units alone", () => {
      expect(
        problems("到2025年下降15%[1]（见GB/T 2589-2020，0.1229 kgce/kWh，1.5倍，tCO2/MWh）。", none),
      ).toEqual([]);
    });
  });

  describe("with an allowlist", () => {
    it("accepts a link to an allowed origin, and blanks it for the figure check", () => {
      const text = "详见 https://jxj.huainan.gov.cn/2024/notice.html 。";
      const checked = checkLinks(text, bureau);
      expect(checked.problems).toEqual([]);
      expect(checked.text).not.toContain("2024");
      expect(checked.text).toHaveLength(text.length);
    });

    it.each([
      ["a longer host that starts the same", "https://jxj.huainan.gov.cn.example.com/apply"],
      ["a host with a Cyrillic letter", "https://jxj.huаinan.gov.cn/apply"],
      ["user info before another host", "https://jxj.huainan.gov.cn@evil.example/apply"],
      ["a hyphenated look-alike", "https://jxj-huainan-gov.cn/apply"],
      ["plain http for an https origin", "http://jxj.huainan.gov.cn/apply"],
      ["a script URL", "[申报](javascript:alert(1))"],
      ["a relative link", "[申报](/apply)"],
      ["a look-alike bare domain", "登录 huainan-gov.cn.example.com 申报"],
    ])("refuses %s", (_case, link) => {
      expect(problems(`申报入口：${link} 。`)).not.toEqual([]);
    });
  });
});
