/** The plan (and any document of the same form) as a tree of citable units. */

export interface DocumentMeta {
  /** Stable short id, the prefix of every unit id: "hn2023". */
  id: string;
  title: string;
  /** 文号, e.g. 淮经信节能〔2023〕19号 */
  number: string;
  issuers: string[];
  /** ISO date, e.g. 2023-05-31 */
  date: string;
  /** Where the text came from (front-matter `source`, else the file name). */
  source: string;
  /** The knowledge file holding the document, relative to knowledge/. */
  file: string;
  /** How answers name it in running text: front-matter `shortName` ("方案"), else 《title》. */
  shortName: string;
  /** In force, or not since a date (and replaced by what, when known). */
  status: DocumentStatus;
}

export interface DocumentStatus {
  state: "现行" | "已废止" | "已被替代";
  /** ISO date the document stopped being in force; null when in force or not known. */
  date: string | null;
  replacedBy: string | null;
}

export type UnitKind =
  | "notice" // 印发通知
  | "preamble" // 方案开头的说明段
  | "part" // 一、
  | "section" // （一）
  | "item" // 1.
  | "paragraph" // 无编号的段落（如基本原则的每一条）
  | "column" // 专栏N
  | "column_item" // 专栏里的一条
  | "sector" // 三、里的行业
  | "sector_row" // 行业表格中的一行（路径）
  | "sector_benchmark" // 行业表格的“重点产品（工序）能效标杆值”
  | "sector_target"; // 行业表格的“总体实施目标”

export interface ResponsibleUnits {
  /** 牵头 (or 负责 when a single unit is named). */
  lead: string[];
  /** 配合 / 按职责分工负责 */
  support: string[];
  /**
   * Units an earlier clause made responsible for every later measure ("均需各县、区人民政府、园区管委会负责，
   * 下同" in 二（一）1.): not written in this clause, yet sharing it. Absent before any such clause.
   */
  alsoResponsible?: string[];
  /** The clause as written, e.g. "市经济和信息化局牵头，市发展改革委配合" */
  raw: string;
}

export interface QuantTarget {
  year: number;
  indicator: string;
  value: number;
  unit: string;
  /** e.g. "较2020年下降", "降至", "达到…以上" */
  relation: string;
  sentence: string;
}

export interface SectorMeasure {
  number: number;
  text: string;
}

export interface SectorRow {
  /** 路径: 产能控制 / 产品优化 / 技术创新 / 循环耦合 / 产业集聚 / 能源结构优化 */
  path: string;
  measures: SectorMeasure[];
}

export interface SectorBenchmark {
  product: string;
  /** e.g. 公称容量≥50吨, 优质无烟块煤为原料, 联碱法（轻质） */
  condition?: string;
  value: number;
  unit: string;
  text: string;
}

/** The 总体实施目标 of a sector table for one year: "2030年，原燃材料替代水平显著提高；在水泥等行业…。" */
export interface SectorTarget {
  /** The year the clauses fall under; null when the text names none. */
  year: number | null;
  /** Every clause under that year, as written, starting with the year. */
  text: string;
}

export interface Unit {
  /** `${docId}:${path}` — see docs/knowledge-ids.md */
  id: string;
  docId: string;
  kind: UnitKind;
  /** 标题, e.g. "开展节能降碳升级改造" or "专栏3 工业能效提升" */
  title: string;
  /** Numbering as written: "二、", "（二）", "3.", "专栏3" */
  label: string;
  parentId: string | null;
  /** e.g. ["二、重点任务", "（二）节能提效助力减碳行动", "3. 开展节能降碳升级改造"] */
  breadcrumb: string[];
  /** The unit's own text (not its children's). */
  text: string;
  /** One entry per sentence group the responsibility clause governs. */
  responsibility: Array<{ sentences: string; units: ResponsibleUnits }>;
  targets: QuantTarget[];
  /** Only on sector units. */
  sector?: {
    industry: string;
    rows: SectorRow[];
    benchmarks: SectorBenchmark[];
    targets: SectorTarget[];
  };
  childIds: string[];
}

/** The retrievable piece: a sentence group small enough to quote. */
export interface Passage {
  /** `${unitId}#${n}` */
  id: string;
  unitId: string;
  docId: string;
  breadcrumb: string[];
  text: string;
  responsibleUnits: ResponsibleUnits | null;
}

export interface ParsedDocument {
  meta: DocumentMeta;
  units: Unit[];
  passages: Passage[];
}
