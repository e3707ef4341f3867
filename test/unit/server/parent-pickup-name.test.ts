// The parents' page names who collected the child: a check-out confirmed for one of the child's own authorised pickup
// adults shows that adult's name; a check-out naming an adult of another child (of another site) shows no name at all.
import { beforeAll, describe, expect, it } from 'vitest';
import type { MarkEvent } from '../../../src/core/attendance-rules';
import type { ChildId, DeviceId } from '../../../src/core/types';
import { createUuidV7 } from '../../../src/core/uuidv7';
import { GENESIS_HASH, hashEvent } from '../../../src/protocol/event-chain';
import type { components } from '../../../src/protocol/api-types.generated';
import { dayKeyIn } from '../../../server/ids';
import { createSite, pairTestDevice, useTestDistrict } from './district-fixture';
import { person, type PersonClient } from './people-fixture';

type Schemas = components['schemas'];
const uuid = createUuidV7();

const d = useTestDistrict();
let childA: string;
let grandma: string;
let strangerOfSiteB: string;
let parentA: PersonClient;
let tablet: Awaited<ReturnType<typeof pairTestDevice>>;
let head = { seq: 0, hash: GENESIS_HASH };

async function pickupAdult(childId: string, name: string): Promise<string> {
  const r = await d.admin<Schemas['PickupAdultAdmin']>('POST', `/admin/v1/children/${childId}/pickups`, {
    name,
    relation: 'grandmother',
    code: '2468',
  });
  expect(r.status).toBe(200);
  return r.body.pickupId;
}

async function mark(direction: 'in' | 'out', pickupId?: string): Promise<void> {
  const atMs = Date.now();
  const event: MarkEvent = {
    type: 'mark',
    id: uuid(atMs),
    deviceId: tablet.pairing.deviceId as DeviceId,
    seq: head.seq + 1,
    prevHash: head.hash,
    childId: childA as ChildId,
    dayKey: dayKeyIn(atMs, 'Asia/Almaty'),
    atMs,
    direction,
    method: 'bracelet',
    score: null,
    ...(pickupId !== undefined ? { pickup: { pickupId, method: 'code' as const } } : {}),
  };
  const r = await tablet.client.pushEvents({ events: [event] });
  if (!r.ok || r.body.results[0]!.status !== 'stored') throw new Error(JSON.stringify(r));
  head = { seq: event.seq, hash: await hashEvent(event) };
}

const departures = async () => {
  const r = await parentA.call<Schemas['ParentChildDetail']>('GET', `/parent/v1/children/${childA}`);
  expect(r.status).toBe(200);
  return r.body.child.today.marks.filter((m) => m.direction === 'out');
};

beforeAll(async () => {
  const siteA = await createSite(d, 'Site A');
  const siteB = await createSite(d, 'Site B');
  childA = (await d.admin<{ childId: string }>('POST', `/admin/v1/sites/${siteA}/children`, { displayName: 'Aruzhan S', group: 'Sun' }))
    .body.childId;
  const childB = (
    await d.admin<{ childId: string }>('POST', `/admin/v1/sites/${siteB}/children`, { displayName: 'Timur B', group: 'Moon' })
  ).body.childId;
  grandma = await pickupAdult(childA, 'Gulnara Sadykova');
  strangerOfSiteB = await pickupAdult(childB, 'Someone Else Entirely');
  parentA = await person(d, { displayName: 'Parent A', role: 'parent', childIds: [childA] });
  tablet = await pairTestDevice(d, siteA, 'Gate 1');
}, 120_000);

describe("who collected the child, on the parents' page", () => {
  it("shows the name of the child's own authorised adult who collected them", async () => {
    await mark('in');
    await mark('out', grandma);
    const [out] = await departures();
    expect(out).toMatchObject({ pickupId: grandma, pickupName: 'Gulnara Sadykova' });
  });

  it("shows no name when a check-out names another child's adult", async () => {
    await mark('in');
    await mark('out', strangerOfSiteB);
    const last = (await departures()).at(-1)!;
    expect(last.pickupName).toBeUndefined();
    const page = JSON.stringify(await parentA.call('GET', `/parent/v1/children/${childA}`));
    expect(page).not.toContain('Someone Else Entirely');
  });
});
