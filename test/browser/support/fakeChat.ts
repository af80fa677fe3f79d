import http from "node:http";
import type { AddressInfo } from "node:net";

export type ScriptStep =
  { event: string; data: unknown; delayMs?: number } | { hang: true; delayMs?: number };

export interface FakeReply {
  steps: ScriptStep[];
  /** wait this long before sending the response headers */
  headersAfterMs?: number;
}

/**
 * A stand-in for the chat service that plays scripted server-sent events, with CORS like the real
 * one, for what the real service never sends: hostile Markdown, resets, errors, slowness, hanging.
 */
export class FakeChatServer {
  readonly requests: Array<{ path: string; body: Record<string, unknown> }> = [];
  private replies: FakeReply[] = [];
  private readonly server = http.createServer((req, res) => this.handle(req, res));
  url = "";

  /** Each chat request takes the next reply; the last one repeats. */
  respondWith(...replies: FakeReply[]): void {
    this.replies = replies;
  }

  async start(port = 0): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(port, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.url;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    res.setHeader("Access-Control-Allow-Origin", "*");
    if (req.method === "OPTIONS") {
      res
        .writeHead(204, {
          "Access-Control-Allow-Methods": "GET, POST",
          "Access-Control-Allow-Headers": "Content-Type, Accept",
        })
        .end();
      return;
    }
    let raw = "";
    req.on("data", (chunk) => (raw += chunk));
    req.on("end", () => {
      const path = req.url ?? "";
      this.requests.push({ path, body: raw ? (JSON.parse(raw) as Record<string, unknown>) : {} });
      if (path === "/api/chat") void this.play(res);
      else if (path === "/api/feedback")
        res.writeHead(201, { "Content-Type": "application/json" }).end('{"stored":true}');
      else
        res
          .writeHead(404, { "Content-Type": "application/json" })
          .end('{"error":{"code":"not_found:route","message":"not found"}}');
    });
  }

  private async play(res: http.ServerResponse): Promise<void> {
    const reply = (this.replies.length > 1 ? this.replies.shift() : this.replies[0]) ?? { steps: [] };
    if (reply.headersAfterMs) await sleep(reply.headersAfterMs);
    res.writeHead(200, { "Content-Type": "text/event-stream; charset=utf-8", "Cache-Control": "no-cache" });
    res.flushHeaders();
    for (const step of reply.steps) {
      if (step.delayMs) await sleep(step.delayMs);
      if ("hang" in step) return;
      res.write(`event: ${step.event}\ndata: ${JSON.stringify(step.data)}\n\n`);
    }
    res.end();
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The events of one complete answer, as the real service sends them. */
export function answerSteps(
  answer: string,
  options: {
    citations?: Array<{
      id: string;
      unitId: string;
      breadcrumb: string;
      quote: string;
      responsibleUnits?: { lead: string[]; support: string[]; raw: string } | null;
    }>;
    chunkMs?: number;
    conversationId?: string;
    messageId?: string;
  } = {},
): ScriptStep[] {
  const conversationId = options.conversationId ?? "c_fakefakefakefakefakefa";
  const messageId = options.messageId ?? "m-fake-1";
  const citations = options.citations ?? [];
  const chunks = answer.match(/[\s\S]{1,40}/g) ?? [];
  return [
    { event: "meta", data: { conversationId, messageId } },
    ...chunks.map((text) => ({ event: "delta", data: { text }, delayMs: options.chunkMs ?? 0 })),
    { event: "citations", data: { citations } },
    {
      event: "done",
      data: { conversationId, messageId, status: "answered", mode: "offline", answer, citations, tools: [] },
    },
  ];
}
