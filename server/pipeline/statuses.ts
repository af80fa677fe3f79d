/**
 * Every answer ends with exactly one status, `category_reason`. The widget, the logs and the staff
 * console all speak these. Keep the meanings here in step with docs/statuses.md.
 */
export const STATUSES = {
  answered: "An answer grounded in the plan (and calculator results, when figures were given).",
  answered_needs_input:
    "The question needs figures or a choice from the person; the reply asks for exactly those.",
  answered_reviewed:
    "A reviewed answer written by bureau staff and published by an admin, for the same question or a close paraphrase (same figures, negations and key terms).",
  answered_help:
    "A greeting or a request for help, or a calculation the person dropped (算了); the reply says what the assistant can do.",
  answered_handoff:
    "A request for a person (转人工, the bureau's phone, a meeting); the reply offers the 人工服务 form and the JSON reply carries handoff: true.",
  unanswerable_no_content:
    "The plan does not cover the question (or sets no such figure); the reply says so and who to ask.",
  unanswerable_other_region:
    "A question about another city's, province's or the nation's plan or policy; the reply says the assistant covers 淮南市's plan only.",
  invalid_empty: "Nothing left to answer after removing control characters.",
  guardrails_off_topic: "Not about the plan, industrial energy saving or carbon peaking; polite refusal.",
  guardrails_injection:
    "An attempt to override the instructions or extract the system prompt; polite refusal.",
  guardrails_forgery:
    "A request to forge, draft or imitate an official document, seal, approval, signature or certificate, or to issue one in an authority's name; polite refusal.",
  guardrails_fraud:
    "A request to falsify or under-report energy or emission data, evade monitoring or inspection, or obtain subsidies by deception; polite refusal.",
  guardrails_harm:
    "A request for ways to harm the environment or people (secret discharge of pollutants, weapons, violence); polite refusal.",
  guardrails_political:
    "A request for opinions on political leaders, parties or the political system; polite refusal.",
  guardrails_personal:
    "A question about someone's private life or personal details, or a personal question about the assistant; polite refusal.",
  error_llm_timeout: "The LLM did not answer in time; the offline answer was served with a note.",
  error_llm_unavailable:
    "The LLM endpoint failed (connection, 5xx, malformed reply); the offline answer was served.",
  error_llm_unsupported_claim:
    "The LLM answer failed the answer check: a citation of a passage it was not given, a figure in no source (Chinese numerals, full-width digits and dates read), the question's figure stated as a clause's, a link off the allowlist, an official act the plan does not make, its own rules repeated, or past the length cap or max_tokens; the offline answer was served.",
  error_client_gone:
    "The person left (closed the page, lost the connection) before the LLM answer was complete: the LLM call was stopped and the text already shown is stored. Not an LLM fallback. An offline answer is made in full anyway and keeps its own status.",
  error_interrupted:
    "The service stopped before the answer was complete: a shutdown cut it short (recorded at once, with the text already shown), or a crash (set on the stored enquiry at the next start).",
  error_internal: "An unexpected fault; a generic apology was served.",
} as const;

export type Status = keyof typeof STATUSES;

/**
 * The status of an answer nobody will read: the route aborts the answer's signal with the status as
 * its reason (error_client_gone when the person left, error_interrupted at shutdown).
 */
export function cancelledStatus(signal: AbortSignal): Status {
  const reason: unknown = signal.reason;
  return typeof reason === "string" && Object.hasOwn(STATUSES, reason)
    ? (reason as Status)
    : "error_client_gone";
}
