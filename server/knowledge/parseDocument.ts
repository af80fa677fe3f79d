import { createHash } from "node:crypto";
import { smallNumeral } from "../language/text.js";
import { messages } from "../messages.js";
import { DocumentFormatError, splitFrontMatter } from "./frontMatter.js";
import { makePassages } from "./passages.js";
import { carriedForwardUnits, parseResponsibleUnits, RESPONSIBILITY_CLAUSE } from "./responsibility.js";
import { isSectorTable, parseSectorTable } from "./sectorTable.js";
import { extractTargets } from "./targets.js";
import type { DocumentMeta, ParsedDocument, Unit, UnitKind } from "./types.js";

const PART = /^#*\s*([一二三四五六七八九十]+)、\s*(\S[^。]*)$/;
const SECTION = /^#*\s*[（(]([一二三四五六七八九十]+)[）)]\s*(\S[^。]*)$/;
const ITEM = /^(\d+)[.．]\s*([\s\S]+)$/;
const COLUMN = /^#*\s*专栏\s*(\d+)\s*(.*)$/;

/** Parses a document of the plan's form (front-matter, then 一、/（一）/1./专栏N numbering) into units. */
export function parseDocument(text: string, sourceName: string): ParsedDocument {
  const { data, body } = splitFrontMatter(text);
  const meta: DocumentMeta = {
    id: data.id ?? `doc-${createHash("sha256").update(data.number).digest("hex").slice(0, 8)}`,
    title: data.title,
    number: data.number,
    issuers: [data.issuers ?? data.issuer ?? []].flat(),
    date: isoDate(data.date)!,
    source: data.source ?? sourceName,
    file: sourceName,
    shortName: data.shortName ?? `《${data.title}》`,
    status: {
      state: data.status ?? "现行",
      date: isoDate(data.statusDate),
      replacedBy: data.replacedBy ?? null,
    },
  };
  const builder = new TreeBuilder(meta.id);
  for (const block of body.split(/\n\s*\n/).map((b) => b.trim()).filter(Boolean)) {
    builder.add(block, meta.title);
  }
  const units = builder.finish();
  if (!units.some((unit) => unit.kind === "part")) throw new DocumentFormatError(messages.ingest.noStructure);
  return { meta, units, passages: makePassages(units) };
}

/** YAML reads an unquoted 2023-05-31 as a Date. */
function isoDate(value: string | Date | undefined): string | null {
  if (value === undefined) return null;
  return value instanceof Date ? value.toISOString().slice(0, 10) : value;
}

const numeral = smallNumeral;

/** A paragraph whose first sentence is a short title ("总体部署，分类施策。") is a unit of its own. */
function leadPhrase(text: string, maxLength = 14): string | null {
  const match = new RegExp(`^([^。：；]{2,${maxLength}})[。：]`).exec(text);
  return match && !/\d/.test(match[1]!) ? match[1]! : null;
}

class TreeBuilder {
  private units: Unit[] = [];
  private byId = new Map<string, Unit>();
  private seenTitle = false;
  private part: Unit | null = null;
  private section: Unit | null = null;
  private item: Unit | null = null;
  private column: Unit | null = null;
  private paragraphCount = new Map<string, number>();

  constructor(private readonly docId: string) {}

  add(block: string, title: string): void {
    const line = block.replace(/^#+\s*/, "");
    if (!this.seenTitle && !this.part) {
      if (line === title) {
        this.seenTitle = true;
        return;
      }
      if (!PART.test(line)) {
        this.appendNoticeOrPreamble(line);
        return;
      }
    }
    this.addBody(line);
  }

  private appendNoticeOrPreamble(text: string): void {
    const kind: UnitKind = this.seenTitle ? "preamble" : "notice";
    const existing = this.byId.get(this.id(kind));
    if (existing) existing.text += `\n${text}`;
    else this.create(kind, kind, kind === "notice" ? "印发通知" : "前言", "", null, text);
  }

  private addBody(line: string): void {
    let match: RegExpExecArray | null;
    if ((match = PART.exec(line)) && !line.includes("\n")) {
      this.part = this.create("part", String(numeral(match[1]!)), match[2]!, `${match[1]}、`, null, "");
      this.section = this.item = this.column = null;
    } else if ((match = SECTION.exec(line)) && !line.includes("\n") && this.part) {
      const kind: UnitKind = /行业$/.test(match[2]!) && /实施路径/.test(this.part.title) ? "sector" : "section";
      this.section = this.create(kind, `${this.part.id.split(":")[1]}.${numeral(match[1]!)}`, match[2]!, `（${match[1]}）`, this.part, "");
      this.item = this.column = null;
    } else if ((match = COLUMN.exec(line)) && !line.includes("\n")) {
      const parent = this.section ?? this.part;
      this.column = this.create("column", `zl${match[1]}`, match[2]!.trim(), `专栏${match[1]}`, parent, "");
      this.item = null;
    } else if ((match = ITEM.exec(line)) && (this.section ?? this.part)) {
      // A numbered measure after a column closes the column: columns hold unnumbered entries only.
      this.column = null;
      const parent = (this.section ?? this.part)!;
      const titleText = match[2]!.split(/(?<=。)/)[0]!;
      this.item = this.create("item", `${parent.id.split(":")[1]}.${match[1]}`, titleText.replace(/。$/, ""), `${match[1]}.`, parent, match[2]!);
    } else if (this.column) {
      this.addColumnItem(line);
    } else if (isSectorTable(line) && this.section?.kind === "sector") {
      this.addSectorTable(this.section, line);
    } else if (this.item && /^[（(]责任单位/.test(line)) {
      this.item.text += line;
    } else {
      this.addParagraph(line);
    }
  }

  private addColumnItem(text: string): void {
    const column = this.column!;
    const count = column.childIds.length + 1;
    const title = leadPhrase(text, 20) ?? column.title;
    this.create("column_item", `${column.id.split(":")[1]}.${count}`, title, "", column, text);
  }

  private addParagraph(text: string): void {
    const parent = this.section ?? this.part;
    if (!parent) {
      this.appendNoticeOrPreamble(text);
      return;
    }
    const lead = leadPhrase(text);
    if (parent.kind === "section" && lead && !this.item) {
      const count = (this.paragraphCount.get(parent.id) ?? 0) + 1;
      this.paragraphCount.set(parent.id, count);
      this.create("paragraph", `${parent.id.split(":")[1]}.p${count}`, lead, "", parent, text);
      return;
    }
    const target = this.item ?? parent;
    target.text = target.text ? `${target.text}\n${text}` : text;
  }

  private addSectorTable(sector: Unit, block: string): void {
    const table = parseSectorTable(block);
    const path = sector.id.split(":")[1]!;
    sector.sector = { industry: sector.title.replace(/行业$/, ""), rows: table.rows, benchmarks: table.benchmarks, targets: table.targets };
    table.rows.forEach((row, index) => {
      const text = row.measures.map((m) => `${m.number}、${m.text}。`).join("");
      this.create("sector_row", `${path}.r${index + 1}`, row.path, "", sector, text);
    });
    if (table.benchmarkText) this.create("sector_benchmark", `${path}.benchmark`, "重点产品（工序）能效标杆值", "", sector, table.benchmarkText);
    if (table.targetText) this.create("sector_target", `${path}.target`, "总体实施目标", "", sector, table.targetText);
  }

  private id(path: string): string {
    return `${this.docId}:${path}`;
  }

  private create(kind: UnitKind, path: string, title: string, label: string, parent: Unit | null, text: string): Unit {
    let id = this.id(path);
    // A numbering repeated by mistake in a source document must not overwrite the first unit.
    for (let n = 2; this.byId.has(id); n++) id = this.id(`${path}~${n}`);
    const heading = label ? (label.endsWith(".") ? `${label} ${title}` : `${label}${label.startsWith("专栏") ? " " : ""}${title}`) : title;
    const unit: Unit = {
      id,
      docId: this.docId,
      kind,
      title,
      label,
      parentId: parent?.id ?? null,
      breadcrumb: [...(parent?.breadcrumb ?? []), heading],
      text,
      responsibility: [],
      targets: [],
      childIds: [],
    };
    parent?.childIds.push(id);
    this.units.push(unit);
    this.byId.set(id, unit);
    return unit;
  }

  /** Units are in document order, so a "下同" clause reaches every clause after it. */
  finish(): Unit[] {
    let carried: string[] = [];
    for (const unit of this.units) {
      unit.text = unit.text.trim();
      unit.responsibility = responsibilityGroups(unit.text);
      for (const { units } of unit.responsibility) {
        carried = [...new Set([...carried, ...carriedForwardUnits(units.raw)])];
        if (carried.length) units.alsoResponsible = [...carried];
      }
      unit.targets = extractTargets(unit.text);
    }
    return this.units;
  }
}

/** Each responsibility clause governs the sentences since the previous clause. */
export function responsibilityGroups(text: string): Unit["responsibility"] {
  const groups: Unit["responsibility"] = [];
  let start = 0;
  for (const match of text.matchAll(RESPONSIBILITY_CLAUSE)) {
    const end = (match.index ?? 0) + match[0].length;
    groups.push({ sentences: text.slice(start, end).trim(), units: parseResponsibleUnits(match[1]!) });
    start = end;
  }
  return groups;
}
