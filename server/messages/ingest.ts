/** What is wrong in the front-matter, by the YAML parser's error code, at the line the parser stopped. */
const yamlProblems: Record<string, (line: number) => string> = {
  DUPLICATE_KEY: (line) => `第 ${line} 行的键与前面重复了`,
  TAB_AS_INDENT: (line) => `第 ${line} 行用了制表符缩进，请改用空格`,
  // The parser stops where the closing mark was due, which may be lines after the opening one.
  MISSING_CHAR: (line) => `到第 ${line} 行仍有引号或括号没有配对`,
  BLOCK_AS_IMPLICIT_KEY: (line) => `第 ${line} 行的值里有冒号，请给值加上引号`,
  default: (line) =>
    `第 ${line} 行格式不对，请检查这一行和上一行的引号、括号、冒号和缩进（每行写成“键: 值”，如 title: 某某实施方案）`,
};

/** The ingest surface's sentences (gathered in server/messages.ts). */
export const ingest = {
  missingFrontMatter: "文件缺少开头的元数据（--- 之间的 title、number、issuer、date）。",
  badFrontMatter: (problem: string) => `元数据有误：${problem}`,
  /** The YAML parser's own messages are English; its error codes are named here in Chinese. */
  badYaml: (line: number | null, code: string) =>
    line === null
      ? "不是有效的 YAML 格式（每行写成“键: 值”，如 title: 某某实施方案）"
      : (yamlProblems[code] ?? yamlProblems.default!)(line),
  noStructure: "未能识别文件中的章节编号（如“一、”“（一）”“1.”）。",
  duplicateDocument: (id: string) => `知识库中已有编号相同的文件（${id}）。如需更新，请使用 --replace。`,
} as const;
