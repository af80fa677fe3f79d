/**
 * The sentences of arithmetic on the plan's own figures (gathered under messages.calculators): what a
 * figure is called, the formula lines, the lead of each operation, and why the plan has no figure.
 * Figures arrive formatted.
 */

/** A product's figure as the lead names it ("方案2025年全市目标值", "标杆值"), or the person's own (name null). */
export interface NamedFigure {
  name: string | null;
  value: string;
}

const KGCE_T = "千克标准煤/吨";

/** "方案2025年全市目标值 102 千克标准煤/吨", or " 110 千克标准煤/吨" for the person's own figure. */
const named = (f: NamedFigure) => `${f.name === null ? " " : `${f.name} `}${f.value} ${KGCE_T}`;

export const planArithmetic = {
  levelName: {
    benchmark: () => "标杆值",
    baseline: () => "基准值",
    target: (year: number) => `${year}年全市目标值`,
  },
  formula: {
    totalAtLevel: (outputT: string, level: string, total: string) =>
      `年总能耗 = ${outputT} t × ${level} kgce/t ÷ 1000 = ${total} tce`,
    percentDifference: (figure: string, reference: string, percent: string) =>
      `相差比例 = (${figure} − ${reference}) ÷ ${reference} × 100% = ${percent}%`,
    fallPerTonne: (from: string, to: string, gap: string) => `每吨少用 = ${from} − ${to} = ${gap} kgce/t`,
    percentFall: (from: string, to: string, percent: string) =>
      `降幅 = (${from} − ${to}) ÷ ${from} × 100% = ${percent}%`,
    annualRate: (percent: string, years: number, rate: string) =>
      `每年平均下降 = 1 − (1 − ${percent}%)^(1/${years}) = ${rate}%`,
    simpleAverage: (percent: string, years: number, average: string, cumulative: string) =>
      `按简单平均是 ${percent}% ÷ ${years} = ${average}%；但每年的下降都以上一年为基数，每年降 ${average}% 的话，累计只降 1 − (1 − ${average}%)^${years} = ${cumulative}%，达不到 ${percent}%，所以按复合计算`,
    baseFromTarget: (value: string, percent: string, base: string) =>
      `基期数值 = ${value} ÷ (1 − ${percent}%) = ${base} tce/万元`,
    remainingFall: (target: string, achieved: string, remaining: string) =>
      `还需下降 = 1 − (1 − ${target}%) ÷ (1 − ${achieved}%) = ${remaining}%`,
    remainingAnnual: (remaining: string, years: number, rate: string) =>
      `今后${years}年每年平均需下降 = 1 − (1 − ${remaining}%)^(1/${years}) = ${rate}%`,
    energyCap: (year: number, target: string, valueAdded: string, cap: string) =>
      `${year}年能耗总量上限 = ${target} tce/万元 × ${valueAdded} 万元 = ${cap} tce`,
  },
  describe: {
    ofPlan: (name: string) => `方案${name}`,
    totalAtLevel: (a: { product: string; level: NamedFigure; outputT: string; total: string }) =>
      `按${a.product}的${named(a.level).trim()}计，年产 ${a.outputT} 吨一年的综合能耗为 ${a.total} 吨标准煤（${a.outputT} 吨 × ${a.level.value} ${KGCE_T} ÷ 1000）。`,
    percentDifference: (a: {
      product: string;
      figure: NamedFigure;
      reference: NamedFigure;
      /** the difference's size, without its sign */
      percent: string;
      higher: boolean;
      /** the signed figure the formula gives */
      signed: string;
    }) =>
      `${a.product}：${named(a.figure).trim()}比${named(a.reference)}${a.higher ? "高" : "低"} ${a.percent}%（(${a.figure.value} − ${a.reference.value}) ÷ ${a.reference.value} × 100% = ${a.signed}%）。`,
    percentFall: (a: { product: string; from: NamedFigure; to: NamedFigure; percent: string; gap: string }) =>
      `${a.product}单位产品综合能耗从${named(a.from)}降到${named(a.to)}，降幅为 ${a.percent}%（(${a.from.value} − ${a.to.value}) ÷ ${a.from.value} × 100% = ${a.percent}%），每吨少用 ${a.gap} 千克标准煤。`,
    annualRate: (a: {
      indicator: string;
      baseYear: number;
      targetYear: number;
      percent: string;
      years: number;
      rate: string;
    }) =>
      `方案要求${a.indicator}${a.targetYear}年较${a.baseYear}年下降${a.percent}%，${a.years}年按复合计算平均每年需下降约 ${a.rate}%（1 − (1 − ${a.percent}%)^(1/${a.years}) = ${a.rate}%）。`,
    baseFromTarget: (a: {
      indicator: string;
      baseYear: number;
      targetYear: number;
      percent: string;
      value: string;
      base: string;
    }) =>
      `按方案“${a.indicator}${a.targetYear}年较${a.baseYear}年下降${a.percent}%”倒推，${a.targetYear}年为 ${a.value} 吨标准煤/万元时，${a.baseYear}年基数为 ${a.base} 吨标准煤/万元（${a.value} ÷ (1 − ${a.percent}%) = ${a.base}）。`,
    remainingFall: (a: {
      indicator: string;
      baseYear: number;
      targetYear: number;
      percent: string;
      achieved: string;
      /** the year already achieved in, or null when not said */
      year: number | null;
      remaining: string;
      met: boolean;
      /** the even yearly fall over the years left, when the year was given */
      annual: { years: number; percent: string } | null;
    }) =>
      a.met
        ? `已较${a.baseYear}年下降${a.achieved}%，达到方案“${a.indicator}${a.targetYear}年较${a.baseYear}年下降${a.percent}%”的要求，不需要再降。`
        : `以${a.year === null ? "现在" : `${a.year}年`}的水平为基数，还需再下降约 ${a.remaining}%，才能完成方案“${a.indicator}${a.targetYear}年较${a.baseYear}年下降${a.percent}%”的目标（1 − (1 − ${a.percent}%) ÷ (1 − ${a.achieved}%) = ${a.remaining}%）${a.annual ? `；余下${a.annual.years}年每年平均需下降约 ${a.annual.percent}%` : ""}。`,
    /** Said after the intensity target: the energy the target intensity allows a value added. */
    energyCap: (year: number, valueAdded: string, cap: string, target: string) =>
      `${year}年工业增加值 ${valueAdded} 万元时，能耗总量最多 ${cap} 吨标准煤（${target} × ${valueAdded}）。`,
  },
  notes: {
    percentagesDoNotSubtract: (baseYear: number) =>
      `两个百分比的基数不同（一个以${baseYear}年为基数，一个以已完成的年份为基数），不能直接相减。`,
    givenValue: (value: string, indicator: string) =>
      `您给出的 ${value} 按${indicator}（千克标准煤/吨）理解。`,
  },
  usedFor: {
    percentTarget: "下降目标",
  },
  errors: {
    noCityTarget: (product: string, planTarget: string | null) =>
      `方案没有给出${product}的数值目标${planTarget === null ? "" : `，方案对它的目标是“${planTarget}”`}，所以无法按目标值计算。`,
    noTargetOfYear: (product: string, year: number, years: string) =>
      `方案没有给出${product}${year}年的目标值（只有${years}年的）。`,
    noBaseline: (product: string) =>
      `${product}的基准水平未能核实，方案也没有列出，无法按基准值计算；可以按标杆值计算。`,
    unknownTarget: (id: string, ids: string[]) =>
      `没有编号为“${id}”的方案目标。可用的编号：${ids.join("、")}。`,
    needsPlanFigure: "至少有一个数值应是方案的数值（标杆值、基准值或目标值）。",
    operandOneOf: "请给出 level（方案的哪个数值）或 value（您的数值）之一。",
    notAFall: (from: string, to: string) =>
      `${to} 不低于 ${from}，不是下降；请检查两个数的先后，或改问两者相差的比例。`,
    missingField: (field: string, operation: string) => `运算 ${operation} 需要 ${field}。`,
  },
} as const;
