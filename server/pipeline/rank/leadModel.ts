import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import { FEATURE_NAMES, type LeadFeatures } from "./features.js";

const schema = z.object({
  about: z.string(),
  trainedOn: z.string(),
  weights: z.record(z.string(), z.number()),
});

export type LeadWeights = Record<keyof LeadFeatures, number>;

export const LEAD_WEIGHTS_FILE = "model/lead-weights.json";

/** Before any training: retrieval's order decides, the other signals break its ties. */
export const UNTRAINED_WEIGHTS: LeadWeights = {
  retrieval: 1,
  bm25: 0.3,
  bank: 0.3,
  title: 0.3,
  sentence: 0.3,
  fit: 0.2,
  pinned: 3,
  subject: 0.3,
};

/** The weights `npm run train:lead` saved, or the untrained ones when there are none yet. */
export function loadLeadWeights(knowledgeDir: string): LeadWeights {
  const file = path.join(knowledgeDir, LEAD_WEIGHTS_FILE);
  if (!fs.existsSync(file)) return UNTRAINED_WEIGHTS;
  const { weights } = schema.parse(JSON.parse(fs.readFileSync(file, "utf8")));
  return Object.fromEntries(FEATURE_NAMES.map((name) => [name, weights[name] ?? 0])) as LeadWeights;
}

export function scoreOf(features: LeadFeatures, weights: LeadWeights): number {
  return FEATURE_NAMES.reduce((sum, name) => sum + features[name] * weights[name], 0);
}
