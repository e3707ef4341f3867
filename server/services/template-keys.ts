// Template key rotation (ISO/IEC 24745 renewability). A rotation makes a new key version and, in the same transaction,
// re-keys the stored templates to it (old transport key and rotation undone, new ones applied: cosine scores unchanged)
// and raises the sites' bundle revisions, so each tablet learns the version from its next signed bundle, renews its own
// templates and confirms. The district's rotation moves every site; an unpairing moves the tablet's site alone (the
// tablet held that site's key only), the other sites stay on their version. Rule for old versions: a version's secret
// is kept while it is a site's, or a paired (not unpaired) tablet of a site still holds it, then deleted; until then a
// late upload made under it is re-keyed here, after that it is refused (409 template-key-retired) and the tablet renews
// and uploads again.
import { EMBEDDER_MODEL_ID } from '../../src/protocol/template-model';
import { fromBase64Url, toBase64Url } from '../../src/protocol/base64';
import { openTemplate, sealTemplate, templateKeyMaterial, type TransportMeta } from '../../src/protocol/template-key-crypto';
import type { components } from '../../src/protocol/api-types.generated';
import type { Database, Queryable } from '../db/database';
import type { DeviceIdentity } from '../device/auth';
import { HttpError } from '../errors';
import { currentTemplateKey, currentTemplateKeyForSite, loadDistrict, siteTemplateKeyVersion, templateKeyPurpose } from './district';
import { secretForSite } from './site-template-key';
import { templateKeyFor, wrapKeyOf } from '../device/template-key-answer';

type Schemas = components['schemas'];

/** Rotation takes it exclusively, template uploads shared: no upload commits under a version a rotation just left. */
const KEY_LOCK = 727003;
/** Templates are bound to the embedder model in their transport ciphertext; the district re-keys the kiosk's model. */
const MODEL_ID = EMBEDDER_MODEL_ID;

export const lockTemplateKeysShared = (tx: Queryable) => tx.query('select pg_advisory_xact_lock_shared($1)', [KEY_LOCK]);
/** Takes the template keys' exclusive lock for the rest of the transaction (re-entrant within it). */
export const lockTemplateKeys = (tx: Queryable) => tx.query('select pg_advisory_xact_lock($1)', [KEY_LOCK]);

interface KeyRow {
  key_version: number;
  secret: string | null;
  created_at_ms: number;
  retired_at_ms: number | null;
  per_site: boolean;
}

type Material = Awaited<ReturnType<typeof templateKeyMaterial>>;

/** Rotation and transport key of the versions a re-key needs, for a site's templates, derived once per operation. */
class KeyRing {
  private readonly cache = new Map<string, Promise<Material | null>>();
  private readonly versions = new Map<number, Promise<{ secret: string; perSite: boolean } | null>>();
  constructor(private readonly tx: Queryable) {}

  /** A version's district secret, read and unsealed once per operation however many sites it serves. */
  private districtSecret(version: number): Promise<{ secret: string; perSite: boolean } | null> {
    let v = this.versions.get(version);
    if (v === undefined) {
      v = (async () => {
        const [row] = await this.tx.query<KeyRow>('select * from template_keys where key_version = $1', [version]);
        if (!row?.secret) return null;
        return { secret: await this.tx.secrets.open(templateKeyPurpose(version), row.secret), perSite: row.per_site };
      })();
      this.versions.set(version, v);
    }
    return v;
  }

  material(version: number, siteId: string): Promise<Material | null> {
    const key = `${version}/${siteId}`;
    let m = this.cache.get(key);
    if (m === undefined) {
      m = (async () => {
        const district = await this.districtSecret(version);
        if (district === null) return null;
        const raw = fromBase64Url(await secretForSite(district.secret, district.perSite, siteId));
        if (raw === null) return null;
        try {
          return await templateKeyMaterial(raw, version);
        } finally {
          raw.fill(0);
        }
      })();
      this.cache.set(key, m);
    }
    return m;
  }
}

export interface StoredTemplate {
  templateId: string;
  childId: string;
  /** The child's site: whose key the template is sealed under. */
  siteId: string;
  keyVersion: number;
  createdAtMs: number;
  ciphertext: string;
}

/** The template's ciphertext under `toVersion`, or null when it does not open under its own version (or that is gone). */
async function rekeyOne(ring: KeyRing, districtId: string, t: StoredTemplate, toVersion: number): Promise<string | null> {
  const from = await ring.material(t.keyVersion, t.siteId);
  const to = await ring.material(toVersion, t.siteId);
  if (from === null || to === null) return null;
  const meta: TransportMeta = {
    templateId: t.templateId,
    childId: t.childId,
    modelId: MODEL_ID,
    keyVersion: t.keyVersion,
    createdAtMs: t.createdAtMs,
  };
  const rotated = await openTemplate(from.transport, districtId, meta, t.ciphertext);
  if (rotated === null) return null;
  const face = from.rotation.invert(rotated);
  const renewed = to.rotation.apply(face);
  face.fill(0);
  rotated.fill(0);
  const sealed = await sealTemplate(to.transport, districtId, { ...meta, keyVersion: toVersion }, renewed);
  renewed.fill(0);
  return sealed;
}

/**
 * Deletes the secret of every version (but the newest) that no site needs: a site needs its own version and, down to
 * the oldest one a paired tablet of the site still holds, the ones before it. Returns those versions.
 */
async function retireRenewedVersions(tx: Queryable, nowMs: number, actor: string): Promise<number[]> {
  const current = (await currentTemplateKey(tx, nowMs)).keyVersion;
  // A tablet whose version is unknown (null) holds the oldest: nothing of its site's is retired until it confirms.
  const retired = await tx.query<{ key_version: number }>(
    `with needs as (
       select coalesce(s.template_key_version, $1) as upto,
              least(coalesce(s.template_key_version, $1),
                    coalesce((select min(coalesce(d.template_key_version, 0)) from devices d
                              where d.site_id = s.id and d.revoked_at_ms is null), $1)) as from_version
       from sites s)
     update template_keys k set secret = null, retired_at_ms = $2
     where k.key_version < $1 and k.retired_at_ms is null
       and not exists (select 1 from needs n where k.key_version between n.from_version and n.upto)
     returning k.key_version`,
    [current, nowMs],
  );
  const versions = retired.map((r) => r.key_version).sort((a, b) => a - b);
  if (versions.length > 0) {
    await tx.query('insert into audit_log (at_ms, actor, action, details) values ($1, $2, $3, $4)', [
      nowMs,
      actor,
      'template-key.retired',
      JSON.stringify({ versions, currentVersion: current }),
    ]);
  }
  return versions;
}

export async function rotateTemplateKey(db: Database, actor: string, nowMs: number): Promise<Schemas['TemplateKeyRotation']> {
  return db.transaction((tx) => rotateTemplateKeyIn(tx, actor, nowMs));
}

/**
 * The rotation inside the caller's transaction (unpairing: the revocation and its rotation commit together or not at
 * all): of every site, or of `siteId` alone (its templates, its bundle, its tablets; the other sites keep theirs).
 */
export async function rotateTemplateKeyIn(
  tx: Queryable,
  actor: string,
  nowMs: number,
  siteId?: string,
): Promise<Schemas['TemplateKeyRotation']> {
  await lockTemplateKeys(tx);
  const district = await loadDistrict(tx);
  const newest = (await currentTemplateKey(tx, nowMs)).keyVersion;
  const previous = siteId === undefined ? newest : await siteTemplateKeyVersion(tx, siteId, nowMs);
  const keyVersion = newest + 1;
  await tx.query('insert into template_keys (key_version, secret, created_at_ms) values ($1, $2, $3)', [
    keyVersion,
    await tx.secrets.seal(templateKeyPurpose(keyVersion), toBase64Url(globalThis.crypto.getRandomValues(new Uint8Array(32)))),
    nowMs,
  ]);
  if (siteId === undefined) {
    await tx.query('update sites set template_key_version = null');
  } else {
    // The other sites stay on the version they are under, held before the newest moves past it.
    await tx.query('update sites set template_key_version = $1 where template_key_version is null and id <> $2', [newest, siteId]);
    await tx.query('update sites set template_key_version = $1 where id = $2', [keyVersion, siteId]);
  }
  const ring = new KeyRing(tx);
  const rows = await tx.query<{
    id: string;
    child_id: string;
    site_id: string;
    key_version: number;
    created_at_ms: number;
    ciphertext: string;
  }>(
    `select t.id, t.child_id, c.site_id, t.key_version, t.created_at_ms, t.ciphertext
     from templates t join children c on c.id = t.child_id
     where t.key_version < $1 and ($2::text is null or c.site_id = $2) order by t.id for update of t`,
    [keyVersion, siteId ?? null],
  );
  let renewedTemplates = 0;
  const droppedTemplates: { templateId: string; childId: string }[] = [];
  for (const r of rows) {
    const t: StoredTemplate = {
      templateId: r.id,
      childId: r.child_id,
      siteId: r.site_id,
      keyVersion: r.key_version,
      createdAtMs: r.created_at_ms,
      ciphertext: r.ciphertext,
    };
    const sealed = await rekeyOne(ring, district.id, t, keyVersion);
    if (sealed === null) {
      droppedTemplates.push({ templateId: r.id, childId: r.child_id });
      await tx.query('delete from templates where id = $1', [r.id]);
    } else {
      await tx.query('update templates set key_version = $2, ciphertext = $3 where id = $1', [r.id, keyVersion, sealed]);
      renewedTemplates++;
    }
  }
  // Each tablet concerned gets a new bundle: its templates changed, and it carries the new version.
  await tx.query('update sites set revision = revision + 1 where $1::text is null or id = $1', [siteId ?? null]);
  const [pending] = await tx.query<{ n: number }>(
    'select count(*)::int as n from devices where revoked_at_ms is null and ($1::text is null or site_id = $1)',
    [siteId ?? null],
  );
  await tx.query('insert into audit_log (at_ms, actor, action, details) values ($1, $2, $3, $4)', [
    nowMs,
    actor,
    'template-key.rotated',
    JSON.stringify({
      keyVersion,
      previousVersion: previous,
      renewedTemplates,
      droppedTemplates: droppedTemplates.length,
      ...(siteId === undefined ? {} : { siteId }),
    }),
  ]);
  await retireRenewedVersions(tx, nowMs, actor);
  return { keyVersion, previousVersion: previous, renewedTemplates, droppedTemplates, tabletsToRenew: pending?.n ?? 0 };
}

/**
 * An upload's ciphertext at the current version: as sent when it is current, re-keyed here when it is of an older
 * version still kept. Call inside the upload's transaction (after lockTemplateKeysShared).
 */
export async function currentVersionOf(
  tx: Queryable,
  upload: StoredTemplate,
  nowMs: number,
): Promise<{ keyVersion: number; ciphertext: string }> {
  const current = await siteTemplateKeyVersion(tx, upload.siteId, nowMs);
  if (upload.keyVersion === current) return { keyVersion: current, ciphertext: upload.ciphertext };
  if (upload.keyVersion > current) {
    throw new HttpError(
      409,
      'template-key-unknown',
      `The template is of key version ${upload.keyVersion}, but its site's is ${current}. Unpair the tablet and pair it again.`,
    );
  }
  const ring = new KeyRing(tx);
  if ((await ring.material(upload.keyVersion, upload.siteId)) === null) {
    throw new HttpError(
      409,
      'template-key-retired',
      `The district retired template key version ${upload.keyVersion}. The tablet renews its templates to version ${current} at its next sync and then uploads them again.`,
    );
  }
  const sealed = await rekeyOne(ring, (await loadDistrict(tx)).id, upload, current);
  if (sealed === null) {
    throw new HttpError(
      400,
      'template-unreadable',
      `The template does not open under the district's key version ${upload.keyVersion}; it was not stored. Enrol the child again on the tablet.`,
    );
  }
  return { keyVersion: current, ciphertext: sealed };
}

/** A tablet confirmed it renewed its templates to `keyVersion`; versions no paired tablet holds any more are retired. */
export async function confirmRenewal(
  db: Database,
  device: DeviceIdentity,
  body: Schemas['TemplateKeyRenewal'],
  nowMs: number,
): Promise<Schemas['TemplateKeyRenewalAck']> {
  return db.transaction(async (tx) => {
    await lockTemplateKeys(tx);
    const current = await siteTemplateKeyVersion(tx, device.siteId, nowMs);
    if (body.keyVersion > current) {
      throw new HttpError(
        409,
        'template-key-unknown',
        `Key version ${body.keyVersion} is newer than its site's ${current}. Unpair the tablet and pair it again.`,
      );
    }
    const [row] = await tx.query<{ template_key_version: number | null }>(
      'select template_key_version from devices where id = $1 for update',
      [device.deviceId],
    );
    if ((row?.template_key_version ?? 0) < body.keyVersion) {
      await tx.query('update devices set template_key_version = $2, template_key_renewed_at_ms = $3 where id = $1', [
        device.deviceId,
        body.keyVersion,
        nowMs,
      ]);
      await tx.query('insert into audit_log (at_ms, actor, action, details) values ($1, $2, $3, $4)', [
        nowMs,
        device.deviceId,
        'template-key.renewed',
        JSON.stringify({ keyVersion: body.keyVersion, renewedTemplates: body.renewedTemplates ?? null }),
      ]);
    }
    return { currentVersion: current, retiredVersions: await retireRenewedVersions(tx, nowMs, device.deviceId) };
  });
}

/**
 * The current key of a paired tablet's site (GET /v1/template-key), each fetch recorded in the district audit log: the
 * key opens every template of the site, so who fetched it, and when, is part of the record.
 */
export async function fetchTemplateKey(db: Database, device: DeviceIdentity, nowMs: number): Promise<Schemas['TemplateKey']> {
  const key = await currentTemplateKeyForSite(db, device.siteId, nowMs);
  const wrapKey = await wrapKeyOf(db, device.deviceId);
  await db.query('insert into audit_log (at_ms, actor, action, details) values ($1, $2, $3, $4)', [
    nowMs,
    device.deviceId,
    'template-key.fetched',
    JSON.stringify({ deviceId: device.deviceId, keyVersion: key.keyVersion, wrapped: wrapKey !== null }),
  ]);
  return templateKeyFor(device.deviceId, wrapKey, key);
}

/** Whether the version `siteId` is under gives the site a key of its own (made since per-site keys). */
export async function sitesKeyIsItsOwn(tx: Queryable, siteId: string, nowMs: number): Promise<boolean> {
  const version = await siteTemplateKeyVersion(tx, siteId, nowMs);
  const [row] = await tx.query<{ per_site: boolean }>('select per_site from template_keys where key_version = $1', [version]);
  return row?.per_site === true;
}

/** After a tablet is unpaired (inside the unpairing's transaction): versions only it still held are retired. */
export async function retireAfterUnpairing(tx: Queryable, actor: string, nowMs: number): Promise<number[]> {
  await lockTemplateKeys(tx);
  return retireRenewedVersions(tx, nowMs, actor);
}

export async function templateKeyStatus(db: Database, nowMs: number): Promise<Schemas['TemplateKeyStatus']> {
  const current = (await currentTemplateKey(db, nowMs)).keyVersion;
  const versions = await db.query<KeyRow & { sites: number }>(
    `select k.key_version, k.created_at_ms, k.retired_at_ms,
            (select count(*)::int from sites s where coalesce(s.template_key_version, $1) = k.key_version) as sites
     from template_keys k order by k.key_version`,
    [current],
  );
  const devices = await db.query<{
    id: string;
    site_id: string;
    name: string;
    template_key_version: number | null;
    site_version: number;
    template_key_renewed_at_ms: number | null;
    last_seen_at_ms: number | null;
  }>(
    `select d.id, d.site_id, d.name, d.template_key_version, coalesce(s.template_key_version, $1) as site_version,
            d.template_key_renewed_at_ms, d.last_seen_at_ms
     from devices d join sites s on s.id = d.site_id where d.revoked_at_ms is null order by d.site_id, d.paired_at_ms, d.id`,
    [current],
  );
  return {
    currentVersion: current,
    versions: versions.map((v) => ({
      keyVersion: v.key_version,
      createdAtMs: v.created_at_ms,
      retiredAtMs: v.retired_at_ms,
      sites: v.sites,
    })),
    devices: devices.map((d) => ({
      deviceId: d.id,
      siteId: d.site_id,
      name: d.name,
      keyVersion: d.template_key_version,
      siteVersion: d.site_version,
      renewedAtMs: d.template_key_renewed_at_ms,
      lastSeenAtMs: d.last_seen_at_ms,
    })),
  };
}
