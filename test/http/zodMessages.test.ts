import * as z from "zod";
import { describe, expect, it } from "vitest";
import { describeZodIssue } from "../../server/http/zodMessages.js";

const schema = z.object({
  name: z.string().trim().min(1).max(5),
  code: z.string().min(3).optional(),
  amount: z.number().positive(),
  count: z.number().int().min(1).max(10).optional(),
  share: z.number().max(100).optional(),
  poles: z.literal([2, 4]).optional(),
  basis: z.enum(["a", "b"]).optional(),
  energy: z
    .array(z.object({ amount: z.number() }))
    .min(1)
    .max(2)
    .optional(),
  output: z.object({ value: z.number() }).optional(),
  flag: z.boolean().optional(),
});

/** The Chinese message for each issue of parsing `value`, by field. */
function problems(value: Record<string, unknown>): Record<string, string> {
  const result = schema.safeParse(value);
  if (result.success) return {};
  return Object.fromEntries(result.error.issues.map((i) => [i.path.join("."), describeZodIssue(i, value)]));
}

const valid = { name: "熟料", amount: 1 };

describe("describeZodIssue", () => {
  it.each([
    ["a missing field", { amount: 1 }, "name", "不能为空。"],
    ["an empty string", { ...valid, name: "  " }, "name", "不能为空。"],
    ["a string that is too short", { ...valid, code: "ab" }, "code", "至少需要 3 个字符。"],
    ["a string that is too long", { ...valid, name: "一二三四五六" }, "name", "不能超过 5 个字符。"],
    ["a number sent as text", { ...valid, amount: "110" }, "amount", "应为数字。"],
    ["a number sent as null", { ...valid, amount: null }, "amount", "应为数字。"],
    ["a string sent as a number", { ...valid, name: 5 }, "name", "应为文字。"],
    ["a fraction where a whole number is needed", { ...valid, count: 2.5 }, "count", "应为整数。"],
    ["a non-positive number", { ...valid, amount: 0 }, "amount", "应大于 0。"],
    ["a number below the minimum", { ...valid, count: 0 }, "count", "不能小于 1。"],
    ["a number above the maximum", { ...valid, share: 101 }, "share", "不能大于 100。"],
    ["a value not among the choices", { ...valid, poles: 3 }, "poles", "应为以下之一：2、4。"],
    ["an option not among the choices", { ...valid, basis: "c" }, "basis", "应为以下之一：a、b。"],
    ["a list sent as text", { ...valid, energy: "原煤" }, "energy", "应为列表。"],
    ["an empty list", { ...valid, energy: [] }, "energy", "至少需要 1 项。"],
    [
      "a list that is too long",
      { ...valid, energy: [{ amount: 1 }, { amount: 2 }, { amount: 3 }] },
      "energy",
      "最多 2 项。",
    ],
    ["a missing field inside a list", { ...valid, energy: [{}] }, "energy.0.amount", "不能为空。"],
    ["an object sent as a number", { ...valid, output: 120 }, "output", "应为对象。"],
    ["a boolean sent as text", { ...valid, flag: "yes" }, "flag", "应为 true 或 false。"],
  ])("%s", (_case, value, field, message) => {
    expect(problems(value)[field]).toBe(message);
  });

  it("never calls a wrongly typed field missing, even without the parsed value", () => {
    const result = schema.safeParse({ ...valid, amount: "110" });
    expect(result.success).toBe(false);
    if (!result.success) expect(describeZodIssue(result.error.issues[0]!)).toBe("应为数字。");
  });

  it("keeps a custom check's own Chinese message", () => {
    const custom = z.number().refine((n) => n < 5, { message: "应小于 5。" });
    const result = custom.safeParse(9);
    if (!result.success) expect(describeZodIssue(result.error.issues[0]!, 9)).toBe("应小于 5。");
  });
});
