import { describe, expect, it } from "vitest";
import {
  assignsTask,
  loadObligationWords,
  strengthOf,
  strengthWords,
} from "../../server/language/obligation.js";
import { root } from "../support/services.js";

const words = loadObligationWords(`${root}knowledge`);

describe("strengthOf", () => {
  it("reads orders and prohibitions as binding", () => {
    expect(strengthOf("严禁违规新增产能", words)).toBe("mandatory");
    expect(strengthOf("淘汰高耗能落后设备", words)).toBe("mandatory");
    expect(strengthWords("严格落实产能等量和减量置换政策", words, "mandatory")).toContain("严格落实");
  });

  it("reads promotion as encouragement, not a duty", () => {
    expect(strengthOf("鼓励企业开展清洁生产审核", words)).toBe("encouraged");
    expect(strengthOf("支持研发智能光伏组件", words)).toBe("encouraged");
  });

  it("reads a description as neither", () => {
    expect(strengthOf("到2025年，全市规模以上工业单位增加值能耗较2020年下降15%", words)).toBe("neutral");
  });

  it("lets an order in the sentence outweigh promotion beside it", () => {
    expect(strengthOf("推动高效用能设备优化匹配，严禁新增落后产能", words)).toBe("mandatory");
  });
});

describe("assignsTask", () => {
  it("reads a sentence that opens with a government body as that body's task", () => {
    expect(
      assignsTask("各县区、园区结合自身工业发展实际，编制本地相关方案，明确工作目标和重点任务。", words),
    ).toBe(true);
    expect(assignsTask("2、市有关部门加强协调配合，形成工作合力。", words)).toBe(true);
  });

  it("does not read promotion of a body, or a sentence about enterprises, as a task", () => {
    expect(assignsTask("鼓励各县区开展试点", words)).toBe(false);
    expect(assignsTask("各县区支持企业开展节能诊断", words)).toBe(false);
    expect(assignsTask("企业结合自身实际编制节能方案", words)).toBe(false);
  });
});
