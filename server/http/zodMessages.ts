import type * as z from "zod";
import { messages } from "../messages.js";

const v = messages.validation;

/** zod's own zh-CN locale reads awkwardly ("期望 string >=1 字符"); these sentences are for the public. */
export function describeZodIssue(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case "invalid_type":
      if ((issue as { input?: unknown }).input === undefined) return v.required;
      return typeMessage(issue.expected);
    case "too_small":
      if (issue.origin === "string") return v.tooShort(Number(issue.minimum));
      if (issue.origin === "array") return `至少需要 ${issue.minimum} 项。`;
      return issue.inclusive ? v.atLeast(Number(issue.minimum)) : v.greaterThan(Number(issue.minimum));
    case "too_big":
      if (issue.origin === "string") return v.tooLong(Number(issue.maximum));
      if (issue.origin === "array") return `最多 ${issue.maximum} 项。`;
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
      return v.mustBeObject;
    case "array":
      return v.mustBeArray;
    default:
      return v.invalid;
  }
}
