import { describe, expect, it } from "vitest";
import { classifyIntent } from "../../../server/pipeline/understand/intent.js";
import { loadQuestionForms } from "../../../server/language/questionForms.js";
import { readAsks } from "../../../server/pipeline/understand/asks.js";
import { root } from "../../support/services.js";

const forms = loadQuestionForms(`${root}knowledge`);
const asksWho = (question: string) => readAsks(question, forms).who;

describe("classifyIntent", () => {
  it("calls anything the calculators understood a calculation", () => {
    expect(classifyIntent("节能降碳改造由哪个部门牵头？", "benchmark_gap")).toBe("calculation");
  });

  it("calls a look-up of the benchmark figures a benchmark lookup, not a calculation", () => {
    expect(classifyIntent("电炉钢标杆是多少", "benchmark_lookup")).toBe("benchmark_lookup");
  });

  describe("responsible unit", () => {
    it.each([
      "节能降碳改造由哪个部门牵头？",
      "工业固废归谁管",
      "绿色工厂的责任单位是哪些",
      "这事找谁",
      "哪个局负责电机能效提升",
      "清洁生产审核由谁负责",
      "用能预算管理是经信局负责吧",
      "两高项目排查，牵头和参与的单位分别有哪些",
    ])("“%s”", (question) => {
      expect(classifyIntent(question, null, asksWho(question))).toBe("responsible_unit");
    });
  });

  describe("money and services", () => {
    it.each([
      "有没有补贴",
      "节能改造能申请专项资金吗",
      "绿色信贷怎么贷款",
      "合同能源管理是什么",
      "能不能请第三方做节能诊断",
    ])("“%s”", (question) => {
      expect(classifyIntent(question, null)).toBe("money_services");
    });
  });

  describe("advice for an enterprise", () => {
    it.each(["我们是做水泥的", "我厂能做哪些节能改造", "小企业可以做什么", "咱们这种小厂怎么办"])(
      "“%s”",
      (question) => {
        expect(classifyIntent(question, null)).toBe("enterprise_advice");
      },
    );
  });

  describe("a calculation asked without figures the calculators could use", () => {
    it("is a calculation when it compares a figure", () => {
      expect(classifyIntent("标杆值100和102差多少", null)).toBe("calculation");
    });

    it("is a plan fact when it names no figure", () => {
      expect(classifyIntent("水泥熟料的标杆值是多少", null)).toBe("plan_fact");
    });
  });

  describe("plan facts", () => {
    it.each([
      "规上工业单位增加值能耗到2025年要降多少",
      "专栏3讲的是什么",
      "方案的文号是什么",
      "工业领域碳排放什么时候达峰",
    ])("“%s”", (question) => {
      expect(classifyIntent(question, null)).toBe("plan_fact");
    });
  });

  it("puts the responsible unit before money: “补贴由哪个部门负责” asks who", () => {
    expect(classifyIntent("专项资金由哪个部门负责", null, asksWho("专项资金由哪个部门负责"))).toBe(
      "responsible_unit",
    );
  });
});
