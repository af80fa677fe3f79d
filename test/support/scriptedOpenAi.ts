import http from "node:http";
import type { AddressInfo } from "node:net";

/** One scripted reply of the fake OpenAI-compatible endpoint. */
export type ScriptedReply =
  /** finish "length": the endpoint stopped at max_tokens. */
  | { kind: "text"; chunks: string[]; delayMs?: number; finish?: "stop" | "length" }
  | { kind: "tool_call"; name: string; arguments: string; id?: string; delayMs?: number }
  | { kind: "status"; status: number; body?: string }
  | { kind: "hang" }
  | { kind: "drop"; chunks: string[] }
  | { kind: "slow"; chunks: string[]; delayMs: number }
  /** Sends `chunks`, then waits for `until` before sending `after` and finishing. */
  | { kind: "gated"; chunks: string[]; until: Promise<unknown>; after: string[] };

export interface RecordedRequest {
  path: string;
  body: {
    model?: string;
    messages?: Array<{ role: string; content: unknown }>;
    tools?: unknown[];
    stream?: boolean;
    max_tokens?: number;
  };
}

/**
 * A scripted OpenAI-compatible chat endpoint on 127.0.0.1, for tests that go through the real
 * `openai` client: each request takes the next reply from the script (the last one repeats).
 */
export class ScriptedOpenAiServer {
  readonly requests: RecordedRequest[] = [];
  private script: ScriptedReply[] = [];
  private choose: ((request: RecordedRequest) => ScriptedReply) | null = null;
  private readonly server: http.Server;
  private readonly sockets = new Set<import("node:net").Socket>();

  constructor() {
    this.server = http.createServer((req, res) => this.handle(req, res));
    this.server.on("connection", (socket) => {
      this.sockets.add(socket);
      socket.on("close", () => this.sockets.delete(socket));
    });
  }

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/v1`;
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  respondWith(...replies: ScriptedReply[]): void {
    this.script = replies;
    this.choose = null;
    this.requests.length = 0;
  }

  /** Replies chosen from each request (e.g. by its question), for runs whose order of requests is not fixed. */
  respondBy(choose: (request: RecordedRequest) => ScriptedReply): void {
    this.choose = choose;
    this.requests.length = 0;
  }

  private next(request: RecordedRequest): ScriptedReply {
    if (this.choose) return this.choose(request);
    return (this.script.length > 1 ? this.script.shift() : this.script[0]) ?? { kind: "status", status: 500 };
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    let raw = "";
    req.on("data", (chunk) => (raw += chunk));
    req.on("end", () => {
      const request: RecordedRequest = { path: req.url ?? "", body: raw ? JSON.parse(raw) : {} };
      this.requests.push(request);
      void this.reply(this.next(request), res);
    });
  }

  private async reply(reply: ScriptedReply, res: http.ServerResponse): Promise<void> {
    if (reply.kind === "hang") return;
    if (reply.kind === "status") {
      res.writeHead(reply.status, { "Content-Type": "application/json" });
      res.end(reply.body ?? JSON.stringify({ error: { message: "scripted failure", type: "server_error" } }));
      return;
    }
    res.writeHead(200, { "Content-Type": "text/event-stream", "Cache-Control": "no-cache" });
    const send = (delta: object, finish: string | null = null) =>
      res.write(
        `data: ${JSON.stringify({ id: "chatcmpl-test", object: "chat.completion.chunk", created: 0, model: "scripted", choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`,
      );
    if (reply.kind === "tool_call") {
      send({
        role: "assistant",
        tool_calls: [
          {
            index: 0,
            id: reply.id ?? "call_1",
            type: "function",
            function: { name: reply.name, arguments: "" },
          },
        ],
      });
      // A slow tool round: the call is announced at once, its arguments come after the delay.
      if (reply.delayMs) await new Promise((r) => setTimeout(r, reply.delayMs));
      if (res.destroyed) return;
      send({ tool_calls: [{ index: 0, function: { arguments: reply.arguments } }] });
      send({}, "tool_calls");
      res.end("data: [DONE]\n\n");
      return;
    }
    const delay = reply.kind === "slow" ? reply.delayMs : reply.kind === "text" ? (reply.delayMs ?? 0) : 0;
    for (const chunk of reply.chunks) {
      if (delay) await new Promise((r) => setTimeout(r, delay));
      if (res.destroyed) return;
      send({ content: chunk });
    }
    if (reply.kind === "gated") {
      await reply.until;
      for (const chunk of reply.after) if (!res.destroyed) send({ content: chunk });
      if (res.destroyed) return;
    }
    if (reply.kind === "drop") {
      // Let the chunks leave first: Node corks a response's first writes, and destroying the socket in
      // the same tick discards them, so the client would see a failed connection instead of a drop.
      await new Promise((r) => setTimeout(r, 20));
      res.socket?.destroy();
      return;
    }
    send({}, reply.kind === "text" ? (reply.finish ?? "stop") : "stop");
    res.end("data: [DONE]\n\n");
  }
}
