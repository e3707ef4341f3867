// The staff PIN: stored only as a PBKDF2-SHA256 hash (600,000 iterations, a random salt made on this device) in `meta`.
// Verification recomputes the hash with the stored salt and iterations and compares in constant time.
import type { GateDb } from '../storage/db';

export const STAFF_PIN_KEY = 'staff-pin';
export const PIN_ITERATIONS = 600_000;
const SALT_BYTES = 16;
const HASH_BITS = 256;

export interface StoredPin {
  algorithm: 'PBKDF2-SHA256';
  iterations: number;
  /** Base64 of the per-device random salt. */
  salt: string;
  /** Base64 of the derived key. */
  hash: string;
  setAtMs: number;
}

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

/** Sets (or changes) the PIN; a fresh random salt each time. Throws RangeError for an invalid PIN. */
export async function setStaffPin(db: GateDb, pin: string, nowMs: number, iterations = PIN_ITERATIONS): Promise<void> {
  if (!isValidPin(pin)) throw new RangeError('a staff PIN is 4 to 8 digits');
  const salt = globalThis.crypto.getRandomValues(new Uint8Array(SALT_BYTES));
  const hash = await derivePinHash(pin, salt, iterations);
  const stored: StoredPin = { algorithm: 'PBKDF2-SHA256', iterations, salt: toBase64(salt), hash: toBase64(hash), setAtMs: nowMs };
  await db.meta.put({ key: STAFF_PIN_KEY, value: stored });
}

export async function hasStaffPin(db: GateDb): Promise<boolean> {
  return (await db.meta.get(STAFF_PIN_KEY)) !== undefined;
}

/** Sets `pin` only when no PIN was ever set on this tablet (first run of the demo). */
export async function ensureStaffPin(db: GateDb, pin: string, nowMs: number): Promise<boolean> {
  if (await hasStaffPin(db)) return false;
  await setStaffPin(db, pin, nowMs);
  return true;
}

export async function verifyStaffPin(db: GateDb, pin: string): Promise<PinCheck> {
  const entry = await db.meta.get(STAFF_PIN_KEY);
  if (entry === undefined) return 'not-set';
  const stored = entry.value as StoredPin;
  // A PIN that cannot be valid is still hashed, so a wrong format takes as long as a wrong PIN.
  const hash = await derivePinHash(pin, fromBase64(stored.salt), stored.iterations);
  return constantTimeEqual(hash, fromBase64(stored.hash)) && isValidPin(pin) ? 'ok' : 'wrong';
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
