import fs from "node:fs";
import path from "node:path";
import type { Locator, Page } from "playwright-core";

/** The staff console as a person uses it, through its data-testid hooks. */
export class ConsolePage {
  constructor(
    readonly page: Page,
    readonly baseUrl: string,
    /** Where screenshot() writes admin-<name>.png. */
    readonly artifacts: string,
  ) {}

  by(testid: string): Locator {
    return this.page.getByTestId(testid);
  }

  async signIn(username: string, password: string): Promise<void> {
    await this.page.goto(`${this.baseUrl}/admin`);
    await this.by("username").fill(username);
    await this.by("password").fill(password);
    await Promise.all([this.page.waitForURL(/\/admin\/dashboard/), this.by("sign-in").click()]);
  }

  async filter(values: {
    status?: string;
    persona?: string;
    feedback?: string;
    q?: string;
    unanswered?: boolean;
  }): Promise<void> {
    if (values.status !== undefined) await this.by("filter-status").selectOption(values.status);
    if (values.persona !== undefined) await this.by("filter-persona").selectOption(values.persona);
    if (values.feedback !== undefined) await this.by("filter-feedback").selectOption(values.feedback);
    if (values.q !== undefined) await this.by("filter-q").fill(values.q);
    if (values.unanswered !== undefined) await this.by("filter-unanswered").setChecked(values.unanswered);
    await Promise.all([
      this.page.waitForLoadState("load"),
      this.page.waitForURL(/\/admin\/enquiries\?/),
      this.by("apply-filters").click(),
    ]);
  }

  async statuses(): Promise<string[]> {
    return this.by("enquiry-row").evaluateAll((rows) =>
      rows.map((row) => row.getAttribute("data-status") ?? ""),
    );
  }

  async screenshot(name: string): Promise<void> {
    fs.mkdirSync(this.artifacts, { recursive: true });
    await this.page.screenshot({ path: path.join(this.artifacts, `admin-${name}.png`), fullPage: true });
  }

  /** Follows a link or submits a form and waits for the page it leads to. */
  async go(testid: string, url: RegExp): Promise<void> {
    await Promise.all([this.page.waitForURL(url), this.by(testid).first().click()]);
  }
}
