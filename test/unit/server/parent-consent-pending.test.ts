// A parent's withdrawal ends every face consent not yet over, a renewal the kindergarten recorded ahead included: before,
// only the consent in force that day was revoked, the parent's page then read "no consent" with nothing left to
// withdraw, and on the renewal's first day face matching came back against the parent's word.
import { describe, expect, it } from 'vitest';
import type { components } from '../../../src/protocol/api-types.generated';
import { createSite, useTestDistrict } from './district-fixture';
import { person } from './people-fixture';

type Schemas = components['schemas'];

const d = useTestDistrict();
const DAY = 86_400_000;
const dayOf = (ms: number) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Almaty' }).format(ms);

async function consentsOf(childId: string): Promise<Schemas['Consent'][]> {
  const siteOf = (await d.db.query<{ site_id: string }>('select site_id from children where id = $1', [childId]))[0]!.site_id;
  const roster = await d.admin<Schemas['ChildAdmin'][]>('GET', `/admin/v1/sites/${siteOf}/children`);
  return roster.body.find((c) => c.childId === childId)!.consents;
}

describe("a parent's withdrawal and a consent recorded to start later", () => {
  it('the parent sees the renewal, withdraws both, and nothing is in force on the renewal’s first day', async () => {
    const siteId = await createSite(d, 'Sunflower');
    const child = (await d.admin<Schemas['ChildAdmin']>('POST', `/admin/v1/sites/${siteId}/children`, { displayName: 'Aruzhan B.' })).body
      .childId;
    const now = Date.now();
    const today = dayOf(now);
    const renewalFrom = dayOf(now + 20 * DAY);
    await d.admin('POST', `/admin/v1/children/${child}/consents`, {
      guardianName: 'B.',
      grantedOn: today,
      expiresOn: dayOf(now + 19 * DAY),
    });
    await d.admin('POST', `/admin/v1/children/${child}/consents`, {
      guardianName: 'B.',
      grantedOn: renewalFrom,
      expiresOn: dayOf(now + 200 * DAY),
    });
    const parent = await person(d, { displayName: 'Parent B.', role: 'parent', childIds: [child] });

    const withdrawn = await parent.call<Schemas['ParentChildDetail']>('POST', `/parent/v1/children/${child}/consent`, {
      action: 'withdraw',
    });
    expect(withdrawn.status).toBe(200);
    // Nothing left pending for the parent to find later.
    expect(withdrawn.body.child.consent).toMatchObject({ active: false, startsLater: false, withdrawnOn: today });
    expect((await consentsOf(child)).map((c) => c.revokedOn)).toEqual([today, today]);

    // The renewal's first day: no consent in force.
    d.clock.ms = now + 21 * DAY;
    try {
      expect((await consentsOf(child)).some((c) => c.active)).toBe(false);
    } finally {
      d.clock.ms = null;
    }
  });

  it('shows a renewal recorded ahead, with a withdraw button, when nothing is in force today', async () => {
    const siteId = await createSite(d, 'Tulip');
    const child = (await d.admin<Schemas['ChildAdmin']>('POST', `/admin/v1/sites/${siteId}/children`, { displayName: 'Timur K.' })).body
      .childId;
    const now = Date.now();
    const from = dayOf(now + 5 * DAY);
    await d.admin('POST', `/admin/v1/children/${child}/consents`, {
      guardianName: 'K.',
      grantedOn: from,
      expiresOn: dayOf(now + 100 * DAY),
    });
    const parent = await person(d, { displayName: 'Parent K.', role: 'parent', childIds: [child] });
    const page = await parent.call<Schemas['ParentChildDetail']>('GET', `/parent/v1/children/${child}`);
    expect(page.body.child.consent).toMatchObject({ active: false, startsLater: true, grantedOn: from, madeBy: 'district' });
    const withdrawn = await parent.call<Schemas['ParentChildDetail']>('POST', `/parent/v1/children/${child}/consent`, {
      action: 'withdraw',
    });
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body.child.consent).toMatchObject({ active: false, startsLater: false });
    // A second withdrawal has nothing left to end.
    expect((await parent.call('POST', `/parent/v1/children/${child}/consent`, { action: 'withdraw' })).status).toBe(409);
  });
});
