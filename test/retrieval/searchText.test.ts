import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { loadKnowledgeBase } from "../../server/knowledge/knowledgeBase.js";
import { passageFields, passageSearchText } from "../../server/retrieval/searchText.js";

const knowledge = loadKnowledgeBase(fileURLToPath(new URL("../../knowledge/", import.meta.url)));
const passage = (id: string) => knowledge.passage(id)!;

describe("passageFields", () => {
  it("splits a measure's breadcrumb into its own title and the titles above it, without numbering", () => {
    expect(passageFields(passage("hn2023:2.2.3#1"), knowledge)).toMatchObject({
      title: "开展节能降碳升级改造",
      context: "重点任务 节能提效助力减碳行动",
      children: "",
    });
  });

  describe("when the unit's text introduces the units under it", () => {
    it("adds their titles: 二、重点任务 and its six actions", () => {
      const fields = passageFields(passage("hn2023:2#1"), knowledge);
      expect(fields).toMatchObject({ title: "重点任务", context: "" });
      expect(fields.children.split(" ")).toEqual([
        "产业结构优化提升行动",
        "节能提效助力减碳行动",
        "绿色体系协同减碳行动",
        "资源循环利用减碳行动",
        "绿色低碳创新应用行动",
        "绿色制造数字赋能行动",
      ]);
      expect(passageFields(passage("hn2023:3#1"), knowledge).children).toBe(
        "钢铁行业 建材行业 化工行业 装备制造行业 电子信息行业",
      );
    });
  });

  it("holds the same words as the text the vectors embed, apart from the children's titles", () => {
    for (const p of knowledge.passages) {
      const { title, context, text } = passageFields(p, knowledge);
      expect([context, title, text].filter(Boolean).join(" ")).toBe(passageSearchText(p));
    }
  });
});
