// The site's other tablets' attendance of the day, as read-only copies (table `siteEvents`, Dexie v4; indexed by day
// and child since v6) with what the district said of those tablets (meta `sync:site-feed`): written only by the
// site-events sync step (src/sync/site-feed.ts) from verified answers, read by the roll call and by each check-in's
// plan. These are never this tablet's events: they stay out of `events`, the outbox and the hash chain, and copies of
// a day that is over are deleted.
import type { GateDb, SiteEventCopy } from './db';
import { getMeta, putMeta, type SiteFeedState } from './meta.repo';

export type { SiteEventCopy, SiteFeedState };

export const SITE_FEED_KEY = 'sync:site-feed';

/**
 * Stores one verified page of `dayKey` in one transaction: its events (an event already held is replaced by the same
 * copy), the new cursor and the other tablets, and deletes every copy of another day.
 */
export async function storeSiteEventsPage(
  db: GateDb,
  dayKey: string,
  copies: readonly SiteEventCopy[],
  state: SiteFeedState,
): Promise<void> {
  await db.transaction('rw', db.siteEvents, db.meta, async () => {
    await db.siteEvents.where('dayKey').notEqual(dayKey).delete();
    await db.siteEvents.bulkPut(copies.filter((c) => c.dayKey === dayKey));
    await putMeta(db, SITE_FEED_KEY, state);
  });
}

/** The copies of one child's events of `dayKey` (through the v6 index: the rest of the day is not read). */
export function childSiteDayEvents(db: GateDb, childId: string, dayKey: string): Promise<SiteEventCopy[]> {
  return db.siteEvents.where('[dayKey+event.childId]').equals([dayKey, childId]).toArray();
}

/** Deletes the copies of every day but `dayKey` (the day is over for them); the feed's state stays. */
export async function dropOtherDays(db: GateDb, dayKey: string): Promise<number> {
  return db.siteEvents.where('dayKey').notEqual(dayKey).delete();
}

/** Records why the last fetch failed, keeping what is held (the roll call goes on with it). */
export async function noteSiteFeedProblem(db: GateDb, problem: NonNullable<SiteFeedState['problem']>): Promise<void> {
  await db.transaction('rw', db.meta, async () => {
    const held = await getMeta(db, SITE_FEED_KEY);
    if (held !== undefined) await putMeta(db, SITE_FEED_KEY, { ...held, problem });
  });
}

export async function readSiteFeed(db: GateDb): Promise<SiteFeedState | null> {
  return (await getMeta(db, SITE_FEED_KEY)) ?? null;
}

/** The other tablets' events of `dayKey` held, and what the district last said of those tablets. Reads only. */
export async function readSiteEvents(db: GateDb, dayKey: string): Promise<{ copies: SiteEventCopy[]; feed: SiteFeedState | null }> {
  return db.transaction('r', db.siteEvents, db.meta, async () => ({
    copies: await db.siteEvents.where('dayKey').equals(dayKey).toArray(),
    feed: await readSiteFeed(db),
  }));
}
