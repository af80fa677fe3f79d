import path from "node:path";
import { describe, expect, it } from "vitest";
import { OptionsError, parseEvalArgs } from "../../eval/lib/options.js";

const evalDir = path.resolve("eval");

describe("the eval's options", () => {
  it("default to the full offline run without the blind sets, which run only when asked", () => {
    expect(parseEvalArgs([], evalDir)).toEqual({
      quiet: false,
      updateRatchet: false,
      blind: false,
      blindOnly: false,
      blindDir: path.join(evalDir, "blind"),
      llm: false,
      cases: null,
      reportDir: path.join(evalDir, "reports"),
    });
  });

  it("run the blind sets with --blind, --blind-only or a folder of them", () => {
    expect(parseEvalArgs(["--blind"], evalDir).blind).toBe(true);
    expect(parseEvalArgs(["--blind-only"], evalDir).blind).toBe(true);
    expect(parseEvalArgs(["--blind-dir", "/tmp/b"], evalDir).blind).toBe(true);
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
