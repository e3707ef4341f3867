// The template key as a tablet receives it (pairing answer, GET /v1/template-key): wrapped to the tablet's ECDH key
// when it gave one (src/protocol/key-wrap.ts), so that a proxy reading TLS traffic learns nothing of it; in clear only
// for a tablet paired before wrapping keys existed that has not registered one yet (POST /v1/wrap-key).
import { fromBase64Url } from '../../src/protocol/base64';
import { wrapInfo, wrapSecret, type WrapPublicKey } from '../../src/protocol/key-wrap';
import type { components } from '../../src/protocol/api-types.generated';
import type { Queryable } from '../db/database';
import { HttpError } from '../errors';
import type { TemplateKey } from '../services/district';

type Schemas = components['schemas'];

export async function templateKeyFor(deviceId: string, wrapKey: WrapPublicKey | null, key: TemplateKey): Promise<Schemas['TemplateKey']> {
  if (wrapKey === null) return { keyVersion: key.keyVersion, secret: key.secret };
  const raw = fromBase64Url(key.secret)!;
  try {
    return { keyVersion: key.keyVersion, wrapped: await wrapSecret(wrapKey, raw, wrapInfo(deviceId, key.keyVersion)) };
  } finally {
    raw.fill(0);
  }
}

/** The tablet's wrapping key, or null for one paired before that has not registered one. */
export async function wrapKeyOf(db: Queryable, deviceId: string): Promise<WrapPublicKey | null> {
  const [row] = await db.query<{ wrap_jwk: WrapPublicKey | null }>('select wrap_jwk from devices where id = $1', [deviceId]);
  return row?.wrap_jwk ? { x: row.wrap_jwk.x, y: row.wrap_jwk.y } : null;
}

/** A P-256 public key (x, y) the ECDH import accepts, or 400. */
export async function checkedWrapKey(jwk: { x: string; y: string }): Promise<WrapPublicKey> {
  try {
    await globalThis.crypto.subtle.importKey(
      'jwk',
      { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y },
      { name: 'ECDH', namedCurve: 'P-256' },
      true,
      [],
    );
  } catch {
    throw new HttpError(400, 'bad-public-key', 'The wrapping key is not a valid P-256 key.');
  }
  return { x: jwk.x, y: jwk.y };
}

/** POST /v1/wrap-key: set once; the same key again is fine, another one is refused. */
export async function registerWrapKey(
  db: Queryable,
  deviceId: string,
  jwk: { x: string; y: string },
): Promise<Schemas['WrapKeyRegistration']> {
  const key = await checkedWrapKey(jwk);
  const [row] = await db.query<{ wrap_jwk: WrapPublicKey }>(
    `update devices set wrap_jwk = coalesce(wrap_jwk, $2::jsonb) where id = $1 returning wrap_jwk`,
    [deviceId, JSON.stringify(key)],
  );
  if (row === undefined) throw new HttpError(401, 'device-unknown', 'This tablet is not paired with the district.');
  if (row.wrap_jwk.x !== key.x || row.wrap_jwk.y !== key.y)
    throw new HttpError(409, 'wrap-key-set', 'This tablet gave its wrapping key already; pair it again to change it.');
  return { wrapKeyJwk: { kty: 'EC', crv: 'P-256', x: key.x, y: key.y } };
}
