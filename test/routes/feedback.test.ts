import express from "express";
import pino from "pino";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InMemoryFeedbackStore } from "../../server/feedback/feedbackStore.js";
import { errorHandler } from "../../server/http/errors.js";
import { feedbackRouter } from "../../server/routes/feedback.js";
import { buildApp, type BuiltApp } from "../support/appWith.js";

const CONVERSATION = "c_AAAAAAAAAAAAAAAAAAAAAA";
const MESSAGE = "6f1c1f7e-2b7a-4c1e-9d55-0a3b8f1f2c11";

function app(store = new InMemoryFeedbackStore((c, m) => c === CONVERSATION && m === MESSAGE)) {
  const a = express();
  a.use(express.json());
  a.use("/api", feedbackRouter({ feedbackStore: store }));
  a.use(errorHandler(pino({ level: "silent" })));
  return { a, store };
}

describe("POST /api/feedback", () => {
  describe("for an answer the service gave", () => {
    it("stores 👍 and answers 201", async () => {
      const { a, store } = app();
      const res = await request(a)
        .post("/api/feedback")
        .send({ conversationId: CONVERSATION, messageId: MESSAGE, rating: "up" });
      expect(res.status).toBe(201);
      expect(res.body).toEqual({ stored: true, message: "感谢您的反馈！" });
      expect(store.list()).toMatchObject([
        { conversationId: CONVERSATION, messageId: MESSAGE, rating: "up" },
      ]);
    });

    it("replaces an earlier rating of the same answer, with its new comment", async () => {
      const { a, store } = app();
      await request(a)
        .post("/api/feedback")
        .send({ conversationId: CONVERSATION, messageId: MESSAGE, rating: "up" });
      await request(a).post("/api/feedback").send({
        conversationId: CONVERSATION,
        messageId: MESSAGE,
        rating: "down",
        comment: "  没有回答我的问题  ",
      });
      expect(store.list()).toMatchObject([{ rating: "down", comment: "没有回答我的问题" }]);
    });

    it("keeps the earlier comment when the new rating has none", async () => {
      const { a, store } = app();
      await request(a).post("/api/feedback").send({
        conversationId: CONVERSATION,
        messageId: MESSAGE,
        rating: "down",
        comment: "没有回答我的问题",
      });
      await request(a)
        .post("/api/feedback")
        .send({ conversationId: CONVERSATION, messageId: MESSAGE, rating: "up" });
      expect(store.list()).toMatchObject([{ rating: "up", comment: "没有回答我的问题" }]);
    });

    it("redacts personal data in the comment before it is stored", async () => {
      const { a, store } = app();
      await request(a).post("/api/feedback").send({
        conversationId: CONVERSATION,
        messageId: MESSAGE,
        rating: "down",
        comment: "请打我电话13912345678",
      });
      expect(store.list()[0]?.comment).toBe("请打我电话[手机号已隐去]");
    });
  });

  describe("when the request is wrong", () => {
    it("names every field at fault in Chinese", async () => {
      const { a } = app();
      const res = await request(a)
        .post("/api/feedback")
        .send({ conversationId: "x", rating: "meh", comment: "长".repeat(501) });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe("bad_request:feedback");
      expect(res.body.error.fields.map((f: { field: string }) => f.field).sort()).toEqual([
        "comment",
        "conversationId",
        "messageId",
        "rating",
      ]);
      expect(res.body.error.message).toContain("参数“rating”应为以下之一：up、down。");
    });

    it("answers 404 for an answer it does not know", async () => {
      const { a, store } = app();
      const res = await request(a)
        .post("/api/feedback")
        .send({ conversationId: CONVERSATION, messageId: "unknown-message", rating: "up" });
      expect(res.status).toBe(404);
      expect(res.body.error).toMatchObject({
        code: "not_found:feedback",
        message: "找不到这条回答或计算结果（会话可能已过期），反馈未保存。",
      });
      expect(store.list()).toEqual([]);
    });
  });
});

describe("POST /api/feedback on the database (SQLite on a temporary file)", () => {
  let built: BuiltApp;
  beforeAll(async () => {
    built = await buildApp();
  });
  afterAll(async () => {
    await built?.close();
  });

  const rate = (body: object) => request(built.app).post("/api/feedback").send(body);
  const stored = async (messageId: string) =>
    (await built.services.storage.listFeedback(50)).find((row) => row.messageId === messageId);

  it("keeps the comment when the answer is rated again without one, and replaces it with a new one", async () => {
    const reply = (await request(built.app).post("/api/chat").send({ message: "钢铁行业2025年的目标是什么" }))
      .body as { conversationId: string; messageId: string };
    const ids = { conversationId: reply.conversationId, messageId: reply.messageId };
    expect((await rate({ ...ids, rating: "down", comment: "没有说明钢铁行业的具体指标" })).status).toBe(201);
    expect((await rate({ ...ids, rating: "up" })).status).toBe(201);
    expect(await stored(reply.messageId)).toMatchObject({
      rating: "up",
      feedbackComment: "没有说明钢铁行业的具体指标",
    });
    expect((await rate({ ...ids, rating: "up", comment: "  " })).status).toBe(201);
    expect((await stored(reply.messageId))?.feedbackComment).toBe("没有说明钢铁行业的具体指标");
    await rate({ ...ids, rating: "up", comment: "现在清楚了，电话13912345678" });
    expect(await stored(reply.messageId)).toMatchObject({
      rating: "up",
      feedbackComment: "现在清楚了，电话[手机号已隐去]",
    });
  });

  it("rates a form calculation by the runId its reply carried, stored on the run and not among answers", async () => {
    const { conversationId } = (await request(built.app).post("/api/conversations").send({})).body as {
      conversationId: string;
    };
    const { runId } = (
      await request(built.app)
        .post("/api/tools/benchmark-gap")
        .send({ product: "熟料", unitConsumption: 110, conversationId })
    ).body as { runId: string };
    const res = await rate({ conversationId, messageId: runId, rating: "up", comment: "一目了然" });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ stored: true, message: "感谢您的反馈！" });
    expect(await built.services.storage.formToolRuns(conversationId)).toEqual([
      expect.objectContaining({ id: runId, rating: "up", feedbackComment: "一目了然" }),
    ]);
    expect(await stored(runId)).toBeUndefined();
  });
});
