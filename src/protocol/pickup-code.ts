// A pickup code an adult types at the gate, checked on the tablet against the district's salted slow hash
// (contract `PickupCodeHash`: PBKDF2-HMAC-SHA256 of the code's ASCII digits, 32 bytes) with WebCrypto, so the code itself
// is never stored anywhere. A code that is not 4-6 digits is refused before any hashing; a hash the tablet cannot read
// matches nothing. Browser and Node alike (globalThis.crypto.subtle).
import type { PickupCodeHash } from '../core/bundle-shape';
import { isPickupCode } from '../core/pickup';
import { fromBase64Url } from './base64';

const HASH_BYTES = 32;
/** The contract's bounds: a hash outside them is not derived (a forged bundle cannot make the tablet spin). */
const MIN_ITERATIONS = 100_000;
const MAX_ITERATIONS = 2_000_000;

/** Whether `code` is the code `stored` was made from. Constant-time over the 32 bytes. */
export async function verifyPickupCode(code: string, stored: PickupCodeHash): Promise<boolean> {
  if (!isPickupCode(code) || stored.algorithm !== 'pbkdf2-sha256') return false;
  if (!Number.isInteger(stored.iterations) || stored.iterations < MIN_ITERATIONS || stored.iterations > MAX_ITERATIONS) return false;
  const salt = fromBase64Url(stored.salt);
  const expected = fromBase64Url(stored.hash);
  if (salt === null || expected === null || expected.length !== HASH_BYTES) return false;
  const subtle = globalThis.crypto.subtle;
  const key = await subtle.importKey('raw', new TextEncoder().encode(code), 'PBKDF2', false, ['deriveBits']);
  const bits = new Uint8Array(
    await subtle.deriveBits(
      { name: 'PBKDF2', hash: 'SHA-256', salt: new Uint8Array(salt), iterations: stored.iterations },
      key,
      HASH_BYTES * 8,
    ),
  );
  let diff = 0;
  for (let i = 0; i < HASH_BYTES; i++) diff |= bits[i]! ^ expected[i]!;
  return diff === 0;
}

/** The adults (of one child) whose code `code` is: each hash derived in turn (a child has at most 4 adults). */
export async function adultsWithCode(
  code: string,
  adults: readonly { pickupId: string; codeHash: PickupCodeHash | null }[],
): Promise<string[]> {
  if (!isPickupCode(code)) return [];
  const out: string[] = [];
  for (const a of adults) if (a.codeHash !== null && (await verifyPickupCode(code, a.codeHash))) out.push(a.pickupId);
  return out;
}
