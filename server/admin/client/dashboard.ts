// The admin page's dashboard (served as /admin/client/dashboard.js), shown at the top once connected: one card per
// site the signed-in person (or the token) reaches, from GET /admin/v1/dashboard: the day's attendance by group in a
// table, each tablet's health with a warning where it needs someone (offline more than a day, never synced), the
// day's integrity flags linking to the integrity section, and a bar chart of the present children per school day of
// the last weeks (dashboard-chart.ts) with the same numbers in a visually hidden table. In the admin's language.
// Sites are asked for one at a time (GET /admin/v1/dashboard?siteId=) so that each card shows as soon as it is ready.
import { attendanceChartSvg } from './dashboard-chart.js';
import { $, api, esc, input, marked, paint, type Schemas } from './dom.js';
import { formatDateTime, formatDay, formatNumber, t } from './locale.js';
import type { MessageKey } from './messages.js';

type Site = Schemas['DashboardSite'];
type Group = Schemas['DashboardGroup'];

const REASONS = ['illness', 'family', 'holiday', 'other'] as const;

/** "illness 2, family 1": the reasons of a group's absences. */
const reasons = (g: Group): string =>
  REASONS.filter((r) => g.absentByReason[r] > 0)
    .map((r) => `${t(`register.reason.${r}` as MessageKey)} ${formatNumber(g.absentByReason[r])}`)
    .join(', ');

function groupsHtml(s: Site, i: number): string {
  if (s.groups.length === 0) return `<p>${esc(t('dashboard.noChildren'))}</p>`;
  const sum = (f: (g: Group) => number): number => s.groups.reduce((n, g) => n + f(g), 0);
  const row = (name: string, g: Omit<Group, 'group'>, header: boolean): string => {
    const cell = header ? 'th scope="row"' : 'td';
    const why = reasons({ group: '', ...g });
    return (
      `<tr><${cell}>${esc(name)}</${cell.split(' ')[0]}><td class="num">${formatNumber(g.present)}</td>` +
      `<td class="num">${formatNumber(g.absent)}${why ? ` <small>(${esc(why)})</small>` : ''}</td>` +
      `<td class="num">${formatNumber(g.notArrived)}</td><td class="num">${formatNumber(g.children)}</td></tr>`
    );
  };
  const total = {
    children: sum((g) => g.children),
    present: sum((g) => g.present),
    absent: sum((g) => g.absent),
    notArrived: sum((g) => g.notArrived),
    absentByReason: {
      illness: sum((g) => g.absentByReason.illness),
      family: sum((g) => g.absentByReason.family),
      holiday: sum((g) => g.absentByReason.holiday),
      other: sum((g) => g.absentByReason.other),
    },
  };
  const heads: MessageKey[] = [
    'dashboard.col.group',
    'dashboard.col.present',
    'dashboard.col.absent',
    'dashboard.col.notArrived',
    'dashboard.col.children',
  ];
  return (
    `<table class="dash-groups" id="dash-groups-${i}"><caption>${esc(t('dashboard.attendance'))}</caption>` +
    `<thead><tr>${heads.map((k) => `<th scope="col">${esc(t(k))}</th>`).join('')}</tr></thead><tbody>` +
    s.groups.map((g) => row(g.group === '' ? t('dashboard.noGroup') : g.group, g, true)).join('') +
    `</tbody><tfoot>${row(t('dashboard.total'), total, true)}</tfoot></table>`
  );
}

/** What needs someone about a tablet, in words (none: it is fine as far as the district can tell). */
export function tabletWarnings(tablet: Schemas['DashboardTablet']): MessageKey[] {
  const warnings: MessageKey[] = [];
  if (tablet.daysOffline === null) warnings.push('dashboard.warn.neverSynced');
  else if (tablet.daysOffline >= 1) warnings.push('dashboard.warn.offline');
  if (tablet.readerState === 'problem') warnings.push('dashboard.warn.reader');
  return warnings;
}

/** The tablet's bracelet readers as it last reported them, with since when (the tablet's own clock). */
function readerText(tb: Schemas['DashboardTablet']): string {
  if (tb.readerState === 'not-reported' || tb.readerStateAtMs === null) return t('dashboard.readerNotReported');
  const since = t('dashboard.reader.since', { time: formatDateTime(tb.readerStateAtMs) });
  if (tb.readerState === 'ok') return `${t('dashboard.reader.ok')} (${since})`;
  if (tb.readerState === 'none') return t('dashboard.reader.none');
  return `${t('dashboard.reader.problem', { readers: tb.readers.join(', ') })}, ${since}`;
}

function tabletsHtml(s: Site): string {
  if (s.tablets.length === 0) return `<p>${esc(t('dashboard.noTablets'))}</p>`;
  return (
    '<ul class="dash-tablets">' +
    s.tablets
      .map((tb) => {
        const warnings = tabletWarnings(tb);
        const sync =
          tb.lastSyncAtMs === null
            ? t('dashboard.neverSynced')
            : `${t('dashboard.lastSync', { time: formatDateTime(tb.lastSyncAtMs) })}` +
              (tb.daysOffline !== null && tb.daysOffline > 0 ? ` (${t('dashboard.daysOffline', { count: tb.daysOffline })})` : '');
        const version = tb.appVersion === null ? t('dashboard.appVersionUnknown') : t('dashboard.appVersion', { version: tb.appVersion });
        return (
          `<li class="${warnings.length > 0 ? 'dash-warn' : 'dash-fine'}" data-dash-tablet="${esc(tb.deviceId)}"><b>${esc(tb.name)}</b>: ` +
          `${esc(sync)} · ${esc(version)} · ${esc(readerText(tb))}` +
          warnings.map((w) => ` <strong class="err">⚠ ${esc(t(w))}</strong>`).join('') +
          '</li>'
        );
      })
      .join('') +
    '</ul>'
  );
}

function chartHtml(s: Site, i: number): string {
  const series = s.series;
  if (series.length === 0) return '';
  const values = series.map((p) => p.present);
  const maxAt = series.reduce((best, p) => (p.present > best.present ? p : best), series[0]!);
  const description = t('dashboard.chart.desc', {
    from: formatDay(series[0]!.day),
    to: formatDay(series[series.length - 1]!.day),
    days: formatNumber(series.length),
    min: formatNumber(Math.min(...values)),
    max: formatNumber(maxAt.present),
    maxDay: formatDay(maxAt.day),
    last: formatNumber(series[series.length - 1]!.present),
  });
  const svg = attendanceChartSvg(series, {
    id: `dash-chart-${i}`,
    title: t('dashboard.chart.title', { weeks: 6 }),
    description,
    dayLabel: formatDay,
    barLabel: (p) => `${formatDay(p.day)}: ${formatNumber(p.present)}`,
  });
  return (
    `<figure class="dash-chart">${svg}<figcaption>${esc(description)}</figcaption></figure>` +
    `<table class="visually-hidden"><caption>${esc(t('dashboard.chart.title', { weeks: 6 }))}</caption>` +
    `<thead><tr><th scope="col">${esc(t('dashboard.col.day'))}</th><th scope="col">${esc(t('dashboard.col.present'))}</th></tr></thead><tbody>` +
    series.map((p) => `<tr><td>${esc(formatDay(p.day))}</td><td>${formatNumber(p.present)}</td></tr>`).join('') +
    '</tbody></table>'
  );
}

function siteHtml(s: Site, i: number): string {
  const flags = s.integrityFlags;
  return (
    `<article class="dash-site" aria-labelledby="dash-site-${i}"><h4 id="dash-site-${i}">${esc(s.name)} · ${esc(formatDay(s.day))}</h4>` +
    groupsHtml(s, i) +
    `<h5>${esc(t('dashboard.tablets'))}</h5>${tabletsHtml(s)}` +
    (flags === null
      ? ''
      : `<p class="${flags.total > 0 ? 'dash-warn' : ''}">${esc(t('dashboard.integrity'))} ` +
        `<a href="#integrity" data-dash-integrity="${esc(s.siteId)}" data-dash-day="${esc(s.day)}">${esc(t('dashboard.integrityCount', { count: flags.total }))}</a></p>`) +
    `<h5>${esc(t('dashboard.chart.heading'))}</h5>${chartHtml(s, i)}</article>`
  );
}

/** The sites of the last load, for Refresh. */
let shownSites: readonly Schemas['Site'][] = [];
/** Bumped by every load, so an earlier load still in flight (refresh clicked twice) stops painting. */
let loadGeneration = 0;
/** Sites asked for at once: PostgreSQL answers them side by side; PGlite (one connection) queues them, no worse. */
const SITES_IN_FLIGHT = 3;

/**
 * Loads and shows the dashboard of each site, a few at a time, painting the cards that have come (in the sites' order)
 * as each arrives: a district of 50 sites shows its first cards at once rather than all of them after the last (the
 * area is aria-busy meanwhile).
 */
export async function loadDashboard(sites: readonly Schemas['Site'][] = shownSites): Promise<void> {
  shownSites = sites;
  const generation = ++loadGeneration;
  const out = $('dashboardOut');
  // By name, as a reader looks for a site (the list's own order is by creation, which can tie).
  const ordered = [...sites].sort((a, b) => a.name.localeCompare(b.name) || (a.siteId < b.siteId ? -1 : 1));
  const arrived: (readonly Site[] | undefined)[] = ordered.map(() => undefined);
  const current = (): boolean => generation === loadGeneration;
  const draw = (): void => {
    if (!current()) return;
    const cards = arrived.flatMap((c) => c ?? []);
    paint(
      'dashboardOut',
      () =>
        cards.length === 0 && out.getAttribute('aria-busy') !== 'true'
          ? `<p>${esc(t('dashboard.none'))}</p>`
          : cards.map(siteHtml).join(''),
      wireIntegrityLinks,
    );
  };
  $('dashboard').hidden = false;
  out.setAttribute('aria-busy', 'true');
  draw();
  let next = 0;
  const fetchInTurn = async (): Promise<void> => {
    while (next < ordered.length && current()) {
      const index = next++;
      const dash = await api<Schemas['Dashboard']>('GET', `/admin/v1/dashboard?siteId=${encodeURIComponent(ordered[index]!.siteId)}`);
      arrived[index] = dash.sites;
      draw();
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(SITES_IN_FLIGHT, ordered.length) }, fetchInTurn));
  } finally {
    if (current()) {
      out.setAttribute('aria-busy', 'false');
      draw();
    }
  }
}

/** The flags link to the integrity section, with the site and the day chosen there. */
function wireIntegrityLinks(): void {
  for (const [a, siteId] of marked('dash-integrity')) {
    a.addEventListener('click', () => {
      const select = $<HTMLSelectElement>('site');
      input('integrityDay').value = a.getAttribute('data-dash-day') ?? '';
      if (select.value !== siteId) {
        select.value = siteId;
        select.dispatchEvent(new Event('change'));
      } else $<HTMLFormElement>('integrityForm').requestSubmit();
    });
  }
}

export function setUpDashboard(): void {
  $('dashboardRefresh').addEventListener('click', () => void loadDashboard().catch(() => undefined));
}
