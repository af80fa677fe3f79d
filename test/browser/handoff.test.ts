import path from "node:path";
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { createAccount } from "../../server/admin/accounts.js";
import { messages } from "../../server/messages.js";
import { text } from "../../widget/src/text.js";
import { ConsolePage } from "./consolePage.js";
import { audit } from "./support/axe.js";
import { answerSteps, FakeChatServer } from "./support/fakeChat.js";
import { useWidgetFixture } from "./support/fixture.js";
import { pageWith, root } from "./support/servers.js";
import type { WidgetPage } from "./widgetPage.js";

const ARTIFACTS = path.join(root, "test", "artifacts");
const PASSWORD = "correct horse battery staple";
const QUESTION = "我们厂想申请节能诊断服务，具体怎么办理？";
const REPLY = "您好，节能诊断服务请于每年三月关注市经信局网站的申报通知，按通知要求提交材料即可。";
const NOTE = "已电话告知申报时间和材料";
const d = messages.admin.handoffs;

const fx = useWidgetFixture();

beforeAll(async () => {
  await createAccount(fx.app.services.storage, "zhangsan", "张三", PASSWORD, "test");
});

/** The citizen's 查询办理进度: fills the form and waits for the result or the refusal. */
async function lookUp(widget: WidgetPage, reference: string, check: string) {
  await widget.by("lookup-reference").fill(reference);
  await widget.by("lookup-check").fill(check);
  await widget.by("lookup-submit").click();
  await widget.by("lookup-found").or(widget.by("lookup-error")).first().waitFor({ timeout: 10_000 });
}

/** Console pages have a strict CSP; axe is injected into a context that bypasses it, as a tester's would. */
async function staffConsole(): Promise<ConsolePage> {
  const context = await fx.browser.newContext({ viewport: { width: 1366, height: 768 }, bypassCSP: true });
  const page = await context.newPage();
  return new ConsolePage(page, fx.app.url, ARTIFACTS);
}

const actionsOn = (page: Page, testid: string) =>
  page.getByTestId(testid).evaluateAll((rows) => rows.map((row) => row.getAttribute("data-action")));

describe("a request for a person goes to the bureau's desk and the answer comes back (issue 12)", () => {
  it("转人工 → panel prefilled → submit with a phone → staff assign, reply and close with a note → the citizen's lookup shows the reply; the audit log shows every step", async () => {
    // The citizen asks, then asks for a person.
    const { widget } = await fx.open();
    await widget.open();
    await widget.ask(QUESTION);
    await widget.input.fill("转人工");
    await widget.by("send").click();
    await widget.by("contact").waitFor({ state: "visible", timeout: 15_000 });
    expect(await widget.lastAnswer().getAttribute("data-status")).toBe("answered_handoff");
    expect(await widget.by("handoff-question").inputValue()).toBe(QUESTION);
    expect(await widget.by("handoff-conversation").isVisible()).toBe(true);
    expect(await widget.focusedTestId()).toBe("handoff-contact");
    expect(await audit(widget.page)).toEqual([]);

    // Submits with a phone number and keeps the reference.
    await widget.by("handoff-contact").fill("0554-7654321");
    await widget.by("handoff-submit").click();
    await widget.by("handoff-reference").waitFor({ timeout: 10_000 });
    const reference = await widget.by("handoff-reference").innerText();
    expect(reference).toMatch(/^RG-\d{8}-[A-Z0-9]{6}$/);
    expect(await widget.by("lookup-reference").inputValue()).toBe(reference);
    expect(await audit(widget.page)).toEqual([]);
    await widget.page.screenshot({ path: path.join(ARTIFACTS, "widget-handoff-receipt.png") });
    const stored = (await fx.app.services.storage.findHandoff(reference))!;
    expect(stored.conversationId).toMatch(/^c_/);

    // Before staff answer, the lookup says it is waiting.
    await lookUp(widget, reference, "4321");
    expect(await widget.by("lookup-status").innerText()).toBe(messages.handoff.states.open);
    expect(await widget.by("lookup-reply").innerText()).toBe(text.lookup.noReply);

    // Staff sign in, see it pending with its age and a redacted contact.
    const desk = await staffConsole();
    await desk.signIn("zhangsan", PASSWORD);
    expect(await desk.by("nav-pending").innerText()).toBe(messages.admin.pendingBadge(1));
    await desk.go("nav-handoffs", /\/admin\/handoffs$/);
    const row = desk.page.locator(`[data-testid="handoff"][data-reference="${reference}"]`);
    expect(await row.getAttribute("data-status")).toBe("open");
    expect(await row.innerText()).toContain("055****4321");
    expect(await row.innerText()).toContain("分钟");
    expect(await desk.by("count-open").getAttribute("data-count")).toBe("1");
    expect(await audit(desk.page)).toEqual([]);
    await desk.screenshot("handoffs");

    // Opens it, reads the whole contact and the conversation, takes it, replies, closes it with a note.
    await Promise.all([
      desk.page.waitForURL(new RegExp(`/admin/handoffs/${reference}$`)),
      row.getByTestId("open-handoff").click(),
    ]);
    expect(await desk.by("handoff-contact").innerText()).toBe("05547654321");
    expect(await desk.by("handoff-question").innerText()).toBe(QUESTION);
    expect(await desk.by("handoff-conversation").getAttribute("href")).toBe(
      `/admin/conversations/${stored.conversationId}`,
    );
    expect(await audit(desk.page)).toEqual([]);
    await desk.go("handoff-assign", /done=assign/);
    expect(await desk.by("notice").innerText()).toBe(d.savedAssign);
    expect(await desk.by("handoff-assignee").innerText()).toContain("张三");
    await desk.by("handoff-reply-text").fill(REPLY);
    await desk.go("handoff-save-reply", /done=reply/);
    expect(await desk.by("handoff-reply").innerText()).toBe(REPLY);
    await desk.screenshot("handoff");
    await desk.by("handoff-note-text").fill(NOTE);
    desk.page.once("dialog", (dialog) => void dialog.accept());
    await desk.go("handoff-close", /done=close/);
    expect(await desk.by("handoff-state").innerText()).toBe(d.states.done);
    expect(await desk.by("handoff-note").innerText()).toBe(NOTE);
    expect(await actionsOn(desk.page, "history-entry")).toEqual([
      "handoff_assign",
      "handoff_reply",
      "handoff_close",
    ]);
    expect(await audit(desk.page)).toEqual([]);

    // The audit log shows every step, in Chinese.
    await desk.go("nav-audit", /\/admin\/audit/);
    const logged = await actionsOn(desk.page, "audit-entry");
    expect(logged).toEqual(
      expect.arrayContaining([
        "sign_in",
        "view_handoffs",
        "view_handoff",
        "handoff_assign",
        "handoff_reply",
        "handoff_close",
      ]),
    );
    const auditText = await desk.by("audit").innerText();
    for (const action of ["handoff_assign", "handoff_reply", "handoff_close"])
      expect(auditText).toContain(messages.admin.audit.actions[action]!);
    await desk.page.context().close();

    // The citizen's lookup shows the reply.
    await lookUp(widget, reference, "4321");
    expect(await widget.by("lookup-status").innerText()).toBe(messages.handoff.states.done);
    expect(await widget.by("lookup-reply").innerText()).toBe(REPLY);
    expect(await audit(widget.page)).toEqual([]);
    await widget.by("lookup-found").scrollIntoViewIfNeeded();
    await widget.page.screenshot({ path: path.join(ARTIFACTS, "widget-lookup-reply.png") });
  });
});

describe("the 人工服务 panel's other ways and states", () => {
  it("an e-mail address the service refuses is marked beside its field, in Chinese", async () => {
    const { widget } = await fx.open();
    await widget.open();
    await widget.by("nav-contact").click();
    await widget.by("handoff-question").fill("请把补贴标准发到我邮箱");
    await widget.by("handoff-way-email").check();
    expect(await widget.by("handoff-contact-label").innerText()).toBe(text.contact.emailLabel);
    await widget.by("handoff-contact").fill("wang.example.com");
    await widget.by("handoff-submit").click();
    await expect
      .poll(() => widget.by("handoff-contact-error").innerText())
      .toBe(`${text.contact.fields.email}${messages.handoff.emailInvalid}`);
    expect(await widget.by("handoff-contact").getAttribute("aria-invalid")).toBe("true");
    expect(await audit(widget.page)).toEqual([]);
    await widget.by("handoff-contact").fill("wang@example.com");
    await widget.by("handoff-submit").click();
    await widget.by("handoff-reference").waitFor({ timeout: 10_000 });
    expect(await widget.by("handoff-contact").getAttribute("aria-invalid")).toBeNull();
  });

  it("without a contact: a lookup code shown once, which opens the request's progress; a wrong one is refused", async () => {
    const { widget } = await fx.open({ viewport: { width: 390, height: 844 } });
    await widget.open();
    await widget.by("nav-contact").click();
    await widget.by("handoff-question").fill("我不方便留电话，自己来查");
    await widget.by("handoff-way-lookup").check();
    expect(await widget.by("handoff-contact").isVisible()).toBe(false);
    expect(await widget.by("handoff-lookup-note").isVisible()).toBe(true);
    await widget.by("handoff-submit").click();
    await widget.by("handoff-lookup-code").waitFor({ timeout: 10_000 });
    const reference = await widget.by("handoff-reference").innerText();
    const code = await widget.by("handoff-lookup-code").innerText();
    expect(code).toMatch(/^[A-Z0-9]{6}$/);
    expect(await audit(widget.page)).toEqual([]);

    await lookUp(widget, reference, "AAAAAA");
    expect(await widget.by("lookup-error").innerText()).toBe(messages.handoff.lookupNotFound);
    expect(await audit(widget.page)).toEqual([]);
    await lookUp(widget, reference.toLowerCase(), code.toLowerCase());
    expect(await widget.by("lookup-status").innerText()).toBe(messages.handoff.states.open);
    expect(await audit(widget.page)).toEqual([]);
  });
});

describe("the chat's own controls (issue 12, item 5)", () => {
  it("停止 is shown as stopped, not as an error, with nothing left to retry", async () => {
    const fake = new FakeChatServer();
    await fake.start();
    try {
      fake.respondWith({ steps: [...answerSteps("正在回答").slice(0, 2), { hang: true }] });
      fx.site.pages.set("/slow", { html: pageWith(`${fx.app.url}/widget.js`, [{ endpoint: fake.url }]) });
      const { widget, page } = await fx.open({ url: `${fx.site.url}/slow` });
      await widget.open();
      await widget.input.fill("说得慢一点");
      await widget.by("send").click();
      await widget.by("cancel").click();
      await widget.by("stopped").waitFor();
      expect(await widget.by("stopped").innerText()).toBe(text.errors.stopped);
      expect(await widget.by("stopped").getAttribute("role")).toBe("status");
      expect(await widget.errors.count()).toBe(0);
      expect(await widget.by("retry").count()).toBe(0);
      expect(await widget.by("question").count()).toBe(1);
      expect(await widget.focusedTestId()).toBe("input");
      expect(await audit(page)).toEqual([]);
      // Nothing is pending: a reload does not report an interrupted answer.
      await page.reload();
      await widget.ready();
      await widget.open();
      expect(await widget.errors.count()).toBe(0);
    } finally {
      await fake.close();
    }
  });

  it("新对话 asks before wiping the conversation; 取消 keeps it, 清空 clears it; an empty one is not asked about", async () => {
    const { widget, page } = await fx.open();
    await widget.open();
    await widget.ask("节能降碳改造由哪个部门牵头？");
    await widget.by("restart").click();
    await widget.by("confirm").waitFor();
    expect(await widget.by("confirm").innerText()).toContain(text.restartConfirm.question);
    expect(await widget.focusedTestId()).toBe("confirm-no");
    expect(await audit(page)).toEqual([]);
    await widget.by("confirm-no").click();
    expect(await widget.by("confirm").isVisible()).toBe(false);
    expect(await widget.answers.count()).toBe(1);

    await widget.by("restart").click();
    await widget.by("confirm-yes").click();
    await expect.poll(() => widget.answers.count()).toBe(0);
    expect(await widget.by("confirm").isVisible()).toBe(false);
    expect(await widget.by("welcome").isVisible()).toBe(true);

    await widget.by("restart").click();
    expect(await widget.by("confirm").isVisible()).toBe(false);
  });
});

describe("账号管理 (an admin's page)", () => {
  it("lists the accounts with Chinese labels only, disables one after confirming and enables it again; axe finds nothing", async () => {
    const storage = fx.app.services.storage;
    await createAccount(storage, "guanli", "系统管理员", PASSWORD, "test", "admin");
    await createAccount(storage, "lisi", "李四", PASSWORD, "test");
    const desk = await staffConsole();
    await desk.signIn("guanli", PASSWORD);
    await desk.go("nav-accounts", /\/admin\/accounts$/);
    const row = desk.page.locator('[data-testid="account-row"][data-username="lisi"]');
    expect(await row.innerText()).toContain(messages.admin.roles.staff);
    expect(await desk.by("accounts").innerText()).not.toMatch(/\b(staff|admin|true|false)\b/);
    expect(await audit(desk.page)).toEqual([]);
    await desk.screenshot("accounts");

    desk.page.once("dialog", (dialog) => void dialog.accept());
    await Promise.all([desk.page.waitForURL(/disabled=1/), row.getByTestId("account-disable").click()]);
    expect(await desk.by("notice").innerText()).toBe(messages.admin.accounts.savedDisabled("lisi"));
    expect(await row.getAttribute("data-disabled")).toBe("true");
    expect(await audit(desk.page)).toEqual([]);
    await Promise.all([desk.page.waitForURL(/enabled=1/), row.getByTestId("account-enable").click()]);
    expect(await row.getAttribute("data-disabled")).toBe("false");
    expect((await storage.findStaffUser("lisi"))!.disabled).toBe(false);
    await desk.page.context().close();
  });
});
