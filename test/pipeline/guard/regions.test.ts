import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { RegionDetector } from "../../../server/pipeline/guard/regions.js";
import { ScopeGuard } from "../../../server/pipeline/guard/scope.js";
import { readScopeFile } from "../../../server/pipeline/guard/scopeVocabulary.js";

const knowledgeDir = fileURLToPath(new URL("../../../knowledge", import.meta.url));
const file = readScopeFile(knowledgeDir);
const forms = ScopeGuard.load(knowledgeDir);
const place = (message: string, detector = new RegionDetector(file.regions)) =>
  detector.otherPlace(forms.forms(message))?.zh ?? null;

describe("RegionDetector", () => {
  it("finds another city's, province's or the nation's plan or policy", () => {
    expect(place("芜湖市工业领域碳达峰实施方案的目标是什么")).toBe("芜湖市");
    expect(place("马鞍山有没有钢铁行业的补贴")).toBe("马鞍山市");
    expect(place("深圳的碳达峰政策")).toBe("深圳市");
    expect(place("全国的工业领域碳达峰方案什么时候出的")).toBe("全国");
  });

  it("finds a place in a question about what the assistant covers", () => {
    expect(place("你们能查合肥的吗")).toBe("合肥市");
  });

  it("ignores a place mentioned in passing, without a plan or policy", () => {
    expect(place("淮南南站到合肥南的高铁几点开")).toBeNull();
    expect(place("合肥的住房公积金怎么提取")).toBeNull();
    expect(place("我们厂在合肥，产品卖到江苏，能耗标准按哪个")).toBeNull();
  });

  it("never reads 淮南, its counties or the river as another place", () => {
    expect(place("寿县有什么政策")).toBeNull();
    expect(place("淮河北岸的企业有什么政策")).toBeNull();
  });

  describe("the province's and the nation's plans, which this plan follows", () => {
    it("are another place's when asked about for themselves", () => {
      expect(place("安徽省工业领域碳达峰实施方案对水泥有什么要求")).toBe("安徽省");
    });

    it("are this plan's business when the question names 淮南 or asks how the plan follows them", () => {
      expect(place("淮南的方案和安徽省工业领域碳达峰实施方案有什么不同")).toBeNull();
      expect(place("方案是根据安徽省工业领域碳达峰实施方案制定的吗")).toBeNull();
    });

    it("count only as carbon-peaking plans: 国家产业规划 and 省级资金 are the plan's own words", () => {
      expect(place("未纳入国家产业规划的项目还能建吗")).toBeNull();
      expect(place("安徽省有哪些节能补贴政策")).toBeNull();
    });
  });

  it("leaves out the places whose documents the knowledge base holds", () => {
    const covering = new RegionDetector(file.regions, ["芜湖市工业领域碳达峰实施方案"]);
    expect(place("芜湖市工业领域碳达峰实施方案的目标", covering)).toBeNull();
    expect(place("合肥市工业领域碳达峰实施方案的目标", covering)).toBe("合肥市");
  });
});
