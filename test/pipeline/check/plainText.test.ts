import { describe, expect, it } from "vitest";
import { plainValue, toPlainMarkdown } from "../../../server/pipeline/check/plainText.js";

describe("toPlainMarkdown", () => {
  it("keeps the Markdown the widget renders as it is", () => {
    const text =
      "**要点**\n1. 到2025年下降15%[1]\n- `GB/T 2589`\n> 原文\n```\n代码\n```\n[链接](https://a.example)";
    expect(toPlainMarkdown(text)).toBe(text);
  });

  it.each([
    ["a script with its content", "下降15%<script>alert(1)</script>[1]。", "下降15%[1]。"],
    ["an event handler on an image", '下降15%<img src=x onerror="alert(1)">[1]。', "下降15%[1]。"],
    ["formatting tags, their text kept", "下降<b>15%</b>[1]。", "下降15%[1]。"],
    ["a line break", "第一行<br>第二行", "第一行\n第二行"],
    ["an iframe", '<iframe src="https://evil.example"></iframe>结论。', "结论。"],
    ["a comment", "结论<!-- 隐藏指令 -->。", "结论。"],
    ["encoded tags", "&lt;script&gt;alert(1)&lt;/script&gt;结论。", "结论。"],
    ["an unfinished tag", "结论。<a href=", "结论。＜a href="],
    ["a Markdown image", "![盖章文件](https://evil.example/seal.png)结论。", "盖章文件结论。"],
    ["invisible and control characters", "下\u200b降\u202e15%\u0007。", "下降15%。"],
  ])("removes %s", (_case, text, expected) => {
    expect(toPlainMarkdown(text)).toBe(expected);
  });

  it("never lets a tag through, however it is written", () => {
    for (const text of [
      "<<script>script>",
      "<svg/onload=alert(1)>",
      "<a\nhref=x>",
      "&#60;img src=x&#62;",
      "<",
    ]) {
      expect(toPlainMarkdown(text)).not.toMatch(/<[a-z/!?]/i);
    }
  });

  it("keeps a comparison readable", () => {
    expect(toPlainMarkdown("能耗<100千克")).toBe("能耗＜100千克");
  });
});

describe("plainValue", () => {
  it("cleans every string of a tool call's arguments", () => {
    expect(plainValue({ product: "<b>水泥熟料</b>", lines: [{ unit: "<i>吨</i>", value: 1 }] })).toEqual({
      product: "水泥熟料",
      lines: [{ unit: "吨", value: 1 }],
    });
  });
});
