// The site's bundle for its tablets (GET /v1/bundle): `unchanged` when the tablet holds the current version, a `delta`
// with only the children that changed since its version (child_changes, kept by database triggers) when that is small,
// else the `full` bundle. A site version is built from rows once per process, in one snapshot, and kept ready to send
// (its JSON bytes, their digest and, on first need, their gzip) for every tablet of the site that asks; the contract
// check of these answers lives in the tests, not on this path. Every answer is then signed for its request
// (server/device/answer-signing.ts).
import { gzip } from 'node:zlib';
import { promisify } from 'node:util';
import { BUNDLE_FORMAT, type BundleChild, type BundleConsent, type BundleTemplate } from '../../src/core/bundle-shape';
import { childDigests, rosterDigest } from '../../src/protocol/bundle-digest';
import { contentDigest } from '../../src/protocol/http-signature';
import type { components } from '../../src/protocol/api-types.generated';
import type { Database, Queryable } from '../db/database';
import type { DeviceIdentity } from '../device/auth';
import { HttpError } from '../errors';
import { dayKeyIn } from '../ids';
import { currentTemplateKey, loadDistrict } from './district';
import { activeConsentSql } from './roster';
import type { SiteSettings } from './sites';
import { twinsOfSite } from './twins';

type Schemas = components['schemas'];

const DAY_MS = 86_400_000;
const gzipAsync = promisify(gzip);

/** A body ready to send: its bytes, their Content-Digest, and their gzip (made once, on first need). */
export interface PreparedBody {
  bytes: Uint8Array;
  digest: string;
  gzip(): Promise<Uint8Array>;
}

export function prepareJson(value: unknown): Promise<PreparedBody> {
  return prepare(new TextEncoder().encode(JSON.stringify(value)));
}

async function prepare(bytes: Uint8Array): Promise<PreparedBody> {
  let zipped: Promise<Uint8Array> | null = null;
  return {
    bytes,
    digest: await contentDigest(bytes),
    // Level 6: the JSON around the templates shrinks to a fraction, their base64 to about 3/4.
    gzip: () => (zipped ??= gzipAsync(bytes, { level: 6 }).then((b) => new Uint8Array(b.buffer, b.byteOffset, b.byteLength))),
  };
}

/** One child on the roster as the bundle carries it. */
interface Unit {
  child: BundleChild;
  consents: BundleConsent[];
  templates: BundleTemplate[];
}

/** One version of one site, as of one day (which templates may travel depends on the day's consents). */
export interface SiteBundle {
  key: string;
  siteId: string;
  districtId: string;
  revision: number;
  builtAtMs: number;
  settings: SiteSettings;
  templateKeyVersion: number;
  units: Map<string, Unit>;
  removed: Set<string>;
  rosterDigest: string;
  full: PreparedBody;
}

interface SiteRow {
  revision: number;
  settings: SiteSettings;
  time_zone: string;
  delta_floor: number;
  settings_rev: number;
}

/** How long a built version is served before it is built again (its issuedAtMs and expiry come from the build). */
export const BUILD_MAX_AGE_MS = 3_600_000;
/** Built versions a process keeps, by the bytes of their full bundle (least recently used go first). */
const CACHE_BYTES = 256 * 1024 * 1024;
/** A delta naming more children than this share of the roster (and more than DELTA_MIN_CHILDREN) is sent as the full bundle. */
const DELTA_MAX_SHARE = 0.2;
const DELTA_MIN_CHILDREN = 50;

interface Cache {
  entries: Map<string, Promise<SiteBundle>>;
  bytes: Map<string, number>;
}
const caches = new WeakMap<Database, Cache>();
const districtIds = new WeakMap<Database, Promise<string>>();

function cacheOf(db: Database): Cache {
  let c = caches.get(db);
  if (c === undefined) caches.set(db, (c = { entries: new Map(), bytes: new Map() }));
  return c;
}

function districtIdOf(db: Database): Promise<string> {
  let id = districtIds.get(db);
  if (id === undefined) {
    id = loadDistrict(db).then((d) => d.id);
    id.catch(() => districtIds.delete(db));
    districtIds.set(db, id);
  }
  return id;
}

const siteRow = async (db: Queryable, siteId: string): Promise<SiteRow> => {
  const [row] = await db.query<SiteRow>('select revision, settings, time_zone, delta_floor, settings_rev from sites where id = $1', [
    siteId,
  ]);
  if (!row) throw new HttpError(404, 'site-not-found', `No site ${siteId}.`);
  return row;
};

const expiry = (settings: SiteSettings, fromMs: number) => fromMs + settings.maxOfflineFaceDays * DAY_MS;

async function unchanged(districtId: string, siteId: string, row: SiteRow, nowMs: number): Promise<PreparedBody> {
  const answer: Schemas['BundleUnchanged'] = {
    kind: 'unchanged',
    districtId,
    siteId,
    version: row.revision,
    issuedAtMs: nowMs,
    expiresAtMs: expiry(row.settings, nowMs),
  };
  return prepareJson(answer);
}

/**
 * The answer for a tablet of `device.siteId` that holds version `since` (null: nothing, or nothing it can build on).
 * An unchanged site costs one indexed read; anything else reads one snapshot.
 */
export async function bundleAnswer(db: Database, device: DeviceIdentity, since: number | null, nowMs: number): Promise<PreparedBody> {
  const districtId = await districtIdOf(db);
  const row = await siteRow(db, device.siteId);
  if (since === row.revision) return unchanged(districtId, device.siteId, row, nowMs);
  return db.transaction(async (tx) => {
    // One snapshot: the version, the child stamps and the rows of a build agree with each other.
    await tx.query('set transaction isolation level repeatable read');
    const now = await siteRow(tx, device.siteId);
    if (since === now.revision) return unchanged(districtId, device.siteId, now, nowMs);
    const site = await siteBundle(db, tx, districtId, device.siteId, now, nowMs);
    if (since !== null && since > 0 && since < now.revision && since >= now.delta_floor && since >= now.settings_rev) {
      const changed = await tx.query<{ child_id: string }>('select child_id from child_changes where site_id = $1 and rev > $2', [
        device.siteId,
        since,
      ]);
      if (changed.length <= Math.max(DELTA_MIN_CHILDREN, site.units.size * DELTA_MAX_SHARE)) {
        return prepareJson(
          delta(
            site,
            since,
            changed.map((c) => c.child_id),
            nowMs,
          ),
        );
      }
    }
    return site.full;
  });
}

function delta(site: SiteBundle, fromVersion: number, changed: readonly string[], nowMs: number): Schemas['BundleDelta'] {
  const units = changed.map((id) => site.units.get(id)).filter((u): u is Unit => u !== undefined);
  units.sort((a, b) => (a.child.childId < b.child.childId ? -1 : 1));
  return {
    kind: 'delta',
    format: BUNDLE_FORMAT,
    districtId: site.districtId,
    siteId: site.siteId,
    fromVersion,
    version: site.revision,
    issuedAtMs: nowMs,
    expiresAtMs: expiry(site.settings, nowMs),
    children: units.map((u) => u.child),
    removedChildIds: changed.filter((id) => site.removed.has(id)).sort(),
    consents: units.flatMap((u) => u.consents),
    settings: site.settings,
    templates: units.flatMap((u) => u.templates),
    templateKeyVersion: site.templateKeyVersion,
    rosterDigest: site.rosterDigest,
  };
}

/** The built site version: from this process's cache, or built now inside the caller's snapshot. */
async function siteBundle(db: Database, tx: Queryable, districtId: string, siteId: string, row: SiteRow, nowMs: number) {
  const keyVersion = (await currentTemplateKey(tx, nowMs)).keyVersion;
  const day = dayKeyIn(nowMs, row.time_zone);
  const key = `${siteId}|${row.revision}|${day}|${keyVersion}`;
  const cache = cacheOf(db);
  const held = cache.entries.get(key);
  if (held !== undefined) {
    const site = await held;
    if (nowMs - site.builtAtMs <= BUILD_MAX_AGE_MS) {
      // Most recently used last.
      cache.entries.delete(key);
      cache.entries.set(key, held);
      return site;
    }
  }
  const building = buildSite(tx, districtId, siteId, row, day, keyVersion, key, nowMs);
  for (const old of [...cache.entries.keys()].filter((k) => k.startsWith(`${siteId}|`))) forget(cache, old);
  cache.entries.set(key, building);
  building.then(
    (site) => {
      cache.bytes.set(key, site.full.bytes.length);
      let total = [...cache.bytes.values()].reduce((a, b) => a + b, 0);
      for (const k of cache.entries.keys()) {
        if (total <= CACHE_BYTES || k === key) break;
        total -= cache.bytes.get(k) ?? 0;
        forget(cache, k);
      }
    },
    () => forget(cache, key),
  );
  return building;
}

function forget(cache: Cache, key: string): void {
  cache.entries.delete(key);
  cache.bytes.delete(key);
}

/** Reads the site's rows (in the caller's snapshot) and prepares its full bundle. */
export async function buildSite(
  tx: Queryable,
  districtId: string,
  siteId: string,
  row: SiteRow,
  day: string,
  templateKeyVersion: number,
  key: string,
  nowMs: number,
): Promise<SiteBundle> {
  const children = await tx.query<{ id: string; display_name: string; group_name: string; removed_at_ms: number | null }>(
    'select id, display_name, group_name, removed_at_ms from children where site_id = $1 order by id',
    [siteId],
  );
  const bracelets = await tx.query<{ uid: string; child_id: string }>(
    `select b.uid, b.child_id from bracelets b join children c on c.id = b.child_id
     where c.site_id = $1 and c.removed_at_ms is null order by b.uid`,
    [siteId],
  );
  const consents = await tx.query<{
    id: string;
    child_id: string;
    guardian_name: string;
    granted_on: string;
    expires_on: string;
    revoked_on: string | null;
  }>(
    `select k.id, k.child_id, k.guardian_name, k.granted_on, k.expires_on, k.revoked_on from consents k
     join children c on c.id = k.child_id where c.site_id = $1 and c.removed_at_ms is null order by k.id`,
    [siteId],
  );
  const templates = row.settings.biometricsEnabled
    ? await tx.query<{ id: string; child_id: string; key_version: number; created_at_ms: number; ciphertext: string }>(
        `select t.id, t.child_id, t.key_version, t.created_at_ms, t.ciphertext from templates t
         join children ch on ch.id = t.child_id
         where ch.site_id = $1 and ch.removed_at_ms is null and t.key_version = $3 and ${activeConsentSql('ch.id', '$2')}
         order by t.id`,
        [siteId, day, templateKeyVersion],
      )
    : [];
  const twins = await twinsOfSite(tx, siteId);

  const units = new Map<string, Unit>();
  const removed = new Set<string>();
  for (const c of children) {
    if (c.removed_at_ms !== null) {
      removed.add(c.id);
      continue;
    }
    units.set(c.id, {
      child: { childId: c.id, displayName: c.display_name, group: c.group_name, bracelets: [], ...(twins.has(c.id) ? { twin: true } : {}) },
      consents: [],
      templates: [],
    });
  }
  for (const b of bracelets) units.get(b.child_id)?.child.bracelets.push(b.uid);
  const allConsents: BundleConsent[] = [];
  for (const k of consents) {
    const consent: BundleConsent = {
      consentId: k.id,
      childId: k.child_id,
      guardianName: k.guardian_name,
      scope: 'face',
      grantedOn: k.granted_on,
      expiresOn: k.expires_on,
      revokedOn: k.revoked_on,
    };
    units.get(k.child_id)?.consents.push(consent);
    allConsents.push(consent);
  }
  const allTemplates: BundleTemplate[] = templates.map((t) => ({
    templateId: t.id,
    childId: t.child_id,
    keyVersion: t.key_version,
    createdAtMs: t.created_at_ms,
    ciphertext: t.ciphertext,
  }));
  for (const t of allTemplates) units.get(t.childId)?.templates.push(t);
  const rosterChildren = [...units.values()].map((u) => u.child);
  const digest = await rosterDigest(await childDigests(rosterChildren, allConsents));
  const payload: Schemas['BundlePayload'] = {
    kind: 'full',
    format: BUNDLE_FORMAT,
    districtId,
    siteId,
    version: row.revision,
    issuedAtMs: nowMs,
    expiresAtMs: expiry(row.settings, nowMs),
    rosterDigest: digest,
    children: rosterChildren,
    removedChildIds: [...removed],
    consents: allConsents,
    settings: row.settings,
    templates: allTemplates,
    templateKeyVersion,
  };
  return {
    key,
    siteId,
    districtId,
    revision: row.revision,
    builtAtMs: nowMs,
    settings: row.settings,
    templateKeyVersion,
    units,
    removed,
    rosterDigest: digest,
    full: await prepareJson(payload),
  };
}
