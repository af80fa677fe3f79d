import { createParser } from "eventsource-parser";

/**
 * POST with `Accept: text/event-stream` and read the server-sent events from the response body
 * (EventSource cannot POST). Failures become a StreamError whose kind decides what the person is told.
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

/**
 * Reads an event stream fed in pieces of any size (eventsource-parser, which follows the WHATWG
 * rules: CR, LF or CRLF line ends even when cut between chunks, multi-line data, comments). An event
 * without a name is "message"; `end` dispatches a last event the server did not close with a blank line.
 */
export function eventReader(emit: (name: string, data: string) => void): {
  feed(chunk: string): void;
  end(): void;
} {
  const parser = createParser({ onEvent: (event) => emit(event.event || "message", event.data) });
  return { feed: (chunk) => parser.feed(chunk), end: () => parser.feed("\n\n") };
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
  const events = eventReader(emit);
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      options.onActivity?.();
      events.feed(decoder.decode(value, { stream: true }));
    }
    events.feed(decoder.decode());
    events.end();
  } catch {
    throw new StreamError(options.signal.aborted ? "aborted" : "interrupted");
  }
  if (!finished) throw new StreamError("interrupted");
}
