import { messages } from "../../messages.js";
import type { DailyActivity, HandoffStatus } from "../../storage/types.js";
import { barChart, dataTable, legend, lineChart } from "../charts.js";
import { html, type Html } from "../html.js";
import { shortDay, type Period } from "../period.js";
import { rangeLinks } from "./reports.js";

const t = messages.admin;
const d = t.dashboard;

export interface DashboardView {
  period: Period;
  activity: DailyActivity[];
  handoffs: Record<HandoffStatus, number>;
  /** When the request waiting longest was made, if any waits. */
  oldestPendingAt: string | null;
  now?: Date;
}

const percent = (part: number, whole: number) => (whole ? (100 * part) / whole : 0);
const oneDecimal = (n: number) => (Math.round(n * 10) / 10).toString();

function tile(label: string, value: string, detail: Html | string | null, testid: string): Html {
  return html`<li class="tile" data-testid="${testid}"><span class="tile-label">${label}</span><strong class="tile-value">${value}</strong>${detail ? html`<span class="tile-detail">${detail}</span>` : null}</li>`;
}

function figure(title: string, chart: Html, extra: Html, testid: string): Html {
  return html`<figure class="chart" data-testid="${testid}"><figcaption>${title}</figcaption>${chart}${extra}</figure>`;
}

/** 概览: the period's enquiries, how many were answered, the ratings and the desk, as tiles and four small charts. */
export function dashboardPage(view: DashboardView): Html {
  const { period } = view;
  const byDay = new Map(view.activity.map((a) => [a.day, a]));
  const days = period.dayList.map(
    (day) =>
      byDay.get(day) ?? { day, enquiries: 0, answered: 0, up: 0, down: 0, handoffs: 0, handoffsOpen: 0 },
  );
  const labels = days.map((a) => shortDay(a.day));
  const sum = (pick: (a: DailyActivity) => number) => days.reduce((total, a) => total + pick(a), 0);
  const enquiries = sum((a) => a.enquiries);
  const answered = sum((a) => a.answered);
  const up = sum((a) => a.up);
  const down = sum((a) => a.down);
  const handoffs = sum((a) => a.handoffs);
  const handoffsOpen = sum((a) => a.handoffsOpen);
  const pending = view.handoffs.open + view.handoffs.assigned;
  const now = view.now ?? new Date();
  const waited = view.oldestPendingAt
    ? t.handoffs.age(Math.floor((now.getTime() - Date.parse(view.oldestPendingAt)) / 60_000))
    : null;

  const busiest = days.reduce((a, b) => (b.enquiries > a.enquiries ? b : a), days[0]!);
  const shares = days.map((a) => (a.enquiries ? percent(a.answered, a.enquiries) : null));
  const withShare = days.filter((a) => a.enquiries > 0);
  const lowest = withShare.reduce<DailyActivity | null>(
    (a, b) => (!a || percent(b.answered, b.enquiries) < percent(a.answered, a.enquiries) ? b : a),
    null,
  );
  const c = d.chartLabel;
  const id = (name: string) => `chart-${name}`;

  const enquiriesChart = barChart(
    [{ className: "bar-a", label: d.enquiries, values: days.map((a) => a.enquiries) }],
    {
      id: id("enquiries"),
      title: d.charts.enquiries,
      summary: enquiries ? c.enquiries(enquiries, busiest.enquiries, shortDay(busiest.day)) : c.empty,
      labels,
    },
  );
  const answeredChart = lineChart(shares, {
    id: id("answered"),
    title: d.charts.answered,
    summary: lowest
      ? c.answered(
          oneDecimal(percent(answered, enquiries)),
          oneDecimal(percent(lowest.answered, lowest.enquiries)),
          shortDay(lowest.day),
        )
      : c.empty,
    labels,
    max: 100,
    format: (v) => d.percent(oneDecimal(v)),
    className: "line-a",
  });
  const ratingSeries = [
    { className: "bar-up", label: d.legendUp, values: days.map((a) => a.up) },
    { className: "bar-down", label: d.legendDown, values: days.map((a) => a.down) },
  ];
  const ratingsChart = barChart(ratingSeries, {
    id: id("ratings"),
    title: d.charts.ratings,
    summary: up + down ? c.ratings(up, down) : c.empty,
    labels,
  });
  const handoffSeries = [
    { className: "bar-b", label: d.legendPending, values: days.map((a) => a.handoffsOpen) },
    { className: "bar-muted", label: d.legendClosed, values: days.map((a) => a.handoffs - a.handoffsOpen) },
  ];
  const handoffsChart = barChart(handoffSeries, {
    id: id("handoffs"),
    title: d.charts.handoffs,
    summary: handoffs ? c.handoffs(handoffs, handoffsOpen) : c.empty,
    labels,
    stacked: true,
  });

  return html`${rangeLinks("/admin/dashboard", period.days)}<p>${d.intro(period.days)}</p>
<ul class="tiles" data-testid="tiles">
${tile(d.tiles.enquiries, d.enquiriesTotal(enquiries), null, "tile-enquiries")}
${tile(d.tiles.answered, d.answeredShare(oneDecimal(percent(answered, enquiries))), d.answeredHint, "tile-answered")}
${tile(d.tiles.ratings, d.ratingsLine(up, down), html`<a href="/admin/improve?days=${period.days}">${d.goImprove}</a>`, "tile-ratings")}
${tile(d.tiles.pending, d.pendingLine(pending), html`${waited ? d.oldest(waited) : d.noneWaiting} · <a href="/admin/handoffs">${d.goHandoffs}</a>`, "tile-pending")}
</ul>
<div class="charts">
${figure(
  d.charts.enquiries,
  enquiriesChart,
  dataTable(
    d.showData,
    [d.day, d.enquiries],
    days.map((a) => [a.day, a.enquiries]),
  ),
  "chart-enquiries",
)}
${figure(
  d.charts.answered,
  answeredChart,
  dataTable(
    d.showData,
    [d.day, d.enquiries, d.answered, d.share],
    days.map((a) => [
      a.day,
      a.enquiries,
      a.answered,
      a.enquiries ? d.percent(oneDecimal(percent(a.answered, a.enquiries))) : "—",
    ]),
  ),
  "chart-answered",
)}
${figure(
  d.charts.ratings,
  ratingsChart,
  html`${legend(ratingSeries)}${dataTable(
    d.showData,
    [d.day, d.up, d.down],
    days.map((a) => [a.day, a.up, a.down]),
  )}`,
  "chart-ratings",
)}
${figure(
  d.charts.handoffs,
  handoffsChart,
  html`${legend(handoffSeries)}${dataTable(
    d.showData,
    [d.day, d.pending, d.closed],
    days.map((a) => [a.day, a.handoffsOpen, a.handoffs - a.handoffsOpen]),
  )}`,
  "chart-handoffs",
)}
</div>`;
}
