// The dashboard's attendance chart (served as /admin/client/dashboard-chart.js): a plain SVG bar chart of the children
// present on each school day, built as a string with no library and no style attribute (the page's CSP allows neither
// inline styles nor scripts; the look is admin.css's classes). It is an image with a title and a description saying
// what it shows, and the same numbers go in a visually hidden table for a screen reader. No DOM.

export interface ChartPoint {
  day: string;
  present: number;
}

export interface ChartText {
  /** Unique in the page: the ids of the title and description derive from it. */
  id: string;
  title: string;
  description: string;
  /** The label of an axis tick and of a bar's tooltip. */
  dayLabel: (day: string) => string;
  barLabel: (point: ChartPoint) => string;
}

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const esc = (s: string): string => s.replace(/[&<>"']/g, (c) => ENTITIES[c]!);

export const CHART = { width: 640, height: 180, left: 36, right: 8, top: 10, bottom: 28 } as const;

/** Rounds the highest value up to a number the y axis can be read by (1, 2, 5 times a power of ten). */
export function niceMax(max: number): number {
  if (max <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(max));
  for (const step of [1, 2, 5, 10]) if (max <= step * power) return step * power;
  return 10 * power;
}

/** The SVG of the series: one bar a day, oldest on the left; the y axis from 0 to a round maximum; the first and last day named. */
export function attendanceChartSvg(series: readonly ChartPoint[], text: ChartText): string {
  const { width, height, left, right, top, bottom } = CHART;
  const plotW = width - left - right;
  const plotH = height - top - bottom;
  const max = niceMax(Math.max(0, ...series.map((p) => p.present)));
  const slot = series.length === 0 ? plotW : plotW / series.length;
  const barW = Math.max(1, slot * 0.7);
  const y = (v: number): number => top + plotH - (v / max) * plotH;
  const r = (n: number): string => String(Math.round(n * 10) / 10);
  const bars = series
    .map((p, i) => {
      const x = left + i * slot + (slot - barW) / 2;
      const h = Math.max(p.present > 0 ? 1 : 0, (p.present / max) * plotH);
      return `<rect class="chart-bar" x="${r(x)}" y="${r(top + plotH - h)}" width="${r(barW)}" height="${r(h)}"><title>${esc(text.barLabel(p))}</title></rect>`;
    })
    .join('');
  // Counts are whole: a middle line only where it falls on a whole number.
  const grid = (max % 2 === 0 ? [0, max / 2, max] : [0, max])
    .map(
      (v) =>
        `<line class="chart-grid" x1="${left}" x2="${width - right}" y1="${r(y(v))}" y2="${r(y(v))}"></line>` +
        `<text class="chart-tick" x="${left - 4}" y="${r(y(v) + 4)}" text-anchor="end">${v}</text>`,
    )
    .join('');
  const first = series[0];
  const last = series[series.length - 1];
  const days =
    first === undefined || last === undefined
      ? ''
      : `<text class="chart-tick" x="${left}" y="${height - 8}" text-anchor="start">${esc(text.dayLabel(first.day))}</text>` +
        `<text class="chart-tick" x="${width - right}" y="${height - 8}" text-anchor="end">${esc(text.dayLabel(last.day))}</text>`;
  return (
    `<svg class="chart" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="${text.id}-title ${text.id}-desc" focusable="false">` +
    `<title id="${text.id}-title">${esc(text.title)}</title><desc id="${text.id}-desc">${esc(text.description)}</desc>` +
    `${grid}${bars}${days}</svg>`
  );
}
