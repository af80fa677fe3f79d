/**
 * Every canned Chinese sentence the service shows to people lives here, so that wording is reviewed
 * in one place. Functions take the variable parts; nothing here is built from user input unescaped.
 */
export const messages = {
  http: {
    notFound: "您访问的接口不存在。请检查地址，或查看 README 中的接口说明。",
    internal: "服务暂时出现问题，请稍后再试。如问题持续，请联系淮南市经济和信息化局。",
    invalidJson: "请求内容不是有效的 JSON，请检查格式后重试。",
    payloadTooLarge: "请求内容过大，请缩短后重试。",
    badRequest: "请求参数有误。",
  },
  validation: {
    field: (field: string, problem: string) => `参数“${field}”${problem}`,
    required: "不能为空。",
    mustBeString: "应为文字。",
    mustBeNumber: "应为数字。",
    mustBeInteger: "应为整数。",
    mustBeBoolean: "应为 true 或 false。",
    mustBeObject: "应为对象。",
    mustBeArray: "应为列表。",
    lengthBetween: (min: number, max: number) => `长度应在 ${min} 到 ${max} 个字符之间。`,
    tooShort: (min: number) => `至少需要 ${min} 个字符。`,
    tooLong: (max: number) => `不能超过 ${max} 个字符。`,
    atLeast: (min: number) => `不能小于 ${min}。`,
    atMost: (max: number) => `不能大于 ${max}。`,
    greaterThan: (min: number) => `应大于 ${min}。`,
    lessThan: (max: number) => `应小于 ${max}。`,
    oneOf: (options: string) => `应为以下之一：${options}。`,
    unknownKey: (keys: string) => `包含无法识别的字段：${keys}。`,
    invalid: "格式不正确。",
  },
  knowledge: {
    unitNotFound: (id: string) => `知识库中没有编号为“${id}”的条目。`,
  },
  ingest: {
    missingFrontMatter: "文件缺少开头的元数据（--- 之间的 title、number、issuer、date）。",
    badFrontMatter: (problem: string) => `元数据有误：${problem}`,
    noStructure: "未能识别文件中的章节编号（如“一、”“（一）”“1.”），未导入。",
    duplicateDocument: (id: string) => `知识库中已有编号相同的文件（${id}）。如需更新，请使用 --replace。`,
  },
} as const;
