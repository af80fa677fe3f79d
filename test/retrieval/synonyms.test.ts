import fs from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { loadKnowledgeBase } from "../../server/knowledge/knowledgeBase.js";
import { SynonymTable } from "../../server/retrieval/synonyms.js";

const file = fileURLToPath(new URL("../../knowledge/retrieval/synonyms.json", import.meta.url));
const table = SynonymTable.fromFile(file);
const groups = (JSON.parse(fs.readFileSync(file, "utf8")) as { groups: string[][] }).groups;

describe("SynonymTable", () => {
  describe("with the reviewed table in knowledge/retrieval", () => {
    it.each([
      ["我们厂的空压机很老了", "压缩机"],
      ["用绿电有什么说法", "绿色电力"],
      ["电炉炼钢有什么要求", "电弧炉"],
      ["屋顶装太阳能可以吗", "光伏"],
      ["规上企业要做什么", "规模以上"],
      ["有没有补贴", "资金支持"],
    ])("adds the plan's term for an everyday word: %s → %s", (query, term) => {
      expect(table.expand(query).added).toContain(term);
    });

    it("appends the added terms to the query for the vector side", () => {
      expect(table.expand("空压机要换吗")).toEqual({
        added: ["压缩机"],
        expandedText: "空压机要换吗 压缩机",
      });
    });

    it("matches Latin variants whatever their case", () => {
      expect(table.expand("emc模式是什么").added).toEqual(["合同能源管理"]);
    });

    describe("when the question already uses the plan's term", () => {
      it("adds nothing for it", () => {
        expect(table.expand("电弧炉和电炉有什么区别").added).not.toContain("电弧炉");
        expect(table.expand("空气压缩机能效").added).not.toContain("压缩机");
        expect(table.expand("规模以上工业企业").added).toEqual([]);
      });
    });

    describe("when the question has no everyday word", () => {
      it("leaves the query as it is", () => {
        expect(table.expand("单位产品综合能耗")).toEqual({ added: [], expandedText: "单位产品综合能耗" });
      });
    });
  });

  describe("the reviewed table itself", () => {
    const planText = loadKnowledgeBase(fileURLToPath(new URL("../../knowledge/", import.meta.url)))
      .units.map((u) => `${u.title}\n${u.text}`)
      .join("\n")
      .replace(/[“”]/g, "");

    it("leads every group with a term the plan uses", () => {
      expect(groups.map(([term]) => term!).filter((term) => !planText.includes(term))).toEqual([]);
    });

    it("lists no variant that contains its own term, which could never be used", () => {
      expect(
        groups.flatMap(([term, ...variants]) =>
          variants.filter((v) => v.includes(term!)).map((v) => `${term} ← ${v}`),
        ),
      ).toEqual([]);
    });

    describe("when a question uses a word the plan uses for something of its own", () => {
      it.each([
        ["再制造产业是哪个局牵头的", "责任单位"],
        ["企业的碳排放信息要不要公开", "二氧化碳排放"],
        ["规上企业能耗要降多少", "单位产品综合能耗"],
        ["市经济和信息化局负责哪些工作", "数字化"],
        ["生产线智能化改造有支持吗", "数字化"],
        ["余热余压回收利用怎么说", "再生资源"],
        ["上级文件有哪些", "印发"],
        ["能耗限额标准先进值是什么", "能效标杆水平"],
        ["绿色低碳发展评价怎么开展", "一站式"],
      ])("does not turn it into another plan term: %s ↛ %s", (query, term) => {
        expect(table.expand(query).added).not.toContain(term);
      });
    });
  });

  describe("with groups of its own", () => {
    it("looks at longer variants first, whatever the order of the groups", () => {
      const own = new SynonymTable([
        ["钢铁", "炼钢"],
        ["电弧炉", "电炉炼钢"],
      ]);
      expect(own.expand("电炉炼钢怎么降碳").added).toEqual(["电弧炉", "钢铁"]);
    });

    it("adds a term once even when several of its variants occur", () => {
      expect(new SynonymTable([["资金支持", "补贴", "奖补"]]).expand("补贴和奖补").added).toEqual([
        "资金支持",
      ]);
    });

    it("is empty when the file is missing", () => {
      expect(SynonymTable.fromFile("/nonexistent/synonyms.json").expand("空压机").added).toEqual([]);
    });
  });
});
