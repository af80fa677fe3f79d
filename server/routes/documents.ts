import { Router } from "express";
import * as z from "zod";
import type { AppServices } from "../services.js";
import { AppError, parseOrThrow } from "../http/errors.js";
import { messages } from "../messages.js";

const unitParamsSchema = z.object({ id: z.string().min(3).max(80) });

export function documentsRouter({ knowledge }: Pick<AppServices, "knowledge">): Router {
  const router = Router();
  router.get("/documents", (_req, res) => {
    res.json({
      documents: knowledge.documents.map((doc) => ({
        ...doc,
        units: knowledge.units.filter((unit) => unit.docId === doc.id).length,
        passages: knowledge.passages.filter((passage) => passage.docId === doc.id).length,
      })),
    });
  });
  // A citation's context: the unit a passage belongs to, with its passages and children.
  router.get("/units/:id", (req, res) => {
    const { id } = parseOrThrow("units", unitParamsSchema, req.params);
    const unit = knowledge.unit(id);
    if (!unit) throw new AppError("not_found:units", messages.knowledge.unitNotFound(id));
    res.json({ unit, passages: knowledge.passagesOfUnit(id) });
  });
  return router;
}
