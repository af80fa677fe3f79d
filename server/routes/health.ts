import { Router } from "express";
import type { AppServices } from "../app.js";

export function healthRouter({ knowledge, searcher }: Pick<AppServices, "knowledge" | "searcher">): Router {
  const router = Router();
  router.get("/healthz", (_req, res) => {
    res.json({ status: "ok", documents: knowledge.documents.length, passages: knowledge.passages.length, vectorIndex: searcher.vectorEnabled });
  });
  return router;
}
