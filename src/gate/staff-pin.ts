// The staff PIN: stored only as a PBKDF2-SHA256 hash (600,000 iterations, a random salt made on this device) in `meta`.
// Verification recomputes the hash with the stored salt and iterations and compares in constant time. Wrong PINs
// earn an exponential back-off kept in IndexedDB, so reloading the page does not reset it; they are forgotten an hour
// after the last one's wait ended. The PIN only opens the
// staff screens; it is never a key to data.
import { defaultStaffConfig, type StaffConfig } from '../config';
import { pinProblem } from '../core/staff-pin-rules';
import { appendAudit } from '../storage/audit.repo';
import type { GateDb } from '../storage/db';
import { deleteMeta, getMeta, putMeta, type PinLock, type StoredPin } from '../storage/meta.repo';

export type { PinLock, StoredPin };
export const PIN_ITERATIONS = 600_000;
const SALT_BYTES = 16;
const HASH_BITS = 256;

export type PinCheck = 'ok' | 'wrong' | 'not-set';

/** A PIN is 4 to 8 digits: typed on a touch keypad, long enough that 600k iterations make guessing slow. */
export function isValidPin(pin: string): boolean {
  return /^[0-9]{4,8}$/.test(pin);
}

export async function derivePinHash(pin: string, salt: Uint8Array, iterations: number): Promise<Uint8Array> {
  const subtle = globalThis.crypto.subtle;
  const key = await subtle.importKey('raw', new TextEncoder().encode(pin), 'PBKDF2', false, ['deriveBits']);
  const bits = await subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt: salt as BufferSource, iterations }, key, HASH_BITS);
  return new Uint8Array(bits);
}

/** The record of `pin` as stored: its PBKDF2 hash under a fresh random salt. */
async function storedPinOf(pin: string, nowMs: number, iterations: number): Promise<StoredPin> {
  const salt = globalThis.crypto.getRandomValues(new Uint8Array(SALT_BYTES));
  const hash = await derivePinHash(pin, salt, iterations);
  return { algorithm: 'PBKDF2-SHA256', iterations, salt: toBase64(salt), hash: toBase64(hash), setAtMs: nowMs };
}

/** Sets (or changes) the PIN; a fresh random salt each time. Throws RangeError for an invalid PIN. */
export async function setStaffPin(db: GateDb, pin: string, nowMs: number, iterations = PIN_ITERATIONS): Promise<void> {
  if (!isValidPin(pin)) throw new RangeError('a staff PIN is 4 to 8 digits');
  await putMeta(db, 'staff-pin', await storedPinOf(pin, nowMs, iterations));
}

export async function staffPinIsSet(db: GateDb): Promise<boolean> {
  return (await getMeta(db, 'staff-pin')) !== undefined;
}

/**
 * The tablet's first staff PIN, chosen on the tablet itself (a kiosk off the demo's loopback address starts with none):
 * set only while none is, and only a PIN `pinProblem` accepts.
 */
export async function setFirstStaffPin(db: GateDb, pin: string, nowMs: number): Promise<'set' | 'invalid' | 'already-set'> {
  if (pinProblem(pin) !== null) return 'invalid';
  // Hashed before the transaction (IndexedDB transactions end at the first await outside them).
  const stored = await storedPinOf(pin, nowMs, PIN_ITERATIONS);
  return db.transaction('rw', [db.meta, db.audit], async () => {
    if (await staffPinIsSet(db)) return 'already-set' as const;
    await putMeta(db, 'staff-pin', stored);
    await appendAudit(db, { kind: 'settings-change', details: { setting: 'staff-pin' } }, nowMs);
    return 'set' as const;
  });
}

/**
 * Removes the stored PIN when it is `pin` (the demo's, published in the README) on a tablet that is not the demo: staff
 * then choose the tablet's own. Checked once per stored PIN (the check costs a PBKDF2 run).
 */
export async function withdrawStaffPinIf(db: GateDb, pin: string): Promise<boolean> {
  const stored = await getMeta(db, 'staff-pin');
  if (stored === undefined || (await getMeta(db, 'staff-pin-withdrawal-checked')) === stored.hash) return false;
  if ((await verifyStaffPin(db, pin)) !== 'ok') {
    await putMeta(db, 'staff-pin-withdrawal-checked', stored.hash);
    return false;
  }
  await deleteMeta(db, 'staff-pin');
  return true;
}

/** Sets `pin` only when no PIN was ever set on this tablet (first run of the demo). */
export async function ensureStaffPin(db: GateDb, pin: string, nowMs: number): Promise<boolean> {
  if (await staffPinIsSet(db)) return false;
  await setStaffPin(db, pin, nowMs);
  return true;
}

export async function verifyStaffPin(db: GateDb, pin: string): Promise<PinCheck> {
  const stored = await getMeta(db, 'staff-pin');
  if (stored === undefined) return 'not-set';
  // A PIN that cannot be valid is still hashed, so a wrong format takes as long as a wrong PIN.
  const hash = await derivePinHash(pin, fromBase64(stored.salt), stored.iterations);
  return constantTimeEqual(hash, fromBase64(stored.hash)) && isValidPin(pin) ? 'ok' : 'wrong';
}

/** The back-off's part of the staff config (src/config.ts). */
export type PinPolicy = Pick<StaffConfig, 'pinFreeAttempts' | 'pinFirstWaitMs' | 'pinMaxWaitMs' | 'pinForgetAfterMs'>;

export type PinAttempt =
  | { kind: 'ok' }
  | { kind: 'not-set' }
  /** `lockedUntilMs`: when the next try is allowed (0 while free attempts remain). */
  | { kind: 'wrong'; failures: number; lockedUntilMs: number }
  /** A try during the back-off is not even checked. */
  | { kind: 'locked'; lockedUntilMs: number };

/** Wait after `failures` wrong PINs in a row: none for the free attempts (3), then 30 s doubling up to 15 minutes. */
export function backOffMs(failures: number, policy: PinPolicy = defaultStaffConfig): number {
  if (failures <= policy.pinFreeAttempts) return 0;
  return Math.min(policy.pinMaxWaitMs, policy.pinFirstWaitMs * 2 ** (failures - policy.pinFreeAttempts - 1));
}

export async function readPinLock(db: GateDb): Promise<PinLock> {
  return (await getMeta(db, 'staff-pin-lock')) ?? { failures: 0, lockedUntilMs: 0 };
}

/** The wrong PINs that still count at `nowMs`: none once `pinForgetAfterMs` passed since the last one and its wait. */
function failuresNow(lock: PinLock, nowMs: number, policy: PinPolicy): number {
  const since = Math.max(lock.lastWrongAtMs ?? 0, lock.lockedUntilMs);
  return lock.lastWrongAtMs !== undefined && nowMs - since >= policy.pinForgetAfterMs ? 0 : lock.failures;
}

/**
 * The keypad's check: refuses while locked, verifies, then records the outcome (back-off and audit entry) durably
 * before answering, so a reload in between cannot skip a wait.
 */
export async function attemptStaffPin(db: GateDb, pin: string, nowMs: number, policy: PinPolicy = defaultStaffConfig): Promise<PinAttempt> {
  const lock = await readPinLock(db);
  if (lock.lockedUntilMs > nowMs) return { kind: 'locked', lockedUntilMs: lock.lockedUntilMs };
  const verdict = await verifyStaffPin(db, pin);
  if (verdict === 'not-set') return { kind: 'not-set' };
  return db.transaction('rw', [db.meta, db.audit], async () => {
    const current = await readPinLock(db);
    if (verdict === 'ok') {
      await putMeta(db, 'staff-pin-lock', { failures: 0, lockedUntilMs: 0 });
      await appendAudit(db, { kind: 'staff-sign-in' }, nowMs);
      return { kind: 'ok' } as const;
    }
    const failures = failuresNow(current, nowMs, policy) + 1;
    const wait = backOffMs(failures, policy);
    const next: PinLock = { failures, lockedUntilMs: wait > 0 ? nowMs + wait : 0, lastWrongAtMs: nowMs };
    await putMeta(db, 'staff-pin-lock', next);
    await appendAudit(db, { kind: 'staff-sign-in-refused', details: { failures } }, nowMs);
    return { kind: 'wrong', failures, lockedUntilMs: next.lockedUntilMs } as const;
  });
}

function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  let diff = a.length ^ b.length;
  for (let i = 0; i < Math.max(a.length, b.length); i++) diff |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return diff === 0;
}

function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s);
}

function fromBase64(text: string): Uint8Array {
  return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
}
