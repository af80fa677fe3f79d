import { describe, expect, it } from "vitest";
import { beijingTime, escapeHtml, html, queryString } from "../../server/admin/html.js";
import { toFilter, enquiryQuerySchema } from "../../server/admin/filters.js";

describe("html", () => {
  it("escapes every interpolated value, attributes included", () => {
    const question = `<script>alert("x")</script>'&`;
    expect(html`<td title="${question}">${question}</td>`.value).toBe(
      '<td title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&#39;&amp;">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&#39;&amp;</td>',
    );
    expect(escapeHtml("碳达峰")).toBe("碳达峰");
  });

  it("nests markup built with html, renders lists, and drops null, undefined and false", () => {
    const items = ["<a>", "b"].map((x) => html`<li>${x}</li>`);
    expect(html`<ul>${items}</ul>${null}${undefined}${false}${0}`.value).toBe(
      "<ul><li>&lt;a&gt;</li><li>b</li></ul>0",
    );
  });
});

describe("times and filters in Beijing time", () => {
  it("shows a stored UTC time as Beijing time", () => {
    expect(beijingTime("2026-11-23T20:28:24.273Z")).toBe("2026-11-24 04:28");
    expect(beijingTime(null)).toBe("");
  });

  it("turns calendar days into the UTC range of those Beijing days, the end day included", () => {
    const query = enquiryQuerySchema.parse({ from: "2026-11-24", to: "2026-11-24", status: "", q: "" });
    expect(toFilter(query)).toMatchObject({
      from: "2026-11-23T16:00:00.000Z",
      to: "2026-11-24T16:00:00.000Z",
      status: undefined,
      text: undefined,
      limit: 50,
      offset: 0,
    });
  });

  it("refuses an impossible date and an end before the start", () => {
    expect(enquiryQuerySchema.safeParse({ from: "2026-02-30" }).success).toBe(false);
    expect(enquiryQuerySchema.safeParse({ from: "2026-11-24", to: "2026-11-01" }).success).toBe(false);
  });

  it("builds links from the values that are set", () => {
    expect(queryString({ q: "熟料 补贴", page: 2, unanswered: true, status: "", to: undefined })).toBe(
      "?q=%E7%86%9F%E6%96%99+%E8%A1%A5%E8%B4%B4&page=2&unanswered=1",
    );
  });
});
