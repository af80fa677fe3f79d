import { planArithmetic } from "./planArithmetic.js";

/** What the calculators' policy summaries are built from (numbers already formatted). */
export interface PolicyArgs {
  product: string;
  uc: string;
  benchmark: string;
  baseline: string | null;
  /** ISO date, e.g. 2025-12-31 */
  deadline: string | null;
  /** whether that date is already behind us (null: not known) */
  deadlinePassed?: boolean | null;
}

/** "2025-12-31" → "2025年底前"; other dates in full; a date gone by says so. */
function deadlineText(date: string | null, passed: boolean | null = null): string {
  if (!date) return "规定期限内";
  const [y, mo, d] = date.split("-");
  const when = mo === "12" && d === "31" ? `${y}年底前` : `${y}年${Number(mo)}月${Number(d)}日前`;
  return passed ? `${when}（这一期限已过，尚未完成的应尽快与主管部门沟通改造或退出安排）` : when;
}

/** The calculators surface's sentences (gathered in server/messages.ts). */
export const calculators = {
  planArithmetic,
  rounding:
    "每个数字在第一次显示时取舍：单位产品能耗与差距保留2位小数（千克标准煤/吨），百分比1位，吨标准煤与吨二氧化碳2位，千瓦时取整，万元2位，回收期1位，四舍五入（五入远离零）；后面的算式用显示的数字接着算，合计是各项显示值之和，所以每一行都能用所显示的数字手算核对。输入和系数按原值使用。达标判断用显示的数值，结论与数字一致。",
  /**
   * What each verification level means to a reader of the catalogue (GET /api/benchmarks). Where a
   * value was checked is its trail, kept in knowledge/data and docs/calculators.md, never shown.
   */
  verification: {
    plan: "方案原文",
    two_sources: "国家文件或标准的数值，已核对",
    one_source: "国家文件或标准的数值，待核对",
    standard_limit_grade: "国家能耗限额标准的等级值，待核对",
    derived: "由标准的数值推算，不是公布的系数，待核对",
    weak: "仅供参考，待核对",
    user: "用户提供",
  },
  status: {
    at_or_better_than_benchmark: "已达到或优于标杆水平",
    between_benchmark_and_baseline: "介于标杆水平与基准水平之间",
    worse_than_baseline: "劣于基准水平",
    baseline_unknown: "未达到标杆水平（基准水平未知）",
  },
  intensityStatus: {
    target_met: (percent: string) => `已完成下降${percent}%的目标`,
    on_track: () => "进度符合均匀下降的要求",
    behind_schedule: () => "落后于均匀下降的进度",
    target_not_met: (percent: string) => `未完成下降${percent}%的目标`,
  },
  policySummary: {
    at_or_better_than_benchmark: (a: PolicyArgs) =>
      `${a.product}单位产品能耗 ${a.uc} 千克标准煤/吨，已达到或优于标杆水平（${a.benchmark}）。方案鼓励这类装置保持领先，参与能效“领跑者”遴选，向国际先进水平看齐。`,
    between_benchmark_and_baseline: (a: PolicyArgs) =>
      `${a.product}单位产品能耗 ${a.uc} 千克标准煤/吨，介于标杆水平（${a.benchmark}）和基准水平（${a.baseline ?? "—"}）之间。方案鼓励通过技术改造把能效提升到标杆水平之上；这一区间没有强制退出期限，但拟建、在建项目应按标杆水平建设。`,
    worse_than_baseline: (a: PolicyArgs) =>
      `${a.product}单位产品能耗 ${a.uc} 千克标准煤/吨，劣于基准水平（${a.baseline ?? "—"}）。方案要求加快这类落后装置的能效提升进度；按国家要求，能效低于基准水平的存量项目原则上应在${deadlineText(a.deadline, a.deadlinePassed)}完成技术改造或淘汰退出，具体时限和年度计划由地方制定。`,
    baseline_unknown: (a: PolicyArgs) =>
      `${a.product}单位产品能耗 ${a.uc} 千克标准煤/吨，高于标杆水平（${a.benchmark}），但尚未核实到该产品的基准水平，无法判断是否低于基准。方案鼓励介于基准和标杆之间的装置改造提升至标杆之上；如低于基准水平，原则上应在${deadlineText(a.deadline, a.deadlinePassed)}完成技术改造或淘汰退出。基准水平请以主管部门公布的为准。`,
  },
  usedFor: {
    conversionFactor: (name: string) => `${name}折标准煤系数`,
    co2Factor: (name: string) => `${name}二氧化碳排放因子`,
    gridFactor: "电网排放因子",
    benchmark: (name: string) => `${name}标杆水平`,
    baseline: (name: string) => `${name}基准水平`,
    cityTarget: "全市2025年目标",
    policy: "方案对该能效状况的要求",
    deadline: "国家对低于基准水平项目的改造期限",
    /** the standard is named by the source line itself */
    motorGrade: "电机各能效等级的效率",
    intensityTarget: "单位增加值能耗下降目标",
  },
  labels: {
    alreadyStandardCoal: "已为标准煤",
    fromHeatingValue: (hv: string, baseUnit: string, standard: string) =>
      `按实测低位发热量 ${hv} MJ/${baseUnit} ÷ ${standard} MJ/kgce`,
    steamAsHeat: "按热力当量值折算",
    electricityHeatContent: "电力当量值（GB/T 2589 参考系数）",
    electricityPrimary: "电力等价值（用户提供）",
    electricityName: "电力（当量值）",
    electricityNamePrimary: "电力（等价值）",
    referenceFactor: "GB/T 2589 参考折标系数",
    givenFactor: "用户给定的折标系数",
    derivedFactor: (fuel: string) => `按 GB/T 32151.34—2024 附录C ${fuel}缺省低位发热量推算`,
    measuredLhv: (hv: string, baseUnit: string) => `实测 ${hv} MJ/${baseUnit}`,
    carrierAsFuel: (carrier: string, fuel: string) => `${carrier}（按${fuel}缺省参数）`,
    fuelDefaults: (fuel: string) => `${fuel}缺省参数（GB/T 32151.34—2024 附录C）`,
    plantMix: "按本厂现有能源结构的平均排放强度",
    assumedCarrier: (carrier: string) => `假设节约的能源全部为${carrier}`,
    baselineFromStandard: (standard: string, grade: number) =>
      `${standard} 能耗限定值（${grade}级），作为基准水平的参照`,
    baselinePolicy: "国家基准水平",
    givenEfficiency: "用户提供",
    motorGrade: (standard: string, grade: number, power: string, poles: number) =>
      `${standard} ${grade}级（${power} kW ${poles}极）`,
    pump: "水泵",
    fan: "风机",
  },
  formula: {
    alreadyStandardCoal: (name: string, shown: string, tce: string) => `${name}：${shown} = ${tce} tce`,
    conversionLine: (name: string, shown: string, factor: string, factorUnit: string, tce: string) =>
      `${name}：${shown} × ${factor} ${factorUnit} ÷ 1000 = ${tce} tce`,
    perTonneOfOutput: (totalTce: string, outputT: string, perT: string) =>
      `每吨产品折标准煤 = ${totalTce} tce × 1000 ÷ ${outputT} t = ${perT} kgce/t`,
    total: (parts: string[], total: string) => `合计：${parts.join(" + ")} = ${total} tce`,
    unitConsumptionFromEnergy: (totalTce: string, outputT: string, uc: string) =>
      `单位产品综合能耗 = 综合能耗 ÷ 产量 = ${totalTce} tce × 1000 ÷ ${outputT} t = ${uc} kgce/t`,
    gapToBenchmark: (uc: string, benchmark: string, gap: string, percent: string) =>
      `与标杆水平的差距 = ${uc} − ${benchmark} = ${gap} kgce/t（${gap} ÷ ${benchmark} = ${percent}%）`,
    gapToBaseline: (uc: string, baseline: string, gap: string) =>
      `与基准水平的差距 = ${uc} − ${baseline} = ${gap} kgce/t`,
    gapToCityTarget: (year: number, uc: string, target: string, gap: string) =>
      `与全市${year}年目标的差距 = ${uc} − ${target} = ${gap} kgce/t`,
    percentOfCityTarget: (gap: string, target: string, percent: string) =>
      `高出目标的比例 = ${gap} ÷ ${target} × 100% = ${percent}%`,
    annualSavingToCityTarget: (year: number, uc: string, target: string, outputT: string, saving: string) =>
      `达到${year}年全市目标每年需节能 = (${uc} − ${target}) kgce/t × ${outputT} t ÷ 1000 = ${saving} tce`,
    annualSaving: (uc: string, benchmark: string, outputT: string, saving: string) =>
      `达到标杆水平每年需节能 = (${uc} − ${benchmark}) kgce/t × ${outputT} t ÷ 1000 = ${saving} tce`,
    annualSavingNone: (uc: string, benchmark: string) =>
      `单位产品能耗 ${uc} kgce/t 不高于标杆水平 ${benchmark} kgce/t，达到标杆不需要再节能（0 tce）`,
    annualSavingFromTotal: (totalTce: string, benchmark: string, outputT: string, saving: string) =>
      `达到标杆水平每年需节能 = ${totalTce} tce − ${benchmark} kgce/t × ${outputT} t ÷ 1000 = ${saving} tce`,
    plannedSaving: (uc: string, planned: string, outputT: string, saving: string) =>
      `单耗由 ${uc} 降到 ${planned} 每年节能 = (${uc} − ${planned}) kgce/t × ${outputT} t ÷ 1000 = ${saving} tce`,
    plannedCo2: (saving: string, factor: string, co2: string) =>
      `计划节能对应减少二氧化碳 ≈ ${saving} tce × ${factor} tCO2/tce = ${co2} t`,
    annualSavingToBaseline: (uc: string, baseline: string, outputT: string, saving: string) =>
      `达到基准水平每年需节能 = (${uc} − ${baseline}) kgce/t × ${outputT} t ÷ 1000 = ${saving} tce`,
    co2PlantMix: (saving: string, factor: string, co2: string) =>
      `对应减少二氧化碳 ≈ ${saving} tce × ${factor} tCO2/tce（本厂能源结构平均） = ${co2} t`,
    co2Assumed: (saving: string, factor: string, co2: string) =>
      `对应减少二氧化碳 ≈ ${saving} tce × ${factor} tCO2/tce = ${co2} t`,
    perTceFuel: (fuel: string, hv: string, cc: string, of: string, value: string) =>
      `${fuel}每吨标准煤排放 = ${hv} GJ/tce × ${cc} tC/GJ × ${of} × 44/12 = ${value} tCO2/tce`,
    perTceElectricity: (grid: string, factor: string, value: string) =>
      `电力每吨标准煤（当量值）排放 = ${grid} kgCO2/kWh ÷ ${factor} kgce/kWh = ${value} tCO2/tce`,
    perTceHeat: (factor: string, heat: string, value: string) =>
      `热力每吨标准煤排放 = 1 ÷ ${factor} kgce/MJ × ${heat} tCO2/GJ = ${value} tCO2/tce`,
    co2StandardCoal: (shown: string, tce: string, perTce: string, co2: string) =>
      `标准煤：${shown} = ${tce} tce × ${perTce} tCO2/tce（按烟煤缺省参数） = ${co2} tCO2`,
    co2Missing: (name: string) => `${name}：暂无可用的排放因子，未计入合计`,
    co2Electricity: (shown: string, kwh: string, factor: string, co2: string) =>
      `电力：${shown} = ${kwh} kWh × ${factor} kgCO2/kWh ÷ 1000 = ${co2} tCO2`,
    co2Heat: (name: string, shown: string, gj: string, factor: string, co2: string) =>
      `${name}：${shown} = ${gj} GJ × ${factor} tCO2/GJ = ${co2} tCO2`,
    co2Steam: (shown: string, t: string, gjPerT: string, factor: string, co2: string) =>
      `蒸汽：${shown} = ${t} t × ${gjPerT} GJ/t × ${factor} tCO2/GJ = ${co2} tCO2`,
    co2Fuel: (name: string, shown: string, lhv: string, gj: string, cc: string, of: string, co2: string) =>
      `${name}：${shown}，低位发热量 ${lhv}，合 ${gj} GJ × ${cc} tC/GJ × ${of} × 44/12 = ${co2} tCO2`,
    totalCo2: (parts: string[], total: string) => `合计：${parts.join(" + ")} = ${total} tCO2`,
    intoCarrier: (
      name: string,
      tce: string,
      times: string,
      factor: string,
      factorUnit: string,
      amount: string,
      unit: string,
    ) => `折合${name} = ${tce} tce${times} ÷ ${factor} ${factorUnit} = ${amount} ${unit}`,
    savedTce: (kwh: string, factor: string, tce: string) =>
      `节约标准煤 = ${kwh} kWh × ${factor} kgce/kWh ÷ 1000 = ${tce} tce`,
    savedCo2: (kwh: string, factor: string, co2: string) =>
      `减少二氧化碳 = ${kwh} kWh × ${factor} kgCO2/kWh ÷ 1000 = ${co2} t`,
    savedMoney: (kwh: string, price: string, wanYuan: string) =>
      `节约电费 = ${kwh} kWh × ${price} 元/kWh ÷ 10000 = ${wanYuan} 万元/年`,
    payback: (cost: string, perYear: string, years: string) =>
      `静态投资回收期 = ${cost} 万元 ÷ ${perYear} 万元/年 = ${years} 年`,
    motorShaft: (rated: string, load: string, shaft: string) =>
      `轴功率 = ${rated} kW × ${load}% = ${shaft} kW`,
    motorEfficiencies: (presentLabel: string, present: string, targetLabel: string, target: string) =>
      `现有效率 ${present}%（${presentLabel}），更换后效率 ${target}%（${targetLabel}）`,
    motorSavedKw: (shaft: string, present: string, target: string, saved: string) =>
      `每台节约功率 = ${shaft} kW × (100/${present} − 100/${target}) ≈ ${saved} kW`,
    motorKwh: (
      rated: string,
      load: string,
      present: string,
      target: string,
      hours: string,
      count: number,
      kwh: string,
    ) =>
      `年节电量 = ${rated} kW × ${load}% × (100/${present} − 100/${target}) × ${hours} h × ${count} 台 = ${kwh} kWh`,
    vsdStep: (a: {
      flow: string;
      full: string;
      drive: string | null;
      vsdKw: string;
      presentKw: string;
      hours: string;
      count: number;
      saved: string;
      gain: boolean;
    }) => {
      const vsd = `${a.full} × (${a.flow}/100)³${a.drive === null ? "" : ` ÷ ${a.drive}%`}`;
      return a.gain
        ? `流量 ${a.flow}%：变频后功率 = ${vsd} ≈ ${a.vsdKw} kW；节电 = (${a.presentKw} − ${vsd}) kW × ${a.hours} h × ${a.count} 台 = ${a.saved} kWh`
        : `流量 ${a.flow}%：变频后功率 = ${vsd} ≈ ${a.vsdKw} kW，不低于现状 ${a.presentKw} kW，不计节电`;
    },
    vsdTotal: (parts: string[], total: string) => `年节电量合计 = ${parts.join(" + ")} = ${total} kWh`,
    intensity: (year: number, energy: string, valueAdded: string, intensity: string) =>
      `${year}年单位增加值能耗 = ${energy} tce ÷ ${valueAdded} 万元 = ${intensity} tce/万元`,
    intensityReduction: (current: string, base: string, reduction: string) =>
      `较2020年下降 = (1 − ${current} ÷ ${base}) × 100% = ${reduction}%`,
    intensityTarget: (base: string, percent: string, target: string) =>
      `2025年目标值 = ${base} × (1 − ${percent}%) = ${target} tce/万元`,
    evenPace: (percent: string, years: number, annual: string, year: number, expected: string) =>
      `按${years}年均匀下降${percent}%（每年约${annual}%），到${year}年应下降 ${expected}%`,
    remainingToTarget: (current: string, target: string, gap: string) =>
      `距目标值还差 = ${current} − ${target} = ${gap} tce/万元`,
    remainingReduction: (target: string, current: string, remaining: string) =>
      `还需下降 = (1 − ${target} ÷ ${current}) × 100% = ${remaining}%`,
    requiredAnnual: (target: string, current: string, years: number, rate: string) =>
      `今后每年需下降 = 1 − (${target} ÷ ${current})^(1/${years}) = ${rate}%`,
    excessEnergy: (energy: string, target: string, valueAdded: string, excess: string) =>
      `按目标值计超出的能耗 = ${energy} − ${target} × ${valueAdded} = ${excess} tce`,
  },
  notes: {
    electricityPrimary: (factor: string) =>
      `电力按您提供的等价值 ${factor} kgce/kWh 折算；未查到全国统一的等价值，默认口径为当量值 0.1229 kgce/kWh。`,
    givenFactor: (name: string, value: string, unit: string, reference: string | null) =>
      `${name}按您给出的折标系数 ${value} ${unit} 折算${reference === null ? "" : `（GB/T 2589 参考系数 ${reference} ${unit}）`}；二氧化碳仍按缺省参数估算。`,
    defaultOfRange: (name: string, value: string, unit: string) =>
      `${name}未提供实测热值，按默认 ${value} ${unit} 折算（参考系数为一个区间）；如有实测低位发热量，请提供以便精确计算。`,
    derivedFactor: (name: string, factor: string, unit: string, lhv: string, standard: string) =>
      `${name}按 ${factor} ${unit} 折标准煤：GB/T 2589 参考系数表没有单列${name}，这是由 GB/T 32151.34—2024 附录C 的缺省低位发热量 ${lhv} ÷ ${standard} MJ/kgce 推算的值，不是公布的折标系数；煤质不同差别较大，如有实测低位发热量，请提供以便精确计算。`,
    standardCoalAsCoal: "已折标的能耗无法区分品种，二氧化碳按烟煤缺省参数估算。",
    noCo2Factor: (name: string) => `${name}暂无可用的二氧化碳排放因子，未计入排放合计。`,
    fuelDefaultsSource:
      "燃料排放因子由 GB/T 32151.34—2024 附录C 的缺省参数（低位发热量 × 单位热值含碳量 × 碳氧化率 × 44/12）计算，有实测值时应以实测值为准。",
    gridFactorUsed: (name: string, value: string, isDefault: boolean) =>
      `电力排放因子采用${name}（${value} kgCO2/kWh）${isDefault ? "，为系统默认值" : ""}；可改用其他年份或口径的因子。`,
    basisConfirmed: (product: string) => `${product}按含原料用能口径与方案标杆值比较。`,
    givenDiffersFromComputed: (given: string, computed: string) =>
      `您给出的单位能耗 ${given} kgce/t 与按能源用量和产量算出的 ${computed} kgce/t 不一致，以下按计算值。`,
    outputUnknown: "未提供年产量，无法计算每年需节约的能源量和对应的二氧化碳减排量。",
    co2PlantMix: "节能对应的二氧化碳减排按本厂现有能源结构等比例节约估算。",
    co2AssumedCarrier: (carrier: string) =>
      `未提供分品种能源用量，节能对应的二氧化碳减排按节约的能源全部为${carrier}估算；提供分品种用量可得到更准确的结果。`,
    feedstockCarbon:
      "该产品的能耗含原料用能，原料中的碳部分进入产品，实际减排量可能低于按燃料燃烧估算的数值。",
    cityTargetIsCitywide: (year: number, value: string) =>
      `方案提出${year}年全市吨水泥熟料综合能耗降至 ${value} 千克标准煤/吨，这是全市整体水平的目标，企业对照仅供参考。`,
    condition: (product: string, condition: string) =>
      `${product}的标杆值适用于${condition}的装置；其他原料或工艺路线不适用。`,
    capacityAssumed: (label: string) => `未说明装置容量，按${label}档比较；方案只给出这一档的标杆值。`,
    capacityInBand: (capacity: string, label: string) => `装置公称容量 ${capacity} 吨，属于${label}档。`,
    capacityBandOnly: (label: string) => `方案只给出${label}这一档装置的标杆值。`,
    basisOfFigure: (product: string, value: string) =>
      `${product}的标杆值 ${value} 千克标准煤/吨按含原料用能口径计算，对照时请用同一口径的能耗。`,
    notInPlan: (product: string) =>
      `方案没有列出${product}的标杆值，此处采用国家标杆水平（见来源），仅供参考。`,
    baselineIsStandardGrade: (standard: string, value: string) =>
      `国家基准水平的公开全文未能查到，此处以 ${standard} 的能耗限定值 ${value} 千克标准煤/吨作为基准水平的参照，请以主管部门公布的为准。`,
    baselineUnknown: (product: string, standard: string) =>
      `${product}的基准水平未能核实，不作推断；${standard} 的能耗等级仅作参考，见 referenceGrades。`,
    noPaybackWithoutSaving: "年节约电费为零，无法计算投资回收期。",
    priceUnknown: "未提供电价，未计算节约电费和投资回收期。",
    belowGrade3: (present: string, grade3: string, standard: string) =>
      `现有电机效率 ${present}% 低于 ${standard} 3级（能效限定值）${grade3}%，属于应淘汰更新的低效电机。`,
    ratedEfficiencyApproximation: "按额定效率估算；电机在低负载下效率会下降，实际节电量宜以实测为准。",
    vsdPresentAssumed:
      "未提供各工况的实测功率，现状按阀门/挡板调节时功率不变（等于满流量功率）估算，会高估节电量；有实测功率时请填写。",
    vsdDriveLossIgnored: "未计变频器自身损耗（通常为几个百分点）。",
    vsdAffinityLimits: (equipment: string) =>
      `按相似定律（功率与流量的三次方成正比）估算，适用于${equipment}系统静压（扬程）较小的情况；静压较大时节电量会偏高。`,
    intensityGivenDiffers: (year: number, given: string, computed: string) =>
      `${year}年您给出的单位增加值能耗 ${given} 与按能源消费量和增加值算出的 ${computed} 不一致，以下按计算值。`,
    intensityCitywide: (baseYear: number, percent: string) =>
      `“较${baseYear}年下降${percent}%”是方案对全市规模以上工业的整体目标，不是对单个企业的考核指标，企业对照仅供参考。`,
    comparablePrices: "增加值应按2020年可比价计算，否则价格变化会影响下降幅度。",
  },
  describe: {
    /** 等价值 asked, no factor given: why the answer is the 当量值, and what would give the 等价值. */
    equivalentNotPublished:
      "等价值取决于当年的火电供电标准煤耗，逐年不同，方案和国家标准都没有给出统一数值，所以以上按当量值计算；如需按等价值，请告诉我您采用的系数（如某一年统计部门公布的供电煤耗，千克标准煤/千瓦时），即可按等价值重算。",
    /** The yes or no a verdict question asks (是不是超过基准了, 达到标杆没有), said before the figures. */
    verdict: {
      overBaseline: (over: boolean) => (over ? "已超过基准水平。" : "没有超过基准水平。"),
      meetsBaseline: (meets: boolean) => (meets ? "已达到基准水平。" : "未达到基准水平。"),
      meetsBenchmark: (meets: boolean) => (meets ? "已达到标杆水平。" : "未达到标杆水平。"),
      meetsStandard: (baseline: boolean, benchmark: boolean) =>
        benchmark
          ? "已达标：达到标杆水平。"
          : baseline
            ? "已达到基准水平，但未达到标杆水平。"
            : "未达标：没有达到基准水平。",
      meetsTarget: (year: number, reached: boolean) =>
        reached ? `已达到方案${year}年全市目标。` : `尚未达到方案${year}年全市目标。`,
      baselineUnknown: "该产品的基准水平未核实，无法判断是否达到基准。",
    },
    benchmarkGap: (a: {
      /** the fall the question asked about, said first */
      planned: string | null;
      /** the plan's target for the product, when the question asks about it */
      target: string | null;
      product: string;
      uc: string;
      status: string;
      benchmark: string;
      baseline: string | null;
      /** the gap's size, without its sign */
      gap: string;
      percent: string;
      /** below the benchmark: the gap is said as how much lower */
      better: boolean;
      /** how far above the baseline, when it is */
      aboveBaseline: string | null;
      saving: string | null;
      co2: string | null;
    }) =>
      (a.planned ?? "") +
      `${a.product}单位产品综合能耗 ${a.uc} 千克标准煤/吨，${a.status}（标杆 ${a.benchmark}${a.baseline === null ? "，基准水平未核实" : `，基准 ${a.baseline}`}），${a.aboveBaseline ?? ""}${a.better ? "比标杆低" : "与标杆相差"} ${a.gap} 千克标准煤/吨（${a.percent}%）${a.target === null ? "" : `；${a.target}`}。` +
      (a.saving === null
        ? ""
        : `按年产量计，达到标杆每年需节能 ${a.saving} 吨标准煤${a.co2 === null ? "" : `，约减少二氧化碳 ${a.co2} 吨`}。`),
    aboveBaseline: (gap: string, percent: string) => `比基准高 ${gap} 千克标准煤/吨（${percent}%），`,
    plannedSaving: (a: {
      uc: string;
      planned: string;
      gap: string;
      /** the fall as a share of where it starts */
      percent: string;
      saving: string | null;
      co2: string | null;
    }) =>
      `单位产品综合能耗由 ${a.uc} 降到 ${a.planned} 千克标准煤/吨，降幅 ${a.percent}%，` +
      (a.saving === null
        ? `每吨产品少用 ${a.gap} 千克标准煤（提供年产量可算出每年的节能量）。`
        : `每年可节能 ${a.saving} 吨标准煤${a.co2 === null ? "" : `，约减少二氧化碳 ${a.co2} 吨`}。`),
    cityTargetGap: (a: {
      year: number;
      value: string;
      gap: string;
      percent: string;
      /** the unit consumption and the output, as the saving's arithmetic shows them */
      uc: string;
      outputT: string | null;
      saving: string | null;
      reached: boolean;
    }) =>
      a.reached
        ? `已达到方案${a.year}年全市目标（${a.value}）`
        : `比方案${a.year}年全市目标（${a.value}）高 ${a.gap} 千克标准煤/吨（${a.percent}%）` +
          (a.saving === null || a.outputT === null
            ? ""
            : `，按年产量计，达到这一目标每年需少用 ${a.saving} 吨标准煤（(${a.uc} − ${a.value}) 千克标准煤/吨 × ${a.outputT} 吨 ÷ 1000）`),
    planTargetQuoted: (text: string) => `方案的目标是“${text}”`,
    givenFactorBasis: "按给定系数",
    savedPrefix: "节约",
    /** `kgce`: the amount in kilograms when the question asks in them, said first with the tonnes beside it */
    conversionLine: (a: { what: string; tce: string; kgce: string | null; factor: string | null }) => {
      const aside = [...(a.kgce === null ? [] : [`${a.tce}吨`]), ...(a.factor === null ? [] : [a.factor])];
      return `${a.what}折合标准煤约${a.kgce === null ? `${a.tce}吨` : `${a.kgce}千克`}${aside.length ? `（${aside.join("；")}）` : ""}`;
    },
    perTonne: (a: { output: string; lines: string[]; kgce: string }) =>
      `按产量${a.output}计，每吨产品${a.lines.length ? `用${a.lines.join("、")}，` : ""}合${a.kgce}千克标准煤/吨。`,
    factorShown: (basis: string | null, value: string, unit: string) =>
      `${basis === null ? "" : `${basis}，`}${value}${unit}`,
    gridFactorShown: (name: string, value: string) => `电力按${name}${value}千克二氧化碳/千瓦时`,
    /** the grid factor the person gave (tCO2/MWh and kgCO2/kWh are the same figure) */
    gridFactorGiven: "给定的电网排放因子",
    gridFactorGivenShown: (value: string) =>
      `电力按给定的电网排放因子${value}千克二氧化碳/千瓦时，即${value}吨二氧化碳/兆瓦时`,
    /** the CO2 said first, when it is what the question asks ("间接排放多少吨CO2") */
    conversionCo2First: (a: {
      lines: string[];
      saved: boolean;
      total: string | null;
      co2: string;
      grid: string | null;
      incomplete: boolean;
    }) =>
      `${a.saved ? "相当于减少二氧化碳排放约" : "约排放二氧化碳"}${a.co2}吨${a.grid === null ? "" : `（${a.grid}）`}${a.incomplete ? "（部分品种暂无排放因子，未计入）" : ""}。` +
      `${a.total === null ? "" : `合计${a.saved ? "节约" : "折"}标准煤${a.total}吨：`}${a.lines.join("；")}。`,
    fuelFactorsShown: "燃料按GB/T 32151.34—2024附录C缺省参数",
    conversionInto: (a: {
      lines: string[];
      total: string | null;
      onlyStandardCoal: boolean;
      what: string;
      carrier: string;
      amount: string;
      factor: string;
    }) =>
      a.onlyStandardCoal
        ? `${a.what}折合${a.carrier}约${a.amount}（${a.factor}）。`
        : (a.total === null ? `${a.lines[0]}，` : `合计折标准煤${a.total}吨：${a.lines.join("；")}。合计`) +
          `相当于${a.carrier}约${a.amount}（${a.factor}）。`,
    conversion: (a: {
      lines: string[];
      /** the amounts are savings: the CO2 is what they avoid */
      saved: boolean;
      total: string | null;
      /** the total in kilograms, when the question asks in them */
      totalKgce: string | null;
      co2: string;
      /** how the CO2 was estimated: the grid factor with its year, the fuel defaults */
      grid: string | null;
      incomplete: boolean;
    }) =>
      (a.total === null
        ? `${a.lines[0]}，`
        : `合计${a.saved ? "节约" : "折"}标准煤${a.totalKgce === null ? `${a.total}吨` : `${a.totalKgce}千克（${a.total}吨）`}：${a.lines.join("；")}。合计`) +
      `${a.saved ? `相当于减少二氧化碳排放约${a.co2}吨` : `约排放二氧化碳${a.co2}吨`}${a.grid === null ? "" : `（${a.grid}）`}${a.incomplete ? "（部分品种暂无排放因子，未计入）" : ""}。`,
    electricitySaving: (a: {
      what: string;
      kwh: string;
      tce: string;
      co2: string;
      money: string | null;
      payback: string | null;
      percent: string | null;
    }) =>
      `${a.what}每年约节电 ${a.kwh} 千瓦时${a.percent === null ? "" : `（节电率 ${a.percent}%）`}，折标准煤 ${a.tce} 吨，减少二氧化碳 ${a.co2} 吨` +
      `${a.money === null ? "" : `，节约电费 ${a.money} 万元`}${a.payback === null ? "" : `，静态投资回收期约 ${a.payback} 年`}。`,
    motorWhat: "更换高效电机后",
    vsdWhat: "变频改造后",
    intensity: (a: {
      base: string;
      current: string;
      year: number;
      reduction: string;
      status: string;
      baseYear: number;
      targetYear: number;
      targetPercent: string;
      /** the target value, tce/万元 */
      target: string;
      /** how far above the target value it still is, with the fall that takes, when not met */
      remaining: { gap: string; percent: string } | null;
    }) =>
      `单位增加值能耗由${a.baseYear}年的 ${a.base} 降至${a.year}年的 ${a.current} 吨标准煤/万元，下降 ${a.reduction}%，${a.status}（方案目标：${a.targetYear}年较${a.baseYear}年下降${a.targetPercent}%，即降到 ${a.target} 吨标准煤/万元）` +
      (a.remaining === null
        ? "。"
        : `；距目标值还差 ${a.remaining.gap} 吨标准煤/万元（还需下降 ${a.remaining.percent}%）。`),
    intensityTarget: (a: {
      base: string;
      percent: string;
      target: string;
      reduction: string;
      baseYear: number;
      targetYear: number;
    }) =>
      `按方案“到${a.targetYear}年规上工业单位增加值能耗较${a.baseYear}年下降${a.percent}%”，${a.baseYear}年${a.base}吨标准煤/万元，${a.targetYear}年应降到${a.target}吨标准煤/万元（${a.base} × (1 − ${a.percent}%)），比${a.baseYear}年降低${a.reduction}吨标准煤/万元。`,
    benchmarkName: "标杆值",
    lookup: {
      /** `whence`: the plan's own figure ("方案原文") or the notice it comes from */
      one: (product: string, benchmark: string, whence: string, baseline: string) =>
        `${product}的能效标杆水平为 ${benchmark} 千克标准煤/吨（${whence}）；${baseline}。`,
      /** `citation`: the standard with its grade, "GB 21344-2023《合成氨单位产品能源消耗限额》3级" */
      standardBaseline: (citation: string, value: string) =>
        `方案没有列出基准水平，可参照 ${citation}（能耗限定值）${value} 千克标准煤/吨`,
      /** `citation`: the notice, or null when it is the benchmark's own (already named) */
      policyBaseline: (value: string, citation: string | null, inPlan: boolean) =>
        `${inPlan ? "方案本身没有列出基准值；国家" : ""}基准水平为 ${value} 千克标准煤/吨${citation === null ? "" : `，见${citation}`}`,
      noBaseline: "基准水平未能核实，方案也没有列出，不作推断",
      many: "方案给出能效标杆值的产品（工序）有：",
      variants: "各类别的能效标杆水平：",
      item: (product: string, benchmark: string, baseline: string | null) =>
        `- ${product}：标杆 ${benchmark} 千克标准煤/吨${baseline === null ? "（基准水平未核实）" : `，基准 ${baseline}`}`,
      cityTarget: (year: number, value: string) =>
        `全市${year}年目标：${value} 千克标准煤/吨（全市整体水平，企业对照仅供参考）`,
      planTarget: (text: string) => `方案目标：${text}`,
      belowBaseline: (text: string, passed: boolean | null) =>
        `能效低于基准水平：${text}${passed ? "（这一期限已过，尚未完成的应尽快与主管部门沟通改造或退出安排）" : ""}。`,
      newProjects: (text: string) => `新建项目：${text}。`,
      nextStep:
        "把贵厂的单位产品综合能耗（或年产量和各类能源用量）告诉我，我可以算出与标杆、基准的差距和每年需节约的能源量。",
    },
    /** `whence`: "方案原文", or the standard (with its grade) or notice the figure is cited from */
    figure: (name: string, value: string, whence: string) => `${name} ${value} 千克标准煤/吨：${whence}`,
    /** One line per kind of authority: its documents, each with the parts cited and their uses. */
    source: (documents: string[]) => `来源：${documents.join("；")}`,
    /** A part of a document cited ("3级", a clause's breadcrumb) and what it was used for. */
    sourceUse: (part: string | null, usedFor: string[]) => `${part ?? ""}，用于${usedFor.join("、")}`,
    /** A use whose figure was checked only against transcriptions: said once, here, never in the lead. */
    toCheck: (use: string) => `${use}（待核对）`,
    fromPlan: "方案原文",
  },
  questions: {
    product: (names: string) => `请问是哪种产品或工序？方案给出能效标杆值的有：${names}。`,
    basis: (product: string, benchmark: string) =>
      `${product}的能耗数据是否包含原料用能？方案的标杆值 ${benchmark} 千克标准煤/吨按含原料用能计，两种口径不能直接比较。`,
    output: "请提供年产量（如“年产120万吨”），才能由能源用量算出单位产品能耗。",
    unitConsumption: (perUnit: string) =>
      `请提供${perUnit}综合能耗（千克标准煤/吨），或者提供年产量和各类能源（煤、电、天然气、蒸汽等）的年用量。`,
    energy: "请提供能源品种和用量，例如“原煤5万吨、用电3000万千瓦时、天然气200万立方米”。",
    outputForPerTonne: (text: string) =>
      `“${text}”是每吨产品的电耗，请提供年产量（如“年产20万吨”），以算出全年用电量。`,
    ratedPowerKw: "电机的额定功率是多少千瓦？",
    poles: "电机是几极的（2、4、6 或 8 极）？",
    hoursPerYear: "每台电机每年大约运行多少小时？",
    loadFactorPercent: "电机的平均负载率大约是多少（%）？",
    presentEfficiency: "现有电机的效率（%）或能效等级（GB 18613-2020 的 1/2/3 级）是多少？",
    targetEfficiency: "准备更换为几级能效（或效率多少 %）的电机？",
    presentEfficiencyUnlisted: (power: string, powers: string) =>
      `目前只核实了 ${powers} kW 电机的能效等级效率，${power} kW 电机无法按等级计算。请给出现有电机的效率（%，可看铭牌或实测）。`,
    targetEfficiencyUnlisted: (power: string) =>
      `请给出准备更换的 ${power} kW 电机的效率（%，可看产品样本或铭牌）。`,
    equipment: "改造的是风机还是水泵？",
    fullFlowInputKw: "满流量运行时电机的输入功率（或额定功率）是多少千瓦？",
    profile: "请给出全年的流量工况，例如“80%流量运行3000小时，60%流量运行2000小时”。",
    baseIntensity:
      "请提供2020年的单位增加值能耗（吨标准煤/万元），或2020年的能源消费量（吨标准煤）和工业增加值（万元）。",
    currentIntensity: "请提供当前年份的单位增加值能耗（吨标准煤/万元），或能源消费量和工业增加值。",
    currentYear: "当前的数据是哪一年的？",
    implausibleFigure: (text: string, reason: "negative" | "exponent" | "non_finite" | "too_large") =>
      ({
        negative: `“${text}”是负数，用量、产量和能耗都不会小于零，请确认这个数。`,
        exponent: `“${text}”是科学记数法，请直接写出数值和单位（如“800万千瓦时”“1.2亿度”），以免看错数量级。`,
        non_finite: `“${text}”不是一个确定的数值，请给出具体的数字和单位。`,
        too_large: `“${text}”超出了单个企业的合理范围，请检查数值和单位（如“万吨”“万千瓦时”）。`,
      })[reason],
  },
  provisional: {
    assumedLabel: (parts: string[]) => `按假设估算（${parts.join("、")}）：`,
    assumedPoles: (poles: number) => `${poles}极`,
    assumedLoad: (load: number) => `负载率${load}%`,
    assumedPresentGrade: (grade: number) => `现有电机按GB 18613-2020 ${grade}级`,
    assumedNote: "以上是按典型假设的估算；告诉我下面的实际数据，就能算出准确结果。",
    basisAssumed: (product: string) =>
      `暂按含原料用能口径（即方案${product}标杆值的口径）比较；如您的数据不含原料用能，则不能直接与标杆比较。`,
    targetFirst: "先按方案规定的下降幅度算出目标值；提供当前年份的数据后可判断完成进度。",
    relativeYear: (word: string, year: number) => `（“${word}”暂按${year}年计算；如不是，请告诉我年份。）`,
    lead: (lead: string, note: string) => `${lead}${note}`,
  },
  parserNotes: {
    perTonneTimesOutput: (text: string, output: string, kwh: string) =>
      `“${text}”是每吨产品的电耗，按年产量${output}算出全年用电 ${kwh}。`,
    perTonneElectricity: (text: string) => `“${text}”是每吨产品的电耗，只是电力部分，未作为全年用电量使用。`,
    bareNumberAsUnitConsumption: (text: string) => `“${text}”未写单位，按千克标准煤/吨理解。`,
    coalOnly: "您提到的是煤耗；方案的标杆值是综合能耗（煤、电等全部能源折标准煤），请确认数据口径。",
    capacityAsOutput: (text: string) => `“${text}”是产能，暂按年产量计算；实际产量不同时请告诉我。`,
    unknownFigure: (text: string) => `未能判断“${text}”指的是什么，未使用。`,
    bareHeatingValue: (text: string, unit: string) => `“${text}”按低位发热量 ${unit} 理解。`,
    equalValueNeedsFactor:
      "电力按等价值折算需要您提供等价值系数（kgce/kWh）；未提供时按当量值 0.1229 kgce/kWh 计算。",
    costPerUnit: (text: string, count: number) => `“${text}”按每台计，共 ${count} 台。`,
    hoursFromDays: (daily: string, days: string) => `年运行时间按 ${daily} × ${days} 计算。`,
    rateTimesPeriods: (per: "day" | "month", rate: string, periods: string, year: string) =>
      `全年用量按每${per === "day" ? "天" : "月"} ${rate} × ${periods} = ${year} 计算。`,
    /** The periods of a whole year, in words: a definition, not a figure anyone stated. */
    periodsInYear: {
      day: (n: number) => `${n}天`,
      month: (n: number) => (n === 12 ? "全年十二个月" : `${n}个月`),
    },
    fullLoad: "“满载”按负载率100%（按额定输出功率）计算。",
    dailyHoursOnly: (daily: string) => `只给出了每天运行 ${daily}，还需要每年运行天数。`,
    ieGrade: "IE 等级与 GB 18613-2020 能效等级的对应关系未经核实，请用 1/2/3 级或直接给出效率（%）。",
    ratedAsFullFlow: (text: string) => `按 ${text} 作为满流量时的输入功率估算；有实测功率时请提供。`,
    outputValueIsNotValueAdded: "产值、营业收入不等于工业增加值，请提供工业增加值。",
    bareNumberAsIntensity: (text: string) => `“${text}”未写单位，按吨标准煤/万元理解。`,
    bareNumberAsPrimaryFactor: (text: string) => `“${text}”按电力等价值折标系数（千克标准煤/千瓦时）理解。`,
    bareNumberAsFactor: (text: string, carrier: string, unit: string) =>
      `“${text}”未写单位，按${carrier}的折标系数（${unit}）理解。`,
    totalPowerPerMotor: (total: string, count: number, each: string) =>
      `“${total}”是 ${count} 台的合计功率，按每台 ${each} 千瓦计算；各台功率不同时，请分别给出。`,
    savedShare: (used: string, share: string, saved: string) => `节约量 = ${used} × ${share} = ${saved}。`,
    rangeMidpoint: (text: string, middle: string) => `“${text}”是一个区间，按中间值 ${middle} 计算。`,
  },
  errors: {
    unknownCarrier: (name: string, accepted: string[]) =>
      `无法识别的能源品种“${name}”。可用的品种：${accepted.join("、")}。`,
    unknownUnit: (unit: string, accepted: string[]) =>
      `无法识别的单位“${unit}”。可用的单位：${accepted.join("、")}。`,
    unknownHeatingValueUnit: (unit: string, accepted: string[]) =>
      `无法识别的发热量单位“${unit}”。可用的单位：${accepted.join("、")}。`,
    primaryFactorRequired: "选择等价值口径时，请给出电力等价值折标系数（kgce/kWh）。",
    unknownFactorUnit: (unit: string, name: string, accepted: string[]) =>
      `无法识别${name}的折标系数单位“${unit}”。${accepted.length ? `可用的单位如：${accepted.join("、")}。` : "已折标的能耗不需要折标系数。"}`,
    implausibleFactor: (name: string, shown: string) =>
      `${name}的折标系数“${shown}”超出了任何燃料的范围（每千克、立方米、千瓦时或兆焦不超过5千克标准煤），请检查数值和单位。`,
    heatingValueRequired: (name: string, lower: string | null) =>
      `${name}的折标系数是一个区间${lower ? `（下限 ${lower} kgce/m³）` : ""}，请提供实测低位发热量。`,
    unknownGridFactor: (id: string, accepted: string[]) =>
      `没有编号为“${id}”的电网排放因子。可用的编号：${accepted.join("、")}。`,
    outputNeededForEnergy: "给出能源用量时，还需要给出年产量，才能算出单位产品能耗。",
    plannedNotLower: (planned: string, uc: string) =>
      `计划降到的单位产品能耗 ${planned} 千克标准煤/吨不低于现在的 ${uc}，请检查两个数的先后。`,
    consumptionOrEnergy: "请给出单位产品综合能耗（千克标准煤/吨），或者给出年产量和各类能源用量。",
    unknownProduct: (text: string, closest: string[]) =>
      `目录中没有“${text}”。${closest.length ? `最接近的条目：${closest.join("、")}。` : ""}方案给出标杆值的产品有：电弧炉冶炼、水泥熟料、煤制烯烃、合成氨、纯碱（联碱法，轻质/重质）。`,
    ambiguousProduct: (text: string, question: string, variants: string[]) =>
      `“${text}”对应多个条目，请说明${question}：${variants.join("、")}。`,
    productNotCatalogued: (name: string, notice: string, candidates: string[]) =>
      `${name}列在${notice}中，但本助手还没有收录它的标杆水平和基准水平，这里不给出数值；方案本身也没有规定这一产品的数值。具体数值请以该通知原文为准，或咨询淮南市经济和信息化局。${candidates.length ? `可以直接计算的同行业条目：${candidates.join("、")}。` : ""}`,
    productNotCovered: (text: string, term: string, candidates: string[]) =>
      `方案的标杆值不覆盖“${text}”（${term}）。方案中相近的条目：${candidates.join("、")}。`,
    capacityOutOfBand: (capacity: string, product: string, band: string) =>
      `公称容量 ${capacity} 吨不在方案给出的${band}档内，${product}的标杆值不适用；其他容量档的标杆值未能核实。`,
    basisRequired: (product: string) =>
      `${product}的能耗有“含原料用能”和“不含原料用能”两种口径，数值相差很大。请说明您的数据是哪种口径（方案标杆值按含原料用能计）。`,
    basisNotComparable: (product: string, benchmark: string) =>
      `方案中${product}的标杆值 ${benchmark} 千克标准煤/吨按含原料用能计，不含原料用能的数据不能直接比较。请把原料用能计入后再比较（GB 30180-2024 的两种口径等级见 details）。`,
    implausibleGiven: (value: string, product: string, benchmark: string) =>
      `单位产品能耗 ${value} 千克标准煤/吨与${product}的标杆值 ${benchmark} 相差20倍以上，请检查数值和单位（应为千克标准煤/吨）。`,
    implausibleComputed: (value: string, product: string, benchmark: string) =>
      `按给出的产量和能源用量算得单位产品能耗 ${value} 千克标准煤/吨，与${product}的标杆值 ${benchmark} 相差20倍以上，请检查产量和各项能源用量的单位（如“万吨”“万千瓦时”）。`,
    implausibleAmount: (name: string, amount: string, max: string) =>
      `${name}用量 ${amount} 超出单个企业一年用量的合理范围（不超过${max}），请检查数值和单位（如“万吨”“万千瓦时”）。`,
    implausibleOutput: (output: string) =>
      `年产量 ${output} 超出单个企业的合理范围（不超过1亿吨），请检查数值和单位（如“万吨”）。`,
    implausibleCapacity: (capacity: string, max: string) =>
      `公称容量 ${capacity} 超出单台装置的合理范围（不超过 ${max} 吨），请检查数值和单位。`,
    implausibleIntensity: (year: number, value: string, min: string, max: string, computed: boolean) =>
      `${year}年单位增加值能耗${computed ? "按能源消费量和增加值算得" : ""} ${value} 吨标准煤/万元，超出合理范围（${min}–${max}），请检查单位（能耗应为吨标准煤，增加值应为万元）。`,
    implausibleIntensityChange: (year: number, current: string, base: string, times: number) =>
      `${year}年单位增加值能耗 ${current} 与2020年的 ${base} 相差${times}倍以上，多半是两年的单位不一致（如千克与吨标准煤、元与万元），请检查。`,
    presentEfficiencyNeeded: "请给出现有电机的效率（%）或能效等级（1/2/3级）。",
    polesNeeded: "按能效等级查效率需要电机极数（2、4、6 或 8 极）；或者直接给出现有和更换后电机的效率（%）。",
    targetEfficiencyNeeded: "请给出更换后电机的效率（%）或能效等级（1/2/3级）。",
    noMotorRow: (power: string, poles: number, powers: string[]) =>
      `目前只核实了 ${powers.join("、")} kW 电机的能效等级，${power} kW ${poles}极电机请直接给出效率（%）。`,
    targetNotBetter: (present: string, target: string) =>
      `更换后效率 ${target}% 不高于现有效率 ${present}%，没有节电量。`,
    tooManyHours: (hours: string, max: number) => `各工况小时数合计 ${hours} 小时，超过一年的 ${max} 小时。`,
    presentPowerImplausible: (present: string, full: string) =>
      `该工况的现状功率 ${present} kW 明显高于满流量功率 ${full} kW，请检查。`,
    unknownTool: (name: string, tools: string[]) =>
      `没有名为“${name}”的计算工具。可用的工具：${tools.join("、")}。`,
    intensityOrParts:
      "请给出单位增加值能耗（吨标准煤/万元），或者同时给出能源消费量（吨标准煤）和工业增加值（万元）。",
  },
} as const;
