import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createApp } from "../../../server/app.js";
import type { AppServices } from "../../../server/services.js";
import { loadConfig, type LlmConfig } from "../../../server/config.js";
import { createServices } from "../../../server/services.js";

export const root = fileURLToPath(new URL("../../../", import.meta.url));

async function listen(server: http.Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function closer(server: http.Server): () => Promise<void> {
  return () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
}

export interface RunningApp {
  url: string;
  services: AppServices;
  close(): Promise<void>;
}

/**
 * The real service (knowledge, index, pipeline, storage) on a temporary DATA_DIR and a free port;
 * offline unless `llm` points it at an OpenAI-compatible endpoint (a ScriptedOpenAiServer).
 */
export async function startApp(
  corsOrigins: string[] = [],
  options: { llm?: LlmConfig } = {},
): Promise<RunningApp> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "widget-browser-"));
  const env = {
    NODE_ENV: "test",
    LOG_LEVEL: "silent",
    DATA_DIR: dataDir,
    CORS_ORIGINS: corsOrigins.join(","),
    // Every browser test comes from 127.0.0.1: the per-address limits would otherwise be shared by all.
    RATE_LIMIT_PER_IP_PER_MINUTE: "100000",
    RATE_LIMIT_PER_CONVERSATION_PER_MINUTE: "100000",
  };
  const config = { ...loadConfig(env, root), llm: options.llm ?? null, embeddings: null };
  const services = await createServices(config);
  const server = http.createServer(createApp(services));
  const url = await listen(server);
  const stop = closer(server);
  return {
    url,
    services,
    async close() {
      await stop();
      await services.storage.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface HostPage {
  html: string;
  csp?: string;
}

/** Pages of a "host site" on its own origin, as a web editor would paste the widget's tag into them. */
export class HostSite {
  readonly pages = new Map<string, HostPage>();
  readonly requests: string[] = [];
  url = "";
  private readonly server = http.createServer((req, res) => {
    this.requests.push(req.url ?? "");
    const page = this.pages.get((req.url ?? "/").split("?")[0]!);
    if (req.url === "/favicon.ico") {
      res.writeHead(204).end();
      return;
    }
    if (!page) {
      res.writeHead(404, { "Content-Type": "text/plain" }).end("not found");
      return;
    }
    res.writeHead(200, {
      "Content-Type": "text/html; charset=utf-8",
      "Cache-Control": "no-store",
      ...(page.csp ? { "Content-Security-Policy": page.csp } : {}),
    });
    res.end(page.html);
  });
  private stop = closer(this.server);

  async start(): Promise<string> {
    this.url = await listen(this.server);
    return this.url;
  }

  close(): Promise<void> {
    return this.stop();
  }
}

/** A page with one or more widget tags; `attrs` are the tags' data-* attributes. */
export function pageWith(
  scriptSrc: string,
  widgets: Array<Record<string, string>>,
  options: { head?: string; body?: string } = {},
): string {
  const tags = widgets
    .map((attrs) => {
      const data = Object.entries(attrs)
        .map(([key, value]) => ` data-${key}="${value.replace(/&/g, "&amp;").replace(/"/g, "&quot;")}"`)
        .join("");
      return `<script src="${scriptSrc}"${data} async></script>`;
    })
    .join("\n");
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>宿主页面</title>${options.head ?? ""}</head>
<body><main><h1>宿主页面</h1><p><a href="#top">页面上的一个链接</a></p>${options.body ?? ""}</main>${tags}</body></html>`;
}

/** A free port with nothing listening on it (for "the service is down"). */
export async function closedPort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
