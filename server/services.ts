import path from "node:path";
import pino, { type Logger } from "pino";
import type { AnswerPipeline } from "./pipeline/index.js";
import type { HybridSearcher } from "./retrieval/hybridSearcher.js";
import type { KnowledgeBase } from "./knowledge/knowledgeBase.js";
import type { FeedbackStore } from "./feedback/feedbackStore.js";
import type { Mailer } from "./notify/mail.js";
import { AUDIT_MIN_DAYS, ConfigError, type AppConfig } from "./config.js";
import { loadKnowledgeBase } from "./knowledge/knowledgeBase.js";
import { createSearcher } from "./retrieval/createSearcher.js";
import { calculatorDataFor, gridFactorIdProblem } from "./calculators/data.js";
import { createCalculatorPort, type CalculatorPort } from "./calculators/port.js";
import { InflightAnswers } from "./http/inflight.js";
import { Metrics } from "./metrics.js";
import { KeyTerms, loadKeyTermsFile } from "./language/keyTerms.js";
import { CuratedAnswerIndex, servedAnswers } from "./pipeline/curated.js";
import { createPipeline } from "./pipeline/createPipeline.js";
import { SqliteStorage } from "./storage/sqliteStorage.js";
import { StorageHealth } from "./storage/faults.js";
import { guardStorage } from "./storage/guardedStorage.js";
import { longestAnswerMs } from "./storage/postgres/maintenance.js";
import { openPostgresStorage, poolOf } from "./storage/postgres/postgresStorage.js";
import { SPOOL_FILE, WriteSpool, type ReplayOutcome } from "./storage/spool.js";
import type { Storage } from "./storage/types.js";
import { createMailer } from "./notify/mail.js";
import { openSharing, type Sharing } from "./shared/index.js";

/** What the routes need; built once in main.ts (or by a test) and passed down. */
export interface AppServices {
  config: AppConfig;
  logger: Logger;
  knowledge: KnowledgeBase;
  searcher: HybridSearcher;
  /** The calculators, for the pipeline and the calculator routes alike. */
  calculators: CalculatorPort;
  pipeline: AnswerPipeline;
  storage: Storage;
  /** Enquiry writes the database refused, replayed into it later (DATA_DIR/unstored-enquiries.jsonl). */
  spool: WriteSpool;
  curated: CuratedAnswerIndex;
  /** Limits' counts and word of cache changes: in memory for one instance, in PostgreSQL for several. */
  sharing: Sharing;
  metrics: Metrics;
  inflight: InflightAnswers;
  feedbackStore: FeedbackStore;
  /** Sends staff replies by e-mail when SMTP is configured; absent or null: no mail is sent. */
  mailer?: Mailer | null;
}

export function createLogger(config: Pick<AppConfig, "logLevel">): Logger {
  return pino({ level: config.logLevel, redact: ["req.headers.authorization", "req.headers.cookie"] });
}

/**
 * Loads the knowledge and the search index: everything the routes need before the port opens. The
 * calculators' data comes first, so a configuration it contradicts fails at once, before the index.
 */
export async function createServices(config: AppConfig, logger = createLogger(config)): Promise<AppServices> {
  const data = calculatorDataFor(calculatorDataDir(config));
  const gridProblem = gridFactorIdProblem(data, config.gridEmissionFactorId);
  if (gridProblem)
    throw new ConfigError(`Invalid GRID_EMISSION_FACTOR_ID (see .env.example): ${gridProblem}`);
  // The database before the index: one the service cannot run on (a newer schema) stops it at once.
  const spool = new WriteSpool(path.join(config.dataDir, SPOOL_FILE));
  const storage = await openStorage(config, logger, spool);
  const knowledge = loadKnowledgeBase(config.knowledgeDir);
  const { searcher, status } = await createSearcher(knowledge, config, logger);
  logger.info(
    { documents: knowledge.documents.length, passages: knowledge.passages.length, ...status },
    "knowledge loaded",
  );
  const calculators = calculatorsFor(config);
  const curated = new CuratedAnswerIndex(new KeyTerms(loadKeyTermsFile(config.knowledgeDir)));
  const rereadCurated = async () => curated.replaceAll(servedAnswers(await storage.listCuratedAnswers()));
  const sharing = await openSharing(config, logger, poolOf(storage));
  // Another instance published or withdrew a reviewed answer: serve what the database now says. Listening
  // starts before the first read, so a change made in between is not missed.
  await sharing.changes.follow("curated", rereadCurated);
  await rereadCurated();
  const pipeline = createPipeline(config, knowledge, searcher, calculators, curated);
  const mailer = createMailer(config.mail);
  if (config.mail)
    logger.info(
      { smtp: new URL(config.mail.url).host },
      "staff replies are e-mailed to addresses left with requests",
    );
  // Feedback is kept beside the answer it rates: the database implements FeedbackStore.
  return {
    config,
    logger,
    knowledge,
    searcher,
    calculators,
    pipeline,
    storage,
    spool,
    curated,
    sharing,
    metrics: new Metrics(),
    inflight: new InflightAnswers(),
    feedbackStore: storage,
    mailer,
  };
}

/** The calculators' data directory under the knowledge directory. */
function calculatorDataDir(config: Pick<AppConfig, "knowledgeDir">): string {
  return path.join(config.knowledgeDir, "data");
}

/**
 * The calculators on the configured data and grid factor. The data is read on first use (and cached by
 * directory), so an app of the calculator routes alone starts without it and answers a calculation 500.
 */
export function calculatorsFor(
  config: Pick<AppConfig, "knowledgeDir" | "gridEmissionFactorId">,
): CalculatorPort {
  const dir = calculatorDataDir(config);
  return createCalculatorPort(() => ({
    data: calculatorDataFor(dir),
    gridFactorId: config.gridEmissionFactorId,
  }));
}

/**
 * Opens the database, guarded (guardedStorage.ts: a removed or replaced file, a lock, a full disk, a
 * PostgreSQL server gone are noticed at the next write, logged once and reported by /readyz; the writes
 * they refuse are spooled by the routes, and written in when the database takes writes again).
 * Enquiries the database refused last time are written from the spool, those a crash left half-done
 * are marked, so none is lost or left pending, and chat content past the retention period is purged
 * (then daily). PostgreSQL when DATABASE_URL is set (several instances share it), the SQLite file
 * otherwise. A throw-away ":memory:" database is not given the spool: it would keep nothing of it.
 */
export async function openStorage(
  config: Pick<AppConfig, "databaseFile" | "retentionDays"> &
    Partial<
      Pick<AppConfig, "auditRetentionDays" | "handoffContactDays" | "databaseUrl" | "llm" | "embeddings">
    >,
  logger: Logger,
  spool?: WriteSpool,
): Promise<Storage> {
  const replayed = (outcome: ReplayOutcome | Error) => {
    if (outcome instanceof Error) logger.error({ err: outcome }, "replaying spooled enquiries failed");
    else if (outcome.replayed || outcome.unreadable)
      logger.info(outcome, "spooled enquiries written to the database");
  };
  const postgres = config.databaseUrl ?? null;
  const spooled = spool && (postgres || config.databaseFile !== ":memory:") ? spool : undefined;
  // Recovered: what was spooled meanwhile goes in now, whatever the back-off after a failed replay says.
  const health = new StorageHealth(logger, () => {
    if (spooled?.pending) spooled.replay(storage).then(replayed, replayed);
  });
  const storage: Storage = postgres
    ? guardStorage(
        await openPostgresStorage(postgres, {
          longestAnswerMs: longestAnswerMs({
            llm: config.llm ?? null,
            embeddings: config.embeddings ?? null,
          }),
          onError: (err) =>
            logger.warn({ err }, "an idle PostgreSQL connection broke; the pool opens another"),
        }),
        health,
      )
    : guardStorage(SqliteStorage.open(config.databaseFile), health);
  if (spooled?.pending) {
    const outcome = await spooled.replay(storage);
    logger[outcome.failed ? "error" : "info"](
      { ...outcome, spool: spooled.file },
      outcome.failed
        ? "spooled enquiries could not all be written; kept for the next try"
        : "spooled enquiries written to the database",
    );
  }
  // On PostgreSQL only enquiries older than the longest answer are marked (others may be answering the
  // rest), so the sweep is made again every few minutes; SQLite, the only writer, marks them all at start.
  const sweep = async () => {
    const interrupted = await storage.failUnfinished("error_interrupted", new Date());
    if (interrupted)
      logger.warn({ interrupted }, "enquiries left unanswered by the last run were marked error_interrupted");
  };
  await sweep();
  if (postgres)
    setInterval(
      () => void sweep().catch((err) => logger.error({ err }, "marking interrupted enquiries failed")),
      SWEEP_EVERY_MS,
    ).unref();
  const purge = async () => {
    const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000);
    const purged = await storage.purgeBefore(daysAgo(config.retentionDays), {
      auditBefore: daysAgo(Math.max(config.auditRetentionDays ?? AUDIT_MIN_DAYS, AUDIT_MIN_DAYS)),
      handoffContactsBefore: config.handoffContactDays ? daysAgo(config.handoffContactDays) : undefined,
    });
    if (purged) logger.info({ purged, retentionDays: config.retentionDays }, "old chat content purged");
  };
  await purge();
  setInterval(() => void purge().catch((err) => logger.error({ err }, "purge failed")), 86_400_000).unref();
  return storage;
}

/** How often, on PostgreSQL, enquiries left pending by an instance that crashed are looked for. */
const SWEEP_EVERY_MS = 10 * 60_000;

/** The database the configuration names, for a log line: the SQLite file, or PostgreSQL's host and database (no password). */
export function databaseName(config: Pick<AppConfig, "databaseFile" | "databaseUrl">): string {
  if (!config.databaseUrl) return config.databaseFile;
  const url = new URL(config.databaseUrl);
  return `postgres://${url.host}${url.pathname}`;
}
