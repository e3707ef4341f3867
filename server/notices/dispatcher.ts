// Delivers the notice outbox in the background: claims due notices (FOR UPDATE SKIP LOCKED, so several server processes
// on one PostgreSQL never send the same notice twice at once), builds each notice from the event (first name, time,
// gate, direction; late when recorded offline), hands it to its channel, and records the outcome: delivered, retried
// with exponential back-off, given up after `maxAttempts`, or the subscription removed when the push service says it
// is gone (404/410). It polls every `pollMs` and wakes at once when ingest stored events.
import type { Database } from '../db/database';
import { timeIn } from '../ids';
import type { Channel, ChannelKind, Notice, NoticeLanguage, Subscription } from './notice';
import { recordSubscriptionChange } from './subscriptions';
import { notBarred } from '../services/guardian-bar';

export interface DispatcherOptions {
  db: Database;
  channels: Partial<Record<ChannelKind, Channel>>;
  now?: () => number;
  log?: (message: string) => void;
  /** How often the outbox is looked at when nothing wakes the dispatcher (ms). */
  pollMs?: number;
  /** First retry after this long, doubling each attempt (ms), up to maxRetryDelayMs. */
  retryBaseMs?: number;
  maxRetryDelayMs?: number;
  /** Attempts before a notice is given up (recorded with its last error). */
  maxAttempts?: number;
  /** An event received this much after it was recorded is notified as late (ms). */
  lateAfterMs?: number;
  /** Notices in flight at once. */
  concurrency?: number;
  /** A claimed notice is not claimed again for this long, should this process die while sending (ms). */
  leaseMs?: number;
}

interface DueRow {
  event_id: string;
  subscription_id: string;
  attempts: number;
  at_ms: string | number;
  received_at_ms: string | number;
  direction: 'in' | 'out';
  display_name: string;
  gate: string;
  time_zone: string;
  channel: ChannelKind;
  address: string;
  keys: { p256dh: string; auth: string } | null;
  language: NoticeLanguage;
  unsubscribe_token: string;
  account_id: string;
}

/** The first word of the roster's name: no surname, no id ever reaches a notice. */
export const firstNameOf = (displayName: string): string => displayName.trim().split(/\s+/)[0] ?? '';

export class NoticeDispatcher {
  private readonly o: Required<Omit<DispatcherOptions, 'channels' | 'db'>>;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = true;

  constructor(private readonly options: DispatcherOptions) {
    this.o = {
      now: Date.now,
      log: (m) => console.error(m),
      pollMs: 1_000,
      retryBaseMs: 5_000,
      maxRetryDelayMs: 30 * 60_000,
      maxAttempts: 8,
      lateAfterMs: 10 * 60_000,
      concurrency: 32,
      leaseMs: 60_000,
      ...Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)),
    } as Required<Omit<DispatcherOptions, 'channels' | 'db'>>;
  }

  start(): this {
    this.stopped = false;
    this.schedule(0);
    return this;
  }

  /** Events were stored: look at the outbox now rather than at the next poll. */
  wake(): void {
    if (this.stopped) return;
    if (this.running !== null) {
      this.again = true;
      return;
    }
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }

  /** Delivers everything due now (tests and the benchmark call it directly); returns how many notices it handled. */
  async runOnce(): Promise<number> {
    let handled = 0;
    for (;;) {
      const due = await this.claim();
      if (due.length === 0) return handled;
      let next = 0;
      const worker = async () => {
        while (next < due.length) await this.deliver(due[next++]!);
      };
      await Promise.all(Array.from({ length: Math.min(this.o.concurrency, due.length) }, worker));
      handled += due.length;
    }
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.running = this.runOnce()
        .then(() => undefined)
        .catch((error: unknown) => this.o.log(`[notices] dispatch failed: ${error instanceof Error ? error.message : String(error)}`))
        .finally(() => {
          this.running = null;
          const again = this.again;
          this.again = false;
          this.schedule(again ? 0 : this.o.pollMs);
        });
    }, ms);
  }

  private async claim(): Promise<DueRow[]> {
    const nowMs = this.o.now();
    const { db } = this.options;
    const claimed = await db.query<{ event_id: string; subscription_id: string }>(
      // Only for a guardian who still is one when the notice is sent: an account disabled, unlinked from the child or
      // barred from it by a do-not-release entry after the event was queued gets nothing more.
      `with due as (
         select o.event_id, o.subscription_id from notice_outbox o
           join accounts a on a.id = o.account_id and a.disabled_at_ms is null
           join events e on e.id = o.event_id
           join account_children k on k.account_id = o.account_id and k.child_id = e.child_id
         where ${notBarred('k.account_id', 'k.child_id')} and o.delivered_at_ms is null and o.gave_up_at_ms is null and o.next_attempt_at_ms <= $1
         order by o.next_attempt_at_ms limit $2 for update of o skip locked)
       update notice_outbox o set attempts = o.attempts + 1, next_attempt_at_ms = $1 + $3
       from due where o.event_id = due.event_id and o.subscription_id = due.subscription_id
       returning o.event_id::text as event_id, o.subscription_id`,
      [nowMs, this.o.concurrency * 4, this.o.leaseMs],
    );
    if (claimed.length === 0) return [];
    return db.query<DueRow>(
      `select o.event_id::text as event_id, o.subscription_id, o.attempts, o.account_id, e.at_ms, e.received_at_ms,
              e.body->>'direction' as direction, c.display_name, d.name as gate, st.time_zone,
              s.channel, s.address, s.keys, s.language, s.unsubscribe_token
       from notice_outbox o
         join events e on e.id = o.event_id
         join children c on c.id = e.child_id
         join devices d on d.id = e.device_id
         join sites st on st.id = d.site_id
         join notice_subscriptions s on s.id = o.subscription_id
       where (o.event_id, o.subscription_id) in (select * from unnest($1::uuid[], $2::text[]))`,
      [claimed.map((c) => c.event_id), claimed.map((c) => c.subscription_id)],
    );
  }

  private async deliver(row: DueRow): Promise<void> {
    const { db } = this.options;
    const atMs = Number(row.at_ms);
    const notice: Notice = {
      firstName: firstNameOf(row.display_name),
      time: timeIn(atMs, row.time_zone),
      gate: row.gate,
      direction: row.direction,
      late: Number(row.received_at_ms) - atMs > this.o.lateAfterMs,
    };
    const subscription: Subscription = {
      id: row.subscription_id,
      channel: row.channel,
      address: row.address,
      keys: row.keys,
      language: row.language,
      unsubscribeToken: row.unsubscribe_token,
    };
    const channel = this.options.channels[row.channel];
    const result = channel
      ? await channel.send(notice, subscription).catch((error: unknown) => ({
          kind: 'retry' as const,
          reason: error instanceof Error ? error.message : String(error),
        }))
      : { kind: 'retry' as const, reason: `no ${row.channel} channel configured` };
    const key = [row.event_id, row.subscription_id];
    const nowMs = this.o.now();
    if (result.kind === 'sent') {
      await db.query('update notice_outbox set delivered_at_ms = $3, last_error = null where event_id = $1 and subscription_id = $2', [
        ...key,
        nowMs,
      ]);
    } else if (result.kind === 'expired') {
      // The browser dropped it: the subscription goes (its pending notices with it) and the audit log says why.
      await db.transaction(async (tx) => {
        const gone = await tx.query<{ id: string }>('delete from notice_subscriptions where id = $1 returning id', [row.subscription_id]);
        if (gone.length > 0)
          await recordSubscriptionChange(tx, nowMs, 'district', 'notice.unsubscribed', {
            accountId: row.account_id,
            channel: row.channel,
            how: 'expired',
          });
      });
    } else if (result.kind === 'failed' || row.attempts >= this.o.maxAttempts) {
      await db.query('update notice_outbox set gave_up_at_ms = $3, last_error = $4 where event_id = $1 and subscription_id = $2', [
        ...key,
        nowMs,
        result.reason.slice(0, 300),
      ]);
      this.o.log(`[notices] gave up a ${row.channel} notice after ${row.attempts} attempt(s): ${result.reason}`);
    } else {
      const delay = Math.min(this.o.maxRetryDelayMs, this.o.retryBaseMs * 2 ** Math.max(0, row.attempts - 1));
      await db.query('update notice_outbox set next_attempt_at_ms = $3, last_error = $4 where event_id = $1 and subscription_id = $2', [
        ...key,
        nowMs + delay,
        result.reason.slice(0, 300),
      ]);
    }
  }
}
