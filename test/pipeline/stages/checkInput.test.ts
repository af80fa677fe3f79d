import request from "supertest";
import { describe, expect, it } from "vitest";
import { messages } from "../../../server/messages.js";
import { AnswerPipeline } from "../../../server/pipeline/index.js";
import { checkInput, MAX_MESSAGE_LENGTH } from "../../../server/pipeline/stages/checkInput.js";
import { useTestServices } from "../../support/services.js";
import { makeContext } from "../factories.js";

const env = useTestServices({ llm: true });

const PHONE = "13812345678";
const ID_CARD = "34040219900101123X";
const QUESTION = `我是张工，手机${PHONE}，身份证${ID_CARD}。规上工业单位增加值能耗到2025年要降多少？`;

describe("checkInput", () => {
  it("strips invisible characters, folds full-width digits and redacts personal data", async () => {
    const ctx = await makeContext(env.deps, { rawMessage: `吨熟料\u200b１１０千克，手机${PHONE}\u202e` });
    await checkInput(ctx);
    expect(ctx.message).toBe("吨熟料110千克，手机[手机号已隐去]");
    expect(ctx.question).toBe(ctx.message);
    expect(ctx.redactions).toEqual(["mobile"]);
    expect(ctx.stopped).toBe(false);
  });

  it("keeps the raw message only where it came in", async () => {
    const ctx = await makeContext(env.deps, { rawMessage: QUESTION });
    await checkInput(ctx);
    expect(ctx.rawMessage).toBe(QUESTION);
    expect(ctx.message).not.toContain(PHONE);
    expect(ctx.message).not.toContain(ID_CARD);
    expect([...ctx.redactions].sort()).toEqual(["id_card", "mobile"]);
  });

  describe("the length limit", () => {
    it(`cuts a message to ${MAX_MESSAGE_LENGTH} characters`, async () => {
      const ctx = await makeContext(env.deps, { rawMessage: "节能".repeat(MAX_MESSAGE_LENGTH) });
      await checkInput(ctx);
      expect(ctx.message).toHaveLength(MAX_MESSAGE_LENGTH);
    });

    it("counts only visible characters", async () => {
      const ctx = await makeContext(env.deps, {
        rawMessage: `${"\u200b".repeat(500)}${"节".repeat(MAX_MESSAGE_LENGTH)}`,
      });
      await checkInput(ctx);
      expect(ctx.message).toBe("节".repeat(MAX_MESSAGE_LENGTH));
    });
  });

  describe("when nothing visible is left", () => {
    it.each([
      ["only zero-width characters", "\u200b\u200c\uFEFF"],
      ["only control characters", "\u0000\u0007\u001b"],
      ["only spaces", "  \n\t "],
    ])("stops with invalid_empty for %s", async (_case, rawMessage) => {
      const ctx = await makeContext(env.deps, { rawMessage });
      await checkInput(ctx);
      expect(ctx).toMatchObject({
        status: "invalid_empty",
        stopped: true,
        answer: messages.answer.empty,
        message: "",
      });
    });
  });

  describe("redaction comes before anything else sees the message", () => {
    it("no later stage, no search and no calculator is ever given the raw number", async () => {
      env.llmServer!.respondWith({
        kind: "text",
        chunks: ["到2025年，全市规模以上工业单位增加值能耗较2020年下降15%[1]。"],
      });
      const seen: string[] = [];
      const record = <T extends object>(target: T): T =>
        new Proxy(target, {
          get(object, property) {
            const value = Reflect.get(object, property, object) as unknown;
            if (typeof value !== "function") return value;
            return (...args: unknown[]) => {
              seen.push(JSON.stringify(args));
              return (value as (...a: unknown[]) => unknown).apply(object, args);
            };
          },
        });
      const pipeline = new AnswerPipeline(
        { ...env.deps, searcher: record(env.deps.searcher), calculators: record(env.deps.calculators) },
        env.offTopic,
      );
      const events: unknown[] = [];
      const ctx = await pipeline.answer({
        message: QUESTION,
        conversationId: "c_test",
        history: [],
        emit: (event) => events.push(event),
      });

      expect(ctx.status).toBe("answered");
      expect(seen.length).toBeGreaterThan(0);
      const everything = JSON.stringify({
        seen,
        events,
        ctx: { ...ctx, deps: undefined, rawMessage: undefined },
        llm: env.llmServer!.requests,
      });
      expect(everything).not.toContain(PHONE);
      expect(everything).not.toContain(ID_CARD);
      expect(everything).toContain("[手机号已隐去]");
    });

    it("through the chat API: the stored turn, the LLM request, the reply and the logs hold no raw number", async () => {
      env.llmServer!.respondWith({
        kind: "text",
        chunks: ["到2025年，全市规模以上工业单位增加值能耗较2020年下降15%[1]。"],
      });
      const logsBefore = env.logs.length;
      const res = await request(env.app).post("/api/chat").send({ message: QUESTION });

      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ status: "answered", mode: "llm" });
      expect(env.llmServer!.requests).toHaveLength(1);
      const llmBody = JSON.stringify(env.llmServer!.requests[0]!.body);
      expect(llmBody).toContain("[手机号已隐去]");
      expect(llmBody).toContain("[身份证号已隐去]");

      const stored = await env.services.storage.conversation(res.body.conversationId as string);
      expect(stored).toHaveLength(1);
      expect(stored[0]!.question).toContain("[手机号已隐去]");
      const turns = await env.services.storage.history(res.body.conversationId as string, 6);
      expect(turns[0]!.question).toContain("[手机号已隐去]");

      for (const text of [
        llmBody,
        JSON.stringify(stored),
        JSON.stringify(turns),
        res.text,
        JSON.stringify(env.logs.slice(logsBefore)),
      ]) {
        expect(text).not.toContain(PHONE);
        expect(text).not.toContain(ID_CARD);
      }
    });
  });
});
