import { describe, expect, it } from "vitest";
import { sharedRun } from "../../../server/pipeline/rank/features.js";

describe("sharedRun", () => {
  it("is the longest run of the question's characters the text holds verbatim", () => {
    const text = "构建绿色工厂、绿色产品、绿色园区、绿色供应链“四位一体”的绿色制造体系";
    expect(sharedRun("绿色制造体系包括哪些内容", text)).toBe(6);
    // the same words, apart: only the longer of them
    expect(sharedRun("绿色制造体系包括哪些内容", "绿色制造数字赋能行动 探索建立数字化碳管理体系")).toBe(4);
  });

  it("is 0 for a run shorter than a phrase, and reads Han characters only", () => {
    expect(sharedRun("体系是什么", "碳管理体系")).toBe(0);
    expect(sharedRun("PUE要降到多少", "PUE降到1.3")).toBe(0);
  });
});
