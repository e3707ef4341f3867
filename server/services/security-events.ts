// Refused authentication and other signs of attack (wrong pairing codes, bad device signatures, wrong admin tokens,
// rate-limited floods, implausible events from a tablet) go into the district audit log, summarised: the events of one
// kind from one source are counted in memory and written as one entry per source and minute, with the count, the
// first and last time and the reasons. A flood of a million refused requests costs a few rows a minute, not a million;
// past MAX_SOURCES sources in one minute the rest share one entry, so the disk cannot be filled through this log.
// A signed-in person's refusals (a parent asking for a child not theirs, an admin operation their role does not reach)
// are written the same way: the first few distinct ones of an account and kind in a minute at once with their details,
// the others of that minute counted into one entry of the same kind (`repeated`, and how many per child or operation).
import type { AuditedRefusal } from '../errors';
import type { Queryable } from '../db/database';

/** The kinds of security entries (district audit log actions; see audit-summary.ts). */
export const SECURITY_KINDS = [
  'security.pairing-refused',
  'security.signature-refused',
  'security.admin-token-refused',
  'security.rate-limited',
  'security.events-refused',
  // People's accounts (server/account/): a session cookie that matches no live session, wrong invitation codes, and
  // sign-ins with a passkey the district does not know (anyone can make one: counted per address, not one row each).
  'security.session-refused',
  'security.invitation-refused',
  'security.sign-in-refused',
] as const;
export type SecurityKind = (typeof SECURITY_KINDS)[number];

export interface SecurityEvent {
  kind: SecurityKind;
  /** The client address (or 'local' for an in-process call). */
  address: string;
  /** The refusal code (pairing-code-invalid, signature-invalid, child-not-on-site, ...) or the limit's scope. */
  reason: string;
  /** The tablet it was about: the authenticated one, or the id a refused signature claimed. */
  deviceId?: string;
  /** How many this record stands for (several refused events of one push). */
  count?: number;
}

interface Tally {
  kind: SecurityKind;
  address: string;
  deviceId: string | null;
  count: number;
  reasons: Record<string, number>;
  firstAtMs: number;
  lastAtMs: number;
}

interface RefusalTally {
  refusal: AuditedRefusal;
  /** The refusals written with their details in this window (what was refused, by which operation). */
  detailed: Set<string>;
  repeated: number;
  reasons: Record<string, number>;
  firstAtMs: number;
  lastAtMs: number;
}

/** Distinct refusals (what, by which operation) of an account and kind written with their details in one window. */
export const MAX_DETAILED_REFUSALS = 5;

/** Distinct children or operations counted in one summary of a person's refusals; further ones are counted together. */
export const MAX_REFUSAL_REASONS = 20;

/** Distinct sources summarised per kind and window; further ones are counted together. */
export const MAX_SOURCES = 100;
const OTHERS = 'other addresses';
export const SECURITY_FLUSH_MS = 60_000;

export class SecurityLog {
  private tallies = new Map<string, Tally>();
  private refusals = new Map<string, RefusalTally>();
  private timer: ReturnType<typeof setInterval> | null = null;
  private flushing: Promise<void> = Promise.resolve();

  constructor(
    private readonly db: Pick<Queryable, 'query'>,
    private readonly now: () => number = Date.now,
    private readonly log: (message: string) => void = (m) => console.error(m),
  ) {}

  record(e: SecurityEvent): void {
    const nowMs = this.now();
    let key = `${e.kind}|${e.address}|${e.deviceId ?? ''}`;
    let address = e.address;
    if (!this.tallies.has(key) && this.sourcesOf(e.kind) >= MAX_SOURCES) {
      key = `${e.kind}|${OTHERS}|`;
      address = OTHERS;
    }
    let t = this.tallies.get(key);
    if (t === undefined) {
      t = {
        kind: e.kind,
        address,
        deviceId: address === OTHERS ? null : (e.deviceId ?? null),
        count: 0,
        reasons: {},
        firstAtMs: nowMs,
        lastAtMs: nowMs,
      };
      this.tallies.set(key, t);
    }
    const n = e.count ?? 1;
    t.count += n;
    t.reasons[e.reason] = (t.reasons[e.reason] ?? 0) + n;
    t.lastAtMs = nowMs;
  }

  /**
   * A signed-in person's refusal by operation `operationId`: true when it is the first of its kind in this window for
   * this account and what was refused (a child id, an operation), among the first MAX_DETAILED_REFUSALS such (the
   * caller writes it now, with its details); otherwise it is counted here and written at the next flush, summarised.
   */
  accountRefusal(r: AuditedRefusal, operationId: string): boolean {
    const nowMs = this.now();
    const key = `${r.action}|${r.accountId}`;
    const distinct = `${operationId}|${r.reason}`;
    const t = this.refusals.get(key);
    if (t === undefined) {
      this.refusals.set(key, { refusal: r, detailed: new Set([distinct]), repeated: 0, reasons: {}, firstAtMs: nowMs, lastAtMs: nowMs });
      return true;
    }
    if (!t.detailed.has(distinct) && t.detailed.size < MAX_DETAILED_REFUSALS) {
      t.detailed.add(distinct);
      return true;
    }
    const reason = r.reason in t.reasons || Object.keys(t.reasons).length < MAX_REFUSAL_REASONS ? r.reason : 'others';
    t.repeated += 1;
    t.reasons[reason] = (t.reasons[reason] ?? 0) + 1;
    t.lastAtMs = nowMs;
    return false;
  }

  private sourcesOf(kind: SecurityKind): number {
    let n = 0;
    for (const t of this.tallies.values()) if (t.kind === kind) n++;
    return n;
  }

  /** Writes what was counted since the last flush (one audit entry per kind and source) and starts counting afresh. */
  flush(): Promise<void> {
    this.flushing = this.flushing.then(async () => {
      const tallies = [...this.tallies.values()];
      const refusals = [...this.refusals.values()].filter((t) => t.repeated > 0);
      this.tallies = new Map();
      this.refusals = new Map();
      for (const t of refusals) await this.writeRefusals(t);
      for (const t of tallies) {
        try {
          await this.db.query('insert into audit_log (at_ms, actor, action, details) values ($1, $2, $3, $4)', [
            t.lastAtMs,
            'security',
            t.kind,
            JSON.stringify({
              count: t.count,
              address: t.address,
              ...(t.deviceId !== null ? { deviceId: t.deviceId } : {}),
              reasons: t.reasons,
              firstAtMs: t.firstAtMs,
              lastAtMs: t.lastAtMs,
            }),
          ]);
        } catch (error) {
          this.log(
            `[security] could not write ${t.kind} (${t.count} from ${t.address}): ${error instanceof Error ? error.message : String(error)}`,
          );
        }
      }
    });
    return this.flushing;
  }

  /** One entry for the refusals of an account and kind after the first of the window (which was written at once). */
  private async writeRefusals(t: RefusalTally): Promise<void> {
    const { actor, action, accountId } = t.refusal;
    try {
      await this.db.query('insert into audit_log (at_ms, actor, action, details) values ($1, $2, $3, $4)', [
        t.lastAtMs,
        actor,
        action,
        JSON.stringify({ accountId, repeated: t.repeated, reasons: t.reasons, firstAtMs: t.firstAtMs, lastAtMs: t.lastAtMs }),
      ]);
    } catch (error) {
      this.log(
        `[security] could not write ${action} (${t.repeated} of ${accountId}): ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }

  /** Flushes every `everyMs` without keeping the process alive. */
  start(everyMs = SECURITY_FLUSH_MS): this {
    this.timer ??= setInterval(() => void this.flush(), everyMs);
    this.timer.unref?.();
    return this;
  }

  async close(): Promise<void> {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
    await this.flush();
  }
}
