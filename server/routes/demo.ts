import fs from "node:fs";
import path from "node:path";
import { Router, type Response } from "express";
import { projectRoot } from "../projectRoot.js";

/**
 * The strict policy the demo page is served under: the page's own CSS is a file, the widget is one
 * script from this origin, and it talks only to this origin. No inline script or style anywhere.
 */
export const DEMO_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "connect-src 'self'",
  "img-src 'self' data:",
  "style-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'self'",
].join("; ");

const FILES: Record<string, { file: string; type: string }> = {
  "/demo/demo.css": { file: "demo.css", type: "text/css; charset=utf-8" },
  "/demo/emblem.svg": { file: "emblem.svg", type: "image/svg+xml" },
};

/** GET / and /demo: a page in the style of the bureau's website with the widget embedded by its tag. */
export function demoRouter(dir = path.join(projectRoot(), "widget", "demo")): Router {
  const cache = new Map<string, Buffer>();
  const read = (file: string) => {
    if (!cache.has(file)) cache.set(file, fs.readFileSync(path.join(dir, file)));
    return cache.get(file)!;
  };
  const send = (res: Response, file: string, type: string, cacheControl: string) => {
    res.setHeader("Content-Type", type);
    res.setHeader("Cache-Control", cacheControl);
    res.setHeader("X-Content-Type-Options", "nosniff");
    res.send(read(file));
  };
  const router = Router();
  router.get(["/", "/demo"], (_req, res) => {
    res.setHeader("Content-Security-Policy", DEMO_CSP);
    res.setHeader("Referrer-Policy", "no-referrer");
    send(res, "index.html", "text/html; charset=utf-8", "no-cache");
  });
  for (const [route, { file, type }] of Object.entries(FILES)) {
    router.get(route, (_req, res) => send(res, file, type, "public, max-age=3600"));
  }
  return router;
}
