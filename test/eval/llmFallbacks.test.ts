import { describe, expect, it } from "vitest";
import { describeFallbacks, reasonOf, tallyFallbacks } from "../../eval/lib/llmFallbacks.js";

describe("LLM fallbacks", () => {
  it("tells answers the LLM wrote from offline ones by design and from fallbacks, by status and reason", () => {
    const tally = tallyFallbacks([
      { status: "answered", mode: "llm", llmNotes: [] },
      { status: "guardrails_off_topic", mode: "offline", llmNotes: [] },
      { status: "error_llm_timeout", mode: "offline", llmNotes: ["llm_timeout:no first token in time"] },
      {
        status: "error_llm_unavailable",
        mode: "offline",
        llmNotes: ["llm_unavailable:endpoint answered 500"],
      },
      {
        status: "error_llm_unsupported_claim",
        mode: "offline",
        llmNotes: ["llm_answer_rejected:no_citation"],
      },
    ]);
    expect(tally).toEqual({
      answers: 5,
      byLlm: 1,
      offlineByDesign: 1,
      byStatus: { error_llm_timeout: 1, error_llm_unavailable: 1, error_llm_unsupported_claim: 1 },
      byReason: {
        "llm_timeout (no first token in time)": 1,
        "llm_unavailable (endpoint answered 500)": 1,
        "llm_answer_rejected (no_citation)": 1,
      },
    });
    expect(describeFallbacks(tally)[0]).toBe(
      "LLM: 5 answers: written by the LLM 1, offline by design 1, fell back to offline 3",
    );
  });

  it("names an unsupported claim's problem kinds, never the answer's figures", () => {
    const reason = reasonOf("llm_unsupported_claim:unsupported_figure:983.2,unknown_citation:[7]");
    expect(reason).toBe("llm_unsupported_claim (unsupported_figure, unknown_citation)");
  });
});
