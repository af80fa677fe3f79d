/**
 * Bench section for the chat widget: the size of /widget.js as served (gzip) and the time from
 * inserting its script tag to the launcher being laid out, in Chromium, cold and warm cache.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import pino from "pino";
import { createApp } from "../../server/app.js";
import type { AppConfig } from "../../server/config.js";
import { loadWidgetBundle } from "../../server/routes/widget.js";
import { createServices } from "../../server/services.js";
import { launchChromium } from "../../test/browser/support/chromium.js";
import type { BenchSection, Figure } from "./report.js";
import { median } from "./stats.js";

const SIZE_TARGET_BYTES = 30 * 1024;
const RUNS = 9;

/** In the page: insert the tag, resolve when the launcher has a layout box. */
function loadToLauncher(src: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const script = document.createElement("script");
    script.src = src;
    script.async = true;
    document.addEventListener(
      "tdf-widget:ready",
      (event) => {
        const launcher = (event.target as Element).shadowRoot?.querySelector("[data-testid=launcher]");
        const box = launcher?.getBoundingClientRect();
        if (box && box.width > 0 && box.height > 0) resolve(performance.now() - started);
        else reject(new Error("launcher not laid out"));
      },
      { once: true },
    );
    script.onerror = () => reject(new Error(`could not load ${src}`));
    document.body.append(script);
  });
}

export const widgetBench: BenchSection<{ config: AppConfig }> = {
  name: "widget",
  describe: `/widget.js as served (gzip), and script-tag insertion to launcher laid out in Chromium, median of ${RUNS} runs (cold: new context, no cache; warm: HTTP cache)`,
  async run({ config }) {
    const bundle = await loadWidgetBundle();
    const services = await createServices(config, pino({ level: "silent" }));
    const server = http.createServer(createApp(services));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const src = `${base}/widget.js`;
    // A page of the service itself: Chromium refuses loopback scripts on about:blank (private network access).
    const blank = `${base}/healthz`;
    const browser = await launchChromium();
    try {
      const cold: number[] = [];
      const warm: number[] = [];
      for (let run = 0; run < RUNS; run++) {
        const context = await browser.newContext();
        const page = await context.newPage();
        await page.goto(blank);
        cold.push(await page.evaluate(loadToLauncher, src));
        const again = await context.newPage();
        await again.goto(blank);
        warm.push(await again.evaluate(loadToLauncher, src));
        await context.close();
      }
      const list = (values: number[]) => `runs: ${values.map((v) => v.toFixed(0)).join(", ")} ms`;
      const figures: Figure[] = [
        {
          label: "widget.js gzipped (bytes)",
          value: bundle.gzip.length,
          unit: "count",
          targetBelow: SIZE_TARGET_BYTES,
          note: `${(bundle.gzip.length / 1024).toFixed(1)} KB gzipped, ${(bundle.code.length / 1024).toFixed(1)} KB raw, one file; from ${bundle.from}`,
        },
        {
          label: "script load to launcher visible, cold (median)",
          value: median(cold),
          unit: "ms",
          note: list(cold),
        },
        {
          label: "script load to launcher visible, warm (median)",
          value: median(warm),
          unit: "ms",
          note: list(warm),
        },
      ];
      return figures;
    } finally {
      await browser.close();
      await new Promise((resolve) => server.close(resolve));
      await services.storage.close();
    }
  },
};
