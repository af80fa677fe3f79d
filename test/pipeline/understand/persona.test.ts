import { describe, expect, it } from "vitest";
import { guessPersona, personaOf } from "../../../server/pipeline/understand/persona.js";

describe("guessPersona", () => {
  it("reads a plant's own figures as an enterprise, a client's as a service provider, a department's as staff", () => {
    expect(guessPersona("我们厂水泥熟料综合能耗 110 千克标准煤每吨，达到标杆了吗？")).toBe("sme");
    expect(guessPersona("我们公司为客户编制节能方案，合同能源管理项目怎么申报")).toBe("provider");
    expect(guessPersona("局里要答复群众来电，节能诊断由谁组织")).toBe("staff");
  });

  it("does not take asking which department is responsible for being staff", () => {
    expect(guessPersona("节能降碳改造由哪个部门牵头？")).toBe("public");
    expect(guessPersona("这件事归什么单位管")).toBe("public");
  });
});

describe("personaOf a conversation", () => {
  it("lets the latest message decide when it shows who asks (a cement plant is not a member of the public)", () => {
    expect(
      personaOf(["节能降碳改造由哪个部门牵头？"], "我们厂水泥熟料综合能耗 110 千克标准煤每吨，达标了吗？"),
    ).toBe("sme");
    expect(personaOf(["局里要答复群众来电"], "我们厂水泥熟料达标了吗")).toBe("sme");
  });

  it("keeps what was said earlier when the latest message shows nothing", () => {
    expect(personaOf(["我们厂水泥熟料达标了吗"], "那电机呢？")).toBe("sme");
    expect(personaOf([], "那电机呢？")).toBe("public");
  });
});
