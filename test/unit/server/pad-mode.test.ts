// The site setting padMode (what the gate does with its presentation-attack decision), end to end on a real server
// (PGlite, or DATABASE_URL): a new site's bundle says evidence; the admin changes it, the version moves, tablets behind
// get the full bundle and the audit log says so in three languages; a value outside the contract is refused and
// changes nothing; a site row stored before the setting existed still gives every setting; the CLI sets and shows it;
// and a tablet's `face-refused` audit entry is accepted and summarised in Kazakh, Russian and English.
import { beforeAll, describe, expect, it } from 'vitest';
import { runDistrictCommand, type AdminCall } from '../../../server/admin/cli-commands';
import { render, type MessageKey, type MessageParam } from '../../../server/admin/client/messages';
import { chainAuditEntry, type AuditEntry, type AuditInput } from '../../../src/protocol/audit-chain';
import type { components } from '../../../src/protocol/api-types.generated';
import { createSite, pairTestDevice, useTestDistrict } from './district-fixture';

type Schemas = components['schemas'];
type Device = Awaited<ReturnType<typeof pairTestDevice>>;

const d = useTestDistrict();
const call: AdminCall = (method, path, body) => d.admin(method, path, body);
const cli = (...argv: string[]) => runDistrictCommand(argv, call);

async function fullBundle(device: Device): Promise<Schemas['BundlePayload']> {
  const r = await device.client.bundle();
  if (!r.ok || r.body.kind !== 'full') throw new Error(JSON.stringify(r));
  return r.body;
}

async function site(siteId: string): Promise<Schemas['Site']> {
  const sites = await d.admin<Schemas['Site'][]>('GET', '/admin/v1/sites');
  return sites.body.find((s) => s.siteId === siteId)!;
}

async function audit(query: string): Promise<Schemas['AuditLogEntry'][]> {
  const r = await d.admin<Schemas['AuditPage']>('GET', `/admin/v1/audit${query}`);
  if (r.status !== 200) throw new Error(JSON.stringify(r.body));
  return r.body.entries;
}

const inThreeLanguages = (e: Schemas['AuditLogEntry']) =>
  (['en', 'ru', 'kk'] as const).map((locale) =>
    render(locale, e.summaryKey as MessageKey, e.summaryParams as Record<string, MessageParam>),
  );

let siteId: string;
let device: Device;

beforeAll(async () => {
  siteId = await createSite(d, 'Sunflower kindergarten');
  device = await pairTestDevice(d, siteId);
}, 120_000);

describe('padMode, the site setting', () => {
  it('is evidence for a site created today, in its bundle and for the admin', async () => {
    expect((await fullBundle(device)).settings.padMode).toBe('evidence');
    expect((await site(siteId)).settings.padMode).toBe('evidence');
  });

  it('changes with a settings patch: a new version, the full bundle for a tablet behind, and an audit entry', async () => {
    const before = await fullBundle(device);
    const put = await d.admin<Schemas['Site']>('PUT', `/admin/v1/sites/${siteId}/settings`, { padMode: 'ask-bracelet' });
    expect(put.status).toBe(200);
    expect(put.body.settings).toEqual({ ...before.settings, padMode: 'ask-bracelet' });
    expect(put.body.revision).toBe(before.version + 1);
    // A tablet holding the version before gets every setting again (a settings change never travels as a delta).
    const behind = await device.client.bundle(before.version);
    if (!behind.ok) throw new Error(JSON.stringify(behind));
    expect(behind.body).toMatchObject({ kind: 'full', version: before.version + 1, settings: { padMode: 'ask-bracelet' } });
    const unchanged = await device.client.bundle(before.version + 1);
    expect(unchanged.ok && unchanged.body.kind).toBe('unchanged');

    const [entry] = await audit(`?siteId=${siteId}&kind=site.settings`);
    expect(entry).toMatchObject({ kind: 'site.settings', actor: 'district-admin', siteId, summaryKey: 'summary.site.settings' });
    expect(inThreeLanguages(entry!)).toEqual([
      'Settings changed: presentation-attack check: bracelet on an attack or an unsure result',
      'Настройки изменены: проверка на подмену лица: браслет при атаке или неуверенном результате',
      'Баптаулар өзгертілді: бетті алмастыруға тексеру: шабуыл немесе сенімсіз нәтиже болса, білезік',
    ]);
    expect(entry!.summary).toBe(inThreeLanguages(entry!)[0]);
  });

  it('refuses a value outside the contract with 400, and changes nothing', async () => {
    const before = await site(siteId);
    const logged = (await audit(`?siteId=${siteId}&kind=site.settings`)).length;
    for (const padMode of ['refuse-all', '', null, 1, 'Evidence']) {
      const r = await d.admin<Schemas['Error']>('PUT', `/admin/v1/sites/${siteId}/settings`, { padMode });
      expect(r.status, String(padMode)).toBe(400);
      expect(r.body.code).toBe('invalid-request');
    }
    // Not even alongside a good change.
    const mixed = await d.admin('PUT', `/admin/v1/sites/${siteId}/settings`, { matchThreshold: 0.5, padMode: 'off' });
    expect(mixed.status).toBe(400);
    expect(await site(siteId)).toEqual(before);
    expect(await audit(`?siteId=${siteId}&kind=site.settings`)).toHaveLength(logged);
    const same = await device.client.bundle(before.revision);
    expect(same.ok && same.body.kind).toBe('unchanged');
  });

  it('is evidence for a site stored before the setting existed, and stays absent from its stored row until changed', async () => {
    const oldSite = await createSite(d, 'Old kindergarten');
    await d.db.query(`update sites set settings = settings - 'padMode' where id = $1`, [oldSite]);
    const [row] = await d.db.query<{ settings: Record<string, unknown> }>('select settings from sites where id = $1', [oldSite]);
    expect(row!.settings).not.toHaveProperty('padMode');
    const oldDevice = await pairTestDevice(d, oldSite);
    const bundle = await fullBundle(oldDevice);
    expect(bundle.settings).toMatchObject({ padMode: 'evidence', maxOfflineFaceDays: 3, biometricsEnabled: false });
    expect((await site(oldSite)).settings.padMode).toBe('evidence');
    // Another setting changed on such a row: the row is completed, the version moves once.
    const put = await d.admin<Schemas['Site']>('PUT', `/admin/v1/sites/${oldSite}/settings`, { maxOfflineFaceDays: 4 });
    expect(put.body).toMatchObject({ revision: bundle.version + 1, settings: { padMode: 'evidence', maxOfflineFaceDays: 4 } });
    const [after] = await d.db.query<{ settings: Record<string, unknown> }>('select settings from sites where id = $1', [oldSite]);
    expect(after!.settings.padMode).toBe('evidence');
  });
});

describe('npm run district -- settings --pad-mode', () => {
  it('sets the mode, shows it in the listing, and says what is wrong with a bad value', async () => {
    const cliSite = await createSite(d, 'CLI kindergarten');
    const set = JSON.parse(await cli('settings', '--site', cliSite, '--pad-mode', 'record-flagged', '--json')) as Schemas['Site'];
    expect(set.settings.padMode).toBe('record-flagged');
    expect(await cli('settings', '--site', cliSite)).toMatch(/"padMode": "record-flagged"/);
    const listing = await cli('sites');
    expect(listing.split('\n')[0]).toMatch(/PAD mode$/);
    expect(listing.split('\n').find((l) => l.startsWith(cliSite))).toMatch(/record-flagged$/);
    expect(listing.split('\n').find((l) => l.startsWith(siteId))).toMatch(/ask-bracelet$/);
    await expect(cli('settings', '--site', cliSite, '--pad-mode', 'strict')).rejects.toThrow(
      '--pad-mode must be one of evidence, ask-bracelet, record-flagged; got strict.',
    );
    expect((await site(cliSite)).settings.padMode).toBe('record-flagged');
    expect(await cli('--help')).toMatch(/--pad-mode evidence\|ask-bracelet\|record-flagged/);
  });
});

describe('the tablet audit kind face-refused', () => {
  it('is accepted from a tablet and summarised in Kazakh, Russian and English', async () => {
    const child = await d.admin<Schemas['ChildAdmin']>('POST', `/admin/v1/sites/${siteId}/children`, {
      displayName: 'Amina S.',
      group: 'Stars',
    });
    const childId = child.body.childId;
    const inputs: AuditInput[] = [
      {
        kind: 'face-refused',
        childId,
        details: { padResult: 'attack', padReason: 'screen', liveness: 0.08, frames: 5, model: 'liveness-v1', rule: 'ask-bracelet' },
      },
      {
        kind: 'face-refused',
        childId,
        details: { padResult: 'unsure', padReason: 'few-frames', liveness: null, frames: 1, model: 'liveness-v1', rule: 'ask-bracelet' },
      },
    ];
    const entries: AuditEntry[] = [];
    const t0 = Date.now() - 60_000;
    inputs.forEach((input, i) => entries.push(chainAuditEntry(entries[i - 1] ?? null, input, t0 + i * 1000)));
    const pushed = await device.client.pushAudit({ entries });
    expect(pushed.ok, JSON.stringify(pushed)).toBe(true);

    const stored = await d.admin<Schemas['AuditEntry'][]>('GET', `/admin/v1/devices/${device.pairing.deviceId}/audit`);
    expect(stored.status).toBe(200);
    expect(stored.body.map((e) => [e.kind, e.childId, e.details?.padResult])).toEqual([
      ['face-refused', childId, 'attack'],
      ['face-refused', childId, 'unsure'],
    ]);

    const listed = await audit(`?siteId=${siteId}&kind=face-refused`);
    expect(listed.map((e) => [e.source, e.actor, e.deviceId, e.seq])).toEqual([
      ['tablet', 'tablet', device.pairing.deviceId, 2],
      ['tablet', 'tablet', device.pairing.deviceId, 1],
    ]);
    const [unsure, attack] = listed;
    expect(attack!.summaryKey).toBe('summary.face-refused');
    expect(inThreeLanguages(attack!)).toEqual([
      'Face check-in of Amina S. refused: presentation-attack check said attack; asked for the bracelet',
      'Отметка по лицу отклонена: Amina S., проверка на подмену лица: атака; попросили приложить браслет',
      'Бет бойынша белгілеу қабылданбады: Amina S., бетті алмастыруға тексеру нәтижесі: шабуыл; білезік сұралды',
    ]);
    expect(inThreeLanguages(unsure!)).toEqual([
      'Face check-in of Amina S. refused: presentation-attack check said unsure; asked for the bracelet',
      'Отметка по лицу отклонена: Amina S., проверка на подмену лица: неуверенный результат; попросили приложить браслет',
      'Бет бойынша белгілеу қабылданбады: Amina S., бетті алмастыруға тексеру нәтижесі: сенімсіз нәтиже; білезік сұралды',
    ]);
    for (const e of listed) expect(e.summary).toBe(inThreeLanguages(e)[0]);
    expect(await cli('audit-log', '--site', siteId, '--kind', 'face-refused')).toContain(attack!.summary);
  });

  it("is one of the kinds the admin page's audit filter offers", async () => {
    const r = await d.admin<Schemas['AuditPage']>('GET', '/admin/v1/audit?kind=face-refused&limit=1');
    expect(r.body.kinds).toContain('face-refused');
  });
});
