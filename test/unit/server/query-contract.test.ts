// Query parameters are held to the contract like bodies: a parent cannot read a child's whole history with
// `?days=100000` (the contract's maximum is 62), and a query that is no number at all is a 400 with the error shape,
// never a 500 with a stack trace in the server's log.
import { beforeAll, describe, expect, it } from 'vitest';
import type { components } from '../../../src/protocol/api-types.generated';
import { createSite, useTestDistrict } from './district-fixture';
import { person, type PersonClient } from './people-fixture';

type Schemas = components['schemas'];

const d = useTestDistrict();
let siteId: string;
let childId: string;
let parent: PersonClient;

beforeAll(async () => {
  siteId = await createSite(d);
  childId = (await d.admin<{ childId: string }>('POST', `/admin/v1/sites/${siteId}/children`, { displayName: 'Aruzhan S', group: 'Sun' }))
    .body.childId;
  parent = await person(d, { displayName: 'Parent A', role: 'parent', childIds: [childId] });
}, 120_000);

const detail = (query: string) =>
  parent.call<Schemas['ParentChildDetail'] & Schemas['Error']>('GET', `/parent/v1/children/${childId}${query}`);

describe("query parameters against the contract's schemas", () => {
  it("refuses a parent's history beyond the contract's 62 days, and answers within it", async () => {
    for (const days of ['100000', '63', '0', '-1']) {
      const r = await detail(`?days=${days}`);
      expect([r.status, r.body.code], days).toEqual([400, 'invalid-request']);
      expect(r.body.message, days).toMatch(/`days`/);
    }
    for (const days of ['', '?days=1', '?days=62']) expect((await detail(days)).status, days).toBe(200);
  });

  it('answers a query that is not a number with 400, not a server failure with a stack trace in the log', async () => {
    const logged = d.log.length;
    for (const days of ['abc', '1e300', '2.5', '0x10', ' 7', 'NaN', 'Infinity', '9'.repeat(400)]) {
      const r = await detail(`?days=${encodeURIComponent(days)}`);
      expect([r.status, r.body.code], days).toEqual([400, 'invalid-request']);
    }
    expect(d.log.slice(logged).join('\n')).not.toMatch(/RangeError|failed/);
  });

  it("keeps each parameter's own refusal code where the contract names one, and checks the admin API's queries too", async () => {
    const admin = async (path: string) => (await d.admin<Schemas['Error']>('GET', path)).body.code;
    expect(await admin('/admin/v1/audit?limit=1e300')).toBe('bad-limit');
    expect(await admin('/admin/v1/audit?kind=DROP%20TABLE')).toBe('invalid-request');
    expect(await admin(`/admin/v1/sites/${siteId}/report?day=today`)).toBe('bad-day');
    expect(await admin(`/admin/v1/sites/${siteId}/report`)).toBe('bad-day');
    expect(await admin(`/admin/v1/sites/${siteId}/report?day=2026-03-02&format=pdf`)).toBe('bad-format');
    expect(await admin('/admin/v1/audit/chains?full=yes')).toBe('invalid-request');
  });
});
