import { afterEach, describe, expect, it, vi } from "vitest";
import { eventReader, postEventStream, StreamError } from "../../widget/src/sse.js";

type Event = [name: string, data: string];

/** Feeds the chunks one after another, as the reader delivers them, then (unless told not to) ends the stream. */
function parseChunks(chunks: string[], { end = true } = {}): Event[] {
  const events: Event[] = [];
  const reader = eventReader((name, data) => events.push([name, data]));
  for (const chunk of chunks) reader.feed(chunk);
  if (end) reader.end();
  return events;
}

/** Every way of cutting `text` into two or three pieces. */
function* cuts(text: string): Generator<string[]> {
  for (let i = 0; i <= text.length; i++) {
    yield [text.slice(0, i), text.slice(i)];
    for (let j = i; j <= text.length; j += 7) yield [text.slice(0, i), text.slice(i, j), text.slice(j)];
  }
}

const STREAM = [
  ": keep-alive",
  "",
  "event: meta",
  'data: {"conversationId":"c_1"}',
  "",
  "event: delta",
  'data: {"text":"根据方案"}',
  "",
  "event: done",
  'data: {"answer":"根据方案原文"}',
  "",
  "",
].join("\n");

const EXPECTED: Event[] = [
  ["meta", '{"conversationId":"c_1"}'],
  ["delta", '{"text":"根据方案"}'],
  ["done", '{"answer":"根据方案原文"}'],
];

describe("eventReader (eventsource-parser)", () => {
  it("reads named events and keeps an incomplete one for the next chunk, or for the end", () => {
    const events: Event[] = [];
    const reader = eventReader((n, d) => events.push([n, d]));
    reader.feed('event: delta\ndata: {"text":"a"}\n\nevent: done\ndata: {"an');
    expect(events).toEqual([["delta", '{"text":"a"}']]);
    reader.feed('swer":"x"}');
    expect(events).toHaveLength(1);
    reader.end();
    expect(events).toEqual([
      ["delta", '{"text":"a"}'],
      ["done", '{"answer":"x"}'],
    ]);
  });

  it("gives the same events wherever the chunks are cut, each as soon as its blank line arrives", () => {
    for (const pieces of cuts(STREAM)) {
      expect(parseChunks(pieces), JSON.stringify(pieces)).toEqual(EXPECTED);
      expect(parseChunks(pieces, { end: false }), JSON.stringify(pieces)).toEqual(EXPECTED);
    }
  });

  it("accepts CRLF and lone CR line ends, even with a CRLF cut in two between chunks", () => {
    for (const eol of ["\r\n", "\r"]) {
      const stream = STREAM.replace(/\n/g, eol);
      for (const pieces of cuts(stream))
        expect(parseChunks(pieces), JSON.stringify(pieces)).toEqual(EXPECTED);
    }
    // "data: a\r" | "\ndata: b\r\n\r\n" is one event with two data lines, not two events.
    expect(parseChunks(["data: a\r", "\ndata: b\r\n\r\n"])).toEqual([["message", "a\nb"]]);
  });

  it("joins multi-line data with newlines and removes only one space after the colon", () => {
    expect(parseChunks(["event: delta\ndata: 第一行\ndata:  第二行\ndata\ndata:第四行\n\n"])).toEqual([
      ["delta", "第一行\n 第二行\n\n第四行"],
    ]);
  });

  it("skips comments, id and retry fields and unknown fields; an event without data is not dispatched", () => {
    const stream =
      ": comment\nid: 7\nretry: 1000\nfoo: bar\nevent: delta\n: inside\ndata: x\n\nevent: meta\n\n";
    expect(parseChunks([stream])).toEqual([["delta", "x"]]);
  });

  it("names an event without (or with an empty) event field 'message', and passes unknown names on", () => {
    expect(parseChunks(["data: a\n\nevent:\ndata: b\n\nevent: something-new\ndata: c\n\n"])).toEqual([
      ["message", "a"],
      ["message", "b"],
      ["something-new", "c"],
    ]);
  });
});

describe("postEventStream", () => {
  afterEach(() => vi.unstubAllGlobals());

  /** fetch answers with these byte chunks as an event stream. */
  function serve(chunks: Uint8Array[], init: ResponseInit = {}) {
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (const chunk of chunks) controller.enqueue(chunk);
        controller.close();
      },
    });
    const fetch = vi.fn(
      async () =>
        new Response(body, {
          status: 200,
          headers: { "Content-Type": "text/event-stream; charset=utf-8" },
          ...init,
        }),
    );
    vi.stubGlobal("fetch", fetch);
    return fetch;
  }

  async function run(): Promise<Array<[string, unknown]>> {
    const events: Array<[string, unknown]> = [];
    await postEventStream(
      "https://svc/api/chat",
      { message: "你好" },
      { signal: new AbortController().signal, onEvent: (name, data) => events.push([name, data]) },
    );
    return events;
  }

  it("decodes UTF-8 split inside a character and events split across chunks", async () => {
    const bytes = new TextEncoder().encode(STREAM);
    // Cut every three bytes: each Chinese character (three bytes) is split somewhere.
    const chunks = Array.from({ length: Math.ceil(bytes.length / 3) }, (_, i) =>
      bytes.slice(i * 3 + 1, i * 3 + 4),
    );
    serve([bytes.slice(0, 1), ...chunks]);
    expect(await run()).toEqual([
      ["meta", { conversationId: "c_1" }],
      ["delta", { text: "根据方案" }],
      ["done", { answer: "根据方案原文" }],
    ]);
  });

  it("POSTs JSON asking for an event stream, without cookies", async () => {
    const fetch = serve([new TextEncoder().encode('event: done\ndata: {"answer":"x"}\n\n')]);
    await run();
    expect(fetch).toHaveBeenCalledWith(
      "https://svc/api/chat",
      expect.objectContaining({
        method: "POST",
        body: JSON.stringify({ message: "你好" }),
        credentials: "omit",
        headers: { "Content-Type": "application/json", Accept: "text/event-stream" },
      }),
    );
  });

  it("skips an event whose data is not JSON", async () => {
    serve([new TextEncoder().encode('event: delta\ndata: {broken\n\nevent: done\ndata: {"answer":"x"}\n\n')]);
    expect(await run()).toEqual([["done", { answer: "x" }]]);
  });

  it("reads a last event the server did not close with a blank line", async () => {
    serve([new TextEncoder().encode('event: done\ndata: {"answer":"x"}')]);
    expect(await run()).toEqual([["done", { answer: "x" }]]);
  });

  it("calls a stream that ends before done or error interrupted", async () => {
    serve([new TextEncoder().encode('event: delta\ndata: {"text":"半句"}\n\n')]);
    await expect(run()).rejects.toMatchObject({ kind: "interrupted" });
  });

  it("turns a refusal into an http error carrying the service's message, and 5xx/429 into server errors", async () => {
    const json = (status: number) =>
      vi.stubGlobal(
        "fetch",
        vi.fn(
          async () =>
            new Response(JSON.stringify({ error: { message: "问题不能为空" } }), {
              status,
              headers: { "Content-Type": "application/json" },
            }),
        ),
      );
    json(400);
    await expect(run()).rejects.toMatchObject({ kind: "http", status: 400, message: "问题不能为空" });
    json(429);
    await expect(run()).rejects.toMatchObject({ kind: "server", status: 429 });
    json(503);
    await expect(run()).rejects.toMatchObject({ kind: "server", status: 503 });
  });

  it("treats a JSON reply (no stream) as the finished answer", async () => {
    vi.stubGlobal(
      "fetch",
      vi.fn(
        async () =>
          new Response('{"answer":"整段"}', { status: 200, headers: { "Content-Type": "application/json" } }),
      ),
    );
    expect(await run()).toEqual([["done", { answer: "整段" }]]);
  });

  it("tells a network failure from an abort", async () => {
    vi.stubGlobal(
      "fetch",
      vi.fn(async () => {
        throw new TypeError("Failed to fetch");
      }),
    );
    const error = await run().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StreamError);
    expect(error).toMatchObject({ kind: "network" });
    const abort = new AbortController();
    abort.abort();
    await expect(
      postEventStream("https://svc/api/chat", {}, { signal: abort.signal, onEvent: () => undefined }),
    ).rejects.toMatchObject({ kind: "aborted" });
  });
});
