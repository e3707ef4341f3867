// The district's copy of a child's templates lasts no longer than the consent: a consent that simply runs out (never
// withdrawn) deletes them at the next hourly sweep, and an enrolment older than 12 months goes even under a renewed
// consent. Before, the district kept them, and a consent given weeks later sent the old enrolment to every tablet again.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { purgeLapsedTemplates } from '../../../server/services/template-lapse';
import { testDatabases } from '../../support/test-dbs';
import { dayKey, pairTablet, siteWithChildren } from '../sync/district-tablets';
import { useTestDistrict } from './district-fixture';

const d = useTestDistrict();
const openDb = testDatabases('template-lapse');
const DAY = 86_400_000;
const templatesOf = async (childId: string) => (await d.db.query('select id from templates where child_id = $1', [childId])).length;

describe('templates at the district after a consent ends', () => {
  it('deletes them when the consent runs out, and an enrolment older than 12 months under a renewal', async () => {
    const { siteId, children } = await siteWithChildren(d, [], 2);
    const [ends, renewed] = [children[0]!, children[1]!];
    const now = Date.now();
    const consent = (childId: string, from: number, to: number) =>
      d.admin('POST', `/admin/v1/children/${childId}/consents`, { guardianName: 'P', grantedOn: dayKey(from), expiresOn: dayKey(to) });
    expect((await consent(ends, now, now + 2 * DAY)).status).toBe(200);
    expect((await consent(renewed, now, now + 330 * DAY)).status).toBe(200);
    // A renewal recorded ahead, from the day after the first ends.
    expect((await consent(renewed, now + 331 * DAY, now + 600 * DAY)).status).toBe(200);
    const gate = await pairTablet(d, siteId, 'Gate-1', openDb);
    await gate.sync();
    expect(await gate.enrol(ends, 41)).toMatchObject({ kind: 'enrolled' });
    expect(await gate.enrol(renewed, 42)).toMatchObject({ kind: 'enrolled' });
    await gate.sync();
    expect(await templatesOf(ends)).toBeGreaterThan(0);

    // While the consents last, the sweep deletes nothing.
    expect(await purgeLapsedTemplates(d.db, now)).toMatchObject({ children: 0, templates: 0 });
    // Three days after the first consent ended: its child's templates go; the other child's stay.
    const swept = await purgeLapsedTemplates(d.db, now + 5 * DAY);
    expect(swept.children).toBe(1);
    expect(await templatesOf(ends)).toBe(0);
    expect(await templatesOf(renewed)).toBeGreaterThan(0);
    // Thirteen months on, under the renewal: the enrolment is older than the template lifetime.
    await purgeLapsedTemplates(d.db, now + 395 * DAY);
    expect(await templatesOf(renewed)).toBe(0);
    const audit = await d.db.query<{ details: { childId: string; why: string } }>(
      "select details from audit_log where action = 'templates.lapsed' order by id",
    );
    expect(audit.map((a) => [a.details.childId, a.details.why])).toEqual([
      [ends, 'no-consent'],
      [renewed, 'older-than-12-months'],
    ]);
  }, 60_000);
});
