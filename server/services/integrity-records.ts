// Integrity signals in how a day's records were made, beside the attendance patterns of server/services/integrity.ts:
// events recorded with the tablet's clock set back (behind the latest time that tablet had already recorded: how an
// earlier day is filled in; ingest measures it, server/services/ingest.ts), events that reached the district long after
// their time (a tablet offline, or a day filled in later), and face check-ins no honest kiosk makes: without a
// presentation-attack result (every kiosk since the check exists adds one), or for a child with no face consent in
// force that day (a tablet offline when consent ended may still match for up to its offline days: a reason to look).
import { consentCoveredDay } from '../../src/core/consent';
import type { components } from '../../src/protocol/api-types.generated';
import type { Queryable } from '../db/database';

type Schemas = components['schemas'];
type SiteIntegrity = Schemas['SiteIntegrity'];

/** An event of the day reaching the district later than this after its time counts as pushed late. */
export const LATE_PUSH_MS = 24 * 3_600_000;

interface RecordRow {
  id: string;
  device_id: string;
  child_id: string;
  at_ms: number;
  received_at_ms: number;
  backdated_ms: number | null;
  type: 'mark' | 'correction';
  method: 'face' | 'bracelet' | 'staff' | null;
  direction: 'in' | 'out' | null;
  pad_result: string | null;
}

export async function recordSignals(
  db: Queryable,
  siteId: string,
  day: string,
  childIds: ReadonlySet<string>,
  deviceName: (id: string) => string,
): Promise<Pick<SiteIntegrity, 'backdated' | 'latePushes' | 'unexplainedFaces'>> {
  const rows = (
    await db.query<RecordRow>(
      `select e.id::text as id, e.device_id, e.child_id, e.at_ms, e.received_at_ms, e.backdated_ms, e.type,
              e.body->>'method' as method, e.body->>'direction' as direction, e.body->'pad'->>'result' as pad_result
       from events e join devices d on d.id = e.device_id
       where d.site_id = $1 and e.day_key = $2 and e.refused is null order by e.at_ms, e.device_id, e.seq`,
      [siteId, day],
    )
  )
    .filter((r) => childIds.has(r.child_id))
    .map((r) => ({ ...r, at_ms: Number(r.at_ms), received_at_ms: Number(r.received_at_ms) }));

  const backdated: SiteIntegrity['backdated'] = rows
    .filter((r) => r.backdated_ms !== null)
    .map((r) => ({
      eventId: r.id,
      deviceId: r.device_id,
      deviceName: deviceName(r.device_id),
      childId: r.child_id,
      atMs: r.at_ms,
      kind: r.type === 'correction' ? 'correction' : (r.method ?? 'staff'),
      direction: r.direction,
      behindMs: Number(r.backdated_ms),
    }));

  const late = new Map<string, { events: number; maxDelayMs: number }>();
  for (const r of rows) {
    const delay = r.received_at_ms - r.at_ms;
    if (delay <= LATE_PUSH_MS) continue;
    const l = late.get(r.device_id) ?? { events: 0, maxDelayMs: 0 };
    l.events++;
    l.maxDelayMs = Math.max(l.maxDelayMs, delay);
    late.set(r.device_id, l);
  }
  const latePushes: SiteIntegrity['latePushes'] = [...late]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([deviceId, l]) => ({ deviceId, deviceName: deviceName(deviceId), ...l }));

  const faces = rows.filter((r) => r.type === 'mark' && r.method === 'face');
  const consents = await db.query<{ child_id: string; granted_on: string; expires_on: string; revoked_on: string | null }>(
    `select child_id, granted_on, expires_on, revoked_on from consents where scope = 'face' and child_id = any($1::text[])`,
    [[...new Set(faces.map((r) => r.child_id))]],
  );
  const consented = new Set(
    consents
      .filter((k) => consentCoveredDay({ grantedOn: k.granted_on, expiresOn: k.expires_on, revokedOn: k.revoked_on }, day))
      .map((k) => k.child_id),
  );
  const unexplainedFaces: SiteIntegrity['unexplainedFaces'] = [];
  for (const r of faces) {
    const reason = !consented.has(r.child_id) ? 'no-consent' : r.pad_result === null ? 'no-pad' : null;
    if (reason === null) continue;
    unexplainedFaces.push({
      eventId: r.id,
      deviceId: r.device_id,
      deviceName: deviceName(r.device_id),
      childId: r.child_id,
      atMs: r.at_ms,
      direction: r.direction === 'out' ? 'out' : 'in',
      reason,
    });
  }
  return { backdated, latePushes, unexplainedFaces };
}
