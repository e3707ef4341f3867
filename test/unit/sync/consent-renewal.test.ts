// A consent renewed ahead of its end: the renewal is recorded to start the day after the first consent's last day. The
// tablet ends a consent on its own at its last day; it must count the renewal, or on that day it purges the child's
// templates (and the child must be enrolled again) although the consent never lapsed. And a renewal after a gap comes
// into force on a day nobody writes anything: the district's hourly sweep announces it, so the tablet takes it (before,
// the district answered "unchanged" and staff could not even enrol the child again).
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { purgeLapsedTemplates } from '../../../server/services/template-lapse';
import { expireConsents } from '../../../src/consent/purge';
import { siteMinutesOfDay } from '../../../src/core/site-day';
import { testDatabases } from '../../support/test-dbs';
import { useTestDistrict } from '../server/district-fixture';
import { dayKey, pairTablet, siteWithChildren } from './district-tablets';

const d = useTestDistrict();
const openDb = testDatabases('consent-renewal');
const DAY = 86_400_000;
afterEach(() => vi.useRealTimers());

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

    // The renewal after the gap starts: the district's sweep announces it, and the tablet's next sync brings it.
    // At noon of the renewal's first day in the site's zone (Almaty), whatever the hour the test runs at: an hour after
    // `now` plus 4 days is already the next day there when the test starts after 23:00 Almaty time.
    const siteNoon = now - siteMinutesOfDay(now, 'Asia/Almaty') * 60_000 + 12 * 3_600_000;
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(siteNoon + 4 * DAY);
    await gate.sync();
    expect((await gate.db.children.get(lapses))?.faceConsent).toBe(false);
    const swept = await purgeLapsedTemplates(d.db, Date.now());
    await gate.sync();
    expect(await gate.db.children.get(lapses)).toMatchObject({ faceConsent: true, faceConsentExpiresOn: dayKey(now + 200 * DAY) });
    expect(swept.consentsStarted).toBeGreaterThanOrEqual(1);
  }, 60_000);
});
