import path from "node:path";
import { describe, expect, it } from "vitest";
import { OptionsError, parseEvalArgs } from "../../eval/lib/options.js";

const evalDir = path.resolve("eval");

describe("the eval's options", () => {
  it("default to the full offline run, blind sets from eval/blind", () => {
    expect(parseEvalArgs([], evalDir)).toEqual({
      quiet: false,
      updateRatchet: false,
      blindOnly: false,
      blindDir: path.join(evalDir, "blind"),
      llm: false,
      cases: null,
      reportDir: path.join(evalDir, "reports"),
    });
  });

  it("read a blind folder, a handful of cases and the LLM flag", () => {
    const options = parseEvalArgs(["--llm", "--blind-dir", "/tmp/b", "--cases", "a001, a002"], evalDir);
    expect(options).toMatchObject({ llm: true, blindDir: "/tmp/b", cases: ["a001", "a002"] });
  });

  it("refuse unknown options, missing values and raising the ratchet from a partial run", () => {
    expect(() => parseEvalArgs(["--verbose"], evalDir)).toThrow(OptionsError);
    expect(() => parseEvalArgs(["--blind-dir"], evalDir)).toThrow("--blind-dir needs a value");
    expect(() => parseEvalArgs(["--update-ratchet", "--llm"], evalDir)).toThrow(/full offline run/);
  });
});
