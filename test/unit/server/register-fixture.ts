// A site's day for the register tests: a district with two sites, children in two groups, a paired tablet that pushes
// chained events (continuing its chain across pushes, as the kiosk does), and people (directors of both sites, a
// teacher, a district admin) signed in with software passkeys.
import type { CorrectionEvent, MarkEvent } from '../../../src/core/attendance-rules';
import type { ChildId, DeviceId } from '../../../src/core/types';
import { createUuidV7 } from '../../../src/core/uuidv7';
import { GENESIS_HASH, hashEvent } from '../../../src/protocol/event-chain';
import type { components } from '../../../src/protocol/api-types.generated';
import { dayKeyIn } from '../../../server/ids';
import { createSite, pairTestDevice, type TestDistrict } from './district-fixture';
import { person, type PersonClient } from './people-fixture';

type Schemas = components['schemas'];

export const ZONE = 'Asia/Almaty';
const DAY_MS = 86_400_000;
const newId = createUuidV7();

/** A time on `day` given in UTC: 01:00-12:00 UTC is the same day in Almaty. */
export const at = (day: string, hhmmss: string): number => Date.parse(`${day}T${hhmmss}Z`);

export interface RegisterWorld {
  day: string;
  siteA: string;
  siteB: string;
  children: Record<'amina' | 'bota' | 'daniyar' | 'erlan' | 'timur', string>;
  push(childId: string, atMs: number, method: MarkEvent['method'], extra?: Partial<MarkEvent>): Promise<MarkEvent>;
  /** A staff correction of `mark` made at `atMs` (direction null: the mark should not exist), filed under the mark's day. */
  correct(mark: MarkEvent, atMs: number, direction: CorrectionEvent['direction']): Promise<CorrectionEvent>;
  directorA: PersonClient;
  directorB: PersonClient;
  teacherA: PersonClient;
  districtAdmin: PersonClient;
}

export async function registerWorld(d: TestDistrict): Promise<RegisterWorld> {
  // Three days ago: every event of it is in the past; children are added on the roster before it.
  const day = dayKeyIn(Date.now() - 3 * DAY_MS, ZONE);
  d.clock.ms = Date.now() - 10 * DAY_MS;
  const siteA = await createSite(d, 'Sunflower');
  const siteB = await createSite(d, 'Tulip');
  const child = async (siteId: string, displayName: string, group: string) =>
    (await d.admin<Schemas['ChildAdmin']>('POST', `/admin/v1/sites/${siteId}/children`, { displayName, group })).body.childId;
  const children = {
    amina: await child(siteA, 'Amina S.', 'Stars'),
    bota: await child(siteA, 'Bota K.', 'Stars'),
    daniyar: await child(siteA, 'Daniyar M.', 'Stars'),
    erlan: await child(siteA, 'Erlan T.', 'Moons'),
    timur: await child(siteB, 'Timur K.', 'Stars'),
  };
  // The tablet was paired then too (a tablet records nothing before it is paired).
  const tablet = await pairTestDevice(d, siteA, 'Gate 1');
  d.clock.ms = null;
  let seq = 0;
  let prev = GENESIS_HASH;
  const push = async (childId: string, atMs: number, method: MarkEvent['method'], extra: Partial<MarkEvent> = {}) => {
    const event: MarkEvent = {
      type: 'mark',
      id: newId(atMs),
      deviceId: tablet.pairing.deviceId as DeviceId,
      seq: ++seq,
      prevHash: prev,
      childId: childId as ChildId,
      dayKey: dayKeyIn(atMs, ZONE),
      atMs,
      direction: 'in',
      method,
      score: method === 'face' ? 0.71 : null,
      ...extra,
    };
    prev = await hashEvent(event);
    const pushed = await tablet.client.pushEvents({ events: [event] });
    if (!pushed.ok) throw new Error(JSON.stringify(pushed));
    return event;
  };
  const correct = async (mark: MarkEvent, atMs: number, direction: CorrectionEvent['direction']) => {
    const event: CorrectionEvent = {
      type: 'correction',
      id: newId(atMs),
      deviceId: mark.deviceId,
      seq: ++seq,
      prevHash: prev,
      childId: mark.childId,
      dayKey: mark.dayKey,
      atMs,
      corrects: mark.id,
      direction,
    };
    prev = await hashEvent(event);
    const pushed = await tablet.client.pushEvents({ events: [event] });
    if (!pushed.ok) throw new Error(JSON.stringify(pushed));
    return event;
  };
  return {
    day,
    correct,
    siteA,
    siteB,
    children,
    push,
    directorA: await person(d, { displayName: 'Director A', role: 'site-director', siteId: siteA }),
    directorB: await person(d, { displayName: 'Director B', role: 'site-director', siteId: siteB }),
    teacherA: await person(d, { displayName: 'Teacher A', role: 'teacher', siteId: siteA }),
    districtAdmin: await person(d, { displayName: 'District officer', role: 'district-admin' }),
  };
}
