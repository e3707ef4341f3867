// Sites and their settings: the biometrics switch (only with a data-protection assessment reference), matching
// thresholds, the nightly sync window. Every change that tablets must see bumps the site's revision (bundle version).
import type { components } from '../../src/protocol/api-types.generated';
import type { Database, Queryable } from '../db/database';
import { HttpError } from '../errors';
import { newId } from '../ids';
import { loadDistrict } from './district';

export type SiteSettings = components['schemas']['SiteSettings'];
export type Site = components['schemas']['Site'];
type SiteSettingsPatch = components['schemas']['SiteSettingsPatch'];

export const defaultSiteSettings: Required<SiteSettings> = {
  biometricsEnabled: false,
  assessmentRef: null,
  matchThreshold: 0.42, // the kiosk's default (src/config.ts says why)
  matchMargin: 0.06,
  nightlyWindow: { start: '01:00', end: '04:00' },
  maxOfflineFaceDays: 3,
  // Records the PAD result, refuses nobody: until a site's own PAD test shows the model suits it.
  padMode: 'evidence',
  // Presence evidence opens the camera at bracelet taps: off until the district switches it on for a site.
  presenceEvidence: false,
  // No group needs an authorised pickup adult to check out, and no closing time, until the admin sets them.
  pickupGroups: [],
  closingTime: null,
  // Every group at the site's threshold and margin until the district sets a group's own.
  groupOperatingPoints: [],
};

/**
 * A site's settings as tablets and the admin get them: a setting added after the row was stored (padMode, presenceEvidence,
 * pickupGroups, closingTime) has its default. Reading fills it in without writing it, so an old row's version does not change by an
 * upgrade.
 */
export function withDefaults(settings: SiteSettings): Required<SiteSettings> {
  return { ...defaultSiteSettings, ...settings };
}

interface SiteRow {
  id: string;
  name: string;
  time_zone: string;
  revision: number;
  settings: SiteSettings;
}

export function toSite(row: SiteRow): Site {
  return { siteId: row.id, name: row.name, timeZone: row.time_zone, revision: row.revision, settings: withDefaults(row.settings) };
}

export async function getSite(db: Queryable, siteId: string): Promise<Site> {
  const rows = await db.query<SiteRow>('select id, name, time_zone, revision, settings from sites where id = $1', [siteId]);
  if (!rows[0]) throw new HttpError(404, 'site-not-found', `No site ${siteId}.`);
  return toSite(rows[0]);
}

export async function listSites(db: Queryable): Promise<Site[]> {
  const rows = await db.query<SiteRow>('select id, name, time_zone, revision, settings from sites order by created_at_ms, id');
  return rows.map(toSite);
}

export async function createSite(db: Database, input: { name: string; timeZone?: string; siteId?: string }, nowMs: number): Promise<Site> {
  const timeZone = input.timeZone ?? 'Asia/Almaty';
  try {
    new Intl.DateTimeFormat('en', { timeZone });
  } catch {
    throw new HttpError(400, 'bad-time-zone', `Unknown time zone ${timeZone}.`);
  }
  const district = await loadDistrict(db);
  const rows = await db.query<SiteRow>(
    `insert into sites (id, district_id, name, time_zone, revision, settings, created_at_ms) values ($1, $2, $3, $4, 1, $5, $6)
     returning id, name, time_zone, revision, settings`,
    [input.siteId ?? newId('site'), district.id, input.name, timeZone, JSON.stringify(defaultSiteSettings), nowMs],
  );
  return toSite(rows[0]!);
}

/** Inside a transaction that changed what the site's tablets must receive. */
export async function bumpRevision(tx: Queryable, siteId: string): Promise<void> {
  await tx.query('update sites set revision = revision + 1 where id = $1', [siteId]);
}

/**
 * The settings a funding body relies on the district for: how strictly a face is matched, what a photo held to the
 * camera leads to, whether presence is checked at bracelet taps, how long a tablet may match offline, and switching face
 * recognition on (with its impact assessment). The kindergarten is the party paid per child present, so its director
 * does not set them; switching face recognition off (nothing is matched any more) stays theirs.
 */
export const DISTRICT_SETTINGS = [
  'matchThreshold',
  'matchMargin',
  'padMode',
  'presenceEvidence',
  'maxOfflineFaceDays',
  'biometricsEnabled',
  'assessmentRef',
  'groupOperatingPoints',
] as const satisfies readonly (keyof SiteSettings)[];

/** The district's settings that `patch` would change on `current` (switching face recognition off is not one). */
export function districtSettingsChanged(current: SiteSettings, patch: SiteSettingsPatch): string[] {
  const switchingOff = patch.biometricsEnabled === false;
  return DISTRICT_SETTINGS.filter((key) => {
    if (!(key in patch)) return false;
    if (switchingOff && (key === 'biometricsEnabled' || key === 'assessmentRef')) return false;
    return JSON.stringify(patch[key]) !== JSON.stringify(current[key]);
  });
}

/**
 * `guard` sees which of the district's settings the patch changes (none when it changes only the site's own, or repeats
 * the current values) and throws to refuse; nothing is written then.
 */
export async function updateSettings(
  db: Database,
  siteId: string,
  patch: SiteSettingsPatch,
  actor: string,
  nowMs: number,
  guard: (districtSettings: string[]) => void = () => undefined,
): Promise<Site> {
  return db.transaction(async (tx) => {
    const rows = await tx.query<SiteRow>('select id, name, time_zone, revision, settings from sites where id = $1 for update', [siteId]);
    if (!rows[0]) throw new HttpError(404, 'site-not-found', `No site ${siteId}.`);
    const current = withDefaults(rows[0].settings);
    const groups = (patch.groupOperatingPoints ?? []).map((p) => p.group.trim());
    const repeated = groups.find((g, i) => groups.indexOf(g) !== i);
    if (repeated !== undefined)
      throw new HttpError(400, 'group-point-repeated', `The group "${repeated}" has two operating points: keep one line per group.`);
    const changed = districtSettingsChanged(current, patch);
    if (changed.length > 0) guard(changed);
    const next: SiteSettings = { ...current, ...patch };
    if (next.biometricsEnabled && (next.assessmentRef === null || next.assessmentRef.trim().length < 3)) {
      throw new HttpError(
        400,
        'assessment-required',
        'Face recognition can only be switched on with the reference of the data-protection impact assessment (assessmentRef).',
      );
    }
    await tx.query('update sites set settings = $2, revision = revision + 1 where id = $1', [siteId, JSON.stringify(next)]);
    await tx.query('insert into audit_log (at_ms, actor, action, details) values ($1, $2, $3, $4)', [
      nowMs,
      actor,
      'site.settings',
      JSON.stringify({ siteId, patch }),
    ]);
    return getSite(tx, siteId);
  });
}
