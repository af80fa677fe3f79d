import fs from "node:fs";
import path from "node:path";
import express, {
  Router,
  type ErrorRequestHandler,
  type Request,
  type RequestHandler,
  type Response,
} from "express";
import * as z from "zod";
import type { AppServices } from "../services.js";
import { disableAccount, enableAccount, usernameSchema } from "../admin/accounts.js";
import { AdminAuth, safeNext, type StaffRequest } from "../admin/auth.js";
import {
  createCurated,
  curatedSchema,
  editCurated,
  findCurated,
  publishCurated,
  setCuratedActive,
} from "../admin/curatedAnswers.js";
import { writeEnquiriesCsv } from "../admin/export.js";
import { auditedFilter, enquiryQuerySchema, PAGE_SIZE, toFilter } from "../admin/filters.js";
import type { Html } from "../admin/html.js";
import { collectImprovements } from "../admin/improvements.js";
import { periodOf } from "../admin/period.js";
import { groupQuestions } from "../admin/questionGroups.js";
import { describeProblems, parseFields } from "../admin/validate.js";
import { accountsPage } from "../admin/views/accounts.js";
import { calculationsPage } from "../admin/views/calculations.js";
import { conversationPage } from "../admin/views/conversation.js";
import {
  curatedFormPage,
  curatedListPage,
  type CuratedFormValues,
  type CuratedFormView,
} from "../admin/views/curated.js";
import { dashboardPage } from "../admin/views/dashboard.js";
import { enquiriesPage } from "../admin/views/enquiries.js";
import { improvePage } from "../admin/views/improve.js";
import { errorPage, page, type Section, type Viewer } from "../admin/views/layout.js";
import { auditPage, feedbackPage, topicsPage } from "../admin/views/reports.js";
import type { CalculatorNames } from "../admin/views/toolRun.js";
import { handoffPage, handoffsPage, type HandoffView } from "../admin/views/handoffs.js";
import { HandoffDesk } from "../admin/handoffDesk.js";
import { CONVERSATION_ID } from "../conversation/ids.js";
import { REFERENCE } from "../handoff/codes.js";
import { AppError } from "../http/errors.js";
import { messages } from "../messages.js";
import { planDictionary } from "../pipeline/createPipeline.js";
import { redactDeep } from "../pipeline/guard/pii.js";
import type { StoredFormToolRun } from "../storage/types.js";
import { projectRoot } from "../projectRoot.js";

const t = messages.admin;

/** Same-origin everything, nothing inline, never framed, never cached: staff pages hold enquiries. */
export const ADMIN_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "object-src 'none'",
].join("; ");

const STATIC: Record<string, string> = {
  "admin.css": "text/css; charset=utf-8",
  "admin.js": "text/javascript; charset=utf-8",
};

const conversationParams = z.object({ id: z.string().regex(CONVERSATION_ID, t.validation.identifier) });
const idParams = z.object({
  id: z.coerce
    .number()
    .int()
    .positive()
    .max(2 ** 31),
});
const daysQuery = (fallback: "7" | "30" = "7") =>
  z.object({ days: z.enum(["7", "30"]).default(fallback).transform(Number) });
const auditQuery = z.object({ kind: z.enum(["all", "changes", "views"]).default("all") });
const newCuratedQuery = z.object({ question: z.string().max(1000).optional() });
/** What the reviewed-answer form's button asked for: see it as the widget will show it, keep a draft, or publish. */
const curatedAction = z.object({ action: z.enum(["preview", "save", "publish"]).default("save") });
const apiPublish = z.object({ publish: z.boolean().default(false) });
const accountParams = z.object({ username: usernameSchema });
const referenceParams = z.object({ reference: z.string().regex(REFERENCE, t.validation.identifier) });
const asText = (value: unknown) => (typeof value === "string" ? value : undefined);

/** A form calculation's fields and error shown redacted like questions (old rows too); its ids as stored. */
const redactRun = <R extends StoredFormToolRun>(run: R): R => ({
  ...run,
  input: redactDeep(run.input),
  output: redactDeep(run.output),
  error: redactDeep(run.error),
});

const staffOf = (req: Request) => (req as StaffRequest).staff!;
const viewerOf = (req: Request, pendingHandoffs?: number): Viewer | undefined => {
  const staff = (req as StaffRequest).staff;
  return (
    staff && { displayName: staff.displayName, csrfToken: staff.csrfToken, role: staff.role, pendingHandoffs }
  );
};
/** The most enquiries a report reads for one period: more than a year at the volume expected. */
const REPORT_ROWS = 20_000;
const wantsHtml = (req: Request) => !req.path.startsWith("/api/") && req.accepts(["html", "json"]) === "html";

/**
 * The staff console: server-rendered pages and a small JSON API under /admin/api. Everything but the
 * sign-in page and the static files needs a staff session (401 without), and every POST needs the
 * session's CSRF token (403 without). See server/admin/auth.ts for the cookie and CSRF decisions.
 */
export function adminRouter(services: AppServices, auth = new AdminAuth(services)): Router {
  const { storage, knowledge } = services;
  const router = Router();
  /** Every page shows, beside 人工服务 in the navigation, how many requests wait for staff. */
  const show = async (
    req: Request,
    res: Response,
    title: string,
    body: Html,
    section?: Section,
    notice?: string,
  ): Promise<void> => {
    const counts = await storage.countHandoffs();
    const viewer = viewerOf(req, counts.open + counts.assigned);
    res.type("html").send(page(title, body, { viewer, section, notice }));
  };
  /** Every read of staff data is audit-logged with what was asked for, before it is shown: no record, no page. */
  const viewed = (req: Request, action: `view_${string}`, detail: Record<string, unknown> = {}) =>
    storage.audit(staffOf(req).username, action, detail);
  const forms = [express.urlencoded({ extended: false, limit: "32kb" }), express.json({ limit: "32kb" })];
  /** Catalogue ids in calculator runs, by their names (read once, when a page first needs them). */
  const calculatorNames = (): CalculatorNames => {
    const { data } = services.calculators;
    return {
      product: (id) => data.products.find((p) => p.id === id)?.name,
      gridFactor: (id) => data.gridFactors.find((g) => g.id === id)?.name,
    };
  };
  let plan: string[] | undefined;
  /** The plan's own vocabulary (the retrieval dictionary): a refusal of a question using it may be wrong. */
  const planWords = () =>
    (plan ??= planDictionary(services.config.knowledgeDir).filter((word) => [...word].length >= 2));
  const staticDir = path.join(projectRoot(), "server", "admin", "static");
  const files = new Map(
    Object.keys(STATIC).map((name) => [name, fs.readFileSync(path.join(staticDir, name))]),
  );

  router.use((_req, res, next) => {
    res.setHeader("Content-Security-Policy", ADMIN_CSP);
    res.setHeader("Cache-Control", "no-store");
    res.setHeader("Referrer-Policy", "same-origin");
    res.setHeader("X-Robots-Tag", "noindex, nofollow");
    res.setHeader("Cross-Origin-Resource-Policy", "same-origin");
    next();
  });
  router.get("/static/:file", (req, res, next) => {
    const file = files.get(req.params.file);
    if (!file) return next();
    res.setHeader("Cache-Control", "no-cache");
    res.type(STATIC[req.params.file]!).send(file);
  });
  router.get("/sign-in", auth.signInForm);
  router.post("/sign-in", ...forms, auth.signIn);

  // Below here: staff only. The session is checked before the body is even parsed.
  router.use(auth.requireStaff, ...forms, auth.requireCsrf);
  router.post("/sign-out", auth.signOut);
  router.get("/", (_req, res) => res.redirect(303, "/admin/dashboard"));

  router.get("/dashboard", async (req, res) => {
    const { days } = parseFields("dashboard", daysQuery("30"), req.query);
    const period = periodOf(days);
    const [activity, handoffs, [first]] = await Promise.all([
      storage.activityByDay(period.since),
      storage.countHandoffs(),
      storage.listHandoffs(1),
    ]);
    await viewed(req, "view_dashboard", { days });
    const oldestPendingAt =
      first && (first.status === "open" || first.status === "assigned") ? first.createdAt : null;
    await show(
      req,
      res,
      t.dashboard.title,
      dashboardPage({ period, activity, handoffs, oldestPendingAt }),
      "dashboard",
    );
  });

  router.get("/enquiries", async (req, res) => {
    const query = parseFields("enquiries", enquiryQuerySchema, req.query);
    const { rows, total } = await storage.listEnquiries(toFilter(query));
    await viewed(req, "view_enquiries", { filter: auditedFilter(query), page: query.page, total });
    await show(req, res, t.enquiries.title, enquiriesPage(query, rows, total), "enquiries");
  });

  router.get("/enquiries.csv", async (req, res) => {
    const query = parseFields("export", enquiryQuerySchema, req.query);
    const rows = await writeEnquiriesCsv(storage, query, res);
    await storage.audit(staffOf(req).username, "export_csv", { filter: auditedFilter(query), rows });
  });

  const conversation = async (req: Request) => {
    const { id } = parseFields("conversation", conversationParams, req.params);
    // Calculator fields and errors are shown redacted like questions (those stored before redaction too).
    const details = (await storage.conversation(id)).map((d) => ({ ...d, toolRuns: redactDeep(d.toolRuns) }));
    const formToolRuns = (await storage.formToolRuns(id)).map(redactRun);
    if (!details.length && !formToolRuns.length)
      throw new AppError("not_found:conversation", t.errors.conversationNotFound);
    await viewed(req, "view_conversation", { conversationId: id });
    return { id, details, formToolRuns };
  };
  router.get("/conversations/:id", async (req, res) => {
    const { id, details, formToolRuns } = await conversation(req);
    const handoffs = await storage.handoffsOf(id);
    await show(
      req,
      res,
      t.conversation.title,
      conversationPage(id, details, handoffs, formToolRuns, calculatorNames()),
      "enquiries",
    );
  });

  router.get("/feedback", async (req, res) => {
    const rows = await storage.listFeedback(200);
    const formRuns = (await storage.listFormToolRuns(200, { rated: true })).map(redactRun);
    await viewed(req, "view_feedback", { rows: rows.length, formRuns: formRuns.length });
    await show(req, res, t.feedback.title, feedbackPage(rows, formRuns), "feedback");
  });
  router.get("/calculations", async (req, res) => {
    const runs = (await storage.listFormToolRuns(200)).map(redactRun);
    await viewed(req, "view_calculations", { rows: runs.length });
    await show(req, res, t.calculations.title, calculationsPage(runs), "calculations");
  });
  router.get("/topics", async (req, res) => {
    const { days } = parseFields("topics", daysQuery(), req.query);
    const period = periodOf(days);
    const [asked, clauses] = await Promise.all([
      storage.askedQuestions(period.previousSince, REPORT_ROWS),
      storage.topTopics(period.since, 30),
    ]);
    await viewed(req, "view_topics", { days });
    await show(
      req,
      res,
      t.topics.title,
      topicsPage(period, groupQuestions(asked, period), clauses),
      "topics",
    );
  });
  router.get("/improve", async (req, res) => {
    const { days } = parseFields("improve", daysQuery(), req.query);
    const since = periodOf(days).since;
    const [candidates, rated] = await Promise.all([
      storage.improvementCandidates(since, REPORT_ROWS),
      storage.listFormToolRuns(500, { rated: true }),
    ]);
    const disliked = rated.filter((run) => run.rating === "down" && run.createdAt >= since.toISOString());
    const found = collectImprovements(candidates, disliked.map(redactRun), planWords());
    const covered = Object.fromEntries(
      Object.entries(found).map(([kind, items]) => [
        kind,
        items.map((item) => ({
          ...item,
          coveredBy: item.tool ? null : (services.curated.match(item.question)?.id ?? null),
        })),
      ]),
    ) as Parameters<typeof improvePage>[1];
    const rows = Object.values(found).reduce((n, items) => n + items.length, 0);
    await viewed(req, "view_improve", { days, rows });
    await show(req, res, t.improve.title, improvePage(days, covered), "improve");
  });
  // The old address of 未能回答的问题, which 待改进 took over.
  router.get("/gaps", (req, res) => {
    const { days } = parseFields("gaps", daysQuery(), req.query);
    res.redirect(301, `/admin/improve?days=${days}#improve-unanswered`);
  });
  // The desk: the list (pending first, with counts and age), one request, and its steps.
  const desk = new HandoffDesk(storage, services.mailer ?? null, services.logger);
  const staffNames = async () =>
    new Map((await storage.listStaffUsers()).map((a) => [a.username, a.displayName] as const));
  router.get("/handoffs", async (req, res) => {
    const [handoffs, counts, names] = await Promise.all([
      storage.listHandoffs(300),
      storage.countHandoffs(),
      staffNames(),
    ]);
    await viewed(req, "view_handoffs", { rows: handoffs.length });
    await show(req, res, t.handoffs.title, handoffsPage(handoffs, counts, names), "handoffs");
  });
  const referenceOf = (req: Request) => parseFields("handoff", referenceParams, req.params).reference;
  const showHandoff = async (
    req: Request,
    res: Response,
    extra: Pick<HandoffView, "problems" | "draft"> = {},
    notice?: string,
  ) => {
    const reference = referenceOf(req);
    const handoff = await desk.find(reference);
    await viewed(req, "view_handoff", { reference });
    const { username, csrfToken } = staffOf(req);
    const view: HandoffView = {
      handoff,
      history: (await storage.auditOfHandoff(reference)).filter((e) => !e.action.startsWith("view_")),
      names: await staffNames(),
      me: username,
      csrfToken,
      ...extra,
    };
    await show(req, res, t.handoffs.detailTitle(reference), handoffPage(view), "handoffs", notice);
  };
  const DONE_NOTICE: Record<string, string> = {
    assign: t.handoffs.savedAssign,
    reply: t.handoffs.savedReply,
    "reply-mailed": t.handoffs.savedReplyMailed,
    "reply-mail-failed": t.handoffs.savedReplyMailFailed,
    close: t.handoffs.savedClose,
    reopen: t.handoffs.savedReopen,
  };
  router.get("/handoffs/:reference", async (req, res) => {
    const done = typeof req.query.done === "string" ? DONE_NOTICE[req.query.done] : undefined;
    await showHandoff(req, res, {}, done);
  });
  /** A step that fails validation shows the request again, 400, with what was typed kept and the problem above it. */
  const step =
    (name: string, run: (reference: string, req: Request) => Promise<string | void>): RequestHandler =>
    async (req, res) => {
      const reference = referenceOf(req);
      let done = name;
      try {
        done = (await run(reference, req)) || name;
      } catch (error) {
        if (!(error instanceof AppError) || error.type !== "bad_request" || !wantsHtml(req)) throw error;
        const body = (req.body ?? {}) as Record<string, unknown>;
        const draft = { reply: asText(body.reply), note: asText(body.note) };
        res.status(400);
        return showHandoff(req, res, { problems: describeProblems(error), draft });
      }
      res.redirect(303, `/admin/handoffs/${reference}?done=${done}`);
    };
  router.post(
    "/handoffs/:reference/assign",
    step("assign", (reference, req) => desk.assign(reference, staffOf(req).username)),
  );
  router.post(
    "/handoffs/:reference/reply",
    step("reply", async (reference, req) => {
      const mailed = await desk.reply(reference, req.body ?? {}, staffOf(req).username);
      return mailed === "sent" ? "reply-mailed" : mailed === "failed" ? "reply-mail-failed" : "reply";
    }),
  );
  router.post(
    "/handoffs/:reference/close",
    step("close", (reference, req) => desk.close(reference, req.body ?? {}, staffOf(req).username)),
  );
  router.post(
    "/handoffs/:reference/reopen",
    step("reopen", (reference, req) => desk.reopen(reference, staffOf(req).username)),
  );
  router.get("/audit", async (req, res) => {
    const { kind } = parseFields("audit", auditQuery, req.query);
    // Recorded before it is read, so the page shows its own viewing too.
    await viewed(req, "view_audit", { kind });
    const [entries, names] = await Promise.all([storage.listAudit(300, kind), staffNames()]);
    await show(req, res, t.audit.title, auditPage(entries, kind, names), "audit");
  });

  const CURATED_NOTICE: Record<string, string> = {
    saved: t.curated.savedDraft,
    published: t.curated.publishedNotice,
    deactivated: t.curated.deactivated,
    activated: t.curated.activated,
  };
  router.get("/curated", async (req, res) => {
    const notice = Object.keys(CURATED_NOTICE).find((key) => req.query[key]);
    const [answers, names] = await Promise.all([storage.listCuratedAnswers(), staffNames()]);
    await viewed(req, "view_curated", { rows: answers.length });
    const { csrfToken, role } = staffOf(req);
    await show(
      req,
      res,
      t.curated.title,
      curatedListPage(answers, csrfToken, role === "admin", names),
      "curated",
      notice && CURATED_NOTICE[notice],
    );
  });
  const curatedForm = async (
    req: Request,
    res: Response,
    view: Pick<CuratedFormView, "values" | "id" | "problems" | "preview">,
  ) => {
    const title = view.id === undefined ? t.curated.create : t.curated.edit(view.id);
    const { csrfToken, role } = staffOf(req);
    const current = view.id === undefined ? undefined : await findCurated(storage, view.id);
    res.status(view.problems && !view.preview ? 400 : 200);
    await show(
      req,
      res,
      title,
      curatedFormPage({
        ...view,
        csrfToken,
        canPublish: role === "admin",
        units: knowledge.units,
        current,
        names: await staffNames(),
      }),
      "curated",
    );
  };
  const formValues = (body: Record<string, unknown>): CuratedFormValues => ({
    question: String(body.question ?? ""),
    answer: String(body.answer ?? ""),
    unitIds: Array.isArray(body.unitIds) ? body.unitIds.join("\n") : String(body.unitIds ?? ""),
  });
  const curatedId = (req: Request) => parseFields("curated", idParams, req.params).id;
  const admin = auth.requireAdmin;
  const mustPublish = (req: Request) => {
    if (staffOf(req).role !== "admin") throw new AppError("forbidden:admin_only", t.errors.publishAdminOnly);
  };

  /**
   * The form's three buttons. 预览 shows the answer as the widget will (and what would stop it being
   * saved) without saving; 保存草稿 saves a draft anyone on staff may write; 保存并发布 (admins) saves and
   * publishes. A form that fails validation comes back filled in, with the problems listed above it.
   */
  const submitCurated =
    (save: (req: Request) => Promise<number>, id?: (req: Request) => number): RequestHandler =>
    async (req, res) => {
      const body = (req.body ?? {}) as Record<string, unknown>;
      const { action } = parseFields("curated", curatedAction, { action: body.action || undefined });
      const editing = id?.(req);
      if (action === "preview") {
        // Nothing is saved; what would stop it being saved is shown beside the preview.
        let problems: string[] | undefined;
        try {
          parseFields("curated", curatedSchema(services, editing), body);
        } catch (error) {
          if (!(error instanceof AppError) || error.type !== "bad_request") throw error;
          problems = describeProblems(error);
        }
        return curatedForm(req, res, { values: formValues(body), id: editing, problems, preview: true });
      }
      if (action === "publish") mustPublish(req);
      let saved: number;
      try {
        saved = await save(req);
      } catch (error) {
        if (!(error instanceof AppError) || error.type !== "bad_request") throw error;
        return curatedForm(req, res, {
          values: formValues(body),
          id: editing,
          problems: describeProblems(error),
        });
      }
      if (action === "publish") await publishCurated(services, saved, staffOf(req).username);
      res.redirect(303, `/admin/curated?${action === "publish" ? "published" : "saved"}=1`);
    };

  router.get("/curated/new", async (req, res) => {
    const { question } = parseFields("curated", newCuratedQuery, req.query);
    await viewed(req, "view_curated", { form: "new" });
    await curatedForm(req, res, { values: { question: question ?? "", answer: "", unitIds: "" } });
  });
  router.post(
    "/curated",
    submitCurated((req) => createCurated(services, req.body ?? {}, staffOf(req).username)),
  );
  router.get("/curated/:id/edit", async (req, res) => {
    const found = await findCurated(storage, curatedId(req));
    await viewed(req, "view_curated", { id: found.id });
    await curatedForm(req, res, {
      values: { question: found.question, answer: found.answer, unitIds: found.unitIds.join("\n") },
      id: found.id,
    });
  });
  router.post(
    "/curated/:id",
    submitCurated(async (req) => {
      const id = curatedId(req);
      await editCurated(services, id, req.body ?? {}, staffOf(req).username);
      return id;
    }, curatedId),
  );
  router.post("/curated/:id/publish", admin, async (req, res) => {
    await publishCurated(services, curatedId(req), staffOf(req).username);
    res.redirect(303, "/admin/curated?published=1");
  });
  for (const [action, active] of [
    ["deactivate", false],
    ["activate", true],
  ] as const) {
    router.post(`/curated/:id/${action}`, admin, async (req, res) => {
      await setCuratedActive(services, curatedId(req), active, staffOf(req).username);
      res.redirect(303, `/admin/curated?${action}d=1`);
    });
  }

  router.get("/accounts", admin, async (req, res) => {
    const accounts = await storage.listStaffUsers();
    await viewed(req, "view_accounts", { rows: accounts.length });
    const name = typeof req.query.name === "string" ? req.query.name : "";
    const notice = !name
      ? undefined
      : req.query.enabled
        ? t.accounts.savedEnabled(name)
        : req.query.disabled
          ? t.accounts.savedDisabled(name)
          : undefined;
    await show(req, res, t.accounts.title, accountsPage(accounts, staffOf(req)), "accounts", notice);
  });
  for (const action of ["enable", "disable"] as const) {
    router.post(`/accounts/:username/${action}`, admin, async (req, res) => {
      const { username } = parseFields("accounts", accountParams, req.params);
      const me = staffOf(req).username;
      if (action === "disable" && username === me)
        throw new AppError("bad_request:accounts", t.errors.disableSelf);
      if (!(await storage.findStaffUser(username)))
        throw new AppError("not_found:accounts", t.errors.accountNotFound);
      await (action === "enable" ? enableAccount : disableAccount)(storage, username, me);
      res.redirect(303, `/admin/accounts?${action}d=1&name=${encodeURIComponent(username)}`);
    });
  }

  // The JSON API: the same operations for scripts and the console's enhancements (X-CSRF-Token header).
  router.get("/api/enquiries", async (req, res) => {
    const query = parseFields("enquiries", enquiryQuerySchema, req.query);
    const found = await storage.listEnquiries(toFilter(query));
    await viewed(req, "view_enquiries", {
      filter: auditedFilter(query),
      page: query.page,
      total: found.total,
      via: "api",
    });
    res.json({ ...found, page: query.page, pageSize: PAGE_SIZE });
  });
  router.get("/api/conversations/:id", async (req, res) => {
    const { id, details, formToolRuns } = await conversation(req);
    res.json({ conversationId: id, messages: details, formToolRuns });
  });
  router.get("/api/curated", async (req, res) => {
    const answers = await storage.listCuratedAnswers();
    await viewed(req, "view_curated", { rows: answers.length, via: "api" });
    res.json({ answers });
  });
  // A draft by anyone on staff; `publish: true` (admins) publishes it too.
  router.post("/api/curated", async (req, res) => {
    const { publish } = parseFields("curated", apiPublish, { publish: req.body?.publish });
    if (publish) mustPublish(req);
    const id = await createCurated(services, req.body ?? {}, staffOf(req).username);
    if (publish) await publishCurated(services, id, staffOf(req).username);
    res.status(201).json({ id, published: publish });
  });
  router.post("/api/curated/:id", async (req, res) => {
    const id = curatedId(req);
    const { publish } = parseFields("curated", apiPublish, { publish: req.body?.publish });
    if (publish) mustPublish(req);
    await editCurated(services, id, req.body ?? {}, staffOf(req).username);
    if (publish) await publishCurated(services, id, staffOf(req).username);
    res.json({ id, published: publish });
  });
  router.post("/api/curated/:id/publish", admin, async (req, res) => {
    const id = curatedId(req);
    await publishCurated(services, id, staffOf(req).username);
    res.json({ id, published: true });
  });
  for (const [action, active] of [
    ["deactivate", false],
    ["activate", true],
  ] as const) {
    router.post(`/api/curated/:id/${action}`, admin, async (req, res) => {
      const id = curatedId(req);
      await setCuratedActive(services, id, active, staffOf(req).username);
      res.json({ id, active });
    });
  }

  router.use(() => {
    throw new AppError("not_found:admin", t.errors.notFound);
  });
  router.use(adminErrors(auth));
  return router;
}

/**
 * Pages get their errors as pages: a 401 is the sign-in form (then back to the page asked for), other
 * 4xx an error page. The JSON API, and anything internal, goes on to the app's JSON error handler.
 */
function adminErrors(auth: AdminAuth): ErrorRequestHandler {
  return (err, req, res, next) => {
    const e = err as { type?: string };
    const error =
      err instanceof AppError
        ? err
        : e?.type === "entity.too.large"
          ? new AppError("payload_too_large:admin", messages.http.payloadTooLarge)
          : e?.type === "entity.parse.failed"
            ? new AppError("bad_request:admin", messages.http.invalidJson)
            : null;
    if (!error) return next(err);
    if (res.headersSent || error.status >= 500 || !wantsHtml(req)) return next(error);
    if (error.status === 401) {
      return auth.renderSignIn(req, res, 401, {
        next: req.method === "GET" ? safeNext(req.originalUrl) : undefined,
        notice: t.signIn.required,
      });
    }
    res
      .status(error.status)
      .type("html")
      .send(errorPage(error.message, viewerOf(req)));
  };
}
