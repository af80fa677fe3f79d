import path from "node:path";
import * as z from "zod";

const optionalString = z
  .string()
  .trim()
  .transform((value) => (value === "" ? undefined : value))
  .optional();

/** The limits of an LLM answer when the environment says nothing (tests and evals spread these too). */
export const LLM_ANSWER_DEFAULTS: Pick<LlmConfig, "maxTokens" | "answerMaxChars" | "linkAllowlist"> = {
  maxTokens: 1024,
  answerMaxChars: 2000,
  linkAllowlist: [],
};

/** The staff audit log is kept at least this long (网络安全法 第二十一条: six months). */
export const AUDIT_MIN_DAYS = 180;

const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  HOST: z.string().default("127.0.0.1"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  KNOWLEDGE_DIR: z.string().default("knowledge"),
  DATA_DIR: z.string().default("data"),
  OPENAI_BASE_URL: optionalString,
  OPENAI_API_KEY: optionalString,
  OPENAI_MODEL: optionalString,
  OPENAI_EMBEDDING_MODEL: optionalString,
  LLM_FIRST_TOKEN_TIMEOUT_MS: z.coerce.number().int().positive().default(8000),
  LLM_TOTAL_TIMEOUT_MS: z.coerce.number().int().positive().default(30000),
  LLM_MAX_TOKENS: z.coerce.number().int().min(64).max(32768).default(LLM_ANSWER_DEFAULTS.maxTokens),
  LLM_ANSWER_MAX_CHARS: z.coerce
    .number()
    .int()
    .min(200)
    .max(1_000_000)
    .default(LLM_ANSWER_DEFAULTS.answerMaxChars),
  LLM_LINK_ALLOWLIST: z
    .string()
    .default("")
    .transform((value) =>
      value
        .split(",")
        .map((origin) => origin.trim().replace(/\/$/, ""))
        .filter(Boolean),
    )
    .refine(
      (origins) => origins.every(isWebOrigin),
      "each entry must be an http(s) origin, e.g. https://jxj.huainan.gov.cn",
    ),
  EMBEDDING_TIMEOUT_MS: z.coerce.number().int().positive().default(5000),
  GRID_EMISSION_FACTOR_ID: z.string().default("grid-national-2023"),
  DATABASE_FILE: optionalString,
  DATABASE_URL: optionalString.refine(
    (value) => value === undefined || /^postgres(ql)?:\/\//.test(value),
    "must be a PostgreSQL URL, e.g. postgres://assistant:password@10.0.0.5:5432/assistant",
  ),
  CACHE_REREAD_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
  CORS_ORIGINS: z.string().default(""),
  TRUST_PROXY: optionalString,
  RATE_LIMIT_PER_IP_PER_MINUTE: z.coerce.number().int().min(1).default(30),
  RATE_LIMIT_PER_CONVERSATION_PER_MINUTE: z.coerce.number().int().min(1).default(12),
  HANDOFF_LOOKUP_PER_IP_PER_MINUTE: z.coerce.number().int().min(1).default(10),
  METRICS_TOKEN: optionalString,
  ADMIN_ALLOW_HTTP: z.enum(["true", "false"]).default("false"),
  SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).default(10000),
  RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(180),
  // 网络安全法 第二十一条: network logs are kept at least six months, whatever chat content's period is.
  AUDIT_RETENTION_DAYS: z.coerce.number().int().min(AUDIT_MIN_DAYS).max(3650).default(AUDIT_MIN_DAYS),
  HANDOFF_CONTACT_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  // Outbound e-mail (a staff reply sent to a person who left an address): off unless SMTP_URL is set.
  SMTP_URL: optionalString.refine(
    (value) => value === undefined || isSmtpUrl(value),
    "must be an smtp:// or smtps:// URL, e.g. smtps://user:password@smtp.example.gov.cn:465",
  ),
  SMTP_FROM: optionalString.refine(
    (value) => value === undefined || isMailFrom(value),
    "must be an e-mail address, optionally with a name: 淮南市经信局 <noreply@example.gov.cn>",
  ),
  SMTP_TIMEOUT_MS: z.coerce.number().int().min(1000).max(120_000).default(15000),
});

export type Env = z.infer<typeof envSchema>;

export interface LlmConfig {
  baseURL: string;
  apiKey: string;
  model: string;
  firstTokenTimeoutMs: number;
  totalTimeoutMs: number;
  /** max_tokens of every request: a model that runs on is cut by the endpoint. */
  maxTokens: number;
  /** An answer longer than this is not served: the offline answer is (error_llm_unsupported_claim). */
  answerMaxChars: number;
  /** Origins (https://jxj.huainan.gov.cn) an answer may link to; empty: no links at all. */
  linkAllowlist: string[];
}

export interface EmbeddingEndpointConfig {
  baseURL: string;
  apiKey: string;
  model: string;
  timeoutMs: number;
}

/** Where staff replies are e-mailed from; absent (no SMTP_URL) means no mail is ever sent. */
export interface MailConfig {
  /** smtp:// or smtps:// with the account's credentials (user:password@host:port). */
  url: string;
  /** The From header: an address, or "名称 <address>". */
  from: string;
  /** Connecting, the greeting and each exchange with the server give up after this long. */
  timeoutMs: number;
}

export interface AppConfig {
  env: Env["NODE_ENV"];
  host: string;
  port: number;
  logLevel: Env["LOG_LEVEL"];
  knowledgeDir: string;
  promptsDir: string;
  dataDir: string;
  indexDir: string;
  llm: LlmConfig | null;
  embeddings: EmbeddingEndpointConfig | null;
  gridEmissionFactorId: string;
  /** SQLite file; ":memory:" for throw-away runs. Unused when databaseUrl is set. */
  databaseFile: string;
  /** PostgreSQL (postgres://…): several instances share it. Null: the SQLite file, for one instance. */
  databaseUrl: string | null;
  /**
   * With databaseUrl: each instance re-reads what it caches from the database (reviewed answers) this
   * often, besides whenever another instance announces a change (LISTEN/NOTIFY).
   */
  cacheRereadMs: number;
  /** Chat content older than this is purged. */
  retentionDays: number;
  /** Staff audit entries older than this are purged (at least AUDIT_MIN_DAYS, whatever retentionDays says). */
  auditRetentionDays: number;
  /** The contact left with a handoff is erased this many days after staff close the handoff. */
  handoffContactDays: number;
  /** Web origins allowed to call the API from a browser (the sites that embed the widget). */
  corsOrigins: string[];
  /** Express "trust proxy": unset means X-Forwarded-For is ignored and the socket address counts. */
  trustProxy: boolean | number | string;
  rateLimits: { perIpPerMinute: number; perConversationPerMinute: number };
  /** 查询办理进度 look-ups allowed per client address per minute (a reference's wrong proofs are limited too). */
  handoffLookupPerMinute: number;
  /**
   * The console's cookies are Secure unless this is set (or, outside production, the request comes
   * straight from this machine): for a console served over plain HTTP on a trusted network.
   */
  adminAllowHttp: boolean;
  /** When set, /metrics needs "Authorization: Bearer <token>"; when not, only direct loopback clients get it. */
  metricsToken: string | null;
  shutdownGraceMs: number;
  /** Outbound e-mail of staff replies; null (the default) sends none. */
  mail: MailConfig | null;
}

export class ConfigError extends Error {
  override name = "ConfigError";
}

/** The one place that reads the environment; everything else receives an AppConfig. */
export function loadConfig(source: NodeJS.ProcessEnv = process.env, root = process.cwd()): AppConfig {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const details = parsed.error.issues
      .map((issue) => `${issue.path.join(".")}: ${issue.message}`)
      .join("; ");
    throw new ConfigError(`Invalid environment configuration (see .env.example): ${details}`);
  }
  const env = parsed.data;
  if (env.SMTP_URL && !env.SMTP_FROM)
    throw new ConfigError(
      "Invalid environment configuration (see .env.example): SMTP_FROM: required when SMTP_URL is set",
    );
  const dataDir = path.resolve(root, env.DATA_DIR);
  return {
    env: env.NODE_ENV,
    host: env.HOST,
    port: env.PORT,
    logLevel: env.LOG_LEVEL,
    knowledgeDir: path.resolve(root, env.KNOWLEDGE_DIR),
    promptsDir: path.resolve(root, "prompts"),
    dataDir,
    indexDir: path.join(dataDir, "index"),
    llm: llmConfig(env),
    embeddings: embeddingConfig(env),
    gridEmissionFactorId: env.GRID_EMISSION_FACTOR_ID,
    databaseFile:
      env.DATABASE_FILE === ":memory:"
        ? ":memory:"
        : path.resolve(root, env.DATABASE_FILE ?? path.join(env.DATA_DIR, "assistant.sqlite")),
    databaseUrl: env.DATABASE_URL ?? null,
    cacheRereadMs: env.CACHE_REREAD_SECONDS * 1000,
    retentionDays: env.RETENTION_DAYS,
    auditRetentionDays: env.AUDIT_RETENTION_DAYS,
    handoffContactDays: env.HANDOFF_CONTACT_DAYS,
    corsOrigins: env.CORS_ORIGINS.split(",")
      .map((o) => o.trim().replace(/\/$/, ""))
      .filter(Boolean),
    trustProxy: trustProxy(env.TRUST_PROXY),
    rateLimits: {
      perIpPerMinute: env.RATE_LIMIT_PER_IP_PER_MINUTE,
      perConversationPerMinute: env.RATE_LIMIT_PER_CONVERSATION_PER_MINUTE,
    },
    handoffLookupPerMinute: env.HANDOFF_LOOKUP_PER_IP_PER_MINUTE,
    adminAllowHttp: env.ADMIN_ALLOW_HTTP === "true",
    metricsToken: env.METRICS_TOKEN ?? null,
    shutdownGraceMs: env.SHUTDOWN_GRACE_MS,
    mail:
      env.SMTP_URL && env.SMTP_FROM
        ? { url: env.SMTP_URL, from: env.SMTP_FROM, timeoutMs: env.SMTP_TIMEOUT_MS }
        : null,
  };
}

function isSmtpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return /^smtps?:$/.test(url.protocol) && url.hostname !== "";
  } catch {
    return false;
  }
}

/** "noreply@example.gov.cn" or "淮南市经信局 <noreply@example.gov.cn>": one address, no line breaks. */
function isMailFrom(value: string): boolean {
  const address = /^[^\s<>@]+@[^\s<>@]+\.[^\s<>@]+$/;
  const match = /^([^<>\r\n]*)<([^<>]+)>$/.exec(value);
  return match ? address.test(match[2]!.trim()) : address.test(value);
}

/** An origin and nothing more: http(s), a host, no path, query or user. */
function isWebOrigin(value: string): boolean {
  try {
    const url = new URL(value);
    return /^https?:$/.test(url.protocol) && url.origin === value.toLowerCase();
  } catch {
    return false;
  }
}

/** "true"/"false", a hop count ("1"), or Express's names and subnets ("loopback", "10.0.0.0/8"). */
function trustProxy(value: string | undefined): boolean | number | string {
  if (value === undefined || value === "false") return false;
  if (value === "true") return true;
  return /^\d+$/.test(value) ? Number(value) : value;
}

function llmConfig(env: Env): LlmConfig | null {
  if (!env.OPENAI_BASE_URL || !env.OPENAI_MODEL) return null;
  return {
    baseURL: env.OPENAI_BASE_URL,
    // Local OpenAI-compatible servers often need no key; the SDK still wants a string.
    apiKey: env.OPENAI_API_KEY ?? "not-needed",
    model: env.OPENAI_MODEL,
    firstTokenTimeoutMs: env.LLM_FIRST_TOKEN_TIMEOUT_MS,
    totalTimeoutMs: env.LLM_TOTAL_TIMEOUT_MS,
    maxTokens: env.LLM_MAX_TOKENS,
    answerMaxChars: env.LLM_ANSWER_MAX_CHARS,
    linkAllowlist: env.LLM_LINK_ALLOWLIST,
  };
}

function embeddingConfig(env: Env): EmbeddingEndpointConfig | null {
  if (!env.OPENAI_BASE_URL || !env.OPENAI_EMBEDDING_MODEL) return null;
  return {
    baseURL: env.OPENAI_BASE_URL,
    apiKey: env.OPENAI_API_KEY ?? "not-needed",
    model: env.OPENAI_EMBEDDING_MODEL,
    timeoutMs: env.EMBEDDING_TIMEOUT_MS,
  };
}
