// Absences a parent reports on the parents' page reach the site's tablets at their next sync (real district,
// fake-indexeddb tablets): stored on the roster entry the staff roster reads (today's
// shows as "absent: reason"), replaced when the parent changes it, and the same from a fresh tablet's full bundle.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { components } from '../../../src/protocol/api-types.generated';
import { person } from '../server/people-fixture';
import { useTestDistrict } from '../server/district-fixture';
import { testDatabases } from '../../support/test-dbs';
import { dayKey, pairTablet, siteWithChildren } from './district-tablets';

type Schemas = components['schemas'];

const d = useTestDistrict();
const openDb = testDatabases('absences');

describe('absences on the tablet', () => {
  it("a parent's absence report reaches the tablet's roster at its next sync", async () => {
    const { siteId, children } = await siteWithChildren(d, [0], 2);
    const tablet = await pairTablet(d, siteId, 'absence-a', openDb);
    await tablet.sync();
    const parent = await person(d, { displayName: 'Parent', role: 'parent', childIds: [children[0]!] });
    const today = dayKey(Date.now());
    const tomorrow = dayKey(Date.now() + 86_400_000);
    for (const [day, reason, note] of [
      [today, 'illness', undefined],
      [tomorrow, 'other', 'dentist'],
    ] as const) {
      const r = await parent.call<Schemas['Absence']>('POST', `/parent/v1/children/${children[0]}/absences`, {
        day,
        reason,
        ...(note ? { note } : {}),
      });
      expect(r.status).toBe(200);
    }
    const before = await d.db.query<{ revision: number }>('select revision from sites where id = $1', [siteId]);
    expect(before[0]!.revision).toBeGreaterThan(1);
    await tablet.sync();
    expect((await tablet.db.children.get(children[0]!))?.absences).toEqual([
      { day: today, reason: 'illness' },
      { day: tomorrow, reason: 'other', note: 'dentist' },
    ]);
    expect((await tablet.db.children.get(children[1]!))?.absences).toBeUndefined();
    // Changed: the same day again replaces the reason.
    await parent.call('POST', `/parent/v1/children/${children[0]}/absences`, { day: today, reason: 'family' });
    await tablet.sync();
    expect((await tablet.db.children.get(children[0]!))?.absences?.[0]).toEqual({ day: today, reason: 'family' });
    // A fresh tablet from the full bundle holds the same.
    const fresh = await pairTablet(d, siteId, 'absence-fresh', openDb);
    await fresh.sync();
    expect((await fresh.db.children.get(children[0]!))?.absences).toEqual((await tablet.db.children.get(children[0]!))?.absences);
  });
});
