import * as z from "zod";
import { describe, expect, it } from "vitest";
import { calculatorTools, runCalculatorTool } from "../../server/calculators/registry.js";
import { context } from "./fixtures.js";

/** Every field of an object schema, at any depth, with its description. */
function fields(schema: z.ZodType, at = ""): Array<{ at: string; description: string | undefined }> {
  const def = (schema as unknown as { _zod: { def: Record<string, unknown> } })._zod.def;
  switch (def.type) {
    case "optional":
    case "default":
    case "nullable":
      return fields(def.innerType as z.ZodType, at);
    case "array":
      return fields(def.element as z.ZodType, `${at}[]`);
    case "object":
      return Object.entries(def.shape as Record<string, z.ZodType>).flatMap(([k, v]) => [
        { at: `${at}.${k}`, description: v.description },
        ...fields(v, `${at}.${k}`),
      ]);
    default:
      return [];
  }
}

describe("the calculator registry", () => {
  it("offers each calculator once, under a stable name, with a one-line Chinese description", () => {
    expect(calculatorTools.map((t) => t.name)).toEqual([
      "benchmark_gap",
      "benchmark_lookup",
      "energy_convert",
      "motor_upgrade",
      "vsd_savings",
      "intensity_target",
      "plan_arithmetic",
    ]);
    for (const t of calculatorTools) {
      expect(t.description).toMatch(/[\u4e00-\u9fff]/);
      expect(t.description).not.toContain("\n");
    }
  });

  it.each(calculatorTools.map((t) => [t.name, t] as const))(
    "%s describes every input field in Chinese",
    (_name, t) => {
      const all = fields(t.schema);
      // benchmark_lookup takes just the product; the others several fields.
      expect(all.length).toBeGreaterThan(t.name === "benchmark_lookup" ? 0 : 2);
      for (const f of all) expect(f.description, f.at).toMatch(/[\u4e00-\u9fff]/);
    },
  );

  it.each(calculatorTools.map((t) => [t.name, t] as const))(
    "%s has a schema an LLM tool can use (JSON Schema)",
    (_name, t) => {
      expect(() => z.toJSONSchema(t.schema, { io: "input" })).not.toThrow();
    },
  );

  describe("runCalculatorTool", () => {
    it("returns the result", () => {
      const r = runCalculatorTool("benchmark_gap", { product: "熟料", unitConsumption: 110 }, context());
      expect(r.ok).toBe(true);
    });

    it("returns a mistake the user can fix as data, naming the field", () => {
      const bad = runCalculatorTool("benchmark_gap", { product: "熟料", unitConsumption: -1 }, context());
      expect(bad).toMatchObject({
        ok: false,
        details: { problem: "invalid_input", fields: [{ field: "unitConsumption" }] },
      });
      expect(
        runCalculatorTool("benchmark_gap", { product: "熟料", unitConsumption: "110" }, context()),
      ).toMatchObject({
        ok: false,
        message: "参数“unitConsumption”应为数字。",
      });
      expect(runCalculatorTool("benchmark_gap", { unitConsumption: 110 }, context())).toMatchObject({
        ok: false,
        message: "参数“product”不能为空。",
      });
      const unknown = runCalculatorTool("benchmark_gap", { product: "玻璃", unitConsumption: 10 }, context());
      expect(unknown).toMatchObject({
        ok: false,
        details: { problem: "unknown_product", fields: [{ field: "product" }] },
      });
      expect(runCalculatorTool("no_such_tool", {}, context())).toMatchObject({
        ok: false,
        details: { problem: "unknown_tool" },
      });
    });
  });
});
