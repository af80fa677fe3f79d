import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import express from "express";
import pino from "pino";
import request from "supertest";
import { afterEach, describe, expect, it } from "vitest";
import { errorHandler } from "../../server/http/errors.js";
import { DEMO_CSP, demoRouter } from "../../server/routes/demo.js";
import { projectRoot } from "../../server/projectRoot.js";
import { loadWidgetBundle, WIDGET_CACHE_CONTROL, widgetRouter } from "../../server/routes/widget.js";

const root = projectRoot();
const temps: string[] = [];

afterEach(() => {
  for (const dir of temps.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** A project folder with package.json and links to the real widget sources and build script. */
function tempRoot(options: { script?: boolean; sources?: boolean } = {}): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "widget-root-"));
  temps.push(dir);
  fs.writeFileSync(path.join(dir, "package.json"), "{}");
  if (options.sources !== false) {
    fs.mkdirSync(path.join(dir, "widget"));
    fs.symlinkSync(path.join(root, "widget", "src"), path.join(dir, "widget", "src"));
  }
  if (options.script !== false) {
    fs.mkdirSync(path.join(dir, "widget"), { recursive: true });
    fs.symlinkSync(path.join(root, "widget", "build.mjs"), path.join(dir, "widget", "build.mjs"));
  }
  return dir;
}

function app() {
  const a = express();
  a.use(widgetRouter({ logger: pino({ level: "silent" }) }));
  a.use(demoRouter());
  a.use(errorHandler(pino({ level: "silent" })));
  return a;
}

describe("GET /widget.js", () => {
  it("serves one gzipped script with an ETag and a public Cache-Control", async () => {
    const res = await request(app()).get("/widget.js").set("Accept-Encoding", "gzip");
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toBe("application/javascript; charset=utf-8");
    expect(res.headers["content-encoding"]).toBe("gzip");
    expect(res.headers["cache-control"]).toBe(WIDGET_CACHE_CONTROL);
    expect(res.headers["etag"]).toMatch(/^"[\w-]{27}"$/);
    expect(res.headers["vary"]).toContain("Accept-Encoding");
    // The target from the issue: at most 30 KB gzipped, all in one file.
    expect(Number(res.headers["content-length"])).toBeLessThanOrEqual(30 * 1024);
    expect(res.text).toContain("tdf-chat-widget");
  });

  it("answers 304 to a matching If-None-Match", async () => {
    const a = app();
    const first = await request(a).get("/widget.js");
    const again = await request(a).get("/widget.js").set("If-None-Match", first.headers["etag"]!);
    expect(again.status).toBe(304);
    expect(again.text ?? "").toBe("");
  });

  it("contains no eval, no Function constructor and no innerHTML", async () => {
    const { code } = await loadWidgetBundle();
    const text = code.toString();
    expect(text).not.toMatch(/\beval\(|new Function|innerHTML|outerHTML|insertAdjacentHTML|document\.write/);
  });
});

describe("where the bundle comes from", () => {
  it("builds it in memory when dist/widget/widget.js is missing", async () => {
    const bundle = await loadWidgetBundle(tempRoot());
    expect(bundle.from).toBe("memory");
    expect(bundle.code.toString()).toContain("tdf-chat-widget");
  });

  it("serves dist/widget/widget.js when it is newer than the sources", async () => {
    const dir = tempRoot();
    fs.mkdirSync(path.join(dir, "dist", "widget"), { recursive: true });
    fs.writeFileSync(path.join(dir, "dist", "widget", "widget.js"), "/* built */");
    const bundle = await loadWidgetBundle(dir);
    expect(bundle).toMatchObject({ from: "dist" });
    expect(bundle.code.toString()).toBe("/* built */");
  });

  it("rebuilds when the sources changed after the last build", async () => {
    const dir = tempRoot();
    const built = path.join(dir, "dist", "widget", "widget.js");
    fs.mkdirSync(path.dirname(built), { recursive: true });
    fs.writeFileSync(built, "/* stale */");
    fs.utimesSync(built, new Date(0), new Date(0));
    expect((await loadWidgetBundle(dir)).from).toBe("memory");
  });

  it("says what to do when there is neither a build nor the build script", async () => {
    await expect(loadWidgetBundle(tempRoot({ script: false }))).rejects.toThrow(/npm run build/);
  });
});

describe("GET / and /demo", () => {
  it("serve the bureau demo page under the strict CSP, with the widget by its tag and nothing inline", async () => {
    for (const route of ["/", "/demo"]) {
      const res = await request(app()).get(route);
      expect(res.status).toBe(200);
      expect(res.headers["content-security-policy"]).toBe(DEMO_CSP);
      expect(res.text).toContain("淮南市经济和信息化局");
      expect(res.text).toMatch(/<script\s+src="\/widget\.js"[^>]*\sasync\s*><\/script>/);
      expect(res.text.match(/<script\b[^>]*>/g)?.every((tag) => tag.includes("src="))).toBe(true);
      expect(res.text).not.toMatch(/<style|style=|\son[a-z]+=/i);
    }
    expect(DEMO_CSP).not.toContain("unsafe");
  });

  it("serve the page's stylesheet as a file", async () => {
    const res = await request(app()).get("/demo/demo.css");
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toBe("text/css; charset=utf-8");
  });
});
