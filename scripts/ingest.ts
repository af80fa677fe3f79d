/**
 * npm run ingest -- <file> [--replace]
 * Adds a document of the plan's form (text or Markdown with front-matter: title, number, issuer, date)
 * to knowledge/documents and rebuilds the search index.
 */
import { loadConfig } from "../server/config.js";
import { DocumentFormatError } from "../server/knowledge/frontMatter.js";
import { ingestDocument } from "../server/knowledge/ingest.js";
import { loadKnowledgeBase } from "../server/knowledge/knowledgeBase.js";
import { createSearcher } from "../server/retrieval/createSearcher.js";
import { createLogger } from "../server/services.js";

const args = process.argv.slice(2);
const file = args.find((arg) => !arg.startsWith("--"));
if (!file) {
  console.error("用法：npm run ingest -- <文件路径> [--replace]");
  process.exit(2);
}
const config = loadConfig();
try {
  const result = ingestDocument(file, config.knowledgeDir, { replace: args.includes("--replace") });
  console.log(
    `已导入《${result.document.title}》（${result.document.number}）：${result.units} 个条目，${result.passages} 个段落 → knowledge/${result.file}${result.replaced ? "（已替换旧版本）" : ""}`,
  );
  const knowledge = loadKnowledgeBase(config.knowledgeDir);
  const { status } = await createSearcher(knowledge, config, createLogger({ logLevel: "warn" }));
  console.log(
    `检索索引已${status.indexRebuilt ? "重建" : "是最新"}（${knowledge.passages.length} 个段落）。`,
  );
} catch (error) {
  if (error instanceof DocumentFormatError) {
    console.error(`未导入：${error.message}`);
    process.exit(1);
  }
  if ((error as NodeJS.ErrnoException).code === "ENOENT") {
    console.error(`未导入：找不到文件 ${file}`);
    process.exit(1);
  }
  throw error;
}
