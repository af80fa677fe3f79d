/**
 * POST with `Accept: text/event-stream` and read the server-sent events by hand (EventSource cannot
 * POST). Failures become a StreamError whose kind decides what the person is told.
 */
export type StreamErrorKind = "network" | "http" | "server" | "timeout" | "interrupted" | "aborted";

export class StreamError extends Error {
  constructor(
    readonly kind: StreamErrorKind,
    message = "",
    readonly status = 0,
  ) {
    super(message || kind);
  }
}

export interface StreamOptions {
  signal: AbortSignal;
  onEvent(name: string, data: unknown): void;
  /** Called whenever bytes arrive, so the caller can tell a slow network from a dead one. */
  onActivity?(): void;
}

/** Splits a growing buffer into complete events; returns what is left over. */
export function parseEvents(buffer: string, emit: (name: string, data: string) => void): string {
  // A "\r" that ends a line of text may be half of a "\r\n" cut by the chunks: it waits for the next
  // chunk. One that ends an empty line dispatches now; a "\n" after it only makes another empty line.
  const held = /[^\r\n]\r$/.test(buffer) ? "\r" : "";
  const blocks = buffer
    .slice(0, buffer.length - held.length)
    .replace(/\r\n?/g, "\n")
    .split("\n\n");
  const rest = (blocks.pop() ?? "") + held;
  for (const block of blocks) {
    let name = "message";
    const data: string[] = [];
    for (const line of block.split("\n")) {
      if (!line || line.startsWith(":")) continue;
      const colon = line.indexOf(":");
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? "" : line.slice(colon + 1).replace(/^ /, "");
      if (field === "event") name = value || "message";
      else if (field === "data") data.push(value);
    }
    if (data.length) emit(name, data.join("\n"));
  }
  return rest;
}

async function errorMessage(res: Response): Promise<string> {
  try {
    const body = (await res.json()) as { error?: { message?: string } };
    return body.error?.message ?? "";
  } catch {
    return "";
  }
}

export async function postEventStream(url: string, body: unknown, options: StreamOptions): Promise<void> {
  let res: Response;
  try {
    res = await fetch(url, {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "text/event-stream" },
      body: JSON.stringify(body),
      signal: options.signal,
      credentials: "omit",
    });
  } catch {
    throw new StreamError(options.signal.aborted ? "aborted" : "network");
  }
  options.onActivity?.();
  if (!res.ok) {
    const message = await errorMessage(res);
    throw new StreamError(res.status >= 500 || res.status === 429 ? "server" : "http", message, res.status);
  }
  if (!(res.headers.get("Content-Type") ?? "").includes("text/event-stream") || !res.body) {
    options.onEvent("done", await res.json().catch(() => null));
    return;
  }
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  let finished = false;
  const emit = (name: string, raw: string) => {
    let data: unknown = null;
    try {
      data = JSON.parse(raw);
    } catch {
      return;
    }
    if (name === "done" || name === "error") finished = true;
    options.onEvent(name, data);
  };
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      options.onActivity?.();
      buffer = parseEvents(buffer + decoder.decode(value, { stream: true }), emit);
    }
    parseEvents(buffer + decoder.decode() + "\n\n", emit);
  } catch {
    throw new StreamError(options.signal.aborted ? "aborted" : "interrupted");
  }
  if (!finished) throw new StreamError("interrupted");
}
