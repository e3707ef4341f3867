// The district record: its database epoch and its gallery-bundle signing key (ECDSA P-256, kept in the database so
// that every stateless server process signs with the same key, sealed under the master key: server/secrets/). Created
// once, on the first start. Also the district's secret template key (api/openapi.yaml `TemplateKey`, each version
// sealed the same way), made on first need and handed to tablets when they pair.
import { secretForSite } from './site-template-key';
import { GENESIS_HASH } from '../../src/protocol/event-chain';
import { toBase64Url } from '../../src/protocol/base64';
import { ECDSA_KEY, ECDSA_SIGN } from '../../src/protocol/http-signature';
import type { Database, Queryable } from '../db/database';
import { newId } from '../ids';

export interface District {
  id: string;
  name: string;
  epoch: string;
  bundleKeyId: string;
  bundlePublicJwk: JsonWebKey;
}

interface DistrictRow {
  id: string;
  name: string;
  epoch: string;
  bundle_key_id: string;
  /** The sealed private JWK (a JSON string in the jsonb column; a plain object only before sealSecretsAtRest ran). */
  bundle_private_jwk: string | JsonWebKey;
  bundle_public_jwk: JsonWebKey;
}

export const BUNDLE_KEY_PURPOSE = 'district/bundle-signing-key';
export const templateKeyPurpose = (version: number) => `template-key/v${version}` as const;

export { GENESIS_HASH };

export async function ensureDistrict(db: Database, name: string, nowMs: number): Promise<District> {
  const existing = await db.query<DistrictRow>('select * from district limit 1');
  if (existing[0]) return toDistrict(existing[0]);
  const pair = (await globalThis.crypto.subtle.generateKey(ECDSA_KEY, true, ['sign', 'verify'])) as CryptoKeyPair;
  const privateJwk = await globalThis.crypto.subtle.exportKey('jwk', pair.privateKey);
  const publicJwk = await globalThis.crypto.subtle.exportKey('jwk', pair.publicKey);
  const sealedPrivate = await db.secrets.seal(BUNDLE_KEY_PURPOSE, JSON.stringify(privateJwk));
  const row = await db.transaction(async (tx) => {
    await tx.query('select pg_advisory_xact_lock(727002)');
    const again = await tx.query<DistrictRow>('select * from district limit 1');
    if (again[0]) return again[0];
    const inserted = await tx.query<DistrictRow>(
      `insert into district (id, name, epoch, bundle_key_id, bundle_private_jwk, bundle_public_jwk, created_at_ms)
       values ($1, $2, $3, $4, $5, $6, $7) returning *`,
      [newId('dist'), name, newId('ep'), newId('key', 8), JSON.stringify(sealedPrivate), JSON.stringify(publicJwk), nowMs],
    );
    return inserted[0]!;
  });
  return toDistrict(row);
}

export async function loadDistrict(db: Queryable): Promise<District> {
  const rows = await db.query<DistrictRow>('select * from district limit 1');
  if (!rows[0]) throw new Error('the district is not set up (no district row)');
  return toDistrict(rows[0]);
}

function toDistrict(row: DistrictRow): District {
  return {
    id: row.id,
    name: row.name,
    epoch: row.epoch,
    bundleKeyId: row.bundle_key_id,
    bundlePublicJwk: publicOnly(row.bundle_public_jwk),
  };
}

function publicOnly(jwk: JsonWebKey): JsonWebKey {
  return { kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y };
}

const signingKeys = new Map<string, Promise<CryptoKey>>();
/** The district's private signing key, imported once per process. */
export function bundleSigningKey(db: Queryable, keyId: string): Promise<CryptoKey> {
  let key = signingKeys.get(keyId);
  if (key === undefined) {
    key = (async () => {
      const rows = await db.query<{ bundle_private_jwk: unknown }>('select bundle_private_jwk from district where bundle_key_id = $1', [
        keyId,
      ]);
      if (!rows[0]) throw new Error(`no bundle key ${keyId}`);
      const jwk = JSON.parse(await db.secrets.open(BUNDLE_KEY_PURPOSE, String(rows[0].bundle_private_jwk))) as JsonWebKey;
      return globalThis.crypto.subtle.importKey('jwk', jwk, ECDSA_KEY, false, ['sign']);
    })();
    key.catch(() => signingKeys.delete(keyId));
    signingKeys.set(keyId, key);
  }
  return key;
}

export async function signBytes(key: CryptoKey, bytes: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await globalThis.crypto.subtle.sign(ECDSA_SIGN, key, bytes as BufferSource));
}

/** After restoring a backup: a new epoch makes tablets re-push what they hold, and lets each chain resume once. */
/**
 * How far a new epoch moves every site's bundle version: past any version the lost days can have issued, so that a
 * tablet holding one of them gets a full bundle with a higher number (it refuses a lower one as a rollback) and never
 * "unchanged" for a number that meant other content before the restore.
 */
export const EPOCH_VERSION_GAP = 1_000_000;

/**
 * A new database epoch, after a restore from backup: tablets push again what the district lacks, and every site's
 * bundle version moves by EPOCH_VERSION_GAP (no delta is built across it), so that a tablet whose bundle came from the
 * lost days takes the restored state, a consent withdrawn since included.
 */
export async function rotateEpoch(db: Database): Promise<string> {
  const epoch = newId('ep');
  await db.transaction(async (tx) => {
    await tx.query('update district set epoch = $1', [epoch]);
    await tx.query('update sites set revision = revision + $1, delta_floor = revision + $1', [EPOCH_VERSION_GAP]);
  });
  return epoch;
}

export interface TemplateKey {
  keyVersion: number;
  /** base64url of 32 random bytes. */
  secret: string;
}

/** The newest version's district secret, and whether each site gets its own key derived from it. */
export interface DistrictTemplateKey extends TemplateKey {
  perSite: boolean;
}

/** The district's newest template key; the first call makes version 1 (concurrent first calls agree on one). */
export async function currentTemplateKey(db: Queryable, nowMs: number): Promise<DistrictTemplateKey> {
  // The newest version is never retired, so its secret is there.
  const read = () =>
    db.query<{ key_version: number; secret: string; per_site: boolean }>(
      'select key_version, secret, per_site from template_keys order by key_version desc limit 1',
    );
  let rows = await read();
  if (!rows[0]) {
    const secret = await db.secrets.seal(templateKeyPurpose(1), toBase64Url(globalThis.crypto.getRandomValues(new Uint8Array(32))));
    await db.query(
      'insert into template_keys (key_version, secret, created_at_ms) values (1, $1, $2) on conflict (key_version) do nothing',
      [secret, nowMs],
    );
    rows = await read();
  }
  const { key_version, secret, per_site } = rows[0]!;
  return { keyVersion: key_version, secret: await db.secrets.open(templateKeyPurpose(key_version), secret), perSite: per_site };
}

/**
 * The version `siteId`'s templates are under: the district's newest, unless an unpairing re-keyed the site alone since
 * (then the other sites stay on theirs) or re-keyed another site alone (then this one stays on the version it had).
 * One read, no secret opened.
 */
export async function siteTemplateKeyVersion(db: Queryable, siteId: string, nowMs: number): Promise<number> {
  const [row] = await db.query<{ v: number | null }>(
    'select coalesce((select template_key_version from sites where id = $1), (select max(key_version) from template_keys)) as v',
    [siteId],
  );
  // No version yet: the first one is made.
  return row?.v ?? (await currentTemplateKey(db, nowMs)).keyVersion;
}

/** The key a tablet of `siteId` is given: its site's version, that site's own secret for a per-site version. */
export async function currentTemplateKeyForSite(db: Queryable, siteId: string, nowMs: number): Promise<TemplateKey> {
  const keyVersion = await siteTemplateKeyVersion(db, siteId, nowMs);
  // A site's version is never retired while it is the site's: its secret is there.
  const [row] = await db.query<{ secret: string | null; per_site: boolean }>(
    'select secret, per_site from template_keys where key_version = $1',
    [keyVersion],
  );
  if (!row?.secret) throw new Error(`template key version ${keyVersion} of site ${siteId} has no secret`);
  return {
    keyVersion,
    secret: await secretForSite(await db.secrets.open(templateKeyPurpose(keyVersion), row.secret), row.per_site, siteId),
  };
}
