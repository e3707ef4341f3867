// Signals of padded attendance at a site on one day, for the district to review (kindergartens are paid per child
// present): bursts of bracelet check-ins at one tablet faster than people walk (a drawer of bracelets tapped in a row),
// face check-ins the site's PAD mode refused (the tablets' face-refused audit entries), face check-ins whose
// presentation-attack check was not live, hand marks and corrections per tablet and per member of staff, bracelet taps
// with nobody in front of the camera (sites with presence evidence on), and children present that day who were never
// seen (a live face, or a person at a bracelet tap) over the last days, and how the day's records were made
// (server/services/integrity-records.ts: backdated, pushed late, face check-ins no honest kiosk makes), and the day's
// face enrolments (server/services/integrity-enrolments.ts). Read from the events and audit entries the tablets pushed, in the
// site's time zone; events refused as attendance are left out. No biometric data: times, counts, ids and the PAD
// check's numbers only. A signal is a reason to look, not a finding.
import type { AttendanceEvent } from '../../src/core/attendance-rules';
import type { components } from '../../src/protocol/api-types.generated';
import type { Queryable } from '../db/database';
import { HttpError } from '../errors';
import { isValidDay } from '../ids';
import { visibleLine } from '../../src/core/visible-text';
import { childDayState, neverSeenChildren } from './integrity-never-seen';
import { deviceAuditOfDay } from './device-audit-day';
import { enrolmentsOfDay } from './integrity-enrolments';
import { recordSignals } from './integrity-records';
import { getSite } from './sites';

type Schemas = components['schemas'];
type SiteIntegrity = Schemas['SiteIntegrity'];
type Options = SiteIntegrity['options'];

/** Each option's default and bounds (the contract's, api/openapi.yaml). */
export const INTEGRITY_OPTIONS = {
  burstCount: { fallback: 5, min: 2, max: 100, what: 'check-ins by bracelet that make a burst' },
  burstSeconds: { fallback: 10, min: 1, max: 600, what: 'seconds within which they make a burst' },
  faceDays: { fallback: 10, min: 1, max: 60, what: 'days looked back for a check-in by face' },
} as const;

export type IntegrityOption = keyof typeof INTEGRITY_OPTIONS;

/** The options from a query string (absent: the default); a value that is not a whole number in range is refused. */
export function integrityOptions(query: Partial<Record<IntegrityOption, string>>): Options {
  const value = (name: IntegrityOption): number => {
    const { fallback, min, max, what } = INTEGRITY_OPTIONS[name];
    const raw = query[name];
    if (raw === undefined || raw === '') return fallback;
    const n = /^[0-9]{1,4}$/.test(raw) ? Number(raw) : NaN;
    if (!(n >= min && n <= max))
      throw new HttpError(400, 'bad-integrity-option', `${name} (${what}) must be a whole number from ${min} to ${max}; got ${raw}.`);
    return n;
  };
  return { burstCount: value('burstCount'), burstSeconds: value('burstSeconds'), faceDays: value('faceDays') };
}

const addDays = (day: string, days: number): string =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

interface DayEvent {
  device_id: string;
  body: AttendanceEvent;
}

interface Tap {
  atMs: number;
  childId: string;
}

/**
 * Bursts among one tablet's taps (sorted by time): every run of at least `count` taps within `seconds` seconds, runs
 * that overlap merged into one (a drawer of twenty bracelets is one burst of twenty, not sixteen of five).
 */
export function findBursts(taps: readonly Tap[], count: number, seconds: number): Tap[][] {
  const bursts: Tap[][] = [];
  let current: { from: number; to: number } | null = null;
  let start = 0;
  for (let end = 0; end < taps.length; end++) {
    while (taps[end]!.atMs - taps[start]!.atMs > seconds * 1000) start++;
    if (end - start + 1 < count) continue;
    if (current !== null && start <= current.to) current.to = end;
    else {
      if (current !== null) bursts.push(taps.slice(current.from, current.to + 1));
      current = { from: start, to: end };
    }
  }
  if (current !== null) bursts.push(taps.slice(current.from, current.to + 1));
  return bursts;
}

const text = (value: unknown, max: number): string | null => (typeof value === 'string' ? value.slice(0, max) : null);
/** A name a tablet pushed, as it reads (src/core/visible-text.ts). */
const visibleText = (value: unknown, max: number): string | null => (typeof value === 'string' ? visibleLine(value.slice(0, max)) : null);
const finite = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);
const padResultOf = (value: unknown): 'attack' | 'unsure' | null => (value === 'attack' || value === 'unsure' ? value : null);

/** Of `childIds`, those a face consent covered on some day from `from` to `to` (a later withdrawal ends it from then). */
async function faceConsentedIn(db: Queryable, childIds: readonly string[], from: string, to: string): Promise<Set<string>> {
  if (childIds.length === 0) return new Set();
  const rows = await db.query<{ child_id: string }>(
    `select distinct child_id from consents where scope = 'face' and child_id = any($1::text[])
       and granted_on <= $3 and expires_on >= $2 and (revoked_on is null or (revoked_on >= $2 and revoked_on >= granted_on))`,
    [childIds, from, to],
  );
  return new Set(rows.map((r) => r.child_id));
}

export async function siteIntegrity(
  db: Queryable,
  siteId: string,
  day: string,
  query: Partial<Record<IntegrityOption, string>>,
): Promise<SiteIntegrity> {
  if (!isValidDay(day)) throw new HttpError(400, 'bad-day', 'The day must be YYYY-MM-DD.');
  const options = integrityOptions(query);
  const site = await getSite(db, siteId);

  const devices = new Map(
    (await db.query<{ id: string; name: string }>('select id, name from devices where site_id = $1', [siteId])).map((d) => [d.id, d.name]),
  );
  const deviceName = (id: string): string => devices.get(id) ?? id;
  // The site's children, removed ones included (their days still count); a name only for one still on the roster.
  const children = new Map(
    (
      await db.query<{ id: string; display_name: string; removed_at_ms: number | null }>(
        'select id, display_name, removed_at_ms from children where site_id = $1',
        [siteId],
      )
    ).map((c) => [c.id, c.removed_at_ms === null ? c.display_name : null]),
  );

  const events = await db.query<DayEvent>(
    `select e.device_id, e.body from events e join devices d on d.id = e.device_id
     where d.site_id = $1 and e.day_key = $2 and e.refused is null order by e.at_ms, e.device_id, e.seq`,
    [siteId, day],
  );
  const ofSite = events.filter((e) => children.has(e.body.childId));

  // 1. Bursts of bracelet check-ins at one tablet.
  const tapsByDevice = new Map<string, Tap[]>();
  for (const { device_id, body } of ofSite) {
    if (body.type !== 'mark' || body.method !== 'bracelet' || body.direction !== 'in') continue;
    const taps = tapsByDevice.get(device_id) ?? [];
    taps.push({ atMs: body.atMs, childId: body.childId });
    tapsByDevice.set(device_id, taps);
  }
  const bursts: SiteIntegrity['bursts'] = [];
  for (const [deviceId, taps] of [...tapsByDevice].sort(([a], [b]) => a.localeCompare(b))) {
    for (const burst of findBursts(taps, options.burstCount, options.burstSeconds)) {
      bursts.push({
        deviceId,
        deviceName: deviceName(deviceId),
        startAtMs: burst[0]!.atMs,
        endAtMs: burst[burst.length - 1]!.atMs,
        count: burst.length,
        childIds: [...new Set(burst.map((t) => t.childId))],
      });
    }
  }
  bursts.sort((a, b) => a.startAtMs - b.startAtMs);

  // 2. Face check-ins refused by the site's PAD mode (tablet audit entries of the site's day).
  const audit = await deviceAuditOfDay(db, { siteId, timeZone: site.timeZone }, day, 'face-refused');
  const entries: Schemas['IntegrityRefusedFace'][] = audit.map((a) => {
    const d = a.details ?? {};
    const frames = finite(d.frames);
    return {
      deviceId: a.device_id,
      seq: a.seq,
      atMs: a.at_ms,
      // A tablet's log may name any id: only a child of this site is named here.
      childId: a.child_id !== null && children.has(a.child_id) ? a.child_id : null,
      padResult: padResultOf(d.padResult),
      padReason: text(d.padReason, 40),
      liveness: finite(d.liveness),
      frames: frames !== null && Number.isInteger(frames) && frames >= 0 ? frames : null,
      model: text(d.model, 80),
      rule: text(d.rule, 40),
    };
  });
  const tally = <K extends string>(key: (e: Schemas['IntegrityRefusedFace']) => K | null) => {
    const counts = new Map<K, { count: number; attack: number; unsure: number }>();
    for (const e of entries) {
      const k = key(e);
      if (k === null) continue;
      const c = counts.get(k) ?? { count: 0, attack: 0, unsure: 0 };
      c.count++;
      if (e.padResult !== null) c[e.padResult]++;
      counts.set(k, c);
    }
    return [...counts].sort(([ka, a], [kb, b]) => b.count - a.count || ka.localeCompare(kb));
  };
  const refusedFaces: SiteIntegrity['refusedFaces'] = {
    count: entries.length,
    attack: entries.filter((e) => e.padResult === 'attack').length,
    unsure: entries.filter((e) => e.padResult === 'unsure').length,
    byChild: tally((e) => e.childId).map(([childId, c]) => ({ childId, displayName: children.get(childId) ?? null, ...c })),
    byTablet: tally((e) => e.deviceId).map(([deviceId, c]) => ({ deviceId, deviceName: deviceName(deviceId), ...c })),
    entries,
  };

  // 3. Face check-ins (and check-outs) whose presentation-attack check said other than live.
  const flaggedFaces: SiteIntegrity['flaggedFaces'] = [];
  for (const { device_id, body } of ofSite) {
    if (body.type !== 'mark' || body.method !== 'face' || body.pad === undefined) continue;
    const { pad } = body;
    const result = pad.result;
    if (result === 'live') continue;
    flaggedFaces.push({
      eventId: body.id,
      deviceId: device_id,
      deviceName: deviceName(device_id),
      childId: body.childId,
      atMs: body.atMs,
      direction: body.direction,
      padResult: result,
      padReason: pad.reason,
      liveness: pad.liveness,
      frames: pad.frames,
      model: pad.model,
      rule: pad.rule,
    });
  }

  // 4. Hand marks and corrections per tablet, and per member of staff on duty who made them there (the name typed at
  // the duty sign-in after the shared PIN; a mark that named nobody counts under null).
  type Hands = { staffMarks: number; corrections: number; childIds: Set<string> };
  const hands = new Map<string, Hands>();
  const byMember = new Map<string, Hands & { deviceId: string; dutyId: string | null; name: string | null }>();
  const count = (h: Hands, body: AttendanceEvent) => {
    if (body.type === 'mark') {
      h.staffMarks++;
      h.childIds.add(body.childId);
    } else h.corrections++;
  };
  for (const { device_id, body } of ofSite) {
    if (body.type === 'mark' && body.method !== 'staff') continue;
    const tablet = hands.get(device_id) ?? { staffMarks: 0, corrections: 0, childIds: new Set<string>() };
    count(tablet, body);
    hands.set(device_id, tablet);
    const dutyId = text(body.staffMember?.dutyId, 40);
    const key = `${device_id}|${dutyId ?? ''}`;
    const member = byMember.get(key) ?? {
      deviceId: device_id,
      dutyId,
      name: dutyId === null ? null : visibleText(body.staffMember?.name, 60),
      staffMarks: 0,
      corrections: 0,
      childIds: new Set<string>(),
    };
    count(member, body);
    byMember.set(key, member);
  }
  const handMarks: SiteIntegrity['handMarks'] = {
    tablets: [...hands]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([deviceId, h]) => ({
        deviceId,
        deviceName: deviceName(deviceId),
        staffMarks: h.staffMarks,
        corrections: h.corrections,
        childIds: [...h.childIds],
      })),
    staff: [...byMember.values()]
      .sort((a, b) => a.deviceId.localeCompare(b.deviceId) || (a.name ?? '\uffff').localeCompare(b.name ?? '\uffff'))
      .map((m) => ({
        deviceId: m.deviceId,
        deviceName: deviceName(m.deviceId),
        dutyId: m.dutyId,
        name: m.name,
        staffMarks: m.staffMarks,
        corrections: m.corrections,
        childIds: [...m.childIds],
      })),
  };

  // 5. Bracelet marks with presence evidence, and those with nobody in front of the camera.
  const unseen = new Map<string, { checked: number; nobody: number }>();
  const unseenEntries: SiteIntegrity['unseenTaps']['entries'] = [];
  for (const { device_id, body } of ofSite) {
    if (body.type !== 'mark' || body.method !== 'bracelet' || (body.presence !== 'person' && body.presence !== 'nobody')) continue;
    const u = unseen.get(device_id) ?? { checked: 0, nobody: 0 };
    u.checked++;
    if (body.presence === 'nobody') {
      u.nobody++;
      unseenEntries.push({
        eventId: body.id,
        deviceId: device_id,
        deviceName: deviceName(device_id),
        childId: body.childId,
        atMs: body.atMs,
        direction: body.direction,
      });
    }
    unseen.set(device_id, u);
  }
  const byTablet = [...unseen]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([deviceId, u]) => ({ deviceId, deviceName: deviceName(deviceId), ...u }));
  const unseenTaps: SiteIntegrity['unseenTaps'] = {
    checked: byTablet.reduce((n, t) => n + t.checked, 0),
    nobody: unseenEntries.length,
    byTablet,
    entries: unseenEntries,
  };

  // 6. Children checked in that day (corrections applied) never seen over the last faceDays days: no face check-in and
  // no bracelet tap with a person in front of the camera.
  const from = addDays(day, -(options.faceDays - 1));
  const todayByChild = new Map<string, AttendanceEvent[]>();
  for (const { body } of ofSite) todayByChild.set(body.childId, [...(todayByChild.get(body.childId) ?? []), body]);
  const presentToday = [...todayByChild].filter(([, events]) => childDayState(events) !== 'absent').map(([id]) => id);
  const never = await neverSeenChildren(db, siteId, from, day, presentToday, await faceConsentedIn(db, presentToday, from, day));
  const enrolled = new Set(
    never.length === 0
      ? []
      : (
          await db.query<{ child_id: string }>('select distinct child_id from templates where child_id = any($1::text[])', [
            never.map((c) => c.childId),
          ])
        ).map((r) => r.child_id),
  );
  const neverByFace: SiteIntegrity['neverByFace'] = {
    from,
    to: day,
    children: never.map((c) => ({
      childId: c.childId,
      displayName: children.get(c.childId) ?? null,
      daysPresent: c.daysPresent,
      faceEnrolled: enrolled.has(c.childId),
    })),
  };
  neverByFace.children.sort((a, b) => b.daysPresent - a.daysPresent || a.childId.localeCompare(b.childId));

  // 7. How the records were made: backdated, pushed late, face check-ins no honest kiosk makes.
  const records = await recordSignals(db, siteId, day, new Set(children.keys()), deviceName);

  // 8. Face enrolments of the day: who enrolled which child at which tablet, and whether it replaced a face.
  const enrolments = await enrolmentsOfDay(db, { siteId, timeZone: site.timeZone }, day, new Set(children.keys()), deviceName);

  return {
    siteId,
    day,
    timeZone: site.timeZone,
    options,
    bursts,
    refusedFaces,
    flaggedFaces,
    handMarks,
    neverByFace,
    unseenTaps,
    ...records,
    enrolments,
  };
}
