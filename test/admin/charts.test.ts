import { describe, expect, it } from "vitest";
import { barChart, dataTable, lineChart, niceMax, sparkline } from "../../server/admin/charts.js";

const labels = ["03-01", "03-02", "03-03", "03-04"];

describe("the console's hand-written SVG charts", () => {
  it("round the axis up to 1, 2 or 5 times a power of ten", () => {
    expect([0, 1, 3, 7, 10, 11, 48, 120].map(niceMax)).toEqual([1, 1, 5, 10, 10, 20, 50, 200]);
  });

  it("draw a bar per value, as tall as its share of the axis, each with its figure as a tooltip", () => {
    const svg = barChart([{ className: "bar-a", label: "咨询", values: [2, 0, 5, 10] }], {
      id: "c1",
      title: "每日咨询量",
      summary: "共 17 条。",
      labels,
    }).value;
    expect(svg).toContain('role="img" aria-labelledby="c1-title c1-desc"');
    expect(svg).toContain('<title id="c1-title">每日咨询量</title><desc id="c1-desc">共 17 条。</desc>');
    const heights = [...svg.matchAll(/<rect class="bar-a"[^>]* height="([\d.]+)"/g)].map((m) => Number(m[1]));
    expect(heights).toEqual([28.4, 71, 142]); // the plot is 142 high; 0 draws nothing
    expect(svg).toContain("<title>03-04 咨询：10</title>");
    expect(svg).not.toMatch(/style=/);
  });

  it("stack series when asked, side by side otherwise", () => {
    const series = [
      { className: "bar-up", label: "有帮助", values: [1, 1, 0, 0] },
      { className: "bar-down", label: "没有帮助", values: [1, 0, 0, 0] },
    ];
    const options = { id: "c2", title: "t", summary: "s", labels };
    const side = barChart(series, options).value;
    const stacked = barChart(series, { ...options, stacked: true }).value;
    const xs = (svg: string) =>
      [...svg.matchAll(/<rect class="bar-(?:up|down)" x="([\d.]+)"/g)].map((m) => m[1]);
    expect(new Set(xs(side).slice(0, 2)).size).toBe(2);
    expect(new Set(xs(stacked).slice(0, 2)).size).toBe(1);
  });

  it("draw a line through the days that have a value only", () => {
    const svg = lineChart([50, null, 100, 75], {
      id: "c3",
      title: "t",
      summary: "s",
      labels,
      max: 100,
      format: (v) => `${v}%`,
      className: "line-a",
    }).value;
    expect((svg.match(/<circle /g) ?? []).length).toBe(3);
    expect(svg).toContain("<title>03-03：100%</title>");
    expect(svg).toContain(">100%</text>");
  });

  it("give a sparkline its figures as its name, and a table of the data", () => {
    expect(sparkline([0, 2, 1], "每日 0，2，1").value).toContain('aria-label="每日 0，2，1"');
    const table = dataTable("查看数据", ["日期", "咨询"], [["2026-03-01", 3]]).value;
    expect(table).toContain('<th scope="row">2026-03-01</th><td class="num">3</td>');
  });
});
