/** The answer surface's sentences (gathered in server/messages.ts). */
export const answer = {
  reviewedLabel: "（本答复由淮南市经济和信息化局工作人员审核发布。）",
  aiLabel:
    "（本回答由人工智能生成，依据《淮南市工业领域碳达峰实施方案》原文整理，仅供参考，以正式文件为准。）",
  help:
    "您好！我是碳达峰政策助手，可以帮您：\n" +
    "1. 查询《淮南市工业领域碳达峰实施方案》（淮经信节能〔2023〕19号）的具体条款和出处；\n" +
    "2. 了解适用于您企业的节能降碳措施、资金支持和服务机制，以及各项工作的责任单位；\n" +
    "3. 计算企业产品能耗与能效标杆水平、基准水平的差距，以及电机、变频改造的节能量。\n" +
    "例如：“我们吨熟料综合能耗110千克标准煤，达标了吗？”“节能降碳改造由哪个部门牵头？”",
  offTopic:
    "抱歉，这个问题超出了我的服务范围。我只能回答与《淮南市工业领域碳达峰实施方案》、工业节能降碳和能效对标有关的问题，" +
    "例如政策条款、责任单位、资金支持，以及能效差距计算。",
  offTopicEn:
    "Sorry, this is outside what I can help with. I answer questions about Huainan's plan for carbon peaking in industry (《淮南市工业领域碳达峰实施方案》), industrial energy saving and energy-efficiency benchmarks: its measures, responsible units, funding, and gaps to the benchmark.",
  injection:
    "抱歉，我不能执行改变我的工作规则或透露内部设置的请求。我可以为您解答《淮南市工业领域碳达峰实施方案》的相关问题，或帮您计算能效差距。",
  /** The scope guard's replies (knowledge/guard/scope.json), in Chinese and, for an English message, English. */
  scope: {
    forgery: {
      zh: "抱歉，我不能制作、仿造或代拟任何机关的文件、批复、印章、签名或证明，也不能以任何单位的名义出具材料。我可以为您解读《淮南市工业领域碳达峰实施方案》的条款和责任单位；正式手续请向主管部门办理。",
      en: "Sorry, I cannot draft, imitate or forge any official document, approval, seal, signature or certificate, or issue anything in an authority's name. I can explain the clauses of Huainan's industrial carbon-peaking plan and who is responsible for them; official procedures go through the competent department.",
    },
    fraud: {
      zh: "抱歉，我不能协助虚报、瞒报或篡改能耗、排放等数据，也不能帮助规避监测、检查或骗取补贴。我可以为您说明《淮南市工业领域碳达峰实施方案》对能耗监测和节能监察的要求，或帮您计算与能效标杆的差距、找到合规的节能改造路径。",
      en: "Sorry, I cannot help to falsify, hide or under-report energy or emission data, to get around monitoring or inspection, or to obtain subsidies by deception. I can explain what Huainan's industrial carbon-peaking plan requires for energy monitoring and inspection, or work out your gap to the energy-efficiency benchmark.",
    },
    harm: {
      zh: "抱歉，我不能提供可能危害环境或他人安全的方法。我可以为您介绍《淮南市工业领域碳达峰实施方案》中合规的污染治理、节能降碳措施和资金支持。",
      en: "Sorry, I cannot give ways to harm the environment or anyone's safety. I can explain the lawful pollution-control and energy-saving measures, and the funding, in Huainan's industrial carbon-peaking plan.",
    },
    political: {
      zh: "抱歉，我不评论政治人物、政党或政治制度。我可以为您解答《淮南市工业领域碳达峰实施方案》的内容，例如印发单位、工作目标和各项措施的责任单位。",
      en: "Sorry, I do not comment on political figures, parties or political systems. I can answer questions about Huainan's industrial carbon-peaking plan: who issued it, its targets and who is responsible for each measure.",
    },
    personal: {
      zh: "抱歉，我不回答涉及个人隐私或私人情况的问题（包括关于我自己的）。我是碳达峰政策助手，可以为您解答《淮南市工业领域碳达峰实施方案》的条款、责任单位和资金支持，或计算能效差距。",
      en: "Sorry, I do not answer questions about anyone's private life or personal details, mine included. I am the carbon-peaking policy assistant: I can answer questions about Huainan's industrial carbon-peaking plan or work out an energy-efficiency gap.",
    },
    handoff: {
      zh: "好的。如需淮南市经济和信息化局工作人员解答，请打开“人工服务”，留下您的问题和联系电话或邮箱（不便留的，可凭查询码自行查询），提交后会得到受理编号，工作人员会尽快答复，答复也可在“查询办理进度”中查看。“人工服务”页面也列有经信局公布的联系方式。您也可以继续问我方案的具体条款。",
      en: "Of course. To reach staff of the Huainan Bureau of Economy and Information Technology, open “人工服务” (human service), leave your question and a phone number or e-mail address (or none, and keep a lookup code): you will get a reference number, staff will reply, and the reply can be read under “查询办理进度” (check progress). The bureau's published contact details are listed there too. Meanwhile you can keep asking me about the plan.",
    },
    handoffContact: {
      zh: "方案原文[1]没有列出经信局各科室的联系电话或地址。如需淮南市经济和信息化局工作人员解答，请打开“人工服务”，留下您的问题和联系电话或邮箱（不便留的，可凭查询码自行查询），提交后会得到受理编号，工作人员会尽快答复，答复也可在“查询办理进度”中查看；“人工服务”页面也列有经信局公布的联系方式。",
      en: "The plan itself [1] lists no telephone numbers or addresses. To reach staff of the Huainan Bureau of Economy and Information Technology, open “人工服务” (human service) and leave your question and a phone number or e-mail address (or none, and keep a lookup code): you will get a reference number, staff will reply, and the reply can be read under “查询办理进度” (check progress). The bureau's published contact details are listed there too.",
    },
    otherRegion: {
      zh: (place: string) =>
        `我只能解答淮南市的《淮南市工业领域碳达峰实施方案》，没有${place}相关方案或政策的资料，无法回答这个问题。其他地区的政策请以当地主管部门发布的原文为准；您可以问我淮南方案的目标、措施、责任单位和资金支持。`,
      en: (place: string) =>
        `I only cover Huainan's plan (《淮南市工业领域碳达峰实施方案》) and have no material on the plans or policies of ${place}, so I cannot answer this. For other places, please see what their own authorities publish; I can tell you about Huainan's targets, measures, responsible units and funding.`,
    },
  },
  empty: "没有收到有效的问题内容，请重新输入。",
  englishNote:
    "You asked in English. This assistant answers from the Chinese text of the plan (《淮南市工业领域碳达峰实施方案》), so the answer above is in Chinese; its figures, years and clause references are the plan's own.",
  calculationDropped:
    "好的，这次计算先不算了。您可以继续问方案的条款、责任单位和支持政策；需要计算时，直接把数据发给我即可（如“一年用电800万度，合多少吨标煤”）。",
  noContent:
    "《淮南市工业领域碳达峰实施方案》没有涉及这个问题，我无法给出依据。建议咨询淮南市经济和信息化局（节能与综合利用相关科室）。",
  noFigure: (what: string) =>
    `《淮南市工业领域碳达峰实施方案》没有规定${what}。以下是方案中相关的原文，具体标准请以主管部门发布的申报通知为准，或咨询淮南市经济和信息化局。`,
  /** The plan sets no such figure; what its nearest clause does say, quoted in the same paragraph. */
  noFigureBut: (what: string, sentence: string, n: number) =>
    `《淮南市工业领域碳达峰实施方案》没有规定${what}。方案相关的原文是：“${sentence}”[${n}]具体标准请以主管部门发布的通知为准，或咨询淮南市经济和信息化局。`,
  missing: {
    amount: "具体的补贴或奖励金额、标准",
    penalty: "罚款金额或处罚标准（处罚依照有关法律法规执行）",
    year: (year: string) => `${year}年的目标或要求`,
    yearFigure: (year: string) => `${year}年的具体数值`,
    contact: "具体的联系电话或地址",
    deadline: "具体的申报时间或截止日期",
    when: "这项工作的完成时间或期限",
    subject: (word: string) => `针对“${word}”的具体要求`,
    organisation: (name: string) => `针对“${name}”的具体安排`,
    figure: "这一具体数值",
    current: "目前的实际完成情况（方案只定目标，不发布现状数据）",
    namedEntities: "具体的企业、项目或园区名单（方案不点名具体单位）",
    allocation: "各县区、园区的指标分解（方案只定全市目标）",
    procedure: "具体的申报材料和办理流程",
    criteria: "具体的认定条件或评价标准（以主管部门发布的认定办法为准）",
    threshold: (subject: string) => `“${subject}”的具体认定标准（数值）`,
  },
  directLead: "根据方案原文：",
  /** An industry the plan gives no path of its own. */
  unnamedSector: {
    lead: (industry: string, sectors: string[], cite = "") =>
      `方案没有专门针对${industry}的行业措施（方案的重点行业是${sectors.join("、")}${cite}），但以下适用于所有工业企业的措施同样适用：`,
    mention: (title: string, sentence: string, n: number) => `- 方案在“${title}”中提到：${sentence}[${n}]`,
    pathLead: (industry: string, sector: string) =>
      `方案没有单独针对“${industry}”这一问题的条款；${industry}属于方案的${sector}，相关的措施有：`,
    /** An industry the plan never names, inside a sector it has a path for. */
    inSectorLead: (industry: string, sector: string) =>
      `方案没有专门针对${industry}的措施（按国民经济行业分类，可参照方案的${sector}路径），以下适用于所有工业企业的措施同样适用：`,
    general: (title: string, sentence: string, n: number) => `- ${title}：${sentence}[${n}]`,
    /** A business outside industry: the plan sets it nothing (cited: whom the plan is for, its sectors). */
    outside: (business: string, className: string, sectors: string[], cited: number) =>
      `方案是淮南市工业领域的碳达峰实施方案${cited > 0 ? "[1]" : ""}，对象是工业企业，重点行业是${sectors.join("、")}${cited > 1 ? "[2]" : ""}；${business}属于“${className}”，不在方案范围内，方案没有对其提出要求。`,
  },
  /** How a direct answer opens, before the clause it rests on. */
  direct: {
    says: (document: string, title: string) => `${document}在“${title}”中提出：`,
    must: (echo: string) => `${echo}。这是方案的明确要求：`,
    mustNot: "不可以。这是方案的明确要求：",
    encouraged: "不是强制要求，方案是鼓励和支持：",
    mayNot: "方案没有强制要求，而是鼓励和支持：",
    yes: (echo: string) => `${echo}。方案写明：`,
    corrected: "不是。方案的规定是：",
    notStated: "方案没有明确规定这一点。相关的原文是：",
  },
  /** What the policy asks of a standing against the levels, in the plan's words (quotes with their [n]). */
  levelStatus: {
    quote: (text: string, n: number) => `“${text}”[${n}]`,
    lead: {
      worse_than_baseline: (quotes: string[]) =>
        `能效低于基准水平（不达标）的生产装置，方案要求改造提升或淘汰：${quotes.join("；")}。`,
      between_benchmark_and_baseline: (quotes: string[]) =>
        `能效介于基准水平和标杆水平之间的装置，方案鼓励通过技术改造提升到标杆水平：${quotes.join("；")}。`,
      at_or_better_than_benchmark: (quotes: string[]) =>
        `已达到标杆水平的装置，方案鼓励保持领先、争当能效“领跑者”：${quotes.join("；")}。`,
    },
  },
  moneyTermsNote: "方案没有规定具体的金额或标准，申报条件和额度以主管部门发布的通知为准。",
  basisHeading: "**依据**",
  responsibleHeading: "**责任单位**",
  calculationHeading: "**计算结果**",
  nextStepHeading: "**下一步**",
  lead: (units: string) => `牵头：${units}`,
  support: (units: string) => `配合/按职责分工负责：${units}`,
  countyNote:
    "各县、区人民政府和园区管委会也须负责落实（见方案“构建绿色低碳的产业布局”一条责任单位中“下同”的规定）。",
  /** "是经信局负责吧": the office named leads the measure, helps with it, or is not named for it. */
  unitLeads: "是。",
  unitSupports: "不完全是：它是配合单位。",
  unitNotNamed: "不是。",
  responsibleAnswer: (title: string, raw: string) => `“${title}”的责任单位：${raw}。`,
  responsiblePart: (clause: string, raw: string, n: number) => `${clause}等（${raw}）[${n}]`,
  responsibleParts: (title: string, parts: string[]) =>
    `“${title}”的各项内容由不同单位负责：${parts.join("；")}。`,
  documentLead: (title: string, issuers: string[], number: string, date: string) =>
    `《${title}》由${issuers.join("、")}${issuers.length > 1 ? "联合" : ""}印发，文号${number}，成文日期${date}。`,
  listLead: (heading: string, count: string, document = "方案") => `${document}“${heading}”共${count}项：`,
  /** "资金那块具体说了啥": the clause's substance in plain words, before its text is quoted. */
  contentLead: (title: string, document = "方案") => `${document}“${title}”一条的要点是：`,
  /** Said beside a quote from a document no longer in force. */
  notInForce: (title: string, state: string, date: string | null, replacedBy: string | null) =>
    `注意：《${title}》${date ? `已于${date}` : "已"}${state === "已被替代" ? "被替代" : "废止"}${replacedBy ? `，现行文件为《${replacedBy}》` : ""}，以上内容仅供参考。`,
  /** The AI label naming the documents an answer quotes. */
  aiLabelFor: (titles: string[]) =>
    `（本回答由人工智能生成，依据${titles.map((title) => `《${title}》`).join("、")}原文整理，仅供参考，以正式文件为准。）`,
  otherMeasures: "方案中相关的其他措施：",
  measuresLead: (topic: string | null) =>
    topic ? `方案中与${topic}相关的主要措施有：` : "方案中相关的主要措施有：",
  nextStepDefault:
    "如需了解申报条件或办理流程，可联系淮南市经济和信息化局；也可以继续问我某一条的具体内容或责任单位。",
  nextStepAsk:
    "可以继续问我这一条由哪个部门牵头、有没有资金支持，或告诉我企业的产品和能耗，帮您对照标杆算一算。",
  nextStepCalculation:
    "可把更多数据（年产量、各类能源用量）告诉我，我会算出每年需节约的能源量；具体改造方案可咨询节能服务机构。",
  nextStepMotor:
    "告诉我电机的额定功率、极数、台数、年运行小时和现有能效等级（或效率），我可以按国家电机能效标准算出换成高效电机每年节电多少、省多少钱、几年回本。",
  nextStepVsd:
    "告诉我风机或水泵的满负荷功率和各流量工况的运行小时，我可以按相似定律估算变频改造每年的节电量和回收期。",
  /** What each calculator still needs, and an example of a reply that gives it (no figures: they would be invented). */
  needsInput: {
    benchmark_gap: "要计算能效差距，还需要以下信息：",
    motor_upgrade: "要算出更换高效电机的节电量，还需要以下信息：",
    vsd_savings: "要估算变频改造的节电量，还需要以下信息：",
    intensity_target: "要计算单位增加值能耗的下降进度，还需要以下信息：",
    energy_convert: "要折算标准煤和二氧化碳，还需要以下信息：",
    plan_arithmetic: "要按方案的数值计算，还需要以下信息：",
  } as Record<string, string>,
  needsInputExample: {
    benchmark_gap: "可以直接回复数据，例如“年产量××万吨，吨产品综合能耗××千克标准煤”。",
    motor_upgrade: "可以直接回复，例如“负载率××%，电价××元/千瓦时，改造费用××万元”。",
    vsd_savings: "可以直接回复，例如“满负荷功率××千瓦，××%流量运行××小时，××%流量运行××小时”。",
    intensity_target: "可以直接回复，例如“2020年综合能耗××吨标准煤、工业增加值××万元”。",
    energy_convert: "可以直接回复，例如“用电××万千瓦时，天然气××万立方米，原煤××吨”。",
    plan_arithmetic: "可以直接回复产品的类别，例如“轻质的”“重质的”。",
  } as Record<string, string>,
  calculatorRefused: (message: string) => `计算未完成：${message}`,
  llmFallback: {
    error_llm_timeout: "（智能问答服务响应超时，以上为根据方案原文整理的答复。）",
    error_llm_unavailable: "（智能问答服务暂时不可用，以上为根据方案原文整理的答复。）",
    error_llm_unsupported_claim: "（为确保准确，以上为根据方案原文整理的答复。）",
  },
  internalError: "抱歉，处理您的问题时出现了错误，请稍后再试。",
  partialNote: "（以上内容因服务中断未能完成，以下为根据方案原文整理的完整答复。）",
} as const;
