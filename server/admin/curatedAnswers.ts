import * as z from "zod";
import type { AppServices } from "../app.js";
import { AppError } from "../http/errors.js";
import { messages } from "../messages.js";
import { MAX_MESSAGE_LENGTH } from "../pipeline/stages/checkInput.js";
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

export type CuratedServices = Pick<AppServices, "storage" | "curated" | "knowledge">;

/**
 * The form (or JSON body) of a reviewed answer. Every cited unit must exist in the plan, and the
 * question must not already be answered by another active reviewed answer (two answers for one
 * question would make which one is served an accident).
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

/** The pipeline's index is rebuilt from the database after every change, so it serves the change at once. */
export async function refreshCuratedIndex({
  storage,
  curated,
}: Pick<CuratedServices, "storage" | "curated">): Promise<void> {
  curated.replaceAll((await storage.listCuratedAnswers()).filter((answer) => answer.active));
}

export async function findCurated(storage: CuratedServices["storage"], id: number): Promise<CuratedAnswer> {
  const found = (await storage.listCuratedAnswers()).find((answer) => answer.id === id);
  if (!found) throw new AppError("not_found:curated", messages.admin.errors.curatedNotFound(id));
  return found;
}

export async function createCurated(
  services: CuratedServices,
  body: unknown,
  author: string,
): Promise<number> {
  const input = parseFields("curated", curatedSchema(services), body);
  const id = await services.storage.addCuratedAnswer({ ...input, author });
  await refreshCuratedIndex(services);
  await services.storage.audit(author, "curated_create", {
    id,
    question: input.question,
    unitIds: input.unitIds,
  });
  return id;
}

export async function editCurated(
  services: CuratedServices,
  id: number,
  body: unknown,
  author: string,
): Promise<void> {
  const before = await findCurated(services.storage, id);
  const input = parseFields("curated", curatedSchema(services, id), body);
  await services.storage.updateCuratedAnswer(id, input);
  await refreshCuratedIndex(services);
  await services.storage.audit(author, "curated_edit", {
    id,
    before: { question: before.question, unitIds: before.unitIds },
    question: input.question,
    unitIds: input.unitIds,
  });
}

export async function setCuratedActive(
  services: CuratedServices,
  id: number,
  active: boolean,
  author: string,
): Promise<void> {
  const found = await findCurated(services.storage, id);
  if (active) {
    const clash = services.curated.match(found.question);
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
    question: found.question,
  });
}
