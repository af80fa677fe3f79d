import fs from "node:fs";
import path from "node:path";
import type { Browser, BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAccount } from "../../server/admin/accounts.js";
import { messages } from "../../server/messages.js";
import { ConsolePage } from "./consolePage.js";
import { launchChromium } from "./support/chromium.js";
import { root, startApp, type RunningApp } from "./support/servers.js";

const ARTIFACTS = path.join(root, "test", "artifacts");
const PASSWORD = "correct horse battery staple";
const UNANSWERABLE = "每吨熟料能补贴多少钱";
const QUESTIONS = [
  "节能降碳改造由哪个部门牵头？",
  "今天天气怎么样",
  UNANSWERABLE,
  "我们厂水泥熟料综合能耗 110 千克标准煤每吨，达到标杆了吗？",
];
const REVIEWED_ANSWER =
  "方案未规定每吨熟料的补贴标准。市级专项资金支持重点节能降碳项目，具体以当年申报通知为准。";

let app: RunningApp;
let browser: Browser;
let context: BrowserContext;
let console_: ConsolePage;
const cspViolations: string[] = [];

async function ask(message: string): Promise<{ status: string; answer: string }> {
  const res = await fetch(`${app.url}/api/chat`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ message }),
  });
  return (await res.json()) as { status: string; answer: string };
}

beforeAll(async () => {
  app = await startApp();
  await createAccount(app.services.storage, "zhangsan", "张三", PASSWORD, "test", "admin");
  for (const question of QUESTIONS) await ask(question);
  browser = await launchChromium();
  context = await browser.newContext({
    viewport: { width: 1280, height: 900 },
    acceptDownloads: true,
    locale: "zh-CN",
  });
  const page = await context.newPage();
  page.on("console", (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) cspViolations.push(message.text());
  });
  console_ = new ConsolePage(page, app.url, ARTIFACTS);
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await app?.close();
});

describe("a member of staff works through the day's enquiries in Chromium", () => {
  it("is asked to sign in, signs in and sees the enquiries", async () => {
    const res = await console_.page.goto(`${app.url}/admin/enquiries`);
    expect(res!.status()).toBe(401);
    await expect(console_.by("sign-in-form").isVisible()).resolves.toBe(true);
    await console_.screenshot("sign-in");
    await console_.signIn("zhangsan", PASSWORD);
    await console_.go("nav-enquiries", /\/admin\/enquiries/);
    expect(await console_.statuses()).toHaveLength(QUESTIONS.length);
    const cookie = (await context.cookies()).find((c) => c.name === "tdf_admin")!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Strict", path: "/admin" });
    await console_.screenshot("enquiries");
  });

  it("filters the list to the questions the plan could not answer", async () => {
    await console_.filter({ status: "unanswerable_no_content" });
    expect(await console_.statuses()).toEqual(["unanswerable_no_content"]);
    expect(console_.page.url()).toContain("status=unanswerable_no_content");
    await console_.filter({ status: "", q: "熟料" });
    expect(await console_.statuses()).toHaveLength(2);
  });

  it("exports the filtered list as a CSV download that Excel reads as UTF-8", async () => {
    const [download] = await Promise.all([
      console_.page.waitForEvent("download"),
      console_.by("export-csv").click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^咨询记录-\d{8}\.csv$/);
    const bytes = fs.readFileSync((await download.path())!);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString("utf8").slice(1).trimEnd().split("\r\n");
    expect(lines[0]).toBe(messages.admin.csv.columns.join(","));
    expect(lines).toHaveLength(3);
    expect(lines.join("\n")).toContain(UNANSWERABLE);
  });

  it("opens a conversation with its citations and calculator run", async () => {
    await Promise.all([
      console_.page.waitForURL(/\/admin\/conversations\//),
      console_.by("open-conversation").first().click(),
    ]);
    const message = console_.by("message").first();
    expect(await message.getByTestId("citation").count()).toBeGreaterThan(0);
    expect(await message.getByTestId("citation").first().innerText()).toMatch(/›.*hn2023:/);
    expect(await message.getByTestId("tool-run").count()).toBeGreaterThan(0);
    expect(await message.getByTestId("answer").innerText()).toContain("标杆");
    await console_.screenshot("conversation");
  });

  it("writes a reviewed answer from 待改进, publishes it, and the chat API serves it at once", async () => {
    await console_.by("nav-improve").click();
    await console_.page.waitForURL(/\/admin\/improve/);
    await Promise.all([
      console_.page.waitForURL(/\/admin\/curated\/new/),
      console_.by("write-reviewed").first().click(),
    ]);
    expect(await console_.by("curated-question").inputValue()).toBe(UNANSWERABLE);
    await console_.by("curated-answer").fill(REVIEWED_ANSWER);
    // admin.js: a click on a clause in the list adds its id (works under the strict CSP, from its own file).
    await console_.page.locator("details.units summary").click();
    await console_.page.locator('.unit-pick[data-unit-id="hn2023:4.2"]').click();
    expect(await console_.by("curated-units").inputValue()).toBe("hn2023:4.2");
    await console_.screenshot("curated-form");
    await Promise.all([
      console_.page.waitForURL(/\/admin\/curated\?published=1/),
      console_.by("publish-curated").click(),
    ]);
    expect(await console_.by("notice").innerText()).toBe(messages.admin.curated.publishedNotice);
    await console_.screenshot("curated");

    const reply = await ask("请问每吨熟料能补贴多少钱？");
    expect(reply.status).toBe("answered_reviewed");
    expect(reply.answer).toContain(REVIEWED_ANSWER);
    expect(reply.answer).toContain(messages.answer.reviewedLabel);
  });

  it("deactivates it after confirming, and it is no longer served", async () => {
    console_.page.once("dialog", (dialog) => void dialog.accept());
    await Promise.all([console_.page.waitForURL(/deactivated=1/), console_.by("deactivate").first().click()]);
    expect(await console_.by("curated-row").first().getAttribute("data-active")).toBe("false");
    expect((await ask(UNANSWERABLE)).status).toBe("unanswerable_no_content");
  });

  it("sees every action in the audit log, then signs out", async () => {
    await console_.by("nav-audit").click();
    await console_.page.waitForURL(/\/admin\/audit/);
    const actions = await console_
      .by("audit-entry")
      .evaluateAll((rows) => rows.map((row) => row.getAttribute("data-action")));
    expect(actions).toEqual(
      expect.arrayContaining([
        "sign_in",
        "export_csv",
        "view_conversation",
        "curated_create",
        "curated_publish",
        "curated_deactivate",
      ]),
    );
    await console_.screenshot("audit");
    await Promise.all([
      console_.page.waitForURL(/\/admin\/sign-in\?signed_out=1/),
      console_.by("sign-out").click(),
    ]);
    expect(await console_.by("notice").innerText()).toBe(messages.admin.signIn.signedOut);
    expect((await console_.page.goto(`${app.url}/admin/enquiries`))!.status()).toBe(401);
  });

  it("ran with no Content Security Policy violation", () => {
    expect(cspViolations).toEqual([]);
  });
});
