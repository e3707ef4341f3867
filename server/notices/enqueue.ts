// Puts a notice for every subscription of every guardian of the children of newly stored attendance events into the
// outbox (an e-mail address only once its owner confirmed it), inside ingest's transaction but behind a savepoint: a
// failure here is logged and never fails the ingest.
import type { Queryable } from '../db/database';
import { notBarred } from '../services/guardian-bar';

/** Enqueues notices for `eventIds` (only check-ins and check-outs accepted as attendance); returns how many. */
export async function enqueueNotices(tx: Queryable, eventIds: readonly string[], nowMs: number): Promise<number> {
  if (eventIds.length === 0) return 0;
  const rows = await tx.query<{ n: number }>(
    `with added as (
       insert into notice_outbox (event_id, subscription_id, account_id, channel, queued_at_ms, next_attempt_at_ms)
       select e.id, s.id, s.account_id, s.channel, $2, $2
       from events e
         join account_children k on k.child_id = e.child_id
         join accounts a on a.id = k.account_id and a.disabled_at_ms is null and a.role = 'parent'
         join notice_subscriptions s on s.account_id = k.account_id and s.confirmed_at_ms is not null
       where e.id = any($1::uuid[]) and e.refused is null and e.type = 'mark' and ${notBarred('k.account_id', 'k.child_id')}
       on conflict do nothing
       returning 1)
     select count(*)::int as n from added`,
    [eventIds, nowMs],
  );
  return rows[0]?.n ?? 0;
}

/** The same, behind a savepoint of the caller's transaction: never throws. */
export async function enqueueNoticesSafely(
  tx: Queryable,
  eventIds: readonly string[],
  nowMs: number,
  log: (m: string) => void,
): Promise<number> {
  if (eventIds.length === 0) return 0;
  await tx.query('savepoint gk_notices');
  try {
    const n = await enqueueNotices(tx, eventIds, nowMs);
    await tx.query('release savepoint gk_notices');
    return n;
  } catch (error) {
    await tx.query('rollback to savepoint gk_notices');
    log(`[notices] could not enqueue notices (ingest goes on): ${error instanceof Error ? error.message : String(error)}`);
    return 0;
  }
}
