import { describe, expect, it } from "vitest";
import type { Passage } from "../../../server/knowledge/types.js";
import {
  checkGrounding,
  citedIndexes,
  figuresIn,
  type GroundingSources,
} from "../../../server/pipeline/check/grounding.js";

const passage = (id: string, text: string, breadcrumb = ["一、总体要求", "（三）主要目标"]): Passage => ({
  id: `hn2023:${id}#1`,
  unitId: `hn2023:${id}`,
  docId: "hn2023",
  breadcrumb,
  text,
  responsibleUnits: null,
});

const target = passage("1.3", "到2025年，全市规模以上工业单位增加值能耗较2020年下降15%。");
const benchmark = passage("3.2.benchmark", "水泥熟料：100千克标准煤/吨。", [
  "三、重点行业实施路径",
  "（二）建材行业",
  "重点产品（工序）能效标杆值",
]);
const olefins = passage(
  "3.3.benchmark",
  "煤制烯烃：2800千克标准煤/吨；纯碱（联碱法，轻质）：160千克标准煤/吨。",
);

const sources = (overrides: Partial<GroundingSources> = {}): GroundingSources => ({
  passages: [target, benchmark],
  toolRuns: [],
  question: "规上工业能耗要降多少",
  ...overrides,
});

describe("figuresIn", () => {
  it("reads integers, decimals and thousands separators as canonical numbers", () => {
    expect(figuresIn("年产9,600吨，下降8.0%，能耗110.50千克")).toEqual(["9600", "8", "110.5"]);
  });

  it("does not count citation marks as figures", () => {
    expect(figuresIn("下降15%[1][2]。")).toEqual(["15"]);
  });

  it("does not count list numbering as figures, in Markdown or Chinese style", () => {
    expect(figuresIn("1. 到2025年下降15%\n2、淘汰落后产能\n3）推广高效电机\n- 3 项措施")).toEqual([
      "2025",
      "15",
      "3",
    ]);
  });

  it("still reads a decimal at the start of a line as a figure", () => {
    expect(figuresIn("1.5倍于标杆值")).toEqual(["1.5"]);
  });

  it("keeps a source's list numbers when asked, so a quoted “1、退出低效产能” is grounded", () => {
    expect(figuresIn("1、退出低效产能", { source: true })).toEqual(["1"]);
  });
});

describe("citedIndexes", () => {
  it("lists each cited passage number once, in order of first use", () => {
    expect(citedIndexes("甲[2]。乙[1][2]。丙[10]。")).toEqual([2, 1, 10]);
  });
});

describe("checkGrounding", () => {
  describe("citations", () => {
    it("accepts citations of passages the writer was given", () => {
      expect(
        checkGrounding("到2025年下降15%[1]。水泥熟料标杆值100千克标准煤/吨[2]。", sources(), { final: true }),
      ).toEqual([]);
    });

    it.each([
      ["one past the end", "下降15%[3]。", "[3]"],
      ["far past the end", "下降15%[9]。", "[9]"],
      ["zero", "下降15%[0]。", "[0]"],
    ])("catches a citation %s", (_case, answer, detail) => {
      expect(checkGrounding(answer, sources(), { final: false })).toContainEqual({
        kind: "unknown_citation",
        detail,
      });
    });
  });

  describe("figures", () => {
    it("catches a figure that is in no source", () => {
      expect(checkGrounding("补贴标准为每吨50元[1]。", sources(), { final: false })).toEqual([
        { kind: "unsupported_figure", detail: "50" },
      ]);
    });

    it("reads the year and number in the name of a document it may cite as part of the name", () => {
      const notice = "国家发展改革委等部门《工业重点领域能效标杆水平和基准水平（2023年版）》";
      const answer = `电石列在${notice}中，这里不给出数值。`;
      expect(checkGrounding(answer, sources(), { final: false })).toEqual([
        { kind: "unsupported_figure", detail: "2023" },
      ]);
      expect(checkGrounding(answer, sources({ documents: [notice] }), { final: false })).toEqual([]);
      // a figure beside the name is still a figure
      expect(
        checkGrounding(`${notice}的基准水平是940`, sources({ documents: [notice] }), { final: false }),
      ).toEqual([{ kind: "unsupported_figure", detail: "940" }]);
    });

    it("catches every unsupported figure, and only those", () => {
      const problems = checkGrounding("到2025年下降15%，2030年下降18%[1]。", sources(), { final: false });
      expect(problems.map((p) => p.detail)).toEqual(["2030", "18"]);
    });

    it("allows the count of a numbered list the answer itself gives, and no other count", () => {
      const list = "1. 产能控制\n2. 产品优化\n3. 技术创新";
      expect(checkGrounding(`方案共三项：[1]\n${list}`, sources(), { final: false })).toEqual([]);
      expect(checkGrounding(`方案共四项：[1]\n${list}`, sources(), { final: false })).toEqual([
        { kind: "unsupported_figure", detail: "4" },
      ]);
    });

    it("allows a figure from the person's own question", () => {
      expect(
        checkGrounding(
          "您说的吨熟料110千克标准煤[2]。",
          sources({ question: "我们吨熟料110千克标准煤达标吗" }),
          { final: true },
        ),
      ).toEqual([]);
    });

    it("allows a figure from a calculator's result or input, and its usual roundings", () => {
      const toolRuns = [
        {
          name: "benchmark_gap",
          input: { unitConsumption: 110 },
          output: { gapToBenchmark: 10, gapToBenchmarkPercent: 9.876, formula: ["110 − 100 = 10 kgce/t"] },
        },
      ];
      const answer = "按110千克标准煤/吨计，比标杆值高10千克（约9.88%，即9.9%，约10%）[2]。";
      expect(checkGrounding(answer, sources({ toolRuns }), { final: true })).toEqual([]);
    });

    it("does not take figures from a calculator run's error message", () => {
      const toolRuns = [{ name: "benchmark_gap", input: {}, output: null, error: "请给出数值，例如 123" }];
      expect(checkGrounding("差距为123[1]。", sources({ toolRuns }), { final: false })).toEqual([
        { kind: "unsupported_figure", detail: "123" },
      ]);
    });

    it("allows a figure from a passage's breadcrumb", () => {
      const column = passage("zl3.2", "推广高效节能电机。", ["二、重点任务", "专栏3 工业能效提升"]);
      expect(
        checkGrounding("专栏3推广高效节能电机[1]。", sources({ passages: [column] }), { final: true }),
      ).toEqual([]);
    });

    it("treats “9,600” and 9600, “8.0” and 8 as the same figure", () => {
      const given = passage("x", "年产能9600吨，效率提升8个百分点。");
      expect(
        checkGrounding("年产能9,600吨，提升8.0个百分点[1]。", sources({ passages: [given] }), {
          final: true,
        }),
      ).toEqual([]);
      const written = passage("y", "年产能9,600吨，效率提升8.0个百分点。");
      expect(
        checkGrounding("年产能9600吨，提升8个百分点[1]。", sources({ passages: [written] }), { final: true }),
      ).toEqual([]);
    });

    it("does not mistake a different figure for a rounding of a source's", () => {
      expect(checkGrounding("下降15.5%[1]。", sources(), { final: true })).toEqual([
        { kind: "unsupported_figure", detail: "15.5" },
      ]);
    });

    it.each([
      ["Markdown", "1. 到2025年下降15%[1]\n2. 水泥熟料标杆值100千克标准煤/吨[2]\n3. 淘汰落后产能[1]"],
      [
        "Chinese",
        "主要要求：\n1、到2025年下降15%[1]\n2、水泥熟料标杆值100千克标准煤/吨[2]\n3、淘汰落后产能[1]",
      ],
    ])("does not count %s list numbers and citation marks in the answer as figures", (_style, answer) => {
      expect(checkGrounding(answer, sources(), { final: true })).toEqual([]);
    });

    it("accepts a quote of a source line that starts with its own number", () => {
      const row = passage("3.2.r1", "1、退出低效产能，严禁违规新增产能。");
      expect(
        checkGrounding("[1] 产能控制：“1、退出低效产能，严禁违规新增产能。”", sources({ passages: [row] }), {
          final: true,
        }),
      ).toEqual([]);
    });
  });

  describe("when the answer is final", () => {
    it("allows only figures of the passages it cites", () => {
      // 100 is in passage [2], which this answer does not cite.
      expect(checkGrounding("水泥熟料标杆值100千克标准煤/吨[1]。", sources(), { final: true })).toEqual([
        { kind: "unsupported_figure", detail: "100" },
      ]);
    });

    it("allows figures of any given passage while the answer is still streaming", () => {
      expect(checkGrounding("水泥熟料标杆值100千克标准煤/吨[1]。", sources(), { final: false })).toEqual([]);
    });

    it("allows figures of every given passage when the answer cites none (the caller decides about that)", () => {
      expect(
        checkGrounding("煤制烯烃标杆值2800。", sources({ passages: [olefins] }), { final: true }),
      ).toEqual([]);
    });
  });
});

describe("checkGrounding with the strict rules of LLM answers", () => {
  const strict = { ownFigure: /您|你|贵(?:公司|单位|企业)/u, absence: /没有|未(?:规定|明确)/u };
  const check = (answer: string, overrides: Partial<GroundingSources> = {}, final = true) =>
    checkGrounding(answer, sources(overrides), { final, strict });

  it("accepts figures each sentence's own passages hold", () => {
    expect(check("到2025年下降15%[1]。水泥熟料标杆值100千克标准煤/吨[2]。")).toEqual([]);
  });

  it("reads Chinese numerals and dates before comparing", () => {
    expect(check("到二〇二五年，能耗较二〇二〇年下降百分之十五[1]。")).toEqual([]);
    expect(check("补贴九十八万七千元，申报截止二〇二五年十月三十一日[1]。").map((p) => p.detail)).toEqual([
      "987000",
      "10",
      "31",
    ]);
  });

  it("catches full-width digits as the figure they are", () => {
    expect(check("补贴９８７６５４元[1]。")).toEqual([{ kind: "unsupported_figure", detail: "987654" }]);
  });

  it("binds a sentence to the passages it cites, not to any the answer cites", () => {
    // 100 is in [2], which the answer cites elsewhere, but this sentence cites [1].
    expect(check("水泥熟料标杆值100千克标准煤/吨[1]。到2025年下降15%[1]。其他见[2]。")).toEqual([
      { kind: "unsupported_figure", detail: "100" },
    ]);
  });

  describe("a figure only the question holds", () => {
    const question = "我们公司投资500万元做节能改造，有什么支持";

    it("is refused as what a cited clause says", () => {
      expect(check("对投资500万元以上的节能改造项目给予补贴[1]。", { question })).toEqual([
        { kind: "question_figure", detail: "5000000" },
      ]);
    });

    it("is refused in an uncited sentence too, unless said as the person's own", () => {
      expect(check("投资500万元的项目可以申请。到2025年下降15%[1]。", { question })).toEqual([
        { kind: "question_figure", detail: "5000000" },
      ]);
    });

    it("may be repeated as the person's own", () => {
      expect(check("您提到的500万元投资，方案未规定补贴标准；到2025年下降15%[1]。", { question })).toEqual(
        [],
      );
      expect(check("贵公司投资500万元，可参照节能改造的要求[1]。", { question })).toEqual([]);
    });

    it("may be named where the answer says the plan sets no such thing", () => {
      expect(check("方案没有规定500万元这一档。到2025年下降15%[1]。", { question })).toEqual([]);
    });
  });

  it("still allows a calculator's figures in any sentence", () => {
    const toolRuns = [
      { name: "benchmark_gap", input: { unitConsumption: 110 }, output: { gapToBenchmark: 10 } },
    ];
    expect(check("按110千克标准煤/吨计，高于标杆值10千克[2]。", { toolRuns })).toEqual([]);
  });
});
