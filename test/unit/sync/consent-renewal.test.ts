// A consent renewed ahead of its end: the renewal is recorded to start the day after the first consent's last day. The
// tablet ends a consent on its own at its last day; it must count the renewal, or on that day it purges the child's
// templates (and the child must be enrolled again) although the consent never lapsed.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { expireConsents } from '../../../src/consent/purge';
import { testDatabases } from '../../support/test-dbs';
import { useTestDistrict } from '../server/district-fixture';
import { dayKey, pairTablet, siteWithChildren } from './district-tablets';

const d = useTestDistrict();
const openDb = testDatabases('consent-renewal');
const DAY = 86_400_000;

describe('a consent renewed ahead of its end', () => {
  it("carries on at the tablet: no purge on the first consent's last day, and the roster shows the renewal's end", async () => {
    const { siteId, children } = await siteWithChildren(d, [], 2);
    const [renewed, lapses] = [children[0]!, children[1]!];
    const now = Date.now();
    const consent = (childId: string, from: number, to: number) =>
      d.admin('POST', `/admin/v1/children/${childId}/consents`, { guardianName: 'P', grantedOn: dayKey(from), expiresOn: dayKey(to) });
    expect((await consent(renewed, now, now + 2 * DAY)).status).toBe(200);
    expect((await consent(renewed, now + 3 * DAY, now + 200 * DAY)).status).toBe(200);
    // The other child's renewal leaves a day without consent: that one does end.
    expect((await consent(lapses, now, now + 2 * DAY)).status).toBe(200);
    expect((await consent(lapses, now + 4 * DAY, now + 200 * DAY)).status).toBe(200);
    const gate = await pairTablet(d, siteId, 'Gate-1', openDb);
    await gate.sync();
    expect(await gate.enrol(renewed, 61)).toMatchObject({ kind: 'enrolled' });
    expect(await gate.enrol(lapses, 62)).toMatchObject({ kind: 'enrolled' });
    expect((await gate.db.children.get(renewed))?.faceConsentExpiresOn).toBe(dayKey(now + 200 * DAY));

    // The day after the first consent's last day: the renewed child keeps the templates, the other one's end.
    const ended = await expireConsents(gate.db, now + 3 * DAY, { dayKey });
    expect(ended).toEqual([lapses]);
    expect(await gate.db.templates.where('childId').equals(renewed).count()).toBeGreaterThan(0);
    expect(await gate.db.templates.where('childId').equals(lapses).count()).toBe(0);
  }, 60_000);
});
