// The admin page's dashboard (api/openapi.yaml `Dashboard`, GET /admin/v1/dashboard): per site the caller reaches, the
// day's attendance by group (present, absent with a reason, not arrived), each paired tablet's health, the count of the
// day's integrity signals and the present count of each school day of the last weeks. Days are the site's own (its time
// zone), counted as the register counts them (server/register/register-content.ts); a site costs a handful of indexed
// queries whatever its history (server/dashboard/dashboard-presence.ts).
import type { components } from '../../src/protocol/api-types.generated';
import type { Queryable } from '../db/database';
import { HttpError } from '../errors';
import { dayKeyIn, isValidDay } from '../ids';
import { siteIntegrity } from '../services/integrity';
import { getSite, listSites, type Site } from '../services/sites';
import { presentCounts, presentOn } from './dashboard-presence';

type Schemas = components['schemas'];
type AbsenceReason = Schemas['AbsenceReason'];

/** How many weeks the attendance series covers. */
export const DASHBOARD_SERIES_WEEKS = 6;
const DAY_MS = 86_400_000;

const addDays = (day: string, n: number): string => new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
const isWeekday = (day: string): boolean => {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6;
};

export interface DashboardQuery {
  /** One site only (a director's or teacher's own, forced by server/account/admin-access.ts); absent: every site. */
  siteId?: string | undefined;
  /** The day for every site; absent: each site's today. */
  day?: string | undefined;
  /** Whether the caller reads integrity signals (a teacher does not: the count is null for them). */
  withIntegrity: boolean;
}

export async function dashboard(db: Queryable, query: DashboardQuery, nowMs: number): Promise<Schemas['Dashboard']> {
  if (query.day !== undefined && !isValidDay(query.day)) throw new HttpError(400, 'bad-day', 'The day must be a real day as YYYY-MM-DD.');
  const sites = query.siteId !== undefined ? [await getSite(db, query.siteId)] : await listSites(db);
  const out: Schemas['DashboardSite'][] = [];
  // One site after another: a district's 50 sites do not take every database connection at once.
  for (const site of sites)
    out.push(await siteDashboard(db, site, query.day ?? dayKeyIn(nowMs, site.timeZone), query.withIntegrity, nowMs));
  return { generatedAtMs: nowMs, seriesWeeks: DASHBOARD_SERIES_WEEKS, sites: out };
}

async function siteDashboard(
  db: Queryable,
  site: Site,
  day: string,
  withIntegrity: boolean,
  nowMs: number,
): Promise<Schemas['DashboardSite']> {
  return {
    siteId: site.siteId,
    name: site.name,
    timeZone: site.timeZone,
    day,
    groups: await groupsOn(db, site, day),
    tablets: await tabletHealth(db, site.siteId, nowMs),
    integrityFlags: withIntegrity ? await integrityCount(db, site.siteId, day) : null,
    series: await attendanceSeries(db, site.siteId, day),
  };
}

/** The day's counts per group of the children on the roster that day (added on or before it, not removed before it). */
async function groupsOn(db: Queryable, site: Site, day: string): Promise<Schemas['DashboardGroup'][]> {
  const children = (
    await db.query<{ id: string; group_name: string; created_at_ms: number; removed_at_ms: number | null }>(
      'select id, group_name, created_at_ms, removed_at_ms from children where site_id = $1',
      [site.siteId],
    )
  ).filter(
    (c) =>
      dayKeyIn(Number(c.created_at_ms), site.timeZone) <= day &&
      (c.removed_at_ms === null || dayKeyIn(Number(c.removed_at_ms), site.timeZone) > day),
  );
  const present = await presentOn(db, site.siteId, day);
  const absences = new Map(
    (
      await db.query<{ child_id: string; reason: AbsenceReason }>(
        'select a.child_id, a.reason from absences a join children c on c.id = a.child_id where c.site_id = $1 and a.day = $2',
        [site.siteId, day],
      )
    ).map((a) => [a.child_id, a.reason]),
  );
  const groups = new Map<string, Schemas['DashboardGroup']>();
  for (const c of children) {
    const g = groups.get(c.group_name) ?? {
      group: c.group_name,
      children: 0,
      present: 0,
      absent: 0,
      absentByReason: { illness: 0, family: 0, holiday: 0, other: 0 },
      notArrived: 0,
    };
    g.children++;
    const reason = absences.get(c.id);
    if (present.has(c.id)) g.present++;
    else if (reason !== undefined) {
      g.absent++;
      g.absentByReason[reason]++;
    } else g.notArrived++;
    groups.set(c.group_name, g);
  }
  return [...groups.values()].sort((a, b) => a.group.localeCompare(b.group));
}

/**
 * Each paired tablet: its last sync, whole days since, the app version of its latest recognition self-test, and its
 * bracelet readers as its latest `reader-state` audit entry says (src/runtime/reader-health-audit.ts).
 */
async function tabletHealth(db: Queryable, siteId: string, nowMs: number): Promise<Schemas['DashboardTablet'][]> {
  const rows = await db.query<{
    id: string;
    name: string;
    last_seen_at_ms: number | null;
    app_version: string | null;
    reader_body: { details?: { state?: unknown; readers?: unknown } } | null;
    reader_at_ms: number | null;
  }>(
    `select d.id, d.name, d.last_seen_at_ms, r.body->>'appVersion' as app_version, rs.body as reader_body, rs.at_ms as reader_at_ms
     from devices d
     left join recognition_reports r on r.device_id = d.id
     left join lateral (
       select a.body, a.at_ms from device_audit a
       where a.device_id = d.id and a.kind = 'reader-state' order by a.seq desc limit 1
     ) rs on true
     where d.site_id = $1 and d.revoked_at_ms is null order by d.paired_at_ms, d.id`,
    [siteId],
  );
  return rows.map((r) => {
    const last = r.last_seen_at_ms === null ? null : Number(r.last_seen_at_ms);
    return {
      deviceId: r.id,
      name: r.name,
      lastSyncAtMs: last,
      daysOffline: last === null ? null : Math.max(0, Math.floor((nowMs - last) / DAY_MS)),
      appVersion: r.app_version,
      ...readerStateOf(r.reader_body?.details, r.reader_at_ms),
    };
  });
}

const READER_STATES = new Set(['ok', 'problem', 'none']);

/** A stored reader-state entry as the dashboard says it; a tablet that never sent one is "not-reported", never guessed. */
function readerStateOf(
  details: { state?: unknown; readers?: unknown } | undefined,
  atMs: number | null,
): Pick<Schemas['DashboardTablet'], 'readerState' | 'readers' | 'readerStateAtMs'> {
  if (details === undefined || atMs === null || typeof details.state !== 'string' || !READER_STATES.has(details.state))
    return { readerState: 'not-reported', readers: [], readerStateAtMs: null };
  const readers = Array.isArray(details.readers)
    ? details.readers.filter((x): x is string => typeof x === 'string' && x.length <= 40).slice(0, 32)
    : [];
  return { readerState: details.state as 'ok' | 'problem' | 'none', readers, readerStateAtMs: Number(atMs) };
}

/** The day's integrity signals (server/services/integrity.ts with its default options), counted. */
async function integrityCount(db: Queryable, siteId: string, day: string): Promise<Schemas['DashboardIntegrity']> {
  const s = await siteIntegrity(db, siteId, day, {});
  const counts = {
    bursts: s.bursts.length,
    refusedFaces: s.refusedFaces.count,
    flaggedFaces: s.flaggedFaces.length,
    unseenTaps: s.unseenTaps.nobody,
    neverByFace: s.neverByFace.children.length,
    records: s.backdated.length + s.unexplainedFaces.length,
  };
  return { total: Object.values(counts).reduce((a, b) => a + b, 0), ...counts };
}

/**
 * The present count of each school day of the last DASHBOARD_SERIES_WEEKS weeks ending with `day` (always the last
 * point): Monday to Friday, and a weekend day only if children came (a site open on Saturdays shows them; an empty
 * Sunday is no dip).
 */
export async function attendanceSeries(db: Queryable, siteId: string, day: string): Promise<Schemas['DashboardDay'][]> {
  const from = addDays(day, -(DASHBOARD_SERIES_WEEKS * 7 - 1));
  const counts = await presentCounts(db, siteId, from, day);
  const series: Schemas['DashboardDay'][] = [];
  for (let d = from; d <= day; d = addDays(d, 1)) {
    const present = counts.get(d) ?? 0;
    if (isWeekday(d) || present > 0 || d === day) series.push({ day: d, present });
  }
  return series;
}
