// The site's bundle for its tablets (GET /v1/bundle): `unchanged` when the tablet holds the current version, a `delta`
// with only the children that changed since its version (child_changes, kept by database triggers) when that is small,
// else the `full` bundle. All of it is read in one snapshot. A site version's roster digest and full bundle are built
// from rows once per process and kept ready to send (bytes, their digest and, on first need, their gzip) for every
// tablet of the site that asks; the templates are written straight into the body's bytes, never through one large
// JSON string. The contract check of these answers lives in the tests, not on this path. Every answer is then signed
// for its request (server/device/answer-signing.ts).
import { createHash } from 'node:crypto';
import { gzip } from 'node:zlib';
import { promisify } from 'node:util';
import { isConsentActive } from '../../src/core/consent';
import { BUNDLE_FORMAT, type BundleChild, type BundleConsent, type BundleTemplate } from '../../src/core/bundle-shape';
import { childDigests, rosterDigest } from '../../src/protocol/bundle-digest';
import type { components } from '../../src/protocol/api-types.generated';
import type { Database, Queryable } from '../db/database';
import type { DeviceIdentity } from '../device/auth';
import { HttpError } from '../errors';
import { dayKeyIn } from '../ids';
import { loadDistrict, siteTemplateKeyVersion } from './district';
import { readPickups } from './pickups';
import { withDefaults, type SiteSettings } from './sites';
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

export function prepareJson(value: unknown): PreparedBody {
  return prepare(Buffer.from(JSON.stringify(value)));
}

function prepare(bytes: Uint8Array): PreparedBody {
  let zipped: Promise<Uint8Array> | null = null;
  return {
    bytes,
    digest: `sha-256=:${createHash('sha256').update(bytes).digest('base64')}:`,
    // The JSON around the templates shrinks to a fraction, their base64 to about 3/4.
    gzip: () => (zipped ??= gzipAsync(bytes, { level: 6 }).then((b) => new Uint8Array(b.buffer, b.byteOffset, b.byteLength))),
  };
}

interface SiteRow {
  revision: number;
  settings: SiteSettings;
  time_zone: string;
  delta_floor: number;
  settings_rev: number;
}

interface TemplateRow {
  id: string;
  child_id: string;
  key_version: number;
  created_at_ms: number;
  ciphertext: string;
}

/** The children of a site (or some of them) with their bracelets, twin flags and consents, as the bundle carries them. */
interface Roster {
  children: BundleChild[];
  consents: BundleConsent[];
  removed: string[];
  /** Authorised pickups and do-not-release entries of these children (those with any); outside the roster digest. */
  pickups: Schemas['BundlePickups'][];
  /** Absences of these children from the site's today on; outside the roster digest. */
  absences: Schemas['BundleAbsence'][];
}

/** One version of one site's roster, as of one day, and (once a tablet needed it) its full bundle. */
interface SiteVersion {
  revision: number;
  day: string;
  keyVersion: number;
  biometricsEnabled: boolean;
  builtAtMs: number;
  rosterDigest: string;
  /** Children on the roster. */
  children: number;
  /** The roster the digest came from, kept until the full bundle is built from it (then released). */
  roster: Roster | null;
  full: Promise<PreparedBody> | null;
  bytes: number;
  /** Each child's templates as they sit in the full bundle's bytes (views into them): the next version reuses them. */
  fragments: Map<string, Buffer> | null;
  /** The version this process held before, while this one's full bundle is not built: its templates are reused. */
  previous: SiteVersion | null;
}

/** How long a built version is served before it is built again (a full bundle's issuedAtMs and expiry come from it). */
export const BUILD_MAX_AGE_MS = 3_600_000;
/** Full bundles a process keeps, by their bytes (least recently used go first). */
const CACHE_BYTES = 256 * 1024 * 1024;
/** A delta naming more children than this share of the roster (and more than DELTA_MIN_CHILDREN) is sent as the full bundle. */
const DELTA_MAX_SHARE = 0.2;
const DELTA_MIN_CHILDREN = 50;

const caches = new WeakMap<Database, Map<string, Promise<SiteVersion>>>();
const districtIds = new WeakMap<Database, Promise<string>>();

function districtIdOf(db: Database): Promise<string> {
  let id = districtIds.get(db);
  if (id === undefined) {
    id = loadDistrict(db).then((d) => d.id);
    id.catch(() => districtIds.delete(db));
    districtIds.set(db, id);
  }
  return id;
}

async function siteRow(db: Queryable, siteId: string): Promise<SiteRow> {
  const [row] = await db.query<SiteRow>('select revision, settings, time_zone, delta_floor, settings_rev from sites where id = $1', [
    siteId,
  ]);
  if (!row) throw new HttpError(404, 'site-not-found', `No site ${siteId}.`);
  // A row stored before a setting existed (padMode) gets its default; the tablet always receives every setting.
  return { ...row, settings: withDefaults(row.settings) };
}

const expiry = (settings: SiteSettings, fromMs: number) => fromMs + settings.maxOfflineFaceDays * DAY_MS;

function unchanged(districtId: string, siteId: string, row: SiteRow, nowMs: number): PreparedBody {
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
    // One snapshot: the version, the child stamps and every row read agree with each other.
    await tx.query('set transaction isolation level repeatable read');
    const now = await siteRow(tx, device.siteId);
    if (since === now.revision) return unchanged(districtId, device.siteId, now, nowMs);
    const keyVersion = await siteTemplateKeyVersion(tx, device.siteId, nowMs);
    const day = dayKeyIn(nowMs, now.time_zone);
    const context = { tx, districtId, siteId: device.siteId, row: now, day, keyVersion, nowMs };
    const version = await siteVersion(db, context);
    if (since !== null && since > 0 && since < now.revision && since >= now.delta_floor && since >= now.settings_rev) {
      const changed = (
        await tx.query<{ child_id: string }>('select child_id from child_changes where site_id = $1 and rev > $2', [device.siteId, since])
      ).map((r) => r.child_id);
      if (changed.length <= Math.max(DELTA_MIN_CHILDREN, version.children * DELTA_MAX_SHARE)) {
        return prepareJson(await delta(context, version, since, changed));
      }
    }
    if (version.full === null) {
      const building = fullBody(context, version);
      version.full = building;
      building.catch(() => {
        if (version.full === building) version.full = null;
      });
    }
    return version.full;
  });
}

interface BuildContext {
  tx: Queryable;
  districtId: string;
  siteId: string;
  row: SiteRow;
  day: string;
  keyVersion: number;
  nowMs: number;
}

async function delta(
  c: BuildContext,
  version: SiteVersion,
  fromVersion: number,
  changed: readonly string[],
): Promise<Schemas['BundleDelta']> {
  const roster = await readRoster(c.tx, c.siteId, changed);
  const templates = await readTemplates(c, roster);
  return {
    kind: 'delta',
    format: BUNDLE_FORMAT,
    districtId: c.districtId,
    siteId: c.siteId,
    fromVersion,
    version: c.row.revision,
    issuedAtMs: c.nowMs,
    expiresAtMs: expiry(c.row.settings, c.nowMs),
    children: roster.children,
    removedChildIds: roster.removed,
    consents: roster.consents,
    settings: c.row.settings,
    timeZone: c.row.time_zone,
    templates: templates.map(toTemplate),
    templateKeyVersion: c.keyVersion,
    rosterDigest: version.rosterDigest,
    pickups: roster.pickups,
    absences: roster.absences,
  };
}

/** The site version from this process's cache, or its roster digest computed now inside the caller's snapshot. */
async function siteVersion(db: Database, c: BuildContext): Promise<SiteVersion> {
  const key = `${c.siteId}|${c.row.revision}|${c.day}|${c.keyVersion}`;
  let cache = caches.get(db);
  if (cache === undefined) caches.set(db, (cache = new Map()));
  const held = cache.get(key);
  if (held !== undefined) {
    const version = await held;
    if (c.nowMs - version.builtAtMs <= BUILD_MAX_AGE_MS) {
      // Most recently used last.
      cache.delete(key);
      cache.set(key, held);
      return version;
    }
  }
  // The site's version held before: a new version reads only the templates of the children that changed since.
  let previous: SiteVersion | null = null;
  for (const old of [...cache.keys()].filter((k) => k.startsWith(`${c.siteId}|`))) {
    previous = (await cache.get(old)!.catch(() => null)) ?? previous;
    cache.delete(old);
  }
  const building = newVersion(c, previous);
  cache.set(key, building);
  building.catch(() => cache.delete(key));
  void trim(cache);
  return building;
}

/** Drops the least recently used versions while the full bundles held exceed CACHE_BYTES. */
async function trim(cache: Map<string, Promise<SiteVersion>>): Promise<void> {
  const versions = await Promise.all([...cache.entries()].map(async ([k, v]) => [k, await v.catch(() => null)] as const));
  let total = versions.reduce((sum, [, v]) => sum + (v?.bytes ?? 0), 0);
  for (const [k, v] of versions) {
    if (total <= CACHE_BYTES) break;
    total -= v?.bytes ?? 0;
    cache.delete(k);
  }
}

async function newVersion(c: BuildContext, previous: SiteVersion | null = null): Promise<SiteVersion> {
  const roster = await readRoster(c.tx, c.siteId);
  return {
    revision: c.row.revision,
    day: c.day,
    keyVersion: c.keyVersion,
    biometricsEnabled: c.row.settings.biometricsEnabled,
    builtAtMs: c.nowMs,
    rosterDigest: await rosterDigest(await childDigests(roster.children, roster.consents)),
    children: roster.children.length,
    roster,
    full: null,
    bytes: 0,
    fragments: null,
    // (A version only deltas were served from has no full bundle: the one before it may.)
    previous: previous?.fragments ? previous : (previous?.previous ?? null),
  };
}

/** The site's full bundle built from rows now, this process's cache bypassed: what a new version costs (bench:district). */
export async function buildFullBundle(db: Database, siteId: string, nowMs: number): Promise<PreparedBody> {
  const districtId = await districtIdOf(db);
  return db.transaction(async (tx) => {
    await tx.query('set transaction isolation level repeatable read');
    const row = await siteRow(tx, siteId);
    const keyVersion = await siteTemplateKeyVersion(tx, siteId, nowMs);
    const c: BuildContext = { tx, districtId, siteId, row, day: dayKeyIn(nowMs, row.time_zone), keyVersion, nowMs };
    return fullBody(c, await newVersion(c));
  });
}

/** The site's children (all, or `only` these ids) with bracelets, twin flags, consents and pickups; removed ones by id. */
async function readRoster(tx: Queryable, siteId: string, only?: readonly string[]): Promise<Roster> {
  const children = await tx.query<{ id: string; display_name: string; group_name: string; removed_at_ms: number | null }>(
    `select c.id, c.display_name, c.group_name, c.removed_at_ms from children c
     where c.site_id = $1 ${only !== undefined ? 'and c.id = any($2::text[])' : ''} order by c.id`,
    only !== undefined ? [siteId, only] : [siteId],
  );
  // By the ids read above: each lookup is an index probe, whatever the district's size and the planner's statistics.
  const ids = children.filter((c) => c.removed_at_ms === null).map((c) => c.id);
  const bracelets = await tx.query<{ uid: string; child_id: string }>(
    'select uid, child_id from bracelets where child_id = any($1::text[]) order by uid',
    [ids],
  );
  const consents = await tx.query<{
    id: string;
    child_id: string;
    guardian_name: string;
    granted_on: string;
    expires_on: string;
    revoked_on: string | null;
  }>('select id, child_id, guardian_name, granted_on, expires_on, revoked_on from consents where child_id = any($1::text[]) order by id', [
    ids,
  ]);
  const twins = await twinsOfSite(tx, siteId);
  const pickups = await readPickups(tx, ids);
  const absences = await tx.query<{ child_id: string; day: string; reason: Schemas['BundleAbsence']['reason']; note: string }>(
    `select child_id, day, reason, note from absences where child_id = any($1::text[])
       and day >= to_char((now() at time zone (select time_zone from sites where id = $2))::date, 'YYYY-MM-DD') order by child_id, day`,
    [ids, siteId],
  );
  const byId = new Map<string, BundleChild>();
  const removed: string[] = [];
  for (const c of children) {
    if (c.removed_at_ms !== null) removed.push(c.id);
    else
      byId.set(c.id, {
        childId: c.id,
        displayName: c.display_name,
        group: c.group_name,
        bracelets: [],
        ...(twins.has(c.id) ? { twin: true } : {}),
      });
  }
  for (const b of bracelets) byId.get(b.child_id)?.bracelets.push(b.uid);
  return {
    children: [...byId.values()],
    removed,
    pickups,
    absences: absences.map((a) => ({ childId: a.child_id, day: a.day, reason: a.reason, ...(a.note !== '' ? { note: a.note } : {}) })),
    consents: consents.map((k) => ({
      consentId: k.id,
      childId: k.child_id,
      guardianName: k.guardian_name,
      scope: 'face',
      grantedOn: k.granted_on,
      expiresOn: k.expires_on,
      revokedOn: k.revoked_on,
    })),
  };
}

/** Templates that may travel today, of the roster's children (or `only` these): an active face consent, the current key version. */
async function readTemplates(c: BuildContext, roster: Roster, only?: readonly string[]): Promise<TemplateRow[]> {
  const consented = consentedChildren(c, roster, only);
  if (consented.length === 0) return [];
  return c.tx.query<TemplateRow>(
    `select id, child_id, key_version, created_at_ms, ciphertext from templates
     where child_id = any($1::text[]) and key_version = $2 order by id`,
    [consented, c.keyVersion],
  );
}

const toTemplate = (t: TemplateRow): BundleTemplate => ({
  templateId: t.id,
  childId: t.child_id,
  keyVersion: t.key_version,
  createdAtMs: t.created_at_ms,
  ciphertext: t.ciphertext,
});

/** The children whose templates may travel today (an active face consent), of the roster or `only` these. */
function consentedChildren(c: BuildContext, roster: Roster, only?: readonly string[]): string[] {
  if (!c.row.settings.biometricsEnabled) return [];
  const among = only === undefined ? null : new Set(only);
  return [...new Set(roster.consents.filter((k) => isConsentActive(k, c.day)).map((k) => k.childId))].filter(
    (id) => among === null || among.has(id),
  );
}

/**
 * Each child's templates as the full bundle's JSON (comma-separated objects, by template id), written by the database
 * as one text per child: thousands of rows of 1.4 KB each cost the driver more than the same bytes in 2,000 texts.
 * to_json quotes every string, so what arrives is JSON whatever a row holds.
 */
async function templateFragments(c: BuildContext, children: readonly string[]): Promise<Map<string, Buffer>> {
  const fragments = new Map<string, Buffer>();
  if (children.length === 0) return fragments;
  const rows = await c.tx.query<{ child_id: string; fragment: string }>(
    `select child_id, string_agg(
       '{"templateId":' || to_json(id)::text || ',"childId":' || to_json(child_id)::text || ',"keyVersion":' || key_version ||
       ',"createdAtMs":' || created_at_ms || ',"ciphertext":' || to_json(ciphertext)::text || '}', ',' order by id) as fragment
     from templates where child_id = any($1::text[]) and key_version = $2 group by child_id`,
    [children, c.keyVersion],
  );
  for (const r of rows) fragments.set(r.child_id, Buffer.from(r.fragment, 'utf8'));
  return fragments;
}

/** Templates that may travel now, per child: the previous version's for children unchanged since, else read. */
async function currentFragments(c: BuildContext, roster: Roster, previous: SiteVersion | null): Promise<Map<string, Buffer>> {
  const reusable =
    previous?.fragments &&
    previous.day === c.day &&
    previous.keyVersion === c.keyVersion &&
    previous.biometricsEnabled === c.row.settings.biometricsEnabled &&
    previous.revision <= c.row.revision;
  if (!reusable) return templateFragments(c, consentedChildren(c, roster));
  const changed = (
    await c.tx.query<{ child_id: string }>('select child_id from child_changes where site_id = $1 and rev > $2', [
      c.siteId,
      previous.revision,
    ])
  ).map((r) => r.child_id);
  const fragments = new Map(previous.fragments);
  for (const id of changed) fragments.delete(id);
  for (const [id, f] of await templateFragments(c, consentedChildren(c, roster, changed))) fragments.set(id, f);
  return fragments;
}

/** The full bundle's bytes: the roster as JSON, then each child's templates copied in. */
async function fullBody(c: BuildContext, version: SiteVersion): Promise<PreparedBody> {
  const roster = version.roster ?? (await readRoster(c.tx, c.siteId));
  version.roster = null;
  const fragments = await currentFragments(c, roster, version.previous);
  version.previous = null;
  const head: Omit<Schemas['BundlePayload'], 'templates'> = {
    kind: 'full',
    format: BUNDLE_FORMAT,
    districtId: c.districtId,
    siteId: c.siteId,
    version: c.row.revision,
    issuedAtMs: version.builtAtMs,
    expiresAtMs: expiry(c.row.settings, version.builtAtMs),
    rosterDigest: version.rosterDigest,
    children: roster.children,
    removedChildIds: roster.removed,
    consents: roster.consents,
    settings: c.row.settings,
    timeZone: c.row.time_zone,
    templateKeyVersion: c.keyVersion,
    pickups: roster.pickups,
    absences: roster.absences,
  };
  const open = Buffer.from(`${JSON.stringify(head).slice(0, -1)},"templates":[`);
  const ids = [...fragments.keys()].sort();
  let length = open.length + 2 + Math.max(0, ids.length - 1);
  for (const id of ids) length += fragments.get(id)!.length;
  const body = Buffer.allocUnsafe(length);
  let at = open.copy(body, 0);
  const placed = new Map<string, Buffer>();
  ids.forEach((id, i) => {
    if (i > 0) at += body.write(',', at, 'latin1');
    const f = fragments.get(id)!;
    placed.set(id, body.subarray(at, at + f.length));
    at += f.copy(body, at);
  });
  at += body.write(']}', at, 'latin1');
  if (at !== length) throw new Error(`the bundle body is ${at} bytes, ${length} were reserved`);
  version.bytes = length;
  version.fragments = placed;
  return prepare(body);
}
