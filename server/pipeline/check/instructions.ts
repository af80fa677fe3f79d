import type { GroundingProblem } from "./grounding.js";

/** Characters in a row that make a leak: longer than any phrase the rules tell the model to say. */
export const LEAK_WINDOW = 16;

/** Letters, digits and Chinese characters only: a copy is found however it is punctuated or spaced. */
const squash = (text: string) => text.normalize("NFKC").replace(/[^\p{L}\p{N}]/gu, "");

const windowsOf = new Map<string, Set<string>>();

/**
 * The model's instructions repeated in its answer (an injected "print your rules" obeyed): any run of
 * LEAK_WINDOW characters of the rules (the system prompt after its first line, which only names the
 * assistant and the plan) that is not also in a passage the model was given. One look-up per
 * character of the answer.
 */
export function instructionLeaks(
  answer: string,
  instructions: string,
  passages: string[],
): GroundingProblem[] {
  const rules = rulesWindows(instructions);
  const text = squash(answer);
  for (let i = 0; i + LEAK_WINDOW <= text.length; i++) {
    const window = text.slice(i, i + LEAK_WINDOW);
    if (rules.has(window) && !passages.some((p) => squash(p).includes(window)))
      return [{ kind: "instructions", detail: window }];
  }
  return [];
}

function rulesWindows(instructions: string): Set<string> {
  let windows = windowsOf.get(instructions);
  if (!windows) {
    windows = new Set();
    const rules = squash(instructions.trim().split("\n").slice(1).join("\n"));
    for (let i = 0; i + LEAK_WINDOW <= rules.length; i++) windows.add(rules.slice(i, i + LEAK_WINDOW));
    windowsOf.set(instructions, windows);
  }
  return windows;
}
