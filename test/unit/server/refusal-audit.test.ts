// A signed-in person cannot fill the district's audit log with refusals: a parent guessing 300 child ids and asking
// for 100 admin operations adds a handful of entries a minute (the first few different refusals of each kind with their
// details at once, the rest counted into one summary entry per account and minute), and nothing is lost from the record.
import { beforeAll, describe, expect, it } from 'vitest';
import type { components } from '../../../src/protocol/api-types.generated';
import { createSite, useTestDistrict } from './district-fixture';
import { person, type PersonClient } from './people-fixture';

type Schemas = components['schemas'];

const d = useTestDistrict();
let parent: PersonClient;

beforeAll(async () => {
  const siteId = await createSite(d);
  const childId = (
    await d.admin<{ childId: string }>('POST', `/admin/v1/sites/${siteId}/children`, { displayName: 'Aruzhan S', group: 'Sun' })
  ).body.childId;
  parent = await person(d, { displayName: 'Parent A', role: 'parent', childIds: [childId] });
}, 120_000);

const lastId = () => d.db.query<{ id: string }>('select coalesce(max(id), 0)::text as id from audit_log').then((r) => Number(r[0]!.id));
const rowsAfter = (id: number) =>
  d.db.query<{ action: string; details: Record<string, unknown> }>('select action, details from audit_log where id > $1 order by id', [id]);
const entries = async (kind: string) =>
  (await d.admin<Schemas['AuditPage']>('GET', `/admin/v1/audit?kind=${kind}&limit=200`)).body.entries.filter(
    (e) => e.summary.includes(parent.accountId) || JSON.stringify(e.summaryParams).includes('child_guess'),
  );

describe("a person's refusals in the audit log", () => {
  it('400 refused requests from one session add at most a handful of rows, the first with its details', async () => {
    await d.security.flush();
    const before = await lastId();
    for (let i = 0; i < 300; i++) expect((await parent.call('GET', `/parent/v1/children/child_guess${i}`)).status).toBe(404);
    for (let i = 0; i < 100; i++) expect((await parent.call('POST', '/admin/v1/sites', { name: 'x' })).status).toBe(403);
    // The first refusals are in the log at once, with what was tried.
    const atOnce = await rowsAfter(before);
    expect(atOnce[0]).toMatchObject({ action: 'parent.child-refused', details: { accountId: parent.accountId, childId: 'child_guess0' } });
    expect(atOnce.filter((r) => r.action === 'access.refused')).toEqual([
      { action: 'access.refused', details: expect.objectContaining({ operation: 'createSite', accountId: parent.accountId }) },
    ]);
    await d.security.flush();
    expect((await rowsAfter(before)).length).toBeLessThanOrEqual(8);

    // What the admin reads: the first refusals by the child id tried, then how many more in that minute.
    const childRefusals = (await entries('parent.child-refused')).map((e) => e.summary);
    expect(childRefusals[0]).toMatch(
      new RegExp(`^A parent \\(${parent.accountId}\\) asked 295 more times in the same minute for children not theirs: refused`),
    );
    expect(childRefusals.at(-1)).toBe('A parent asked for child child_guess0, who is not theirs: refused');
    const access = await entries('access.refused');
    expect(access.map((e) => e.summary)).toEqual([
      `Account ${parent.accountId} was refused 99 more times in the same minute (createSite: 99)`,
      `Account ${parent.accountId} was refused createSite`,
    ]);
  });

  it('records the next minute again from its first refusal', async () => {
    await d.security.flush();
    expect((await parent.call('GET', '/parent/v1/children/child_next')).status).toBe(404);
    const [latest] = await d.db.query<{ details: { childId?: string } }>(
      "select details from audit_log where action = 'parent.child-refused' order by id desc limit 1",
    );
    expect(latest!.details.childId).toBe('child_next');
  });
});
