import type { Locator, Page } from "playwright-core";

const WAIT = 15_000;

/**
 * The widget as a person uses it, through its data-testid hooks. Playwright's locators pierce the
 * open shadow root, so every hook is reached from the host element. `index` picks one of several
 * widgets on a page.
 */
export class WidgetPage {
  readonly host: Locator;

  constructor(
    readonly page: Page,
    index = 0,
  ) {
    this.host = page.locator("tdf-chat-widget").nth(index);
  }

  by(testId: string): Locator {
    return this.host.getByTestId(testId);
  }

  get launcher() {
    return this.by("launcher");
  }
  get panel() {
    return this.by("panel");
  }
  get input() {
    return this.by("input");
  }
  get answers() {
    return this.by("answer");
  }
  get errors() {
    return this.by("error");
  }

  lastAnswer(): Locator {
    return this.answers.last();
  }

  /** Waits until the script has made its launcher. */
  async ready(): Promise<this> {
    await this.launcher.waitFor({ state: "visible", timeout: WAIT });
    return this;
  }

  async open(): Promise<void> {
    await this.ready();
    if (!(await this.panel.isVisible())) await this.launcher.click();
    await this.panel.waitFor({ state: "visible", timeout: WAIT });
  }

  async closeWithEscape(): Promise<void> {
    await this.page.keyboard.press("Escape");
    await this.panel.waitFor({ state: "hidden", timeout: WAIT });
  }

  /** Types the question and sends it; resolves when the answer (or an error) is on screen. */
  async ask(question: string): Promise<Locator> {
    const before = await this.answers.count();
    const errorsBefore = await this.errors.count();
    await this.input.fill(question);
    await this.by("send").click();
    return this.waitForReply(before, errorsBefore);
  }

  async waitForReply(answersBefore: number, errorsBefore = 0): Promise<Locator> {
    const answer = this.answers.nth(answersBefore);
    const error = this.errors.nth(errorsBefore);
    await answer.or(error).first().waitFor({ state: "visible", timeout: WAIT });
    return (await answer.isVisible()) ? answer : error;
  }

  async askSuggestion(index: number): Promise<Locator> {
    const before = await this.answers.count();
    await this.by("suggestion").nth(index).click();
    return this.waitForReply(before);
  }

  /** Clicks one of the latest answer's 猜你想问 buttons; resolves with the answer it brings. */
  async askFollowUp(index: number): Promise<{ question: string; answer: Locator }> {
    const before = await this.answers.count();
    const button = this.lastAnswer().getByTestId("follow-up").nth(index);
    const question = await button.innerText();
    await button.click();
    return { question, answer: await this.waitForReply(before) };
  }

  async expandCitation(answer: Locator, n: number): Promise<{ breadcrumb: string; quote: string }> {
    await answer
      .getByTestId("citations")
      .getByTestId("citation-chip")
      .nth(n - 1)
      .click();
    const detail = answer.getByTestId("citation-detail");
    await detail.waitFor({ state: "visible" });
    return {
      breadcrumb: await detail.getByTestId("citation-breadcrumb").innerText(),
      quote: await detail.getByTestId("citation-quote").innerText(),
    };
  }

  async rate(answer: Locator, rating: "up" | "down", comment?: string): Promise<string> {
    await answer.getByTestId(`feedback-${rating}`).click();
    const note = answer.getByTestId("feedback-note");
    // Settled when the button shows as pressed or the note says it failed; a note left by an earlier
    // rating is already there, so waiting for any note would not wait at all.
    const pressed = answer.locator(`[data-testid="feedback-${rating}"][aria-pressed="true"]`);
    await pressed
      .or(note.filter({ hasText: "未能提交" }))
      .first()
      .waitFor({ timeout: WAIT });
    if (comment !== undefined) {
      await answer.getByTestId("feedback-comment").fill(comment);
      await answer.getByTestId("feedback-submit").click();
      await answer.getByTestId("feedback-form").waitFor({ state: "hidden", timeout: WAIT });
    }
    return note.innerText();
  }

  async openCalculator(): Promise<void> {
    await this.open();
    await this.by("nav-calc").click();
    await this.by("calc-product")
      .locator("option[value='cement-clinker']")
      .waitFor({ state: "attached", timeout: WAIT });
  }

  async calculate(input: {
    product: string;
    unitConsumption?: number;
    output?: [number, string];
    energy?: Array<[string, number, string]>;
  }): Promise<Locator> {
    const before = await this.by("calc-result").count();
    await this.by("calc-product").selectOption(input.product);
    if (input.energy) await this.by("calc-mode-energy").check();
    if (input.unitConsumption !== undefined) await this.by("calc-uc").fill(String(input.unitConsumption));
    if (input.output) {
      await this.by("calc-output").fill(String(input.output[0]));
      await this.by("calc-output-unit").selectOption(input.output[1]);
    }
    for (const [i, [carrier, amount, unit]] of (input.energy ?? []).entries()) {
      await this.by("calc-carrier").nth(i).selectOption(carrier);
      await this.by("calc-amount").nth(i).fill(String(amount));
      await this.by("calc-unit").nth(i).selectOption(unit);
    }
    await this.by("calc-submit").click();
    const result = this.by("calc-result").nth(before);
    const error = this.by("calc-error");
    await result
      .or(error.filter({ hasText: /./ }))
      .first()
      .waitFor({ state: "visible", timeout: WAIT });
    return (await result.isVisible()) ? result : error;
  }

  /** data-testid of the element focused inside the widget's shadow root (or null). */
  focusedTestId(): Promise<string | null> {
    return this.host.evaluate(
      (host) => (host.shadowRoot?.activeElement as HTMLElement | null)?.dataset.testid ?? null,
    );
  }
}
