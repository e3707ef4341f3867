// The site setting presenceEvidence (issue 14), end to end on a real server: off for a new site and for a row stored
// before the setting existed; the admin or the CLI switches it on, the version moves, the tablet's bundle says so and
// the audit log words it in three languages; a value that is not a boolean is refused and changes nothing.
import { beforeAll, describe, expect, it } from 'vitest';
import { runDistrictCommand, type AdminCall } from '../../../server/admin/cli-commands';
import { render, type MessageKey, type MessageParam } from '../../../server/admin/client/messages';
import type { components } from '../../../src/protocol/api-types.generated';
import { createSite, pairTestDevice, useTestDistrict } from './district-fixture';

type Schemas = components['schemas'];

const d = useTestDistrict();
const call: AdminCall = (method, path, body) => d.admin(method, path, body);
const cli = (...argv: string[]) => runDistrictCommand(argv, call);

let siteId: string;
let device: Awaited<ReturnType<typeof pairTestDevice>>;

async function bundleSettings(): Promise<Schemas['SiteSettings']> {
  const r = await device.client.bundle();
  if (!r.ok || r.body.kind !== 'full') throw new Error(JSON.stringify(r));
  return r.body.settings;
}

beforeAll(async () => {
  siteId = await createSite(d, 'Presence kindergarten');
  device = await pairTestDevice(d, siteId);
}, 120_000);

describe('presenceEvidence, the site setting', () => {
  it('is off for a new site and for a site stored before the setting existed', async () => {
    expect((await bundleSettings()).presenceEvidence).toBe(false);
    const old = await createSite(d, 'Old presence kindergarten');
    await d.db.query(`update sites set settings = settings - 'presenceEvidence' where id = $1`, [old]);
    const oldDevice = await pairTestDevice(d, old);
    const r = await oldDevice.client.bundle();
    expect(r.ok && r.body.kind === 'full' && r.body.settings.presenceEvidence).toBe(false);
  });

  it('switches on with a settings patch: a new version for the tablets and an audit entry in three languages', async () => {
    const before = await device.client.bundle();
    if (!before.ok || before.body.kind !== 'full') throw new Error('no bundle');
    const put = await d.admin<Schemas['Site']>('PUT', `/admin/v1/sites/${siteId}/settings`, { presenceEvidence: true });
    expect(put.status).toBe(200);
    expect(put.body.revision).toBe(before.body.version + 1);
    expect((await bundleSettings()).presenceEvidence).toBe(true);
    const page = await d.admin<Schemas['AuditPage']>('GET', `/admin/v1/audit?siteId=${siteId}&kind=site.settings`);
    const entry = page.body.entries[0]!;
    expect(
      (['en', 'ru', 'kk'] as const).map((l) =>
        render(l, entry.summaryKey as MessageKey, entry.summaryParams as Record<string, MessageParam>),
      ),
    ).toEqual([
      'Settings changed: presence evidence at bracelet taps on',
      'Настройки изменены: подтверждение присутствия при касании браслетом включено',
      'Баптаулар өзгертілді: білезікті тигізгенде адамның бар екенін растау қосулы',
    ]);
  });

  it('refuses anything but a boolean with 400 and changes nothing', async () => {
    const sites = async () => (await d.admin<Schemas['Site'][]>('GET', '/admin/v1/sites')).body.find((s) => s.siteId === siteId)!;
    const before = await sites();
    for (const presenceEvidence of ['yes', 1, null, 'true']) {
      const r = await d.admin<Schemas['Error']>('PUT', `/admin/v1/sites/${siteId}/settings`, { presenceEvidence });
      expect([r.status, r.body.code], String(presenceEvidence)).toEqual([400, 'invalid-request']);
    }
    expect(await sites()).toEqual(before);
  });

  it('is set by the CLI with on or off, and a bad value says what to type', async () => {
    const cliSite = await createSite(d, 'CLI presence kindergarten');
    const on = JSON.parse(await cli('settings', '--site', cliSite, '--presence-evidence', 'on', '--json')) as Schemas['Site'];
    expect(on.settings.presenceEvidence).toBe(true);
    const off = JSON.parse(await cli('settings', '--site', cliSite, '--presence-evidence', 'off', '--json')) as Schemas['Site'];
    expect(off.settings.presenceEvidence).toBe(false);
    await expect(cli('settings', '--site', cliSite, '--presence-evidence', 'yes')).rejects.toThrow(
      '--presence-evidence must be on or off; got yes.',
    );
    expect(await cli('--help')).toMatch(/--presence-evidence on\|off/);
  });
});
