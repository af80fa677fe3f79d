import * as z from "zod";
import type { AppServices } from "../services.js";
import { AppError } from "../http/errors.js";
import { messages } from "../messages.js";
import { MAX_MESSAGE_LENGTH } from "../pipeline/stages/checkInput.js";
import { servedAnswers } from "../pipeline/curated.js";
import type { CuratedAnswer } from "../storage/types.js";
import { parseFields } from "./validate.js";

const v = messages.admin.validation;
export const MAX_ANSWER_LENGTH = 8000;
export const MAX_UNITS = 20;

/** Unit ids typed one per line (or separated by commas, 、 or spaces), or sent as a JSON list. */
const unitIdList = z
  .union([z.string().max(4000), z.array(z.string().max(200)).max(MAX_UNITS)])
  .optional()
  .transform((value) => [
    ...new Set(
      (Array.isArray(value) ? value : (value ?? "").split(/[\s,，、;；]+/))
        .map((id) => id.trim())
        .filter(Boolean),
    ),
  ]);

export type CuratedServices = Pick<AppServices, "storage" | "curated" | "knowledge" | "sharing">;

/**
 * The form (or JSON body) of a reviewed answer. Every cited unit must exist in the plan, and the
 * question must not already be answered by another published answer (two answers for one question
 * would make which one is served an accident).
 */
export function curatedSchema(
  { knowledge, curated }: Pick<CuratedServices, "knowledge" | "curated">,
  editingId?: number,
) {
  return z
    .object({
      question: z.string().trim().min(2).max(MAX_MESSAGE_LENGTH),
      answer: z.string().trim().min(1).max(MAX_ANSWER_LENGTH),
      unitIds: unitIdList,
    })
    .superRefine((value, ctx) => {
      if (value.unitIds.length > MAX_UNITS)
        ctx.addIssue({ code: "custom", path: ["unitIds"], message: `最多 ${MAX_UNITS} 项。` });
      for (const id of value.unitIds) {
        if (!knowledge.unit(id))
          ctx.addIssue({ code: "custom", path: ["unitIds"], message: v.unknownUnit(id) });
      }
      const existing = curated.match(value.question);
      if (existing && existing.id !== editingId)
        ctx.addIssue({ code: "custom", path: ["question"], message: v.duplicate(existing.id) });
    });
}

export type CuratedInput = z.output<ReturnType<typeof curatedSchema>>;

/**
 * The pipeline's index is rebuilt from the database after every change, so it serves the change at
 * once; other instances are told to rebuild theirs (a withdrawn answer must stop being served everywhere).
 */
export async function refreshCuratedIndex({
  storage,
  curated,
  sharing,
}: Pick<CuratedServices, "storage" | "curated" | "sharing">): Promise<void> {
  curated.replaceAll(servedAnswers(await storage.listCuratedAnswers()));
  await sharing.changes.announce("curated");
}

export async function findCurated(storage: CuratedServices["storage"], id: number): Promise<CuratedAnswer> {
  const found = (await storage.listCuratedAnswers()).find((answer) => answer.id === id);
  if (!found) throw new AppError("not_found:curated", messages.admin.errors.curatedNotFound(id));
  return found;
}

/** The text as the audit log keeps it: what was written, whole (redacted like a question by the log). */
const textOf = (a: Pick<CuratedAnswer, "question" | "answer" | "unitIds">) => ({
  question: a.question,
  answer: a.answer,
  unitIds: a.unitIds,
});

/** A new reviewed answer, saved as a draft: nothing is served until an admin publishes it. */
export async function createCurated(
  services: CuratedServices,
  body: unknown,
  author: string,
): Promise<number> {
  const input = parseFields("curated", curatedSchema(services), body);
  const id = await services.storage.addCuratedAnswer({ ...input, author });
  await services.storage.audit(author, "curated_create", { id, ...textOf(input) });
  return id;
}

/** A change to the text, saved as a draft: the published version is served until the next publish. */
export async function editCurated(
  services: CuratedServices,
  id: number,
  body: unknown,
  author: string,
): Promise<void> {
  const before = await findCurated(services.storage, id);
  const input = parseFields("curated", curatedSchema(services, id), body);
  await services.storage.updateCuratedAnswer(id, { ...input, updatedBy: author });
  await services.storage.audit(author, "curated_edit", { id, before: textOf(before), ...textOf(input) });
}

/**
 * Makes the current text the one the assistant serves (admins only: the route checks), recording who
 * and when. A question another published answer already takes is refused, as on saving.
 */
export async function publishCurated(services: CuratedServices, id: number, by: string): Promise<void> {
  const found = await findCurated(services.storage, id);
  const clash = services.curated.match(found.question);
  if (clash && clash.id !== id)
    throw new AppError(
      "bad_request:curated",
      messages.validation.field(messages.admin.fields.question, v.duplicate(clash.id)),
    );
  await services.storage.publishCuratedAnswer(id, by);
  await refreshCuratedIndex(services);
  await services.storage.audit(by, "curated_publish", { id, ...textOf(found) });
}

export async function setCuratedActive(
  services: CuratedServices,
  id: number,
  active: boolean,
  author: string,
): Promise<void> {
  const found = await findCurated(services.storage, id);
  if (active && found.published) {
    const clash = services.curated.match(found.published.question);
    if (clash && clash.id !== id)
      throw new AppError(
        "bad_request:curated",
        messages.validation.field(messages.admin.fields.question, v.duplicate(clash.id)),
      );
  }
  await services.storage.updateCuratedAnswer(id, { active });
  await refreshCuratedIndex(services);
  await services.storage.audit(author, active ? "curated_activate" : "curated_deactivate", {
    id,
    question: found.published?.question ?? found.question,
  });
}

/** Where a reviewed answer stands: a draft, published (with or without changes since), or stopped. */
export function curatedState(a: CuratedAnswer): "draft" | "published" | "changed" | "inactive" {
  if (!a.published) return "draft";
  if (!a.active) return "inactive";
  const p = a.published;
  const same =
    p.question === a.question && p.answer === a.answer && p.unitIds.join("\n") === a.unitIds.join("\n");
  return same ? "published" : "changed";
}
