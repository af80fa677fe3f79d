import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../server/config.js";

const root = path.join(path.sep, "srv", "assistant");

function configError(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env, root);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error("expected a ConfigError");
}

describe("loadConfig", () => {
  describe("when the environment is empty", () => {
    it("uses the documented defaults, with folders under the project root", () => {
      expect(loadConfig({}, root)).toMatchObject({
        env: "development",
        host: "127.0.0.1",
        port: 3000,
        logLevel: "info",
        knowledgeDir: path.join(root, "knowledge"),
        dataDir: path.join(root, "data"),
        indexDir: path.join(root, "data", "index"),
        gridEmissionFactorId: "grid-national-2023",
      });
    });

    it("runs offline: no language model and no embeddings endpoint", () => {
      const config = loadConfig({}, root);
      expect(config.llm).toBeNull();
      expect(config.embeddings).toBeNull();
    });
  });

  it("keeps the console's cookies Secure unless ADMIN_ALLOW_HTTP is true", () => {
    expect(loadConfig({}, root).adminAllowHttp).toBe(false);
    expect(loadConfig({ ADMIN_ALLOW_HTTP: "false" }, root).adminAllowHttp).toBe(false);
    expect(loadConfig({ ADMIN_ALLOW_HTTP: "true" }, root).adminAllowHttp).toBe(true);
  });

  it("resolves relative folders against the root and keeps absolute ones", () => {
    const config = loadConfig({ DATA_DIR: "/tmp/assistant-data", KNOWLEDGE_DIR: "kb" }, root);
    expect(config.dataDir).toBe("/tmp/assistant-data");
    expect(config.indexDir).toBe("/tmp/assistant-data/index");
    expect(config.knowledgeDir).toBe(path.join(root, "kb"));
  });

  it("reads the port, host and log level", () => {
    expect(
      loadConfig({ PORT: "0", HOST: "0.0.0.0", LOG_LEVEL: "silent", NODE_ENV: "production" }, root),
    ).toMatchObject({
      port: 0,
      host: "0.0.0.0",
      logLevel: "silent",
      env: "production",
    });
  });

  it("keeps the audit log at least 180 days and erases handoff contacts after 30 by default", () => {
    expect(loadConfig({}, root)).toMatchObject({ auditRetentionDays: 180, handoffContactDays: 30 });
    expect(loadConfig({ AUDIT_RETENTION_DAYS: "365", HANDOFF_CONTACT_DAYS: "7" }, root)).toMatchObject({
      auditRetentionDays: 365,
      handoffContactDays: 7,
    });
    expect(configError({ AUDIT_RETENTION_DAYS: "30" }).message).toContain("AUDIT_RETENTION_DAYS");
  });

  it("re-reads shared caches every 30 s by default, CACHE_REREAD_SECONDS otherwise (1–3600)", () => {
    expect(loadConfig({}, root).cacheRereadMs).toBe(30_000);
    expect(loadConfig({ CACHE_REREAD_SECONDS: "5" }, root).cacheRereadMs).toBe(5000);
    expect(configError({ CACHE_REREAD_SECONDS: "0" }).message).toContain("CACHE_REREAD_SECONDS");
    expect(configError({ CACHE_REREAD_SECONDS: "3601" }).message).toContain("CACHE_REREAD_SECONDS");
  });

  it("sends no e-mail unless SMTP_URL is set, and then needs SMTP_FROM", () => {
    expect(loadConfig({}, root).mail).toBeNull();
    expect(loadConfig({ SMTP_URL: "", SMTP_FROM: "" }, root).mail).toBeNull();
    expect(
      loadConfig(
        {
          SMTP_URL: "smtps://jxj:secret@smtp.example.gov.cn:465",
          SMTP_FROM: "淮南市经信局 <noreply@example.gov.cn>",
        },
        root,
      ).mail,
    ).toEqual({
      url: "smtps://jxj:secret@smtp.example.gov.cn:465",
      from: "淮南市经信局 <noreply@example.gov.cn>",
      timeoutMs: 15000,
    });
    expect(configError({ SMTP_URL: "smtp://127.0.0.1:25" }).message).toContain("SMTP_FROM");
    for (const url of ["https://smtp.example.gov.cn", "smtp.example.gov.cn:25", "mailto:x@example.com"])
      expect(configError({ SMTP_URL: url, SMTP_FROM: "a@example.gov.cn" }).message).toContain("SMTP_URL:");
    for (const from of ["noreply", "a@b.cn\r\nBcc: x@y.cn", "<a@b.cn> <c@d.cn>"])
      expect(configError({ SMTP_URL: "smtp://127.0.0.1:25", SMTP_FROM: from }).message).toContain(
        "SMTP_FROM:",
      );
  });

  describe("when an OpenAI-compatible endpoint is configured", () => {
    it("configures the language model from OPENAI_BASE_URL and OPENAI_MODEL", () => {
      const config = loadConfig(
        {
          OPENAI_BASE_URL: "http://127.0.0.1:8000/v1",
          OPENAI_MODEL: "qwen2.5-7b-instruct",
          OPENAI_API_KEY: "sk-test",
        },
        root,
      );
      expect(config.llm).toEqual({
        baseURL: "http://127.0.0.1:8000/v1",
        apiKey: "sk-test",
        model: "qwen2.5-7b-instruct",
        firstTokenTimeoutMs: 8000,
        totalTimeoutMs: 30000,
        maxTokens: 1024,
        answerMaxChars: 2000,
        linkAllowlist: [],
      });
      expect(config.embeddings).toBeNull();
    });

    it("needs no key for a local server", () => {
      expect(
        loadConfig({ OPENAI_BASE_URL: "http://127.0.0.1:8000/v1", OPENAI_MODEL: "m" }, root).llm?.apiKey,
      ).toBe("not-needed");
    });

    it("reads the time-outs", () => {
      const config = loadConfig(
        {
          OPENAI_BASE_URL: "http://x/v1",
          OPENAI_MODEL: "m",
          LLM_FIRST_TOKEN_TIMEOUT_MS: "1500",
          LLM_TOTAL_TIMEOUT_MS: "9000",
        },
        root,
      );
      expect(config.llm).toMatchObject({ firstTokenTimeoutMs: 1500, totalTimeoutMs: 9000 });
    });

    it("reads the answer's limits and the origins it may link to", () => {
      const config = loadConfig(
        {
          OPENAI_BASE_URL: "http://x/v1",
          OPENAI_MODEL: "m",
          LLM_MAX_TOKENS: "600",
          LLM_ANSWER_MAX_CHARS: "1200",
          LLM_LINK_ALLOWLIST: " https://jxj.huainan.gov.cn/ , https://www.huainan.gov.cn",
        },
        root,
      );
      expect(config.llm).toMatchObject({
        maxTokens: 600,
        answerMaxChars: 1200,
        linkAllowlist: ["https://jxj.huainan.gov.cn", "https://www.huainan.gov.cn"],
      });
    });

    it("configures embeddings when OPENAI_EMBEDDING_MODEL is set", () => {
      const config = loadConfig(
        { OPENAI_BASE_URL: "http://x/v1", OPENAI_EMBEDDING_MODEL: "bge-m3", EMBEDDING_TIMEOUT_MS: "2500" },
        root,
      );
      expect(config.embeddings).toEqual({
        baseURL: "http://x/v1",
        apiKey: "not-needed",
        model: "bge-m3",
        timeoutMs: 2500,
      });
      expect(config.llm).toBeNull();
    });

    describe("when only part of it is set", () => {
      it("stays offline", () => {
        expect(loadConfig({ OPENAI_BASE_URL: "http://x/v1" }, root).llm).toBeNull();
        expect(loadConfig({ OPENAI_MODEL: "m", OPENAI_EMBEDDING_MODEL: "e" }, root)).toMatchObject({
          llm: null,
          embeddings: null,
        });
      });

      it("treats empty values, as .env files leave them, as unset", () => {
        expect(loadConfig({ OPENAI_BASE_URL: "  ", OPENAI_MODEL: "m" }, root).llm).toBeNull();
        expect(
          loadConfig({ OPENAI_BASE_URL: "http://x/v1", OPENAI_MODEL: "m", OPENAI_API_KEY: "" }, root).llm
            ?.apiKey,
        ).toBe("not-needed");
      });
    });
  });

  describe("when a value is invalid", () => {
    it.each([
      ["PORT", "abc"],
      ["PORT", "70000"],
      ["PORT", "-1"],
      ["LOG_LEVEL", "verbose"],
      ["NODE_ENV", "staging"],
      ["LLM_TOTAL_TIMEOUT_MS", "0"],
      ["ADMIN_ALLOW_HTTP", "yes"],
      ["LLM_MAX_TOKENS", "0"],
      ["LLM_ANSWER_MAX_CHARS", "10"],
      ["LLM_LINK_ALLOWLIST", "jxj.huainan.gov.cn"],
      ["LLM_LINK_ALLOWLIST", "https://jxj.huainan.gov.cn/apply"],
      ["LLM_LINK_ALLOWLIST", "javascript:alert(1)"],
    ])("throws a ConfigError naming %s (%s)", (key, value) => {
      const error = configError({ [key]: value });
      expect(error.name).toBe("ConfigError");
      expect(error.message).toContain(`${key}:`);
      expect(error.message).toContain(".env.example");
    });
  });
});
