import type * as z from "zod";
import { messages } from "../messages.js";

const v = messages.validation;

/**
 * zod's own zh-CN locale reads awkwardly ("期望 string >=1 字符"); these sentences are for the public.
 * zod 4 does not put the offending value on an issue (unless asked to), so whether a field is missing
 * or merely of the wrong type is read from `input`, the value that was parsed, at the issue's path.
 */
export function describeZodIssue(issue: z.core.$ZodIssue, input?: unknown): string {
  switch (issue.code) {
    case "invalid_type":
      if (isMissing(issue, input)) return v.required;
      return typeMessage(issue.expected);
    case "too_small":
      if (issue.origin === "string")
        return Number(issue.minimum) <= 1 ? v.required : v.tooShort(Number(issue.minimum));
      if (issue.origin === "array") return v.atLeastItems(Number(issue.minimum));
      return issue.inclusive ? v.atLeast(Number(issue.minimum)) : v.greaterThan(Number(issue.minimum));
    case "too_big":
      if (issue.origin === "string") return v.tooLong(Number(issue.maximum));
      if (issue.origin === "array") return v.atMostItems(Number(issue.maximum));
      return issue.inclusive ? v.atMost(Number(issue.maximum)) : v.lessThan(Number(issue.maximum));
    case "invalid_value":
      return v.oneOf(issue.values.map(String).join("、"));
    case "unrecognized_keys":
      return v.unknownKey(issue.keys.join("、"));
    case "custom":
      return issue.message || v.invalid;
    default:
      return issue.message && /[\u4e00-\u9fff]/.test(issue.message) ? issue.message : v.invalid;
  }
}

/**
 * Missing: nothing at the issue's path of the parsed value. A null that was sent is a wrong type (the
 * field may be optional), so it gets the type's message.
 */
function isMissing(issue: z.core.$ZodIssueInvalidType, input: unknown): boolean {
  if ("input" in issue) return issue.input === undefined;
  if (input === undefined) return false;
  let value: unknown = input;
  for (const key of issue.path) {
    if (value === null || typeof value !== "object") return true;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value === undefined;
}

function typeMessage(expected: string): string {
  switch (expected) {
    case "string":
      return v.mustBeString;
    case "number":
      return v.mustBeNumber;
    case "int":
      return v.mustBeInteger;
    case "boolean":
      return v.mustBeBoolean;
    case "object":
    case "record":
      return v.mustBeObject;
    case "array":
    case "tuple":
      return v.mustBeArray;
    default:
      return v.invalid;
  }
}
