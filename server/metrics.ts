import { Counter, Histogram, Registry, collectDefaultMetrics } from "prom-client";

/** Prometheus metrics: requests, latency, answer statuses and LLM fallbacks. One registry per app. */
export class Metrics {
  readonly registry = new Registry();
  private readonly requests = new Counter({
    name: "tdf_http_requests_total",
    help: "HTTP requests by route, method and status",
    labelNames: ["route", "method", "status"],
    registers: [this.registry],
  });
  private readonly latency = new Histogram({
    name: "tdf_http_request_duration_seconds",
    help: "HTTP request duration by route",
    labelNames: ["route"],
    buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [this.registry],
  });
  private readonly answers = new Counter({
    name: "tdf_answers_total",
    help: "Answers by status (category_reason) and mode",
    labelNames: ["status", "mode"],
    registers: [this.registry],
  });
  private readonly fallbacks = new Counter({
    name: "tdf_llm_fallbacks_total",
    help: "LLM answers replaced by the offline answer, by reason",
    labelNames: ["reason"],
    registers: [this.registry],
  });
  private readonly unstored = new Counter({
    name: "tdf_enquiries_not_stored_total",
    help: "Enquiries the database refused (spooled to DATA_DIR and written in later)",
    registers: [this.registry],
  });
  private readonly unspooled = new Counter({
    name: "tdf_spool_write_failures_total",
    help: "Refused enquiry writes the spool file could not take either (held in memory until the disk does)",
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: "tdf_" });
  }

  observeRequest(route: string, method: string, status: number, seconds: number): void {
    this.requests.inc({ route, method, status: String(status) });
    this.latency.observe({ route }, seconds);
  }

  observeAnswer(status: string, mode: string): void {
    this.answers.inc({ status, mode });
    if (status.startsWith("error_llm")) this.fallbacks.inc({ reason: status });
  }

  enquiryNotStored(): void {
    this.unstored.inc();
  }

  spoolFailed(): void {
    this.unspooled.inc();
  }
}
