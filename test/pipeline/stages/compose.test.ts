import { describe, expect, it } from "vitest";
import { messages } from "../../../server/messages.js";
import type { Turn } from "../../../server/pipeline/context.js";
import { compose } from "../../../server/pipeline/stages/compose.js";
import { toTurn } from "../../../server/pipeline/turn.js";
import { askInTurn } from "../../../eval/lib/askInTurn.js";
import { useTestServices } from "../../support/services.js";
import { makeContext, runStagesThrough, turn } from "../factories.js";

const env = useTestServices();
const t = messages.answer;

/** Everything before compose, then compose, on the offline path (no LLM configured here). */
async function composed(message: string, history: Turn[] = []) {
  const ctx = await runStagesThrough(
    await makeContext(env.deps, { rawMessage: message, history }),
    env.offTopic,
    "runTools",
  );
  await compose(ctx);
  return ctx;
}

/** The lines of a Markdown section, from its heading to the next blank line. */
function section(answer: string, heading: string): string[] {
  const lines = answer.split("\n");
  const start = lines.indexOf(heading);
  if (start < 0) return [];
  const end = lines.indexOf("", start);
  return lines.slice(start + 1, end < 0 ? undefined : end);
}

describe("compose (offline)", () => {
  describe("a question for the list of items of a section", () => {
    it("lists the section the question names, by the plan's titles, one numbered line each", async () => {
      const ctx = await composed("资源循环利用减碳行动有哪几条？");
      const lines = ctx.answer.split("\n");
      // [1] is the section's own clause, quoted first under 依据.
      // The count comes first: "一共几大行动" is answered by it.
      expect(lines[0]).toBe(`${t.listLead("（四）资源循环利用减碳行动", "三")}[1]`);
      // Each item by its title, then what it does in the plan model's plain words.
      expect(lines.slice(1, 4).map((line) => line.split("：")[0])).toEqual([
        "1. 推动再生资源协同利用",
        "2. 大力发展再制造产业",
        "3. 强化工业固废综合利用",
      ]);
      expect(lines[1]).toBe(`1. 推动再生资源协同利用：${env.deps.planModel!.entry("hn2023:2.4.1")!.summary}`);
      expect(lines[4]).toBe("");
    });

    it("says how many items the list has, as a question for the count asks", async () => {
      const ctx = await composed("重点任务一共分几大行动");
      expect(ctx.answer.split("\n")[0]).toMatch(/^方案“二、重点任务”共六项/);
    });

    it("lists a part named by the count its own words give its items (“六大行动有哪几个”)", async () => {
      const ctx = await composed("方案里六大行动有哪几个");
      expect(ctx.answer.split("\n")[0]).toMatch(/^方案“二、重点任务”共六项/);
    });

    it("lists a column named by its number", async () => {
      const ctx = await composed("专栏3包括哪些内容");
      expect(
        ctx.answer
          .split("\n")
          .slice(0, 4)
          .map((line) => line.split("：")[0]),
      ).toEqual([
        `${t.listLead("专栏3 工业能效提升", "三")}[1]`.split("：")[0],
        "1. 工业能效提升",
        "2. 通用设备能效提升",
        "3. 重点行业能效领跑",
      ]);
      expect(ctx.citations.map((c) => c.unitId)).toContain("hn2023:zl3.2");
    });

    it("lists a column's entries asked for by the word its entries share or the plan's word for them", async () => {
      const products = await composed("专栏7绿色低碳产品供给分成哪几类产品");
      expect(products.status).toBe("answered");
      expect(
        products.answer
          .split("\n")
          .slice(1, 5)
          .map((line) => line.split("：")[0]),
      ).toEqual(["1. 绿色设计产品", "2. 智能光伏产品", "3. 新能源汽车产品", "4. 绿色建材产品"]);
      const works = await composed("专栏8数字化网络化智能化绿色化里有哪几项工程");
      expect(works.answer.split("\n")[0]).toBe(`${t.listLead("专栏8 数字化网络化智能化绿色化", "三")}[1]`);
    });

    it("lists a part asked for by its aspects (“分哪几个方面”), not a count", async () => {
      const ctx = await composed("保障措施分哪几个方面");
      expect(ctx.answer.split("\n")[0]).toBe(`${t.listLead("四、保障措施", "四")}[1]`);
    });

    it("lists a part's actions when the part is named, citing its opening clause", async () => {
      const ctx = await composed("重点任务部分的行动名称我想抄一下，都有哪些？");
      const lines = ctx.answer.split("\n");
      expect(lines[0]).toBe(`${t.listLead("二、重点任务", "六")}[1]`);
      expect(lines.slice(1, 7)).toEqual([
        "1. 产业结构优化提升行动",
        "2. 节能提效助力减碳行动",
        "3. 绿色体系协同减碳行动",
        "4. 资源循环利用减碳行动",
        "5. 绿色低碳创新应用行动",
        "6. 绿色制造数字赋能行动",
      ]);
      expect(ctx.citations[0]!.unitId).toBe("hn2023:2");
    });

    it("does not list units for a list inside one sentence (“哪几个行业”)", async () => {
      const ctx = await composed("能源管控中心建设主要是针对哪几个行业？");
      expect(ctx.answer).toMatch(/^方案在“[^”]+”中提出：/);
      expect(ctx.answer.split("\n")[0]).toContain("钢铁、建材、化工");
    });

    it("answers an ordinary question with a sentence, not a list", async () => {
      const ctx = await composed("合同能源管理在方案里怎么说");
      expect(ctx.answer).toMatch(/^方案在“[^”]+”中提出：[^\n]*合同能源管理/);
    });
  });

  describe("a plan fact: “规上工业单位增加值能耗到2025年要降多少”", () => {
    it("leads with a one-line direct answer holding the figure and its citation", async () => {
      const ctx = await composed("规上工业单位增加值能耗到2025年要降多少");
      const [lead, blank] = ctx.answer.split("\n");
      expect(lead).toMatch(/^方案在“主要目标”中提出：.*2025年.*下降15%.*\[1\]$/);
      expect(blank).toBe("");
      expect(ctx).toMatchObject({ status: "answered", mode: "offline" });
    });

    it("quotes the supporting clauses with their breadcrumbs, the cited one first", async () => {
      const ctx = await composed("规上工业单位增加值能耗到2025年要降多少");
      const quotes = section(ctx.answer, t.basisHeading);
      expect(quotes).toHaveLength(ctx.citations.length);
      // Short: the sentences the lead does not already quote, or the place alone; the citation has the whole text.
      quotes.forEach((line, i) => {
        const c = ctx.citations[i]!;
        expect(line.startsWith(`[${i + 1}] ${c.breadcrumb}`)).toBe(true);
        const quoted = /：“(.*?)(……)?”$/.exec(line)?.[1];
        if (quoted) expect(c.quote).toContain(quoted);
        expect(c.breadcrumb).toContain(" › ");
      });
      expect(quotes[0]).not.toContain("到2025年，全市规模以上工业单位增加值能耗较2020年下降15%");
      expect(ctx.citations[0]).toMatchObject({
        id: "hn2023:1.3#1",
        unitId: "hn2023:1.3",
        breadcrumb: "一、总体要求 › （三）主要目标",
      });
    });

    it("is concise: at most 3 citations, and a next step at the end", async () => {
      const ctx = await composed("规上工业单位增加值能耗到2025年要降多少");
      expect(ctx.citations.length).toBeGreaterThan(0);
      expect(ctx.citations.length).toBeLessThanOrEqual(3);
      expect(ctx.answer.split("\n").slice(-2)).toEqual([t.nextStepHeading, t.nextStepAsk]);
    });

    it("sends the answer as one delta", async () => {
      const ctx = await composed("规上工业单位增加值能耗到2025年要降多少");
      expect(ctx.events).toEqual([{ type: "delta", text: ctx.answer }]);
    });
  });

  describe("a measure with a responsible unit", () => {
    it("names the 责任单位, lead and supporting", async () => {
      const ctx = await composed("节能降碳改造由哪个部门牵头？");
      expect(ctx.answer.split("\n")[0]).toMatch(
        /^“开展节能降碳升级改造”的责任单位：市经济和信息化局牵头.*\[\d\]$/,
      );
      const units = section(ctx.answer, t.responsibleHeading);
      expect(units).toContainEqual(
        expect.stringMatching(
          /^- 3\. 开展节能降碳升级改造：牵头：市经济和信息化局；配合\/按职责分工负责：市发展改革委、市市场监管局/,
        ),
      );
      // 二（一）1.'s “下同”: the counties and parks share it.
      expect(units.at(-1)).toBe(t.countyNote);
    });
  });

  describe("a measure whose clauses have different responsible units", () => {
    it("answers with the clause the question names", async () => {
      const ctx = await composed("报废船舶、废铅蓄电池回收拆解企业的规范管理由哪些部门负责？");
      expect(ctx.answer.split("\n")[0]).toMatch(
        /^“推动再生资源协同利用”的责任单位：市发展改革委、市生态环境局、市商务局按职责分工负责。\[\d\]$/,
      );
    });

    it("names every clause with its units when the measure is pointed at as a whole", async () => {
      const first = await composed("强化用能监督管理这条主要讲了什么？");
      const ctx = await composed("它的牵头单位和配合单位分别是谁？", [
        turn("强化用能监督管理这条主要讲了什么？", first.citations),
      ]);
      const lead = ctx.answer.split("\n")[0]!;
      expect(lead).toMatch(/^“强化用能监督管理”的各项内容由不同单位负责：/);
      expect(lead).toMatch(/完善能源消耗总量和强度调控等（市发展改革委负责）\[\d\]/);
      expect(lead).toMatch(/（市经济和信息化局牵头，市发展改革委、市市场监管局等按职责分工负责）\[\d\]/);
    });
  });

  describe("advice about equipment", () => {
    it("offers the calculator that turns it into the plant's own figures", async () => {
      const ctx = await composed("我们厂有很多老电机，怎么办？");
      expect(section(ctx.answer, t.nextStepHeading)).toEqual([t.nextStepMotor]);
      const fans = await composed("风机水泵能耗高，方案有什么说法");
      expect(section(fans.answer, t.nextStepHeading)).toEqual([t.nextStepVsd]);
    });
  });

  describe("a question about money", () => {
    it("leads with what the plan says about funds, that it sets no amounts, and with “找谁” whom the measure belongs to", async () => {
      const ctx = await composed("节能改造有补贴吗？找谁？");
      const [money, responsible] = ctx.answer.split("\n");
      expect(money).toMatch(/^有。方案写明：统筹安排市级专项资金.*\[\d\]/);
      expect(money).toContain(t.moneyTermsNote);
      expect(responsible).toMatch(/^“开展节能降碳升级改造”的责任单位：市经济和信息化局牵头/);
    });
  });

  describe("a question about the document itself", () => {
    it("gives the issuers, the number and the date from the cover notice, and cites it", async () => {
      const ctx = await composed("这个方案是经信局单独发的，还是跟别的部门联合发的？文号是多少？");
      const lead = ctx.answer.split("\n")[0]!;
      expect(lead).toMatch(
        /^《淮南市工业领域碳达峰实施方案》由淮南市经济和信息化局、淮南市发展和改革委员会、淮南市生态环境局联合印发，文号淮经信节能〔2023〕19号，成文日期2023年5月31日。\[(\d)\]$/,
      );
      // The mark points at the notice's passage that carries the date.
      const cited = ctx.citations[Number(/\[(\d)\]$/.exec(lead)![1]) - 1]!;
      expect(cited.unitId).toBe("hn2023:notice");
      expect(cited.quote).toContain("2023年5月31日");
    });
  });

  describe("a calculation", () => {
    it("leads with the result, cites the benchmark clause and shows the formula", async () => {
      const ctx = await composed("我们吨熟料综合能耗110千克标准煤，达标了吗？");
      expect(ctx.status).toBe("answered");
      const lead = ctx.answer.split("\n")[0]!;
      expect(lead).toMatch(/110 千克标准煤\/吨.*标杆.*100.*10 千克标准煤\/吨（10%）/);
      expect(lead).toContain(ctx.deps.calculators.describe("benchmark_gap", ctx.toolRuns[0]!.output).lead);
      expect(ctx.citations[0]?.unitId).toBe("hn2023:3.2.benchmark");
      expect(section(ctx.answer, t.calculationHeading)).toContainEqual(
        expect.stringContaining("110 − 100 = 10 kgce/t"),
      );
      // A finished calculation needs no next step.
      expect(ctx.answer).not.toContain(t.nextStepHeading);
    });
  });

  describe("when inputs are missing", () => {
    it("asks for exactly those, cites nothing", async () => {
      const ctx = await composed("我们厂能耗达标了吗");
      expect(ctx.status).toBe("answered_needs_input");
      expect(ctx.citations).toEqual([]);
      const lines = ctx.answer.split("\n");
      expect(lines[0]).toBe(t.needsInput.benchmark_gap);
      expect(lines.filter((line) => line.startsWith("- "))).toEqual(
        ctx.calculatorRequest!.missing.map((q) => `- ${q}`),
      );
      expect(lines.at(-1)).toBe(t.needsInputExample.benchmark_gap);
    });

    it("says what the calculator is for: a motor upgrade asks for the motor's figures", async () => {
      const ctx = await composed("把15kW电机换成二级能效，现在是三级，4极，一年运行6000小时");
      expect(ctx.status).toBe("answered_needs_input");
      const lines = ctx.answer.split("\n");
      // Only the load is missing: an estimate at the typical 75% comes first, then the questions.
      expect(lines[0]).toMatch(/^按假设估算（负载率75%）：/);
      expect(lines).toContain(t.needsInput.motor_upgrade);
      expect(lines).toContain(t.needsInputExample.motor_upgrade);
    });

    it("answers, rather than asks, when no figure could make the comparison (the benchmark does not cover the route)", async () => {
      const ctx = await composed("合成氨，原料是粉煤，能耗1300千克标准煤，达标吗");
      expect(ctx.status).toBe("answered");
      expect(ctx.answer.split("\n")[0]).toMatch(/^方案的标杆值不覆盖.*粉煤.*合成氨（以优质无烟块煤为原料）/);
      expect(ctx.citations.map((c) => c.unitId)).toContain("hn2023:3.3.benchmark");
    });

    it("passes on the calculator's reason when it refused the figures", async () => {
      const ctx = await composed("我们吨熟料综合能耗5000千克标准煤，达标了吗？");
      expect(ctx.status).toBe("answered_needs_input");
      expect(ctx.answer).toContain(ctx.toolRuns[0]!.error!);
    });
  });

  describe("when the plan sets no such figure", () => {
    it.each([
      ["每吨熟料能补贴多少钱", t.missing.amount],
      ["能耗达不到标杆会被罚多少钱？", t.missing.penalty],
      ["淮南哪一年实现碳中和", t.missing.when],
      ["超低排放改造要在什么时候完成", t.missing.subject("超低排放改造")],
      ["方案对碳排放权交易有什么规定", t.missing.subject("碳排放权交易")],
      ["光伏项目备案需要什么材料", t.missing.procedure],
      // Asking what the plan says; "市经信局节能科的电话是多少？" alone is a request for a person (answered_handoff).
      ["方案里写了经信局节能科的电话吗？", t.missing.contact],
      ["淮南2035年工业碳排放要比峰值降多少？", t.missing.year("2035")],
      ["厂里想搞个屋顶光伏，政府每瓦能补几毛钱？", t.missing.amount],
      ["省级绿色工厂申报要交哪些材料？", t.missing.procedure],
      ["年耗多少吨标煤以上就算重点用能单位了？", t.missing.threshold("重点用能单位")],
      ["钢厂的超低排放改造最晚要在哪年完成？", t.missing.subject("超低排放改造")],
      ["方案对数据中心的PUE有什么要求", t.missing.subject("PUE")],
      // a subject the plan never speaks of, whatever clause shares the rest ("建设")
      ["方案对充电桩建设有什么要求", t.missing.subject("充电桩")],
      ["光伏装机容量目标是多少", t.missing.subject("光伏装机容量")],
      // a count asked, which the plan does not give; and a scale
      ["淮南要建几个绿色园区", t.missing.figure],
      ["氢能产业要达到多大规模", t.missing.figure],
      // the plan counts green factories for 2030 only; the year itself is no subject
      ["到2025年要培育多少家绿色工厂", t.missing.yearFigure("2025")],
      // a frequency (定期) is no answer to a deadline
      ["各县区的方案要在什么时间前报上来？", t.missing.when],
      // the plan names 2030, but sets it no figure on this subject
      ["2030年规上工业单位增加值能耗要下降多少？", t.missing.yearFigure("2030")],
      // a time asked as a span (多长时间内) needs one too
      ["县区的本地方案要求多长时间内编完报上来", t.missing.when],
      // a figure for a year that the plan only compares with (较2020年) is not given
      ["淮南市2020年规上工业能耗总量是多少万吨标煤", t.missing.yearFigure("2020")],
      // criteria for a title are the departments' rules, when no clause names them
      ["专精特新企业认定要满足啥条件", t.missing.criteria],
      // an amount asked as a rule's threshold is a question about the plan, not a calculation
      ["年耗能多少吨标煤以上的企业必须接入能耗在线监测？", t.missing.figure],
    ])("says so for “%s”, quotes what the plan does say, and invents nothing", async (question, what) => {
      const ctx = await composed(question);
      expect(ctx.status).toBe("unanswerable_no_content");
      // It says what the plan does not set, then quotes the clause nearest to it in the same paragraph.
      expect(ctx.answer.split("\n")[0]!.startsWith(`《淮南市工业领域碳达峰实施方案》没有规定${what}。`)).toBe(
        true,
      );
      expect(ctx.answer).not.toMatch(/\d\s*(万|千)?元/);
      expect(ctx.answer).toContain(t.basisHeading);
    });

    it("gives the plan's aim in words for a year it sets no figure for, as its answer", async () => {
      const ctx = await composed("化工企业入园率2030年要达到多少？");
      expect(ctx.status).toBe("answered");
      expect(ctx.answer.split("\n")[0]).toMatch(
        /没有规定2030年的具体数值.*2030年，化工企业“入园率”进一步提升/,
      );
    });

    it("answers a figure the plan sets for a later year", async () => {
      const ctx = await composed("到2030年要培育多少家国家级绿色工厂？");
      expect(ctx.status).toBe("answered");
      expect(ctx.answer.split("\n")[0]).toContain("10户");
    });

    it("asked a figure and its year, leads with the sentence holding both (70%, 2025年)", async () => {
      const ctx = await composed("化工企业入园率要达到多少？哪年完成？");
      expect(ctx.answer.split("\n")[0]).toMatch(/2025年.*入园率.*70%/);
    });

    it("answers a deadline the plan does set", async () => {
      const ctx = await composed("具备条件的省级园区循环化改造最晚什么时候完成？");
      expect(ctx.status).toBe("answered");
      expect(ctx.answer.split("\n")[0]).toContain("2025年");
    });

    it("does not mistake a person giving their own number for a question about one", async () => {
      const ctx = await composed("我手机13812345678，规上工业单位增加值能耗到2025年要降多少");
      expect(ctx.status).toBe("answered");
      expect(ctx.answer).toContain("15%");
    });
  });

  describe("when nothing relevant was retrieved", () => {
    it("says the plan does not cover it and who to ask", async () => {
      const ctx = await runStagesThrough(
        await makeContext(env.deps, {
          rawMessage: "第三条",
          history: [turn("你好", [], { status: "answered_help" })],
        }),
        env.offTopic,
        "runTools",
      );
      expect(ctx.passages).toEqual([]);
      await compose(ctx);
      expect(ctx).toMatchObject({ status: "unanswerable_no_content", answer: t.noContent, citations: [] });
      expect(ctx.answer).toContain("淮南市经济和信息化局");
    });
  });

  describe("a greeting", () => {
    it("answers with what the assistant can do", async () => {
      const ctx = await composed("你好");
      expect(ctx).toMatchObject({ status: "answered_help", answer: t.help, citations: [] });
    });
  });
});

describe("compose (offline): the direct answer", () => {
  describe("a yes/no question", () => {
    it("says yes first when the clause orders it (淘汰)", async () => {
      const ctx = await composed("高耗能落后设备一定要淘汰吗？");
      expect(ctx.answer.split("\n")[0]).toMatch(/^要。这是方案的明确要求：.*淘汰高耗能落后设备/);
    });

    it("reads the question's words in the plan's own wording (空压机 as 压缩机) before saying yes", async () => {
      const ctx = await composed("厂里空压机很老了要换吗");
      expect(ctx.answer.split("\n")[0]).toMatch(/^要。.*压缩机/);
    });

    it("answers both parts of “支持不？该找哪个部门”: yes from the clause, then whom to ask", async () => {
      const ctx = await composed("厂房屋顶想装光伏再配点储能，方案支持不？该找哪个部门");
      const [first, second] = ctx.answer.split("\n");
      expect(first).toMatch(/^支持。方案写明：.*厂房光伏/);
      expect(second).toMatch(/市发展改革委牵头/);
    });

    it("says an enterprise's duty the plan does not state is none, before the other measures", async () => {
      const ctx = await composed("我们是个小五金厂，是不是每年都得做清洁生产审核？方案有这规定吗");
      const lines = ctx.answer.split("\n");
      expect(lines[0]).toMatch(/^不是强制要求.*清洁生产审核/);
      expect(lines[1]).toBe(t.otherMeasures);
    });

    it("leads with the sentence naming a document when a kind of document is asked for (“按什么标准评”)", async () => {
      const ctx = await composed("我们打算申报绿色工厂，按什么标准评？方案里咋说的");
      expect(ctx.answer.split("\n")[0]).toContain("《绿色工厂评价要求》");
    });

    it("says it is not a duty when the clause only organises or encourages it", async () => {
      const ctx = await composed("我们企业可以不参加节能诊断吗？");
      expect(ctx.answer.split("\n")[0]).toMatch(/^方案没有强制要求.*节能诊断/);
    });
  });

  describe("a question that states a figure or asks between options", () => {
    it("corrects a false premise with the plan's own figure", async () => {
      const ctx = await composed("方案要求到2025年规上工业单位增加值能耗下降20%，对吧？");
      expect(ctx.answer.split("\n")[0]).toMatch(/^不是。方案的规定是：.*下降15%/);
    });

    it("corrects a figure per product stated for a target (千克标煤/吨)", async () => {
      const ctx = await composed("方案要求水泥熟料2025年降到100千克标煤/吨，对吧？");
      expect(ctx.answer.split("\n")[0]).toMatch(/^不是。方案的规定是：.*102千克标准煤\/吨/);
    });

    it("corrects a total said of an intensity target, though the figure is the plan's", async () => {
      const ctx = await composed("方案要求规上工业能耗总量2025年比2020年下降15%？");
      expect(ctx.answer.split("\n")[0]).toMatch(/^不是。方案的规定是：.*单位增加值能耗.*下降15%/);
    });

    it("confirms or corrects the issuer a question names", async () => {
      expect((await composed("这个方案是省经信厅印发的吧？")).answer).toMatch(
        /^不是。《淮南市工业领域碳达峰实施方案》由淮南市经济和信息化局/,
      );
      expect((await composed("方案是市经信局发的吗")).answer).toMatch(
        /^是。《淮南市工业领域碳达峰实施方案》/,
      );
    });

    it("confirms a right one", async () => {
      const ctx = await composed("到2025年规上工业单位增加值能耗要下降15%对吗");
      expect(ctx.answer.split("\n")[0]).toMatch(/^对。方案写明：/);
    });

    it("answers what a named clause says with the plan model's plain summary of it, cited", async () => {
      const ctx = await askInTurn(env.services.pipeline, ["保障措施有哪些", "资金那块具体说了啥"]);
      const lead = ctx.answer.split("\n")[0]!;
      expect(lead).toBe(
        `${t.contentLead("强化资金支持")}${env.deps.planModel!.entry("hn2023:4.2")!.summary}[1]`,
      );
      expect(ctx.citations[0]!.unitId).toBe("hn2023:4.2");
    });

    it("asks in a follow-up for the kind its earlier question asked for (“推荐了啥节能设备” … “那变压器呢”)", async () => {
      const ctx = await askInTurn(env.services.pipeline, ["电机这块方案推荐了啥节能设备", "那变压器呢？"]);
      expect(ctx.answer.split("\n")[0]).toContain("卷铁心结构变压器");
    });

    it("answers the responsible units, not the summary, when that is what is asked of the clause", async () => {
      const ctx = await composed("大力发展再制造产业的责任单位怎么写的");
      expect(ctx.answer.split("\n")[0]).toContain("发展改革委");
    });

    it("answers who helps, in a follow-up, with the clause's units (“配合的有哪些”)", async () => {
      const ctx = await askInTurn(env.services.pipeline, [
        "两高项目清单管理是哪个部门牵头的",
        "配合的有哪些",
      ]);
      expect(ctx.answer.split("\n")[0]).toMatch(/市自然资源和规划局.*市住房和城乡建设局/);
    });

    it("reads no task in a pointing word before a deadline question (“那到哪年完成”)", async () => {
      const ctx = await askInTurn(env.services.pipeline, [
        "方案对吨水泥熟料综合能耗有啥目标？",
        "那到哪年完成？",
      ]);
      expect(ctx.status).toBe("answered");
      expect(ctx.answer.split("\n")[0]).toMatch(/2025年，吨水泥熟料综合能耗/);
    });

    it("says the plan does not state which option, when no sentence names either", async () => {
      const ctx = await composed("化工入园率70%是按企业个数算还是按产值算");
      expect(ctx.answer.split("\n")[0]).toMatch(/^方案没有明确规定这一点。相关的原文是：.*入园率/);
    });
  });

  describe("an industry with a path of its own", () => {
    it("is answered from its own path, not another industry's clause of the same name", async () => {
      const ctx = await composed("做钢厂节能方案，方案里钢铁技术创新方向有哪些可以直接引用的");
      expect(ctx.citations[0]!.unitId).toBe("hn2023:3.1.r3");
    });

    it("lists that path's measures when asked for the measures by a name of the industry (水泥 for 建材)", async () => {
      const ctx = await composed("水泥厂有哪些措施");
      const lead = ctx.answer.split("\n\n")[0]!;
      expect(lead).toMatch(/^方案“（二）建材行业”共[一二三四五六七八九十]+项/);
      expect(lead).toContain("产能控制");
      expect(lead).toContain("循环耦合");
    });

    it("answers a question about money for the industry from the money clause, not the path", async () => {
      const ctx = await composed("水泥厂有哪些补贴");
      expect(ctx.citations[0]!.unitId).toBe("hn2023:4.2");
    });

    it("finds its target through the headings above the sentence", async () => {
      const ctx = await composed("钢铁行业2025年的总体目标是啥");
      expect(ctx.answer.split("\n")[0]).toContain("电弧炉");
    });
  });

  describe("a question for the items of a list the plan names", () => {
    it("lists them (“保障措施分几块”)", async () => {
      const ctx = await composed("保障措施分几块？分别叫什么");
      const lead = ctx.answer.split("\n\n")[0]!;
      for (const title of ["健全政策体系", "强化资金支持", "完善服务机制", "加强能力建设"])
        expect(lead).toContain(title);
    });
  });

  describe("a question for the things one clause lists", () => {
    it("quotes the clause's sentences, not only its first", async () => {
      const ctx = await composed("循环化改造方案里说一园一策，具体园区要做哪几件事");
      const lead = ctx.answer.split("\n")[0]!;
      expect(lead).toContain("热电联产");
      expect(lead).toContain("污水");
    });
  });

  describe("a question about money after a measure (“有补贴吗”)", () => {
    it("quotes the plan's funding clause beside the measure", async () => {
      const first = await composed("电机能效提升怎么做");
      const ctx = await composed("有补贴吗", [toTurn(first)]);
      expect(ctx.citations.map((c) => c.unitId)).toContain("hn2023:4.2");
      expect(ctx.answer.split("\n")[0]).toContain("专项资金");
    });
  });

  describe("a question about money that asks what support there is", () => {
    it("names the plan's second kind of support beside the first", async () => {
      const ctx = await composed("有没有钱啊？我们想换设备节能，政府那边给啥支持");
      const lead = ctx.answer.split("\n")[0]!;
      expect(lead).toContain("专项资金");
      expect(lead).toContain("绿色信贷");
    });
  });

  describe("a question for a quantity", () => {
    it("is answered by a sentence with a quantity, not one whose only figure is its year", async () => {
      const ctx = await composed("化工企业入园率方案要求多少来着");
      expect(ctx.answer.split("\n")[0]).toContain("70%");
    });

    it("for a list of named enterprises, or a county's share, says the plan sets neither", async () => {
      const named = await composed("淮南到底有几个两高项目，都是哪几家");
      expect(named.status).toBe("unanswerable_no_content");
      expect(named.answer.split("\n")[0]).toContain("名单");
      const county = await composed("凤台县的工业能耗下降指标分到了多少");
      expect(county.answer.split("\n")[0]).toContain("指标分解");
    });

    it("asked whether the plan sets a figure at all, says it sets none, from the clause nearest", async () => {
      const ctx = await composed("方案对2030年工业绿电使用比例定了具体数字吗");
      expect(ctx.status).toBe("unanswerable_no_content");
      expect(ctx.answer.split("\n")[0]).toMatch(/没有规定2030年的具体数值.*绿电使用比例/);
    });

    it("about where things stand now says the plan sets targets, quoting the target", async () => {
      const ctx = await composed("目前淮南化工企业入园率已经到多少了？");
      expect(ctx.status).toBe("unanswerable_no_content");
      expect(ctx.answer.split("\n")[0]).toMatch(/目前的实际完成情况.*70%/);
    });
  });

  describe("the measures for an enterprise", () => {
    it("name a table's row by its clause, so a bare figure says what it is", async () => {
      const ctx = await composed("我们是做水泥熟料的，方案对我们有啥硬指标？");
      expect(ctx.answer).toContain("重点产品（工序）能效标杆值（水泥熟料）：100千克标准煤/吨");
      expect(ctx.answer).not.toMatch(/^- 水泥熟料：100/m);
    });

    it("are the plan's measures, not an enterprise's, to bureau staff asking what falls to a county", async () => {
      const ctx = await composed("我是县经信局的，按这个方案我们县里要干啥");
      const lead = ctx.answer.split("\n\n")[0]!;
      expect(lead).toMatch(/^方案中相关的主要措施有：/);
      expect(lead).toContain("各县区、园区结合自身工业发展实际，编制本地相关方案");
    });
  });

  describe("a standing against the levels named in words", () => {
    it.each([
      ["不达标的生产线会怎么样？", "能效低于基准水平（不达标）的生产装置", "hn2023:zl3.3"],
      [
        "我们水泥厂熟料能耗在基准和标杆之间，方案要我们做什么",
        "能效介于基准水平和标杆水平之间的装置",
        "hn2023:zl3.3",
      ],
      ["已经达到标杆了，还有什么要求", "已达到标杆水平的装置", "hn2023:zl3.3"],
    ])(
      "“%s” is answered with what the policy asks of it, in the plan's words",
      async (question, lead, unitId) => {
        const ctx = await composed(question);
        const first = ctx.answer.split("\n")[0]!;
        expect(first.startsWith(lead)).toBe(true);
        expect(first).toContain("”[1]");
        expect(ctx.citations[0]!.unitId).toBe(unitId);
        expect(ctx.toolRuns).toEqual([]);
      },
    );
  });

  describe("an industry the plan gives no path", () => {
    it("says so first, then measures for any enterprise in plain words, citing them", async () => {
      const ctx = await composed("家具厂能享受哪些政策？");
      const lines = ctx.answer.split("\n");
      expect(lines[0]).toMatch(
        /^方案没有专门针对家具厂的行业措施（方案的重点行业是钢铁、建材、化工、装备制造、电子信息\[1\]）/,
      );
      expect(lines.slice(1, 3).every((line) => /^- .+\[\d\]$/.test(line))).toBe(true);
      // The sectors are said from the clause that names them; the measures are cross-cutting ones.
      expect(ctx.citations[0]!.unitId).toBe("hn2023:3");
      const crossCutting = new Set(env.deps.planModel!.crossCutting.map((c) => c.unitId));
      expect(ctx.citations.slice(1).every((c) => crossCutting.has(c.unitId))).toBe(true);
    });

    it("says so for an industry in a sector the plan never names, asked what is meant for it", async () => {
      const ctx = await composed("做锂电池电芯生产的，有专门要求吗");
      const lines = ctx.answer.split("\n");
      expect(lines[0]).toMatch(
        /^方案没有专门针对锂电池的措施（按国民经济行业分类，可参照方案的装备制造行业路径）/,
      );
      // The clause naming what it makes comes first (动力电池), not one on another product of its class (电机).
      expect(lines[1]).toMatch(/动力(蓄)?电池/);
      expect(ctx.answer).not.toMatch(/^- 方案在“[^”]*”中提到：.*电机/m);
    });

    it("says a business outside industry is not what the plan is for", async () => {
      const ctx = await composed("我们是物流公司，方案对我们有要求吗");
      expect(ctx.answer.split("\n")[0]).toMatch(/工业领域.*物流公司属于“道路运输业”，不在方案范围内/);
      expect(ctx.citations.map((c) => c.unitId).slice(0, 2)).toEqual(["hn2023:preamble", "hn2023:3"]);
    });

    it("says public bodies (schools, hospitals) are not what the plan is for either", async () => {
      const ctx = await composed("医院、学校的节能也归这个方案管吗");
      expect(ctx.answer.split("\n")[0]).toMatch(/属于“(卫生|教育)”，不在方案范围内/);
    });

    it("cites the clause naming the plan's sectors when asked about that part, though a clause mentions the industry", async () => {
      const ctx = await composed("重点行业实施路径里有没有煤炭开采行业");
      expect(ctx.answer.split("\n")[0]).toMatch(/^方案没有专门针对煤炭开采的行业措施（.*\[1\]）/);
      expect(ctx.citations[0]!.unitId).toBe("hn2023:3");
    });

    it("puts first a measure the question matches (money)", async () => {
      const ctx = await composed("造纸厂有补贴吗");
      expect(ctx.citations[1]!.unitId).toBe("hn2023:4.2");
    });

    it("answers with the industry's path when nothing it asks is found, mention first", async () => {
      const ctx = await composed("我们是做铸件的，熔炼这块方案建议怎么搞");
      const lines = ctx.answer.split("\n");
      expect(lines[0]).toMatch(/^方案没有单独针对“铸件”这一问题的条款；铸件属于方案的装备制造行业/);
      expect(lines[1]).toMatch(/^- 方案在“推动终端用能电气化”中提到：.*铸造.*\[1\]$/);
      expect(ctx.citations.map((c) => c.unitId)).toContain("hn2023:3.4.r1");
    });

    it("quotes a clause that mentions the industry inside another", async () => {
      const ctx = await composed("我们是印刷厂，有什么要求");
      expect(ctx.answer.split("\n")[1]).toMatch(/^- 方案在“[^”]+”中提到：.*印刷/);
    });
  });
});
