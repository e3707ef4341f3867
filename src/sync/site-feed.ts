// The site's other tablets' attendance of the day (issue 15), fetched after the pull so that the roll call counts a
// child whichever door they used: GET /v1/site-events for the site's today, from the cursor kept, page after page.
// Each page is the district's answer to this very request (the client verified its signature with the key pinned at
// pairing); it is then checked (contract shape, this site, this day, no event of this tablet, each event once) and
// stored in ONE transaction with its cursor: read-only copies in `siteEvents`, never in this tablet's `events`, outbox
// or hash chain; copies of a day that is over are deleted. A page that fails a check stores nothing. A failed feed never
// fails the sync: the run goes on and the roll call uses what is held (its freshness is on the screen).
import type { AttendanceEvent } from '../core/attendance-rules';
import { dayKeyFor, siteDayKey } from '../core/site-day';
import type { components } from '../protocol/api-types.generated';
import { validateSiteEventsPage } from '../protocol/bundle-validators.generated';
import type { GateDb } from '../storage/db';
import { getMeta } from '../storage/meta.repo';
import {
  dropOtherDays,
  noteSiteFeedProblem,
  readSiteFeed,
  storeSiteEventsPage,
  type SiteEventCopy,
  type SiteFeedState,
} from '../storage/site-events.repo';
import type { DistrictClient } from './district-client';
import type { RunOutcome } from './runner';
import type { Pairing } from './sync-state';

type SiteEventsPage = components['schemas']['SiteEventsPage'];

export type SiteFeedOutcome =
  | { kind: 'fetched'; dayKey: string; pages: number; events: number }
  | { kind: 'failed'; code: string; message: string; pages: number; events: number };

export interface SiteFeedOptions {
  /** The site's day of a time; by default in the site's time zone held (from the bundle). */
  dayKey?: (ms: number) => string;
  /** Pages fetched at most per run (500 events each); the rest comes with the next run. */
  maxPages?: number;
}

const MAX_PAGES = 20;

/** Why a verified page is not stored; null when it is good for `day` at this tablet. */
export function sitePageProblem(page: unknown, expect: { siteId: string; day: string; ownDeviceId: string }): string | null {
  if (!validateSiteEventsPage(page)) {
    const e = validateSiteEventsPage.errors?.[0];
    return `the site's events do not match the contract${e ? ` (${e.instancePath || '/'} ${e.message ?? e.keyword})` : ''}`;
  }
  const p: SiteEventsPage = page;
  if (p.siteId !== expect.siteId) return `the answer is for site ${p.siteId}, this tablet belongs to ${expect.siteId}`;
  if (p.day !== expect.day) return `the answer is for ${p.day}, the tablet asked for ${expect.day}`;
  const ids = new Set<string>();
  for (const { event } of p.events) {
    if (event.deviceId === expect.ownDeviceId) return `event ${event.id} is this tablet's own`;
    if (event.dayKey !== expect.day) return `event ${event.id} is of ${event.dayKey}, not ${expect.day}`;
    if (ids.has(event.id)) return `event ${event.id} appears twice`;
    ids.add(event.id);
  }
  return null;
}

async function siteDayOf(db: GateDb): Promise<(ms: number) => string> {
  const zone = await getMeta(db, 'sync:time-zone');
  return zone === undefined ? siteDayKey : dayKeyFor(zone);
}

/** Fetches and stores the other tablets' events of the site's today; never throws for a district's failure. */
export async function pullSiteEvents(
  db: GateDb,
  client: DistrictClient,
  pairing: Pairing,
  nowMs: number,
  options: SiteFeedOptions = {},
): Promise<SiteFeedOutcome> {
  const day = (options.dayKey ?? (await siteDayOf(db)))(nowMs);
  // Yesterday's copies go whatever happens next: the roll call is of today.
  await dropOtherDays(db, day);
  const held = await readSiteFeed(db);
  let cursor = held?.dayKey === day ? held.cursor : '';
  let pages = 0;
  let events = 0;
  const fail = async (code: string, message: string): Promise<SiteFeedOutcome> => {
    await noteSiteFeedProblem(db, { code, message, atMs: nowMs });
    return { kind: 'failed', code, message, pages, events };
  };
  for (;;) {
    const answer = await client.siteEvents(day, cursor === '' ? undefined : cursor);
    if (!answer.ok) {
      const code =
        answer.kind === 'unverified' ? 'answer-unverified' : answer.kind === 'refused' ? answer.error.code : `site-events-${answer.kind}`;
      return fail(code, answer.kind === 'refused' ? answer.error.message : answer.message);
    }
    const problem = sitePageProblem(answer.body, { siteId: pairing.siteId, day, ownDeviceId: pairing.deviceId });
    if (problem !== null) return fail('site-events-shape', problem);
    const page = answer.body;
    // The district's times in this tablet's clock: how long ago another tablet synced is read against this clock.
    const offsetMs = nowMs - page.serverTimeMs;
    const copies: SiteEventCopy[] = page.events.map(({ deviceName, event }) => ({
      id: event.id,
      dayKey: day,
      deviceId: event.deviceId,
      deviceName,
      event: event as AttendanceEvent,
    }));
    const state: SiteFeedState = {
      dayKey: day,
      cursor: page.cursor,
      tablets: page.tablets.map((t) => ({
        deviceId: t.deviceId,
        name: t.name,
        lastSeenAtMs: t.lastSeenAtMs === null ? null : t.lastSeenAtMs + offsetMs,
      })),
      fetchedAtMs: nowMs,
      problem: null,
      staff: (page.staffOnDuty ?? []).map((m) => ({
        deviceName: m.deviceName,
        name: m.name,
        group: m.group,
        signedInAtMs: m.signedInAtMs,
      })),
    };
    await storeSiteEventsPage(db, day, copies, state);
    pages++;
    events += copies.length;
    cursor = page.cursor;
    if (!page.more || pages >= (options.maxPages ?? MAX_PAGES)) return { kind: 'fetched', dayKey: day, pages, events };
  }
}

type AfterPush = (client: DistrictClient, pairing: Pairing) => Promise<RunOutcome>;

/**
 * `step` (the pull), then the site's events. The run's outcome is the pull's: the feed never fails a sync. It is not
 * tried when the pull found the district unreachable (that run is retried anyway).
 */
export function thenSiteEvents(
  step: AfterPush,
  db: GateDb,
  now: () => number,
  options: SiteFeedOptions & { onFetched?: (outcome: SiteFeedOutcome) => void } = {},
): AfterPush {
  return async (client, pairing) => {
    const outcome = await step(client, pairing);
    if (outcome.kind !== 'retry') {
      const feed = await pullSiteEvents(db, client, pairing, now(), options).catch((error: unknown): SiteFeedOutcome => ({
        kind: 'failed',
        code: 'site-events-error',
        message: error instanceof Error ? error.message : String(error),
        pages: 0,
        events: 0,
      }));
      options.onFetched?.(feed);
    }
    return outcome;
  };
}
