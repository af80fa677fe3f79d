import { describe, expect, it } from "vitest";
import { isGreetingOrHelp } from "../../../server/pipeline/guard/greeting.js";

describe("isGreetingOrHelp", () => {
  describe("greetings and thanks", () => {
    it.each([
      "你好",
      "您好！",
      "你好呀~",
      "嗨",
      "在吗",
      "早上好！",
      "谢谢",
      "多谢。",
      "hi",
      "Hello!",
      "hey",
      "Thanks",
      "thank you",
    ])("recognises “%s”", (message) => {
      expect(isGreetingOrHelp(message)).toBe(true);
    });
  });

  describe("requests for help", () => {
    it.each([
      "你能帮我做什么？",
      "你可以做什么",
      "你是谁",
      "怎么用",
      "帮助",
      "help",
      "有什么功能？",
      "您好，这个助手怎么用？",
      "这个系统如何使用",
      "你好，你能做什么？",
    ])("recognises “%s”", (message) => {
      expect(isGreetingOrHelp(message)).toBe(true);
    });
  });

  it("ignores surrounding spaces", () => {
    expect(isGreetingOrHelp("  你好  ")).toBe(true);
  });

  describe("a greeting with a question in it is a question", () => {
    it.each([
      "你好，水泥熟料标杆值是多少",
      "您好，我想问一下节能降碳改造由哪个部门牵头",
      "谢谢你的回答，那电机呢",
      "hello, what is the 2025 target?",
      "能源管理系统怎么用",
      "你好你好",
    ])("does not treat “%s” as a greeting", (message) => {
      expect(isGreetingOrHelp(message)).toBe(false);
    });
  });
});
