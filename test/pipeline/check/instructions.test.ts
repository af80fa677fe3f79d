import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { instructionLeaks } from "../../../server/pipeline/check/instructions.js";
import { root } from "../../support/services.js";

const prompt = fs.readFileSync(path.join(root, "prompts/system.zh.md"), "utf8");
const rules = prompt.trim().split("\n").slice(1).join("\n");

describe("instructionLeaks", () => {
  it("catches the rules repeated, however punctuated or spaced", () => {
    expect(instructionLeaks(rules, prompt, [])).toHaveLength(1);
    const rule = rules.split("\n").find((line) => line.startsWith("8."))!;
    expect(instructionLeaks(`好的，规则如下：${rule.replace(/[，；]/g, " ")}[1]`, prompt, [])).toHaveLength(
      1,
    );
  });

  it("accepts what the rules tell the model to say", () => {
    expect(instructionLeaks("方案没有规定，建议咨询淮南市经济和信息化局。", prompt, [])).toEqual([]);
  });

  it("accepts the plan's own words, even where the rules quote them", () => {
    expect(instructionLeaks(rules, prompt, [rules])).toEqual([]);
  });
});
