import type { Passage, ResponsibleUnits, Unit } from "./types.js";

/** Long enough to carry a whole thought, short enough to quote in a chat answer. */
export const MAX_PASSAGE_CHARS = 160;

export function makePassages(units: Unit[]): Passage[] {
  return units.flatMap((unit) => unitPassages(unit));
}

function unitPassages(unit: Unit): Passage[] {
  if (!unit.text) return [];
  const texts: Array<{ text: string; units: ResponsibleUnits | null }> = [];
  let rest = unit.text;
  for (const group of unit.responsibility) {
    const at = rest.indexOf(group.sentences);
    if (at > 0) texts.push(...chunk(rest.slice(0, at)).map((text) => ({ text, units: null })));
    texts.push(...chunk(group.sentences).map((text) => ({ text, units: group.units })));
    rest = rest.slice(at + group.sentences.length);
  }
  texts.push(...chunk(rest).map((text) => ({ text, units: null })));
  return texts.map((piece, index) => ({
    id: `${unit.id}#${index + 1}`,
    unitId: unit.id,
    docId: unit.docId,
    breadcrumb: unit.breadcrumb,
    text: piece.text,
    responsibleUnits: piece.units,
  }));
}

/**
 * Cuts at sentence ends; a responsibility clause stays with the sentence before it. Short lines
 * (a notice's addressee, signatures and date) are kept together up to the same length.
 */
export function chunk(text: string): string[] {
  const chunks: string[] = [];
  let current = "";
  const flush = () => {
    if (current.trim()) chunks.push(current.trim());
    current = "";
  };
  for (const paragraph of text.split("\n").map((p) => p.trim()).filter(Boolean)) {
    const sentences = paragraph.match(/[^。；！？]+(?:[。；！？]+(?:（[^（）]*）)?|$)/g) ?? [paragraph];
    // A paragraph that will not fit whole starts a passage of its own.
    if (current && current.length + paragraph.length > MAX_PASSAGE_CHARS) flush();
    else if (current) current += "\n";
    for (const sentence of sentences) {
      if (current && current.length + sentence.length > MAX_PASSAGE_CHARS) flush();
      current += sentence;
    }
  }
  flush();
  return chunks;
}
