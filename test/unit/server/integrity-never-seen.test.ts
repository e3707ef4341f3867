// The integrity signal "checked in but never seen", counted along the indexes (server/services/integrity-never-seen.ts),
// against the plain reading of the rule: every event of every day replayed with the register's rules. Seeded random
// days of face (live, a photo, unsure, no check; children with and without a face consent), bracelet (with and without a
// person seen) and staff marks, with staff corrections (removals, flipped
// directions, corrections undone), on the real database (PGlite, or PostgreSQL with DATABASE_URL).
import { beforeAll, describe, expect, it } from 'vitest';
import type { AttendanceEvent, CorrectionEvent, MarkEvent } from '../../../src/core/attendance-rules';
import type { ChildId, DeviceId } from '../../../src/core/types';
import { childDayState, neverSeenChildren } from '../../../server/services/integrity-never-seen';
import { createSite, useTestDistrict } from './district-fixture';
import { padEvidence } from './face-mark-fixture';

const d = useTestDistrict();
const DAYS = ['2026-11-23', '2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27', '2026-11-30', '2026-12-01', '2026-12-02'];
const TODAY = DAYS[DAYS.length - 1]!;
const CHILDREN = [...Array.from({ length: 80 }, (_, i) => `nv-child-${i}`), 'nv-aru', 'nv-dana'];
let siteId: string;
let otherSiteId: string;
const all: AttendanceEvent[] = [];
/** Children a face consent covered over the window: for the others (every fifth) a face check-in sees nobody. */
const FACE_CONSENTED: ReadonlySet<string> = new Set(CHILDREN.filter((_, i) => i % 5 !== 0 || i >= 80));

let seq = 0;
let n = 0;
const id = () => `00000000-0000-7000-8000-${(++n).toString(16).padStart(12, '0')}`;

/** A staff correction of `target` a second after it: removal (null) or the direction it should have had. */
function correctionOf(target: AttendanceEvent, direction: CorrectionEvent['direction']): CorrectionEvent {
  const { deviceId, childId, dayKey } = target;
  return {
    id: id(),
    deviceId,
    seq: ++seq,
    prevHash: 'p',
    childId,
    dayKey,
    atMs: target.atMs + 1_000,
    type: 'correction',
    corrects: target.id,
    direction,
  };
}

/** A small seeded generator (mulberry32), so a failure can be replayed. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

async function insertDevice(id: string, site: string): Promise<void> {
  await d.db.query(
    `insert into devices (id, site_id, name, public_jwk, paired_at_ms, head_hash, head_epoch) values ($1, $2, $1, '{}', 0, 'x', 'e')`,
    [id, site],
  );
}

async function insertEvents(events: readonly AttendanceEvent[], refused: string | null = null): Promise<void> {
  for (const e of events) {
    await d.db.query(
      `insert into events (id, device_id, seq, hash, prev_hash, type, child_id, day_key, at_ms, body, received_at_ms, epoch, refused)
       values ($1, $2, $3, 'h', 'p', $4, $5, $6, $7, $8, $7, 'e', $9)`,
      [e.id, e.deviceId, e.seq, e.type, e.childId, e.dayKey, e.atMs, JSON.stringify(e), refused],
    );
  }
}

beforeAll(async () => {
  siteId = await createSite(d, 'Never seen');
  otherSiteId = await createSite(d, 'Elsewhere');
  await insertDevice('nv-gate-1', siteId);
  await insertDevice('nv-gate-2', siteId);
  await insertDevice('nv-other', otherSiteId);
  for (const id of CHILDREN)
    await d.db.query(`insert into children (id, site_id, display_name, created_at_ms) values ($1, $2, $1, 0)`, [id, siteId]);
  const rand = random(20261206);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  for (const day of DAYS) {
    for (const [c, childId] of CHILDREN.slice(0, 80).entries()) {
      // Children differ in how they come: some always by face, some by bracelet at a site with presence evidence, some
      // by hand; every child skips some days.
      if (rand() < 0.25) continue;
      const marks: MarkEvent[] = [];
      const count = 1 + Math.floor(rand() * 3);
      for (let k = 0; k < count; k++) {
        const out = k % 2 === 1;
        const method = [
          () => 'face' as const,
          () => 'bracelet' as const,
          // Never seen coming in; a check-out by face that a correction turns into a check-in makes them seen.
          () => (out && rand() < 0.5 ? 'face' : pick(['staff', 'bracelet'] as const)),
          () => pick(['bracelet', 'staff', 'face'] as const),
        ][c % 4]!();
        const presence =
          method !== 'bracelet'
            ? undefined
            : c % 4 === 1
              ? pick(['person', 'nobody'] as const)
              : c % 4 === 2
                ? undefined
                : pick(['person', 'nobody', undefined] as const);
        // A face check-in's presentation-attack check: mostly live, sometimes a photo or unsure, rarely none at all.
        const pad =
          method !== 'face'
            ? undefined
            : rand() < 0.1
              ? undefined
              : padEvidence(pick(['live', 'live', 'live', 'attack', 'unsure'] as const));
        const mark: MarkEvent = {
          id: id(),
          deviceId: pick(['nv-gate-1', 'nv-gate-2']) as DeviceId,
          seq: ++seq,
          prevHash: 'p',
          childId: childId as ChildId,
          dayKey: day,
          atMs: Date.parse(`${day}T03:00:00Z`) + c * 60_000 + k * 3_600_000,
          type: 'mark',
          direction: out ? 'out' : 'in',
          method,
          score: null,
          ...(presence !== undefined ? { presence } : {}),
          ...(pad !== undefined ? { pad } : {}),
        };
        marks.push(mark);
      }
      const dayEvents: AttendanceEvent[] = [...marks];
      if (rand() < 0.3) {
        const target = pick(marks);
        const correction = correctionOf(target, pick([null, 'in', 'out'] as const));
        dayEvents.push(correction);
        if (rand() < 0.3) dayEvents.push(correctionOf(correction, null));
      }
      all.push(...dayEvents);
    }
  }
  // Two children settled only by a correction: Aru's one face check-in of the window was removed by staff (she came by
  // hand: never seen); Dana's face check-out was a check-in (seen).
  const mark = (childId: string, time: string, direction: 'in' | 'out', method: MarkEvent['method']): MarkEvent => ({
    id: id(),
    deviceId: 'nv-gate-1' as DeviceId,
    seq: ++seq,
    prevHash: 'p',
    childId: childId as ChildId,
    dayKey: TODAY,
    atMs: Date.parse(`${TODAY}T${time}Z`),
    type: 'mark',
    direction,
    method,
    score: null,
    ...(method === 'face' ? { pad: padEvidence('live') } : {}),
  });
  const aruFace = mark('nv-aru', '02:00:00', 'in', 'face');
  const danaFace = mark('nv-dana', '02:00:00', 'out', 'face');
  all.push(aruFace, correctionOf(aruFace, null), mark('nv-aru', '02:30:00', 'in', 'staff'));
  all.push(mark('nv-dana', '01:00:00', 'in', 'bracelet'), danaFace, correctionOf(danaFace, 'in'));
  await insertEvents(all);
  // Noise that must not count: a refused face check-in of a never-seen child, and another site's face check-ins for
  // this site's ids (ingest refuses those; here they come from another site's tablet).
  const stray = (childId: string, deviceId: string): MarkEvent => ({
    ...mark(childId, '09:00:00', 'in', 'face'),
    deviceId: deviceId as DeviceId,
  });
  await insertEvents([stray(CHILDREN[1]!, 'nv-gate-1')], 'replay');
  await insertEvents(CHILDREN.map((childId) => stray(childId, 'nv-other')));
}, 120_000);

/** The rule read plainly: each day's events replayed; present today, never seen over the window. */
function expected(): Map<string, number> {
  const byChild = new Map<string, Map<string, AttendanceEvent[]>>();
  for (const e of all) {
    const days = byChild.get(e.childId) ?? new Map<string, AttendanceEvent[]>();
    days.set(e.dayKey, [...(days.get(e.dayKey) ?? []), e]);
    byChild.set(e.childId, days);
  }
  const never = new Map<string, number>();
  for (const [childId, days] of byChild) {
    const states = [...days.values()].map((events) => childDayState(events, FACE_CONSENTED.has(childId)));
    if (childDayState(days.get(TODAY) ?? []) === 'absent' || states.includes('seen')) continue;
    never.set(childId, states.filter((s) => s === 'present').length);
  }
  return never;
}

describe('children checked in but never seen, counted along the indexes', () => {
  it('names the same children with the same days present as replaying every event of every day', async () => {
    const want = expected();
    // The seeded days hold every case: children seen, never seen, and both made so by a correction.
    expect(want.size).toBeGreaterThan(5);
    expect(want.size).toBeLessThan(CHILDREN.length / 2);
    const presentToday = CHILDREN.filter((c) => childDayState(all.filter((e) => e.childId === c && e.dayKey === TODAY)) !== 'absent');
    const got = await neverSeenChildren(d.db, siteId, DAYS[0]!, TODAY, presentToday, FACE_CONSENTED);
    expect(new Map(got.map((c) => [c.childId, c.daysPresent]))).toEqual(want);
    expect(want.get('nv-aru')).toBe(1);
    expect(want.has('nv-dana')).toBe(false);
  });

  it('looks back only over the window it is given', async () => {
    const presentToday = CHILDREN.filter((c) => childDayState(all.filter((e) => e.childId === c && e.dayKey === TODAY)) !== 'absent');
    const todayOnly = await neverSeenChildren(d.db, siteId, TODAY, TODAY, presentToday, FACE_CONSENTED);
    const wantToday = presentToday.filter(
      (c) =>
        childDayState(
          all.filter((e) => e.childId === c && e.dayKey === TODAY),
          FACE_CONSENTED.has(c),
        ) === 'present',
    );
    expect(todayOnly.map((c) => c.childId).sort()).toEqual([...wantToday].sort());
    expect(todayOnly.every((c) => c.daysPresent === 1)).toBe(true);
  });
});
