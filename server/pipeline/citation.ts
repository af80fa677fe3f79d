import type { DocumentMeta, Passage } from "../knowledge/types.js";
import type { Citation } from "./context.js";

/** How an answer cites a passage: where it sits, its whole text, its 责任单位 and the document it is from. */
export function citationOf(passage: Passage, document: DocumentMeta | undefined): Citation {
  return {
    id: passage.id,
    unitId: passage.unitId,
    breadcrumb: passage.breadcrumb.join(" › "),
    quote: passage.text,
    responsibleUnits: passage.responsibleUnits,
    ...(document ? { document: document.title } : {}),
  };
}
