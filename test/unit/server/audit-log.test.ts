// The district's audit log as the admin page reads it, against a real server: the admin's own actions and a tablet's
// uploaded entries in one newest-first list with site, tablet, actor and summary; filters by site and kind; paging
// without gaps or repeats; a removed child shown by id only; each summary also as a message key with parameters, from
// which the page words it in Kazakh or Russian and the English line the CLI prints is rendered; and each tablet's stored
// chain re-verified, so that an entry edited or deleted in the database afterwards is reported where it breaks (an
// edit inside the part verified before by the full check, `full=true`).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runDistrictCommand } from '../../../server/admin/cli-commands';
import { render, type MessageParam } from '../../../server/admin/client/messages';
import { AUDIT_KINDS, auditSummary } from '../../../server/services/audit-summary';
import { chainAuditEntry, type AuditEntry, type AuditInput } from '../../../src/protocol/audit-chain';
import type { components } from '../../../src/protocol/api-types.generated';
import { createSite, pairTestDevice, useTestDistrict } from './district-fixture';

type Schemas = components['schemas'];

const d = useTestDistrict();
let siteId: string;
let otherSiteId: string;
let deviceId: string;
let aminaId: string;
let bekId: string;
const T0 = Date.UTC(2026, 10, 2, 3, 0);

function chain(inputs: AuditInput[], atMs: number): AuditEntry[] {
  const out: AuditEntry[] = [];
  inputs.forEach((input, i) => out.push(chainAuditEntry(out[i - 1] ?? null, input, atMs + i * 1000)));
  return out;
}

async function audit(query = ''): Promise<Schemas['AuditPage']> {
  const r = await d.admin<Schemas['AuditPage']>('GET', `/admin/v1/audit${query}`);
  if (r.status !== 200) throw new Error(JSON.stringify(r.body));
  return r.body;
}

const chains = async (query = '') => (await d.admin<Schemas['AuditChainStatus'][]>('GET', `/admin/v1/audit/chains${query}`)).body;

beforeAll(async () => {
  siteId = await createSite(d, 'Sunflower kindergarten');
  otherSiteId = await createSite(d, 'Other kindergarten');
  const add = async (displayName: string, bracelet: string) =>
    (
      await d.admin<Schemas['ChildAdmin']>('POST', `/admin/v1/sites/${siteId}/children`, {
        displayName,
        group: 'Stars',
        bracelets: [bracelet],
      })
    ).body.childId;
  aminaId = await add('Amina S.', 'mifare:04AA0001');
  bekId = await add('Bek T.', 'mifare:04AA0002');
  const consent = await d.admin<Schemas['Consent']>('POST', `/admin/v1/children/${aminaId}/consents`, {
    guardianName: 'Parent',
    grantedOn: '2026-11-01',
    expiresOn: '2027-10-31',
  });
  await d.admin('POST', `/admin/v1/consents/${consent.body.consentId}/revoke`);
  const device = await pairTestDevice(d, siteId);
  deviceId = device.pairing.deviceId;
  const entries = chain(
    [
      { kind: 'staff-sign-in' },
      { kind: 'manual-check-in', childId: bekId, details: { eventId: 'e1', direction: 'in' } },
      { kind: 'staff-sign-in-refused', details: { failures: 3 } },
    ],
    T0,
  );
  const pushed = await device.client.pushAudit({ entries });
  if (!pushed.ok) throw new Error(JSON.stringify(pushed));
}, 120_000);

describe('the admin audit log', () => {
  it('knows and summarises every action the server records (a new one must be added to the filter and the summary)', () => {
    const files = readdirSync('server', { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.ts'))
      .map((f) => readFileSync(join('server', f), 'utf8'));
    const recorded = new Set(
      files.flatMap((text) => [...text.matchAll(/insert into audit_log[\s\S]{0,200}?'([a-z-]+\.[a-z-]+)'/g)].map((m) => m[1]!)),
    );
    expect(recorded.size).toBeGreaterThanOrEqual(11);
    for (const action of recorded) {
      expect(AUDIT_KINDS, action).toContain(action);
      expect(
        auditSummary({ source: 'district', kind: action, actor: 'admin', childId: null, details: {} }, (id) => id),
        action,
      ).not.toBe(action);
    }
  });

  it("lists the admin's actions and the tablet's entries newest first, with site, tablet, actor and a summary", async () => {
    const page = await audit();
    const revoked = page.entries.find((e) => e.kind === 'consent.revoked');
    expect(revoked).toMatchObject({
      source: 'district',
      siteId,
      siteName: 'Sunflower kindergarten',
      deviceId: null,
      actor: 'district-admin',
      summary: 'Face consent withdrawn for Amina S.; 0 stored templates deleted',
    });
    const marked = page.entries.find((e) => e.kind === 'manual-check-in');
    expect(marked).toMatchObject({
      source: 'tablet',
      siteId,
      siteName: 'Sunflower kindergarten',
      deviceId,
      seq: 2,
      actor: 'staff',
      atMs: T0 + 1000,
      summary: 'Bek T. marked in by hand',
    });
    expect(marked!.deviceName).toEqual(expect.any(String));
    expect(page.entries.find((e) => e.kind === 'staff-sign-in-refused')).toMatchObject({
      actor: 'tablet',
      summary: 'Wrong staff PIN (3 failures in a row)',
    });
    const times = page.entries.map((e) => e.atMs);
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(page.kinds).toEqual(expect.arrayContaining(['staff-sign-in', 'consent.revoked', 'device.revoked']));
    // Nothing about the guardian reaches the log.
    expect(JSON.stringify(page)).not.toContain('Parent');
  });

  it('gives each summary as a message key with parameters: the page words it in Russian, the CLI prints the same English line', async () => {
    const page = await audit();
    const params = (e: Schemas['AuditLogEntry']) => e.summaryParams as Record<string, MessageParam>;
    for (const e of page.entries) expect(render('en', e.summaryKey as Parameters<typeof render>[1], params(e)), e.kind).toBe(e.summary);
    const revoked = page.entries.find((e) => e.kind === 'consent.revoked')!;
    expect(revoked).toMatchObject({ summaryKey: 'summary.consent.revoked', summaryParams: { child: 'Amina S.', count: 0 } });
    expect(render('ru', 'summary.consent.revoked', params(revoked))).toBe(
      'Согласие на распознавание лица отозвано: Amina S.; удалено 0 сохранённых шаблонов',
    );
    expect(render('kk', 'summary.manual-check-in.in', params(page.entries.find((e) => e.kind === 'manual-check-in')!))).toBe(
      'Bek T.: келуі қолмен белгіленді',
    );

    const printed = await runDistrictCommand(['audit-log'], (method, path, body) => d.admin(method, path, body));
    for (const e of page.entries) expect(printed, e.kind).toContain(e.summary);
  });

  it('filters by kind and by site', async () => {
    const signIns = await audit('?kind=staff-sign-in');
    expect(signIns.entries.map((e) => e.kind)).toEqual(['staff-sign-in']);
    const ofSite = await audit(`?siteId=${siteId}`);
    expect(ofSite.entries.length).toBeGreaterThanOrEqual(5);
    expect(ofSite.entries.every((e) => e.siteId === siteId)).toBe(true);
    expect((await audit(`?siteId=${otherSiteId}`)).entries).toEqual([]);
    const refused = await d.admin<Schemas['Error']>('GET', '/admin/v1/audit?kind=no-such-kind');
    expect(refused.status).toBe(400);
    expect(refused.body.code).toBe('unknown-kind');
    expect((await d.admin('GET', '/admin/v1/audit?olderThan=garbage')).status).toBe(400);
    expect((await fetch(`${d.url}/admin/v1/audit`)).status).toBe(401);
  });

  it('pages through everything once, oldest last', async () => {
    const all = (await audit('?limit=200')).entries;
    expect(all.length).toBeGreaterThanOrEqual(5);
    const seen: Schemas['AuditLogEntry'][] = [];
    let page = await audit('?limit=2');
    seen.push(...page.entries);
    while (page.older !== null) {
      expect(page.entries).toHaveLength(2);
      page = await audit(`?limit=2&olderThan=${encodeURIComponent(page.older)}`);
      seen.push(...page.entries);
    }
    expect(seen).toEqual(all);
  });

  it('shows a removed child by id only', async () => {
    await d.admin('POST', `/admin/v1/children/${bekId}/remove`);
    const page = await audit(`?siteId=${siteId}`);
    expect(page.entries.find((e) => e.kind === 'manual-check-in')!.summary).toBe(`${bekId} marked in by hand`);
    expect(page.entries.find((e) => e.kind === 'child.removed')!.summary).toBe(`${bekId} removed from the roster`);
    expect(page.entries.find((e) => e.kind === 'manual-check-in')!.summaryParams).toEqual({ child: bekId });
    expect(JSON.stringify(page)).not.toContain('Bek T.');
  });

  it("re-verifies each tablet's stored chain and reports where an edit or a deletion breaks it", async () => {
    expect(await chains(`?siteId=${siteId}`)).toEqual([
      expect.objectContaining({ deviceId, siteId, entries: 3, headSeq: 3, verified: true, brokenAtSeq: null, problem: null }),
    ]);
    expect(await chains(`?siteId=${otherSiteId}`)).toEqual([]);

    // Someone with database access turns the hand mark into a check-out. The change is noted (chain_edits), so even
    // the quick check reads the whole log again and finds it; so does the full one.
    await d.db.query(`update device_audit set body = jsonb_set(body, '{details,direction}', '"out"') where device_id = $1 and seq = 2`, [
      deviceId,
    ]);
    expect((await chains())[0]).toMatchObject({ verified: false, brokenAtSeq: 2, problemKind: 'hash', checked: 'all' });
    const [edited] = await chains('?full=true');
    expect(edited).toMatchObject({ verified: false, brokenAtSeq: 2 });
    expect(edited!.problem).toMatch(/Entry 2 was changed after upload/);
    expect(edited!.problemKind).toBe('hash');
    await d.db.query(`update device_audit set body = jsonb_set(body, '{details,direction}', '"in"') where device_id = $1 and seq = 2`, [
      deviceId,
    ]);
    expect((await chains())[0]!.verified).toBe(true);

    // ... or deletes the refused sign-in at the end of the log: found by the quick check too.
    expect((await chains())[0]).toMatchObject({ verified: true, checked: 'new-entries' });
    await d.db.query('delete from device_audit where device_id = $1 and seq = 3', [deviceId]);
    const [cut] = await chains();
    expect(cut).toMatchObject({ verified: false, entries: 2, headSeq: 3, brokenAtSeq: 3 });
    expect(cut!.problem).toMatch(/ends at entry 2.*ends at entry 3/);
    expect(cut!.problemKind).toBe('ends-early');
  });
});
