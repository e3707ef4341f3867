// Verifies a device request's HTTP Message Signature: the exact covered components, Content-Digest of the body,
// created within the skew window, a nonce never seen before, a known and unrevoked device, and the ECDSA signature.
import { utf8 } from '../../src/protocol/base64';
import {
  contentDigest,
  ECDSA_KEY,
  ECDSA_SIGN,
  parseSignature,
  parseSignatureInput,
  signatureBase,
  SIGNATURE_MAX_SKEW_S,
} from '../../src/protocol/http-signature';
import type { Database } from '../db/database';
import { HttpError } from '../errors';

export interface DeviceIdentity {
  deviceId: string;
  siteId: string;
  /** The device's public key, which verified the request (and verifies what else it signs in it). */
  publicKey: CryptoKey;
}

export interface SignedRequest {
  method: string;
  path: string;
  /** `?a=b`, or `?` when there is none. */
  query: string;
  headers: { get(name: string): string | null | undefined };
  body: Uint8Array;
}

const keys = new Map<string, Promise<CryptoKey>>();
/** A device's public key for verifying (imported once, cached). */
export function importKey(jwk: JsonWebKey): Promise<CryptoKey> {
  const cacheKey = `${jwk.x}.${jwk.y}`;
  let key = keys.get(cacheKey);
  if (key === undefined) {
    key = globalThis.crypto.subtle.importKey('jwk', jwk, ECDSA_KEY, false, ['verify']);
    if (keys.size > 10_000) keys.clear();
    keys.set(cacheKey, key);
  }
  return key;
}

const refuse = (code: string, message: string) => new HttpError(401, code, message);
let lastNoncePurgeS = 0;

export async function authenticateDevice(db: Database, request: SignedRequest, nowMs: number): Promise<DeviceIdentity> {
  const input = request.headers.get('signature-input');
  const signatureHeader = request.headers.get('signature');
  const digestHeader = request.headers.get('content-digest');
  if (!input || !signatureHeader || !digestHeader) throw refuse('signature-missing', 'The request is not signed.');
  const params = parseSignatureInput(input);
  const signature = parseSignature(signatureHeader);
  if (params === null || signature === null) throw refuse('signature-malformed', 'The request signature is malformed.');
  const nowS = Math.floor(nowMs / 1000);
  if (Math.abs(nowS - params.created) > SIGNATURE_MAX_SKEW_S) {
    throw refuse('signature-expired', 'The request was signed too long ago or in the future: check the tablet clock.');
  }
  if ((await contentDigest(request.body)) !== digestHeader) throw refuse('digest-mismatch', 'The body does not match its digest.');

  const rows = await db.query<{ site_id: string; public_jwk: JsonWebKey; revoked_at_ms: number | null }>(
    'select site_id, public_jwk, revoked_at_ms from devices where id = $1',
    [params.keyid],
  );
  const device = rows[0];
  if (!device) throw refuse('device-unknown', 'This tablet is not paired with the district.');

  const base = signatureBase({ method: request.method, path: request.path, query: request.query, contentDigest: digestHeader }, params);
  const publicKey = await importKey(device.public_jwk);
  const ok = await globalThis.crypto.subtle.verify(ECDSA_SIGN, publicKey, signature as BufferSource, utf8(base) as BufferSource);
  if (!ok) throw refuse('signature-invalid', 'The request signature does not verify.');
  // Said only to the tablet itself (its signature verified): an unpaired tablet that hears it deletes the site's data.
  if (device.revoked_at_ms !== null) throw refuse('device-revoked', 'This tablet was unpaired by the district admin.');

  // Only a verified request may spend a nonce; the primary key refuses the second use, in any server process.
  const inserted = await db.query(
    'insert into request_nonces (device_id, nonce, created_s) values ($1, $2, $3) on conflict do nothing returning nonce',
    [params.keyid, params.nonce, params.created],
  );
  if (inserted.length === 0) throw refuse('replay', 'This request was sent before (replay refused).');
  if (nowS - lastNoncePurgeS > 60) {
    lastNoncePurgeS = nowS;
    // Nonces older than the window can never be accepted again anyway (their `created` is refused).
    await db.query('delete from request_nonces where created_s < $1', [nowS - 2 * SIGNATURE_MAX_SKEW_S]);
  }
  return { deviceId: params.keyid, siteId: device.site_id, publicKey };
}
