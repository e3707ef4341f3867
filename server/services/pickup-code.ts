// Pickup codes (4-6 digits an adult types at the gate to collect a child) as the district keeps and sends them: a
// salted slow hash, PBKDF2-HMAC-SHA256 (contract `PickupCodeHash`), made here from the code in the admin's request and
// never the code itself (not in a row, a log, an answer or a bundle). A tablet checks a typed code with WebCrypto
// (crypto.subtle.deriveBits, PBKDF2, the same salt and iterations).
//
// Iterations: 200,000. The tablet is the slow side: a 2-core kiosk tablet must derive one code in well under 300 ms in
// WebCrypto (it may try each of a child's at most 4 adults), and PBKDF2-SHA256 in a browser on such a tablet does
// roughly 1-2 million iterations per second, so 200,000 costs about 100-200 ms there (about 60-80 ms in Node on the
// district's server). Fewer would make guessing cheaper for nothing. The hash does not make a code secret against
// whoever gets a bundle or a database copy: 4-6 digits are at most a million values, which a GPU tries in minutes. It
// keeps codes out of clear text (rows, backups, bundles, logs, screens) and slows guessing; the bundle itself goes only
// to paired tablets, signed, over TLS, and the gate's check-out will limit tries.
import { pbkdf2, randomBytes, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import type { components } from '../../src/protocol/api-types.generated';
import { fromBase64Url, toBase64Url } from '../../src/protocol/base64';

export type PickupCodeHash = components['schemas']['PickupCodeHash'];

export const PICKUP_CODE_ITERATIONS = 200_000;
const SALT_BYTES = 16;
const HASH_BYTES = 32;
const pbkdf2Async = promisify(pbkdf2);

/** A pickup code as the contract allows it: 4 to 6 ASCII digits. */
export const isPickupCode = (code: string): boolean => /^[0-9]{4,6}$/.test(code);

/** A new salted hash of `code` (which must satisfy isPickupCode). Asynchronous: the server goes on meanwhile. */
export async function hashPickupCode(code: string, iterations = PICKUP_CODE_ITERATIONS): Promise<PickupCodeHash> {
  if (!isPickupCode(code)) throw new Error('a pickup code is 4 to 6 digits');
  const salt = randomBytes(SALT_BYTES);
  const hash = await pbkdf2Async(code, salt, iterations, HASH_BYTES, 'sha256');
  return { algorithm: 'pbkdf2-sha256', iterations, salt: toBase64Url(salt), hash: toBase64Url(hash) };
}

/** Whether `code` is the one `stored` was made from (constant-time comparison). */
export async function verifyPickupCode(code: string, stored: PickupCodeHash): Promise<boolean> {
  const salt = fromBase64Url(stored.salt);
  const expected = fromBase64Url(stored.hash);
  if (!isPickupCode(code) || salt === null || expected === null || expected.length !== HASH_BYTES) return false;
  const hash = await pbkdf2Async(code, salt, stored.iterations, HASH_BYTES, 'sha256');
  return timingSafeEqual(hash, expected);
}
