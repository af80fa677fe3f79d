import { http } from "./messages/http.js";
import { validation } from "./messages/validation.js";
import { answer } from "./messages/answer.js";
import { feedback } from "./messages/feedback.js";
import { handoff } from "./messages/handoff.js";
import { mail } from "./messages/mail.js";
import { knowledge } from "./messages/knowledge.js";
import { ingest } from "./messages/ingest.js";
import { admin } from "./messages/admin.js";
import { calculators } from "./messages/calculators.js";
import { storage } from "./messages/storage.js";
import { suggestions } from "./messages/suggestions.js";

/**
 * Every canned Chinese sentence the service shows to people lives here, so that wording is reviewed
 * in one place. Functions take the variable parts; nothing here is built from user input unescaped.
 * They live in server/messages/, one file per surface; this object gathers them.
 */
export const messages = {
  http,
  validation,
  answer,
  feedback,
  handoff,
  mail,
  knowledge,
  ingest,
  admin,
  calculators,
  storage,
  suggestions,
} as const;
