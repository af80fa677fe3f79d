import fs from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { DocumentFormatError } from "../../server/knowledge/frontMatter.js";
import { parseDocument } from "../../server/knowledge/parseDocument.js";
import { MAX_PASSAGE_CHARS } from "../../server/knowledge/passages.js";
import type { Unit } from "../../server/knowledge/types.js";

const planFile = fileURLToPath(new URL("../../knowledge/documents/hn2023.md", import.meta.url));
const plan = parseDocument(fs.readFileSync(planFile, "utf8"), "documents/hn2023.md");

function unit(id: string): Unit {
  const found = plan.units.find((u) => u.id === id);
  if (!found) throw new Error(`no unit ${id}`);
  return found;
}

const children = (id: string) => unit(id).childIds.map(unit);
const squash = (text: string) => text.replace(/\s+/g, "");
/** Sentences as a reader counts them: up to 。；！？, with a responsibility clause that follows kept on. */
const sentences = (text: string) => text.match(/[^。；！？\n]+(?:[。；！？]+(?:（[^（）]*）)?|$)/g) ?? [];

describe("parseDocument on the plan", () => {
  describe("its metadata", () => {
    it("comes from the front-matter", () => {
      expect(plan.meta).toEqual({
        id: "hn2023",
        title: "淮南市工业领域碳达峰实施方案",
        number: "淮经信节能〔2023〕19号",
        issuers: ["淮南市经济和信息化局", "淮南市发展和改革委员会", "淮南市生态环境局"],
        date: "2023-05-31",
        source: "sources/hn2023.raw.txt",
        file: "documents/hn2023.md",
        shortName: "方案",
        status: { state: "现行", date: null, replacedBy: null },
      });
    });

    it("names a document by its title in 《》 and takes it as in force when the front-matter does not say", () => {
      const doc = parseDocument(
        "---\ntitle: 示例文件\nnumber: 示〔2024〕1号\nissuer: 示例局\ndate: 2024-01-01\n---\n\n一、总则\n\n本文件用于测试。\n",
        "demo.md",
      );
      expect(doc.meta).toMatchObject({ shortName: "《示例文件》", status: { state: "现行", date: null, replacedBy: null } });
    });

    it("reads a repeal or a replacement, with its date and successor", () => {
      const doc = parseDocument(
        "---\ntitle: 示例文件\nnumber: 示〔2020〕1号\nissuer: 示例局\ndate: 2020-01-01\nstatus: 已被替代\nstatusDate: 2024-05-01\nreplacedBy: 示例文件（修订）\n---\n\n一、总则\n\n本文件用于测试。\n",
        "demo.md",
      );
      expect(doc.meta.status).toEqual({ state: "已被替代", date: "2024-05-01", replacedBy: "示例文件（修订）" });
    });
  });

  describe("the tree of units", () => {
    it("gives every unit a unique id of the documented form", () => {
      const ids = plan.units.map((u) => u.id);
      expect(new Set(ids).size).toBe(ids.length);
      const grammar = /^hn2023:(notice|preamble|\d|\d\.\d|\d\.\d\.\d+|\d\.\d\.p\d+|zl\d(\.\d+)?|3\.\d\.(r\d+|benchmark|target))$/;
      expect(ids.filter((id) => !grammar.test(id))).toEqual([]);
    });

    it("links every child to its parent and back", () => {
      for (const u of plan.units) {
        for (const childId of u.childIds) expect(unit(childId).parentId).toBe(u.id);
        if (u.parentId) expect(unit(u.parentId).childIds).toContain(u.id);
      }
    });

    it("keeps the notice and the plan's opening apart from the numbered parts", () => {
      expect(unit("hn2023:notice").text).toContain("淮经信节能〔2023〕19号");
      expect(unit("hn2023:notice").text).toContain("2023年5月31日");
      expect(unit("hn2023:preamble").text).toMatch(/^为深入贯彻落实.*制定本实施方案。$/);
    });

    it("has the five parts", () => {
      const parts = plan.units.filter((u) => u.kind === "part");
      expect(parts.map((u) => [u.id, u.title])).toEqual([
        ["hn2023:1", "总体要求"],
        ["hn2023:2", "重点任务"],
        ["hn2023:3", "重点行业实施路径"],
        ["hn2023:4", "保障措施"],
        ["hn2023:5", "组织实施"],
      ]);
    });

    it("has the six actions under 二、重点任务", () => {
      const actions = children("hn2023:2").filter((u) => u.kind === "section");
      expect(actions.map((u) => [u.id, u.label, u.title])).toEqual([
        ["hn2023:2.1", "（一）", "产业结构优化提升行动"],
        ["hn2023:2.2", "（二）", "节能提效助力减碳行动"],
        ["hn2023:2.3", "（三）", "绿色体系协同减碳行动"],
        ["hn2023:2.4", "（四）", "资源循环利用减碳行动"],
        ["hn2023:2.5", "（五）", "绿色低碳创新应用行动"],
        ["hn2023:2.6", "（六）", "绿色制造数字赋能行动"],
      ]);
    });

    it("has the four 基本原则 as paragraphs of their own", () => {
      expect(children("hn2023:1.2").map((u) => [u.id, u.title])).toEqual([
        ["hn2023:1.2.p1", "总体部署，分类施策"],
        ["hn2023:1.2.p2", "政策引导，企业主体"],
        ["hn2023:1.2.p3", "创新驱动，数字赋能"],
        ["hn2023:1.2.p4", "系统推进，稳妥有序"],
      ]);
    });

    it("has the eight 专栏 with their titles and entries, each under its action", () => {
      const columns = plan.units.filter((u) => u.kind === "column");
      expect(columns.map((u) => [u.id, u.title, u.childIds.length, u.parentId])).toEqual([
        ["hn2023:zl1", "产业结构优化", 2, "hn2023:2.1"],
        ["hn2023:zl2", "“1445”提质增效", 4, "hn2023:2.2"],
        ["hn2023:zl3", "工业能效提升", 3, "hn2023:2.2"],
        ["hn2023:zl4", "绿色体系协同", 2, "hn2023:2.3"],
        ["hn2023:zl5", "循环经济发展", 2, "hn2023:2.4"],
        ["hn2023:zl6", "绿色低碳创新", 2, "hn2023:2.5"],
        ["hn2023:zl7", "绿色低碳产品供给", 4, "hn2023:2.5"],
        ["hn2023:zl8", "数字化网络化智能化绿色化", 3, "hn2023:2.6"],
      ]);
      expect(children("hn2023:zl3").map((u) => u.title)).toEqual(["工业能效提升", "通用设备能效提升", "重点行业能效领跑"]);
      expect(children("hn2023:zl7").map((u) => u.title)).toEqual(["绿色设计产品", "智能光伏产品", "新能源汽车产品", "绿色建材产品"]);
    });

    describe("when a numbered measure follows a 专栏", () => {
      it("belongs to the action again, not to the column", () => {
        expect(unit("hn2023:2.2.4").parentId).toBe("hn2023:2.2");
        expect(unit("hn2023:2.2.4").title).toBe("强化用能监督管理");
        expect(children("hn2023:2.2").map((u) => u.id)).toEqual([
          "hn2023:2.2.1",
          "hn2023:2.2.2",
          "hn2023:2.2.3",
          "hn2023:zl2",
          "hn2023:2.2.4",
          "hn2023:zl3",
        ]);
      });
    });

    it("gives each unit the breadcrumb a reader would cite", () => {
      const crumb = (id: string) => unit(id).breadcrumb.join(" › ");
      expect(crumb("hn2023:2.2.3")).toBe("二、重点任务 › （二）节能提效助力减碳行动 › 3. 开展节能降碳升级改造");
      expect(crumb("hn2023:zl3.2")).toBe("二、重点任务 › （二）节能提效助力减碳行动 › 专栏3 工业能效提升 › 通用设备能效提升");
      expect(crumb("hn2023:1.2.p3")).toBe("一、总体要求 › （二）基本原则 › 创新驱动，数字赋能");
      expect(crumb("hn2023:3.2.benchmark")).toBe("三、重点行业实施路径 › （二）建材行业 › 重点产品（工序）能效标杆值");
      expect(crumb("hn2023:3.1.r1")).toBe("三、重点行业实施路径 › （一）钢铁行业 › 产能控制");
    });
  });

  describe("the five sector tables under 三、重点行业实施路径", () => {
    const sectors = () => children("hn2023:3").filter((u) => u.kind === "sector");

    it("are one sector unit each, with their rows", () => {
      expect(
        sectors().map((u) => [u.id, u.sector?.industry, u.sector?.rows.length, u.sector?.rows.flatMap((r) => r.measures).length]),
      ).toEqual([
        ["hn2023:3.1", "钢铁", 4, 8],
        ["hn2023:3.2", "建材", 4, 8],
        ["hn2023:3.3", "化工", 4, 7],
        ["hn2023:3.4", "装备制造", 4, 7],
        ["hn2023:3.5", "电子信息", 3, 4],
      ]);
    });

    it("keep each row's 路径 and its numbered measures in order", () => {
      const steel = unit("hn2023:3.1").sector!;
      expect(steel.rows.map((r) => r.path)).toEqual(["产能控制", "产品优化", "技术创新", "循环耦合"]);
      expect(steel.rows[0]!.measures).toEqual([
        { number: 1, text: "严格落实产能置换要求" },
        { number: 2, text: "有序引导电炉短流程炼钢发展" },
      ]);
      expect(unit("hn2023:3.5").sector!.rows.map((r) => r.path)).toEqual(["产业集聚", "能源结构优化", "产品优化"]);
      for (const sector of sectors()) {
        const numbers = sector.sector!.rows.flatMap((r) => r.measures.map((m) => m.number));
        expect(numbers).toEqual(numbers.map((_, i) => i + 1));
      }
    });

    it("make each row a citable unit holding its measures", () => {
      expect(unit("hn2023:3.2.r1").text).toBe("1、退出低效产能，严禁违规新增产能，严格执行水泥产能置换政策。");
      expect(children("hn2023:3.3").map((u) => u.id)).toEqual([
        "hn2023:3.3.r1",
        "hn2023:3.3.r2",
        "hn2023:3.3.r3",
        "hn2023:3.3.r4",
        "hn2023:3.3.benchmark",
        "hn2023:3.3.target",
      ]);
    });

    it("read the energy-efficiency benchmarks with their conditions", () => {
      const benchmarks = (id: string) => unit(id).sector!.benchmarks.map(({ product, condition, value, unit }) => ({ product, condition, value, unit }));
      const t = "千克标准煤/吨";
      expect(benchmarks("hn2023:3.1")).toEqual([{ product: "电弧炉冶炼", condition: "公称容量≥50吨", value: 61, unit: t }]);
      expect(benchmarks("hn2023:3.2")).toEqual([{ product: "水泥熟料", condition: undefined, value: 100, unit: t }]);
      expect(benchmarks("hn2023:3.3")).toEqual([
        { product: "煤制烯烃", condition: undefined, value: 2800, unit: t },
        { product: "合成氨", condition: "优质无烟块煤为原料", value: 1100, unit: t },
        { product: "纯碱", condition: "联碱法（轻质）", value: 160, unit: t },
        { product: "纯碱", condition: "联碱法（重质）", value: 210, unit: t },
      ]);
    });

    describe("when a table has no benchmark column", () => {
      it("has no benchmarks and no benchmark unit", () => {
        for (const id of ["hn2023:3.4", "hn2023:3.5"]) {
          expect(unit(id).sector!.benchmarks).toEqual([]);
          expect(plan.units.some((u) => u.id === `${id}.benchmark`)).toBe(false);
        }
      });
    });

    it("keep the 总体实施目标 text year by year, each clause under the year it falls under", () => {
      const years = (id: string) => unit(id).sector!.targets;
      expect(years("hn2023:3.1")).toEqual([{ year: 2025, text: "2025年，电弧炉炼钢工序能耗达到国内先进水平。" }]);
      expect(years("hn2023:3.2")).toEqual([
        { year: 2025, text: "2025年，吨水泥熟料综合能耗水平降至102千克标准煤/吨；" },
        { year: 2030, text: "2030年，原燃材料替代水平显著提高；在水泥等行业改造建设的协同增效的绿色低碳生产线。" },
      ]);
      expect(years("hn2023:3.3")).toEqual([
        { year: 2025, text: "2025年，化工产业集群实力显著提升，“入园率”达到70%以上，大宗产品单位产品能耗和碳排放明显下降；" },
        { year: 2030, text: "2030年，化工企业“入园率”进一步提升；煤制烯烃等单位产品能耗水平保持国内领先。" },
      ]);
      for (const id of ["hn2023:3.4", "hn2023:3.5"]) expect(years(id).map((t) => t.year)).toEqual([2025, 2030]);
      // Together the years hold the whole cell, word for word.
      for (const sector of sectors()) expect(sector.sector!.targets.map((t) => t.text).join("")).toBe(unit(`${sector.id}.target`).text);
      expect(unit("hn2023:3.1.target").text).toBe("2025年，电弧炉炼钢工序能耗达到国内先进水平。");
      expect(unit("hn2023:3.4.target").text).toMatch(/^2025年，一体化压铸成形.*规范条件企业。$/);
    });
  });

  describe("the responsible units (责任单位)", () => {
    const groups = (id: string) => unit(id).responsibility.map((g) => g.units);

    it("name the lead and the supporting units of a measure", () => {
      expect(groups("hn2023:2.2.3")).toEqual([
        {
          lead: ["市经济和信息化局"],
          support: ["市发展改革委", "市市场监管局"],
          raw: "市经济和信息化局牵头，市发展改革委、市市场监管局等按职责分工负责",
          alsoResponsible: ["各县区人民政府", "园区管委会"],
        },
      ]);
      expect(groups("hn2023:2.5.1").map((g) => g.lead)).toEqual([["市科技局"]]);
      expect(groups("hn2023:2.1.2")[0]!.lead).toEqual(["市发展改革委"]);
      expect(groups("hn2023:2.1.2")[0]!.support).toEqual(["市经济和信息化局", "市自然资源和规划局", "市生态环境局", "市住房和城乡建设局"]);
    });

    describe("when a measure has several clauses", () => {
      it("gives each clause the sentences since the previous one", () => {
        const [first, second] = unit("hn2023:2.2.4").responsibility;
        expect(unit("hn2023:2.2.4").responsibility).toHaveLength(2);
        expect(first!.units).toMatchObject({ lead: ["市发展改革委"], support: [], raw: "市发展改革委负责" });
        expect(first!.sentences).toMatch(/^强化用能监督管理。.*加强固定资产投资项目节能审查。（责任单位：市发展改革委负责）$/);
        expect(second!.units.lead).toEqual(["市经济和信息化局"]);
        expect(second!.units.raw).toContain("牵头");
        expect(second!.sentences).toMatch(/^聚焦高耗能行业.*带头开展节能自愿承诺。（责任单位：.*）$/);
      });

      it("keeps the last clause to its own sentence", () => {
        const last = unit("hn2023:2.4.3").responsibility.at(-1)!;
        expect(last.sentences).toBe("推进“无废城市”建设。（责任单位：市生态环境局负责）");
        expect(last.units).toMatchObject({ lead: ["市生态环境局"], support: [] });
      });
    });

    it("read the bare clause that opens 三、重点行业实施路径", () => {
      expect(groups("hn2023:3")).toEqual([
        {
          lead: ["市经济和信息化局"],
          support: ["市发展改革委", "市生态环境局"],
          raw: "市经济和信息化局牵头，市发展改革委、市生态环境局等按职责分工负责",
          alsoResponsible: ["各县区人民政府", "园区管委会"],
        },
      ]);
    });

    describe("when 二（一）1. makes the counties and parks share every measure (均需…负责，下同)", () => {
      const local = ["各县区人民政府", "园区管委会"];

      it("read them where the plan writes them", () => {
        expect(groups("hn2023:2.1.1")[0]).toMatchObject({
          lead: ["市六大新兴产业推进组工作专班成员单位"],
          support: local,
          alsoResponsible: local,
        });
      });

      it("carry them to the later clauses, leaving lead and support as written", () => {
        expect(groups("hn2023:2.1.1")[1]).toEqual({
          lead: ["市经济和信息化局"],
          support: ["市发展改革委"],
          raw: "市经济和信息化局牵头，市发展改革委配合",
          alsoResponsible: local,
        });
        expect(groups("hn2023:2.3.1")).toEqual([
          {
            lead: ["市经济和信息化局"],
            support: ["市生态环境局", "市市场监管局"],
            raw: "市经济和信息化局牵头，市生态环境局、市市场监管局等按职责分工负责",
            alsoResponsible: local,
          },
        ]);
        expect(groups("hn2023:2.4.3").at(-1)).toEqual({ lead: ["市生态环境局"], support: [], raw: "市生态环境局负责", alsoResponsible: local });
      });

      it("reach every clause of the document and the passages that hold them", () => {
        const clauses = plan.units.flatMap((u) => u.responsibility);
        expect(clauses.length).toBeGreaterThan(30);
        for (const { units } of clauses) expect(units.alsoResponsible).toEqual(local);
        expect(plan.passages.find((p) => p.id === "hn2023:2.4.3#3")!.responsibleUnits?.alsoResponsible).toEqual(local);
      });
    });
  });

  describe("the quantitative targets", () => {
    const targets = (id: string) => unit(id).targets.map(({ year, indicator, value, unit }) => ({ year, indicator, value, unit }));

    it("find the 2025 energy-intensity target of 主要目标", () => {
      expect(targets("hn2023:1.3")).toEqual([{ year: 2025, indicator: "全市规模以上工业单位增加值能耗", value: 15, unit: "%" }]);
      expect(unit("hn2023:1.3").targets[0]!.relation).toBe("较2020年下降");
    });

    it("find the green-factory counts for 2030", () => {
      expect(targets("hn2023:2.3.1")).toEqual([
        { year: 2030, indicator: "安徽省绿色工厂", value: 65, unit: "户" },
        { year: 2030, indicator: "国家级绿色工厂", value: 10, unit: "户" },
      ]);
    });

    it("find the sector targets with their units, and none where a table states no figure", () => {
      expect(targets("hn2023:3.2.target")).toEqual([{ year: 2025, indicator: "吨水泥熟料综合能耗水平", value: 102, unit: "千克标准煤/吨" }]);
      expect(targets("hn2023:3.3.target")).toEqual([{ year: 2025, indicator: "入园率", value: 70, unit: "%" }]);
      expect(unit("hn2023:3.3.target").targets[0]!.relation).toBe("达到…以上");
      for (const id of ["hn2023:3.1.target", "hn2023:3.4.target", "hn2023:3.5.target"]) expect(targets(id)).toEqual([]);
      // The benchmark values are not targets: no year governs them.
      for (const id of ["hn2023:3.1.benchmark", "hn2023:3.2.benchmark", "hn2023:3.3.benchmark"]) expect(targets(id)).toEqual([]);
    });

    describe("when numbers come without a target year", () => {
      it("finds no target", () => {
        expect(unit("hn2023:zl2.4").text).toContain("100户生产企业");
        expect(unit("hn2023:zl2.4").targets).toEqual([]);
      });
    });
  });

  describe("the passages", () => {
    it("are numbered within their unit", () => {
      const byUnit = new Map<string, string[]>();
      for (const p of plan.passages) byUnit.set(p.unitId, [...(byUnit.get(p.unitId) ?? []), p.id]);
      for (const [unitId, ids] of byUnit) expect(ids).toEqual(ids.map((_, i) => `${unitId}#${i + 1}`));
      expect(plan.passages.every((p) => p.docId === "hn2023")).toBe(true);
    });

    it("are short enough to quote, unless a single sentence is longer", () => {
      expect(MAX_PASSAGE_CHARS).toBeLessThanOrEqual(200);
      const tooLong = plan.passages.filter((p) => p.text.length > MAX_PASSAGE_CHARS && sentences(p.text).length > 1);
      expect(tooLong.map((p) => p.id)).toEqual([]);
    });

    it("quote their unit word for word and together cover all of it", () => {
      for (const u of plan.units) {
        const own = plan.passages.filter((p) => p.unitId === u.id);
        for (const p of own) {
          expect(u.text).toContain(p.text);
          expect(p.breadcrumb).toEqual(u.breadcrumb);
        }
        expect(squash(own.map((p) => p.text).join(""))).toBe(squash(u.text));
      }
    });

    it("carry the responsible units of the sentences they hold", () => {
      const passage = (id: string) => plan.passages.find((p) => p.id === id)!;
      expect(passage("hn2023:2.2.4#1").responsibleUnits?.lead).toEqual(["市发展改革委"]);
      expect(passage("hn2023:2.2.4#2").responsibleUnits?.lead).toEqual(["市经济和信息化局"]);
      expect(passage("hn2023:2.4.3#3").text).toBe("推进“无废城市”建设。（责任单位：市生态环境局负责）");
      expect(passage("hn2023:2.4.3#3").responsibleUnits?.lead).toEqual(["市生态环境局"]);
      expect(passage("hn2023:zl3.2#1").responsibleUnits).toBeNull();
      for (const p of plan.passages) {
        const clause = /（(?:责任单位：)?([^（）]*(?:牵头|负责|配合)[^（）]*)）$/.exec(p.text);
        if (clause) expect(p.responsibleUnits?.raw).toBe(clause[1]);
      }
    });
  });
});

describe("parseDocument on other documents", () => {
  const frontMatter = "---\nid: test-doc\ntitle: 测试实施方案\nnumber: 测试〔2024〕1号\nissuer: 测试市经济和信息化局\ndate: 2024-03-01\n---\n\n";

  describe("when the front-matter has no id", () => {
    it("derives a stable id from the document number", () => {
      const text = frontMatter.replace("id: test-doc\n", "") + "一、总体要求\n\n推进节能降碳。\n";
      const first = parseDocument(text, "a.md").meta.id;
      expect(first).toMatch(/^doc-[0-9a-f]{8}$/);
      expect(parseDocument(text, "b.md").meta.id).toBe(first);
    });
  });

  describe("when a clause says 下同", () => {
    const text =
      frontMatter +
      "一、重点任务\n\n" +
      "1. 推进电机改造。淘汰落后电机。（责任单位：测试市经济和信息化局负责）\n\n" +
      "2. 推进园区改造。建设绿色园区。（责任单位：测试市发展改革委牵头，均需各县、区人民政府负责，下同）\n\n" +
      "3. 推进节能诊断。开展节能诊断。（责任单位：测试市经济和信息化局负责）\n";
    const clauses = () => parseDocument(text, "t.md").units.flatMap((u) => u.responsibility.map((g) => g.units));

    it("carries its 均需 units to the clauses after it, not to those before", () => {
      expect(clauses().map((c) => c.alsoResponsible)).toEqual([undefined, ["各县区人民政府"], ["各县区人民政府"]]);
      expect(clauses()[2]).toMatchObject({ lead: ["测试市经济和信息化局"], support: [] });
    });
  });

  describe("when the body has no 一、 numbering", () => {
    it("rejects the document with a Chinese message", () => {
      const parse = () => parseDocument(`${frontMatter}这是一段没有编号的文字。\n`, "x.md");
      expect(parse).toThrow(DocumentFormatError);
      expect(parse).toThrow(/章节编号/);
    });
  });

  describe("when a numbering is repeated by mistake", () => {
    it("keeps both units under distinct ids", () => {
      const parsed = parseDocument(`${frontMatter}一、总体要求\n\n（一）指导思想\n\n推进工业领域节能降碳工作，做好全市碳达峰工作。\n\n（一）指导思想\n\n加快工业领域绿色低碳转型，确保如期实现碳达峰。\n`, "x.md");
      expect(parsed.units.map((u) => u.id)).toEqual(["test-doc:1", "test-doc:1.1", "test-doc:1.1~2"]);
      expect(parsed.units[1]!.text).toContain("推进工业领域节能降碳工作");
      expect(parsed.units[2]!.text).toContain("加快工业领域绿色低碳转型");
    });
  });
});
