// The tablet-wide back-off on pickup codes. Each waiting check-out closes its keypad after a few wrong codes, but a
// stranger could wait for the next child's check-out (or the next day) and try again; so every wrong code on the tablet
// also counts here, kept in IndexedDB (a reload does not reset it): after 5 in a row every keypad waits 30 s, doubling up
// to 15 minutes; a right code starts the count again. A teacher's pick from the list is never held back by it.
import { appendAudit } from '../storage/audit.repo';
import type { GateDb } from '../storage/db';
import { getMeta, putMeta, type PinLock } from '../storage/meta.repo';
import { backOffMs, type PinPolicy } from './staff-pin';

/** Wrong codes are never forgotten with time here (a stranger can wait for tomorrow's check-outs): a right code clears them. */
export const PICKUP_CODE_POLICY: PinPolicy = {
  pinFreeAttempts: 5,
  pinFirstWaitMs: 30_000,
  pinMaxWaitMs: 15 * 60_000,
  pinForgetAfterMs: Number.POSITIVE_INFINITY,
};

export async function readPickupCodeLock(db: GateDb): Promise<PinLock> {
  return (await getMeta(db, 'pickup-code-lock')) ?? { failures: 0, lockedUntilMs: 0 };
}

/** Whether the tablet's keypads are waiting now. */
export async function pickupCodesLocked(db: GateDb, nowMs: number): Promise<boolean> {
  return (await readPickupCodeLock(db)).lockedUntilMs > nowMs;
}

/** Records a checked code: a right one clears the count, a wrong one adds to it (and to the audit log when it locks). */
export async function recordPickupCode(
  db: GateDb,
  right: boolean,
  nowMs: number,
  policy: PinPolicy = PICKUP_CODE_POLICY,
): Promise<PinLock> {
  return db.transaction('rw', [db.meta, db.audit], async () => {
    if (right) {
      const cleared = { failures: 0, lockedUntilMs: 0 };
      await putMeta(db, 'pickup-code-lock', cleared);
      return cleared;
    }
    const failures = (await readPickupCodeLock(db)).failures + 1;
    const wait = backOffMs(failures, policy);
    const next: PinLock = { failures, lockedUntilMs: wait > 0 ? nowMs + wait : 0 };
    await putMeta(db, 'pickup-code-lock', next);
    if (wait > 0) await appendAudit(db, { kind: 'pickup-refused', details: { outcome: 'codes-locked', failures, waitMs: wait } }, nowMs);
    return next;
  });
}
