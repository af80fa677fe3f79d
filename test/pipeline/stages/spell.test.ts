import { describe, expect, it } from "vitest";
import { spell } from "../../../server/pipeline/stages/spell.js";
import { useTestServices } from "../../support/services.js";
import { makeContext } from "../factories.js";

const env = useTestServices();

describe("spell", () => {
  it("reads a homophone slip as the plan's word, for every later stage", async () => {
    const ctx = await makeContext(env.deps, { message: "化工企业入圆率方案要求多少" });
    await spell(ctx);
    expect(ctx.message).toBe("化工企业入园率方案要求多少");
    expect(ctx.question).toBe(ctx.message);
  });

  it("leaves a message with no slip as it is", async () => {
    const ctx = await makeContext(env.deps, { message: "车间风机又吵又费电，有没有更省电的风机推荐？" });
    await spell(ctx);
    expect(ctx.message).toBe("车间风机又吵又费电，有没有更省电的风机推荐？");
  });

  it("answers the mended question: the plan's 入园率 target", async () => {
    const ctx = await env.services.pipeline.answer({
      message: "化工企业入圆率方案要求多少",
      conversationId: "c",
      history: [],
    });
    expect(ctx.answer.split("\n\n")[0]).toContain("70%");
  });
});
