import { parse as parseYaml, YAMLError } from "yaml";
import * as z from "zod";
import { messages } from "../messages.js";
import { describeZodIssue } from "../http/zodMessages.js";

const issuersSchema = z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]);

export const frontMatterSchema = z
  .object({
    id: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]{1,40}$/, "只能包含小写字母、数字和连字符")
      .optional(),
    title: z.string().min(2),
    number: z.string().min(2),
    issuer: issuersSchema.optional(),
    issuers: issuersSchema.optional(),
    date: z.union([z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "应为 YYYY-MM-DD"), z.date()]),
    source: z.string().optional(),
    /** How answers name the document in running text ("方案"); its title in 《》 otherwise. */
    shortName: z.string().min(1).max(20).optional(),
    /** Whether the document is in force: 现行, or 已废止 / 已被替代 since statusDate. */
    status: z.enum(["现行", "已废止", "已被替代"]).optional(),
    statusDate: z.union([z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "应为 YYYY-MM-DD"), z.date()]).optional(),
    /** The title of the document that replaced it, when known. */
    replacedBy: z.string().min(2).optional(),
  })
  .refine((meta) => meta.issuer !== undefined || meta.issuers !== undefined, {
    message: "缺少发文单位（issuer）",
    path: ["issuer"],
  });

export type FrontMatter = z.infer<typeof frontMatterSchema>;

export class DocumentFormatError extends Error {
  override name = "DocumentFormatError";
}

export function splitFrontMatter(text: string): { data: FrontMatter; body: string } {
  const match = /^\uFEFF?---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/.exec(text);
  if (!match) throw new DocumentFormatError(messages.ingest.missingFrontMatter);
  let raw: unknown;
  try {
    raw = parseYaml(match[1]!);
  } catch (error) {
    // The parser counts lines from the one after the opening "---"; people count from the top of the file.
    const yaml = error instanceof YAMLError ? error : null;
    const line = yaml?.linePos ? yaml.linePos[0].line + 1 : null;
    throw new DocumentFormatError(messages.ingest.badFrontMatter(messages.ingest.badYaml(line, yaml?.code ?? "")));
  }
  const parsed = frontMatterSchema.safeParse(raw ?? {});
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join(".")} ${describeZodIssue(issue, raw ?? {})}`);
    throw new DocumentFormatError(messages.ingest.badFrontMatter(problems.join("；")));
  }
  return { data: parsed.data, body: match[2]! };
}
