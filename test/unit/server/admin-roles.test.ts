// Who may call which admin operation, for each role, against a real district server: every admin operation of the
// contract has an access rule; a district admin's account reaches the district (but not the token's rotation); a site
// director reads and changes their own site and gets 404 for another site's child, consent or tablet and 403 for another
// site's id or a district-wide operation, and may not change the settings attendance funding relies on (matching,
// the photo check, presence evidence: the district's); a teacher reads their site's roster and report and changes nothing; a parent
// reaches no admin operation; the admin token works as before. Refusals are in the audit log, changes name the person.
import { describe, expect, it, beforeAll } from 'vitest';
import { ADMIN_RULES } from '../../../server/account/admin-access';
import { contract } from '../../../server/contract/contract';
import type { components } from '../../../src/protocol/api-types.generated';
import { createSite, pairTestDevice, useTestDistrict } from './district-fixture';
import { person, type PersonClient } from './people-fixture';

type Schemas = components['schemas'];

const d = useTestDistrict();

let siteA: string;
let siteB: string;
let childA: string;
let childB: string;
let consentB: string;
let deviceB: string;
let admin: PersonClient;
let director: PersonClient;
let teacher: PersonClient;
let parent: PersonClient;

async function child(siteId: string, displayName: string): Promise<string> {
  const r = await d.admin<Schemas['ChildAdmin']>('POST', `/admin/v1/sites/${siteId}/children`, { displayName, group: 'Stars' });
  return r.body.childId;
}

beforeAll(async () => {
  siteA = await createSite(d, 'Sunflower');
  siteB = await createSite(d, 'Tulip');
  childA = await child(siteA, 'Amina S.');
  childB = await child(siteB, 'Timur K.');
  const today = new Date().toISOString().slice(0, 10);
  consentB = (
    await d.admin<Schemas['Consent']>('POST', `/admin/v1/children/${childB}/consents`, {
      guardianName: 'K.',
      grantedOn: today,
      expiresOn: today,
    })
  ).body.consentId;
  deviceB = (await pairTestDevice(d, siteB)).pairing.deviceId;
  admin = await person(d, { displayName: 'District officer', role: 'district-admin' });
  director = await person(d, { displayName: 'Director A', role: 'site-director', siteId: siteA });
  teacher = await person(d, { displayName: 'Teacher A', role: 'teacher', siteId: siteA });
  parent = await person(d, { displayName: 'Parent A', role: 'parent', childIds: [childA] });
}, 120_000);

const status = async (p: PersonClient, method: string, path: string, body?: unknown) => (await p.call(method, path, body)).status;

describe('admin operations by role', () => {
  it('every admin operation of the contract has an access rule, and every rule an operation', () => {
    const adminOps = [...contract().operations.values()].filter((o) => o.security === 'admin').map((o) => o.operationId);
    expect(Object.keys(ADMIN_RULES).sort()).toEqual(adminOps.sort());
  });

  it('no token and no session: 401 as before; the token still reaches everything', async () => {
    const r = await fetch(`${d.url}/admin/v1/sites`);
    expect(r.status).toBe(401);
    expect((await d.admin('GET', '/admin/v1/accounts')).status).toBe(200);
  });

  it("a district admin's account reaches the whole district but cannot rotate the admin token", async () => {
    const sites = await admin.call<Schemas['Site'][]>('GET', '/admin/v1/sites');
    expect(sites.body.map((s) => s.siteId)).toEqual(expect.arrayContaining([siteA, siteB]));
    expect(await status(admin, 'GET', `/admin/v1/sites/${siteB}/children`)).toBe(200);
    expect(await status(admin, 'GET', '/admin/v1/accounts')).toBe(200);
    expect(await status(admin, 'GET', '/admin/v1/template-keys')).toBe(200);
    expect(await status(admin, 'POST', '/admin/v1/admin-token/rotate')).toBe(403);
  });

  it('a site director reads and changes their own site only', async () => {
    const sites = await director.call<Schemas['Site'][]>('GET', '/admin/v1/sites');
    expect(sites.body.map((s) => s.siteId)).toEqual([siteA]);
    expect(await status(director, 'GET', `/admin/v1/sites/${siteA}/children`)).toBe(200);
    const today = new Date().toISOString().slice(0, 10);
    const granted = await director.call<Schemas['Consent']>('POST', `/admin/v1/children/${childA}/consents`, {
      guardianName: 'Aigerim S.',
      grantedOn: today,
      expiresOn: today,
    });
    expect(granted.status).toBe(200);
    // Another site: its id is 403, what it holds is answered as if it did not exist.
    expect(await status(director, 'GET', `/admin/v1/sites/${siteB}/children`)).toBe(403);
    expect(await status(director, 'PUT', `/admin/v1/sites/${siteB}/settings`, { maxOfflineFaceDays: 2 })).toBe(403);
    expect(await status(director, 'POST', `/admin/v1/consents/${consentB}/revoke`)).toBe(404);
    expect(await status(director, 'POST', `/admin/v1/children/${childB}/remove`)).toBe(404);
    expect(await status(director, 'GET', `/admin/v1/children/${childB}/pickups`)).toBe(404);
    expect(await status(director, 'POST', `/admin/v1/devices/${deviceB}/revoke`)).toBe(404);
    expect(await status(director, 'GET', `/admin/v1/devices/${deviceB}/purge-receipts`)).toBe(404);
    // District-wide operations.
    expect(await status(director, 'POST', '/admin/v1/sites', { name: 'Mine' })).toBe(403);
    expect(await status(director, 'POST', '/admin/v1/template-keys/rotate')).toBe(403);
    expect(await status(director, 'GET', '/admin/v1/accounts')).toBe(403);
    expect(await status(director, 'POST', '/admin/v1/accounts', { displayName: 'X', role: 'district-admin' })).toBe(403);
    // The audit log: their site's entries only, another site's filter refused.
    const page = await director.call<Schemas['AuditPage']>('GET', '/admin/v1/audit?limit=200');
    expect(page.status).toBe(200);
    expect(new Set(page.body.entries.map((e) => e.siteId))).toEqual(new Set([siteA]));
    expect(await status(director, 'GET', `/admin/v1/audit?siteId=${siteB}`)).toBe(403);
    const chains = await director.call<Schemas['AuditChainStatus'][]>('GET', '/admin/v1/audit/chains');
    expect(chains.body.every((c) => c.siteId === siteA)).toBe(true);
    // Nothing of site B changed; the consent they recorded names them.
    expect((await d.db.query('select revoked_on from consents where id = $1', [consentB]))[0]).toEqual({ revoked_on: null });
    const granted_ = page.body.entries.find((e) => e.kind === 'consent.granted');
    expect(granted_).toMatchObject({ actor: 'site-director' });
    const refused = await d.admin<Schemas['AuditPage']>('GET', '/admin/v1/audit?kind=access.refused&limit=200');
    expect(refused.body.entries.some((e) => e.actor === 'site-director' && e.summary.includes('removeChild'))).toBe(true);
  });

  it("a teacher reads their site's roster, pickups and daily report, and changes nothing", async () => {
    expect(await status(teacher, 'GET', `/admin/v1/sites/${siteA}/children`)).toBe(200);
    expect(await status(teacher, 'GET', `/admin/v1/children/${childA}/pickups`)).toBe(200);
    const today = new Date().toISOString().slice(0, 10);
    expect(await status(teacher, 'GET', `/admin/v1/sites/${siteA}/report?day=${today}`)).toBe(200);
    expect(await status(teacher, 'POST', `/admin/v1/sites/${siteA}/children`, { displayName: 'New' })).toBe(403);
    expect(await status(teacher, 'PUT', `/admin/v1/sites/${siteA}/settings`, { maxOfflineFaceDays: 2 })).toBe(403);
    expect(await status(teacher, 'GET', `/admin/v1/sites/${siteA}/devices`)).toBe(403);
    // The register (and the flags in it that the director signs) yes; the site's integrity page (hand-marks per staff
    // member, tablets' presence checks) no.
    expect(await status(teacher, 'GET', `/admin/v1/sites/${siteA}/register?day=${today}`)).toBe(200);
    expect(await status(teacher, 'GET', `/admin/v1/sites/${siteA}/integrity?day=${today}`)).toBe(403);
    expect(await status(teacher, 'GET', `/admin/v1/sites/${siteB}/children`)).toBe(403);
    expect(await status(teacher, 'GET', '/admin/v1/audit')).toBe(403);
    const roster = await d.admin<Schemas['ChildAdmin'][]>('GET', `/admin/v1/sites/${siteA}/children`);
    expect(roster.body.map((c) => c.displayName)).toEqual(['Amina S.']);
  });

  it("a site director changes their site's own settings but not the ones attendance funding relies on", async () => {
    const path = `/admin/v1/sites/${siteA}/settings`;
    const settingsOf = async () =>
      (await d.admin<Schemas['Site'][]>('GET', '/admin/v1/sites')).body.find((s) => s.siteId === siteA)!.settings;
    await d.admin('PUT', path, { biometricsEnabled: true, assessmentRef: 'DPIA-7' });
    const before = await settingsOf();
    // Loosening the match (a staff member's face would check absent children in), the photo check, presence evidence,
    // offline days, switching face recognition on: each refused, nothing written, the refusal in the audit log.
    for (const patch of [
      { matchThreshold: 0.2 },
      { matchMargin: 0 },
      { padMode: 'evidence' === before.padMode ? 'record-flagged' : 'evidence' },
      { presenceEvidence: before.presenceEvidence !== true },
      { maxOfflineFaceDays: 14 },
      { groupOperatingPoints: [{ group: 'Stars', matchThreshold: 0.2, matchMargin: 0.01 }] },
      { closingTime: '18:30', matchThreshold: 0.3 },
    ]) {
      const r = await director.call<Schemas['Error']>('PUT', path, patch);
      expect(r.status, JSON.stringify(patch)).toBe(403);
      expect(r.body.code).toBe('setting-needs-district');
    }
    expect(await settingsOf()).toEqual(before);
    const refused = await d.admin<Schemas['AuditPage']>('GET', '/admin/v1/audit?kind=access.refused&limit=200');
    expect(refused.body.entries.some((e) => e.actor === 'site-director' && e.summary.includes('updateSiteSettings'))).toBe(true);
    // The site's own settings, and the district's repeated unchanged (the admin page's whole form): yes.
    const own = await director.call<Schemas['Site']>('PUT', path, {
      closingTime: '18:30',
      pickupGroups: ['Stars'],
      matchThreshold: before.matchThreshold,
      padMode: before.padMode,
    });
    expect(own.status).toBe(200);
    expect(own.body.settings).toEqual({ ...before, closingTime: '18:30', pickupGroups: ['Stars'] });
    // Switching face recognition off is theirs (nothing is matched any more); on again is the district's.
    expect(await status(director, 'PUT', path, { biometricsEnabled: false })).toBe(200);
    expect((await settingsOf()).biometricsEnabled).toBe(false);
    expect(await status(director, 'PUT', path, { biometricsEnabled: true, assessmentRef: 'DPIA-7' })).toBe(403);
    expect((await settingsOf()).biometricsEnabled).toBe(false);
    // The district changes them, a group's own operating point included (each group once).
    expect(await status(admin, 'PUT', path, { matchThreshold: 0.45, biometricsEnabled: true, assessmentRef: 'DPIA-7' })).toBe(200);
    expect((await settingsOf()).matchThreshold).toBe(0.45);
    const youngest = { group: 'Balapan', matchThreshold: 0.48, matchMargin: 0.08 };
    expect(await status(admin, 'PUT', path, { groupOperatingPoints: [youngest] })).toBe(200);
    expect((await settingsOf()).groupOperatingPoints).toEqual([youngest]);
    const twice = await admin.call<Schemas['Error']>('PUT', path, {
      groupOperatingPoints: [youngest, { ...youngest, matchThreshold: 0.5 }],
    });
    expect([twice.status, twice.body.code]).toEqual([400, 'group-point-repeated']);
    expect((await settingsOf()).groupOperatingPoints).toEqual([youngest]);
  });

  it('a parent reaches no admin operation', async () => {
    for (const [method, path] of [
      ['GET', '/admin/v1/sites'],
      ['GET', `/admin/v1/sites/${siteA}/children`],
      ['GET', `/admin/v1/children/${childA}/pickups`],
      ['GET', '/admin/v1/audit'],
    ] as const) {
      expect(await status(parent, method, path), path).toBe(403);
    }
  });
});
