import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";
import { Router } from "express";
import type { Logger } from "pino";
import type { AppServices } from "../services.js";
import { AppError } from "../http/errors.js";
import { messages } from "../messages.js";
import { projectRoot } from "../projectRoot.js";

/** The unversioned URL is revalidated often; the ETag makes that a 304. */
export const WIDGET_CACHE_CONTROL = "public, max-age=600, stale-while-revalidate=86400";

interface Bundle {
  code: Buffer;
  gzip: Buffer;
  etag: string;
  from: "dist" | "memory";
}

function newestSource(dir: string): number {
  return fs.readdirSync(dir, { withFileTypes: true }).reduce((newest, entry) => {
    const file = path.join(dir, entry.name);
    return Math.max(newest, entry.isDirectory() ? newestSource(file) : fs.statSync(file).mtimeMs);
  }, 0);
}

/**
 * dist/widget/widget.js when it is there and not older than widget/src; otherwise a bundle built in
 * memory by widget/build.mjs (esbuild, a devDependency), so a plain checkout serves it too.
 */
export async function loadWidgetBundle(root = projectRoot()): Promise<Bundle> {
  const built = path.join(root, "dist", "widget", "widget.js");
  const sources = path.join(root, "widget", "src");
  const fresh =
    fs.existsSync(built) && (!fs.existsSync(sources) || newestSource(sources) <= fs.statSync(built).mtimeMs);
  let code: Buffer;
  if (fresh) {
    code = fs.readFileSync(built);
  } else {
    const script = path.join(root, "widget", "build.mjs");
    if (!fs.existsSync(script))
      throw new Error(`No ${built} and no ${script} to build it: run \`npm run build\` and deploy dist/.`);
    const { buildWidget } = (await import(pathToFileURL(script).href)) as { buildWidget(): Promise<string> };
    code = Buffer.from(await buildWidget());
  }
  return {
    code,
    gzip: gzipSync(code, { level: 9 }),
    etag: `"${createHash("sha256").update(code).digest("base64url").slice(0, 27)}"`,
    from: fresh ? "dist" : "memory",
  };
}

/** GET /widget.js: the embeddable widget, one file, gzip when accepted, ETag and Cache-Control. */
export function widgetRouter({ logger }: Pick<AppServices, "logger">): Router {
  let bundle: Promise<Bundle> | null = null;
  const load = () => {
    bundle ??= loadWidgetBundle().then(
      (b) => {
        logger.info({ from: b.from, bytes: b.code.length, gzipBytes: b.gzip.length }, "widget bundle ready");
        return b;
      },
      (err: unknown) => {
        bundle = null;
        throw err;
      },
    );
    return bundle;
  };
  // Built at start-up, not on the first visitor's request; a failure is logged and retried on request.
  load().catch((err: unknown) => logWidgetError(logger, err));

  const router = Router();
  router.get("/widget.js", async (req, res) => {
    let b: Bundle;
    try {
      b = await load();
    } catch (err) {
      logWidgetError(logger, err);
      throw new AppError("internal:widget", messages.http.internal);
    }
    res.setHeader("Content-Type", "application/javascript; charset=utf-8");
    res.setHeader("Cache-Control", WIDGET_CACHE_CONTROL);
    res.setHeader("ETag", b.etag);
    res.setHeader("Vary", "Accept-Encoding");
    res.setHeader("X-Content-Type-Options", "nosniff");
    res.setHeader("Cross-Origin-Resource-Policy", "cross-origin");
    res.setHeader("Access-Control-Allow-Origin", "*");
    if (req.fresh) {
      res.status(304).end();
      return;
    }
    const gzip = req.acceptsEncodings("gzip", "identity") === "gzip";
    if (gzip) res.setHeader("Content-Encoding", "gzip");
    const body = gzip ? b.gzip : b.code;
    res.setHeader("Content-Length", String(body.length));
    res.status(200).end(req.method === "HEAD" ? undefined : body);
  });
  return router;
}

function logWidgetError(logger: Logger, err: unknown): void {
  logger.error({ err }, "widget bundle unavailable");
}
