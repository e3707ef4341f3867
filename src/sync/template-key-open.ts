// The district's template key as the tablet takes it from an answer (pairing, GET /v1/template-key): wrapped to this
// tablet's ECDH key (src/protocol/key-wrap.ts), opened with its non-extractable private half; in clear only while the
// tablet has no wrapping key (paired before they existed). Such a tablet registers one with a signed request before it
// next fetches the key, so from then on the key never crosses the network readable by a proxy that intercepts TLS.
import type { components } from '../protocol/api-types.generated';
import { fromBase64Url } from '../protocol/base64';
import { createWrapKey, unwrapSecret, wrapInfo, wrapPublicKey } from '../protocol/key-wrap';
import type { GateDb } from '../storage/db';
import { putMeta, type Pairing } from '../storage/meta.repo';
import type { DistrictClient } from './district-client';
import { PAIRING_KEY } from './sync-state';

type Schemas = components['schemas'];

export interface OpenedTemplateKey {
  keyVersion: number;
  /** The 32-byte secret: the caller zeroes it once installed. */
  raw: Uint8Array;
}

/**
 * The secret of a template key answer, or null when it does not open: wrapped for another tablet or version, malformed,
 * or in clear although this tablet gave a wrapping key (the district wraps for every tablet that has one).
 */
export async function openTemplateKey(
  key: Schemas['TemplateKey'],
  tablet: Pick<Pairing, 'deviceId' | 'wrapKeyPair' | 'wrapKeyRegistered'>,
): Promise<OpenedTemplateKey | null> {
  let raw: Uint8Array | null = null;
  if (key.wrapped !== undefined) {
    if (tablet.wrapKeyPair === undefined) return null;
    raw = await unwrapSecret(tablet.wrapKeyPair.privateKey, key.wrapped, wrapInfo(tablet.deviceId, key.keyVersion));
  } else if (key.secret !== undefined && tablet.wrapKeyRegistered !== true) {
    raw = fromBase64Url(key.secret);
  }
  if (raw === null || raw.length !== 32) return null;
  return { keyVersion: key.keyVersion, raw };
}

/**
 * A tablet paired before wrapping keys: makes one and gives the district its public half (a signed request), then
 * keeps it with the pairing. Returns the pairing as it is now. A district that does not know the request (older) is
 * left as it is: the key then still comes in clear.
 */
export async function ensureWrapKey(db: GateDb, client: DistrictClient, pairing: Pairing): Promise<Pairing> {
  if (pairing.wrapKeyRegistered === true) return pairing;
  let current = pairing;
  // Kept before it is sent: a tablet that stops in between sends the same key again, never a second one.
  if (current.wrapKeyPair === undefined) {
    current = { ...current, wrapKeyPair: await createWrapKey() };
    await putMeta(db, PAIRING_KEY, current);
  }
  const key = await wrapPublicKey(current.wrapKeyPair!.publicKey);
  const answer = await client.registerWrapKey({ wrapKeyJwk: { kty: 'EC', crv: 'P-256', x: key.x, y: key.y } });
  if (!answer.ok) return current;
  current = { ...current, wrapKeyRegistered: true };
  await putMeta(db, PAIRING_KEY, current);
  return current;
}
