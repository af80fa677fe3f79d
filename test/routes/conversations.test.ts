import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CONVERSATION_ID } from "../../server/conversation/ids.js";
import type { Storage } from "../../server/storage/types.js";
import { buildApp, storageWith, type BuiltApp } from "../support/appWith.js";

let built: BuiltApp;
beforeAll(async () => {
  built = await buildApp();
});
afterAll(async () => {
  await built?.close();
});

const make = (body?: object) => request(built.app).post("/api/conversations").send(body);

describe("POST /api/conversations", () => {
  it("makes a conversation the service holds, with an id of the service's own each time", async () => {
    const first = await make({});
    const second = await make();
    expect(first.status).toBe(201);
    expect(first.body).toEqual({ conversationId: expect.stringMatching(CONVERSATION_ID) });
    expect(second.body.conversationId).not.toBe(first.body.conversationId);
    expect(await built.services.storage.conversationExists(first.body.conversationId)).toBe(true);
  });

  it("is the conversation a later question goes on in", async () => {
    const { conversationId } = (await make({})).body as { conversationId: string };
    const reply = await request(built.app)
      .post("/api/chat")
      .send({ message: "钢铁行业2025年的目标是什么", conversationId });
    expect(reply.body.conversationId).toBe(conversationId);
  });

  it("refuses a body with fields, naming them in Chinese: a question belongs in POST /api/chat", async () => {
    const res = await make({ message: "钢铁行业的目标是什么" });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("bad_request:conversations");
    expect(res.body.error.message).toContain("message");
    expect(res.body.error.message).toMatch(/[\u4e00-\u9fff]/);
  });

  it("answers 503 with Retry-After when the database refuses, never a 500", async () => {
    const refusing = await buildApp({
      storage: (real: Storage) =>
        storageWith(real, {
          createConversation: async () => {
            throw Object.assign(new Error("database or disk is full"), { code: "SQLITE_FULL" });
          },
        }),
    });
    try {
      const res = await request(refusing.app).post("/api/conversations").send({});
      expect(res.status).toBe(503);
      expect(res.headers["retry-after"]).toBe("30");
      expect(res.body.error.code).toBe("unavailable:storage");
    } finally {
      await refusing.close();
    }
  });
});
