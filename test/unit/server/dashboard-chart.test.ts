// The dashboard's attendance chart (server/admin/client/dashboard-chart.ts): one bar a day at its height, a round y
// axis, an image with a title and a description that name it, nothing the admin page's CSP forbids (no style
// attribute, no script, no handler), and text escaped.
import { describe, expect, it } from 'vitest';
import { attendanceChartSvg, CHART, niceMax, type ChartPoint } from '../../../server/admin/client/dashboard-chart';

const text = {
  id: 'c1',
  title: 'Children present <per day>',
  description: 'From 1 to 30 "days"',
  dayLabel: (day: string) => day.slice(5),
  barLabel: (p: ChartPoint) => `${p.day}: ${p.present}`,
};

describe('the attendance chart', () => {
  it('rounds the axis to a readable maximum', () => {
    expect([0, 1, 3, 7, 10, 13, 48, 180, 1999].map(niceMax)).toEqual([1, 1, 5, 10, 10, 20, 50, 200, 2000]);
  });

  it('draws one bar a day, its height in proportion, named for assistive technology', () => {
    const series = Array.from({ length: 30 }, (_, i) => ({
      day: `2026-11-${String(i + 1).padStart(2, '0')}`,
      present: i === 29 ? 0 : 10 + i,
    }));
    const svg = attendanceChartSvg(series, text);
    const bars = [...svg.matchAll(/<rect class="chart-bar" x="[\d.]+" y="[\d.]+" width="[\d.]+" height="([\d.]+)">/g)].map((m) =>
      Number(m[1]),
    );
    expect(bars).toHaveLength(30);
    const plot = CHART.height - CHART.top - CHART.bottom;
    // max 38 -> axis 50: a bar of 38 is 76% of the plot; a day with nobody has no bar.
    expect(bars[28]).toBeCloseTo((38 / 50) * plot, 0);
    expect(bars[29]).toBe(0);
    expect(svg).toContain('role="img" aria-labelledby="c1-title c1-desc"');
    expect(svg).toContain('<title id="c1-title">Children present &lt;per day&gt;</title>');
    expect(svg).toContain('<desc id="c1-desc">From 1 to 30 &quot;days&quot;</desc>');
    expect(svg).toContain('<title>2026-11-05: 14</title>');
    expect(svg).not.toMatch(/style=|<script|\son[a-z]+=/i);
  });

  it('draws an empty series as an empty plot', () => {
    expect(attendanceChartSvg([], text)).toMatch(/^<svg[^>]*>.*<\/svg>$/);
  });
});
