// A parent's withdrawal of face consent on the parents' page, end to end through the kiosk's own sync code (real
// district, fake-indexeddb tablets): the child enrolled on one tablet is recognised on both; the parent withdraws; at
// each tablet's next sync the face is no longer recognised and its templates and key are gone; each tablet's signed
// purge receipt reaches the district and the parent's page lists it by the tablet's name ("deleted on Gate-1 at …"; the test's tablet names are also its template id prefixes).
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { components } from '../../../src/protocol/api-types.generated';
import { useTestDistrict } from '../server/district-fixture';
import { person } from '../server/people-fixture';
import { testDatabases } from '../../support/test-dbs';
import { camera, pairTablet, siteWithChildren } from './district-tablets';

type Schemas = components['schemas'];

const d = useTestDistrict();
const openDb = testDatabases('parent-withdrawal');

describe("a parent's withdrawal reaches the tablets", () => {
  it("the face is no longer recognised after the next sync, and the receipts show on the parent's page", async () => {
    const { siteId, children } = await siteWithChildren(d, [0, 1], 3);
    const child = children[0]!;
    const gate1 = await pairTablet(d, siteId, 'Gate-1', openDb);
    const gate2 = await pairTablet(d, siteId, 'Gate-2', openDb);
    await gate1.sync();
    await gate2.sync();
    expect(await gate1.enrol(child, 91)).toMatchObject({ kind: 'enrolled' });
    expect(await gate1.enrol(children[1]!, 92)).toMatchObject({ kind: 'enrolled' });
    await gate1.sync();
    await gate2.sync();
    expect((await gate2.boot()).recognise(camera(91, 3))).toMatchObject({ childId: child });

    const parent = await person(d, { displayName: 'Parent', role: 'parent', childIds: [child] });
    const withdrawn = await parent.call<Schemas['ParentChildDetail']>('POST', `/parent/v1/children/${child}/consent`, {
      action: 'withdraw',
    });
    expect(withdrawn.body.child.consent).toMatchObject({ active: false, madeBy: 'district' });
    expect(withdrawn.body.receipts).toEqual([]);
    expect(await d.db.query('select 1 from templates where child_id = $1', [child])).toEqual([]);

    for (const tablet of [gate1, gate2]) {
      await tablet.sync(); // applies the withdrawal: templates and key purged, a receipt queued
      await tablet.sync(); // pushes the receipt
      expect((await tablet.boot()).recognise(camera(91, 4))?.childId).not.toBe(child);
      expect(await tablet.db.templates.where('childId').equals(child).count()).toBe(0);
      expect(await tablet.db.childKeys.get(child)).toBeUndefined();
    }
    const page = await parent.call<Schemas['ParentChildDetail']>('GET', `/parent/v1/children/${child}`);
    expect(page.body.receipts.map((r) => [r.gate, r.reason]).sort()).toEqual([
      ['Gate-1', 'consent-revoked'],
      ['Gate-2', 'consent-revoked'],
    ]);
    expect(page.body.sitePaired).toBe(2);
  }, 60_000);
});
