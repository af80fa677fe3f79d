import path from "node:path";

export interface EvalOptions {
  /** Print only the cases that did not fully pass (CI). */
  quiet: boolean;
  updateRatchet: boolean;
  /**
   * Run the blind sets too (--blind, --blind-only or --blind-dir). Off by default: a blind set measures
   * once, so it is run on purpose, not with every development run.
   */
  blind: boolean;
  /** Only the blind sets: the fast path for measuring a change. */
  blindOnly: boolean;
  blindDir: string;
  /** Compose with the LLM the configuration names; figures only, no ratchet. */
  llm: boolean;
  /** Only these answer cases (no retrieval, no ratchet): a quick run, e.g. against a scripted endpoint. */
  cases: string[] | null;
  reportDir: string;
}

export class OptionsError extends Error {
  override name = "OptionsError";
}

const FLAGS = new Set(["--quiet", "--update-ratchet", "--blind", "--blind-only", "--llm"]);
const WITH_VALUE = new Set(["--blind-dir", "--cases", "--report-dir"]);

/** `npm run eval -- [--quiet] [--update-ratchet] [--blind] [--blind-only] [--blind-dir DIR] [--llm] [--cases a001,a002] [--report-dir DIR]` */
export function parseEvalArgs(argv: string[], evalDir: string): EvalOptions {
  const flags = new Set<string>();
  const values = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (FLAGS.has(arg)) flags.add(arg);
    else if (WITH_VALUE.has(arg) && argv[i + 1] && !argv[i + 1]!.startsWith("--"))
      values.set(arg, argv[++i]!);
    else if (WITH_VALUE.has(arg)) throw new OptionsError(`${arg} needs a value`);
    else throw new OptionsError(`unknown option ${arg} (see the top of eval/run.ts)`);
  }
  if (
    flags.has("--update-ratchet") &&
    (flags.has("--llm") || values.has("--cases") || flags.has("--blind-only"))
  )
    throw new OptionsError("--update-ratchet raises the ratchet from a full offline run only");
  const cases = values.get("--cases");
  return {
    quiet: flags.has("--quiet"),
    updateRatchet: flags.has("--update-ratchet"),
    blind: flags.has("--blind") || flags.has("--blind-only") || values.has("--blind-dir"),
    blindOnly: flags.has("--blind-only"),
    blindDir: path.resolve(values.get("--blind-dir") ?? path.join(evalDir, "blind")),
    llm: flags.has("--llm"),
    cases: cases
      ? cases
          .split(",")
          .map((id) => id.trim())
          .filter(Boolean)
      : null,
    reportDir: path.resolve(values.get("--report-dir") ?? path.join(evalDir, "reports")),
  };
}
