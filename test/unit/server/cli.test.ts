// The admin CLI against the real server's admin API: a site from scratch to a consented child, the biometrics switch
// refused without an assessment reference, a withdrawn consent, the daily CSV, and errors that say what to do.
import { describe, expect, it } from 'vitest';
import { CliError, runDistrictCommand, type AdminCall } from '../../../server/admin/cli-commands';
import { useTestDistrict } from './district-fixture';

const d = useTestDistrict();
const call: AdminCall = (method, path, body) => d.admin(method, path, body);

const run = (...argv: string[]) => runDistrictCommand(argv, call);
const json = async <T>(...argv: string[]) => JSON.parse(await run(...argv, '--json')) as T;

describe('npm run district', () => {
  it('sets up a site, a child with a bracelet and a consent, and withdraws it', async () => {
    expect(await run('sites')).toMatch(/No sites yet/);
    expect(await run('site', 'create', 'Kindergarten No. 7', '--tz', 'Asia/Almaty')).toMatch(
      /Created site site_\w+ \(Kindergarten No. 7, Asia\/Almaty\)/,
    );
    await expect(run('biometrics', 'on')).rejects.toThrow(/--assessment/);
    expect(await run('biometrics', 'on', '--assessment', 'DPIA-2026-7')).toMatch(/on at Kindergarten No. 7 \(assessment DPIA-2026-7\)/);
    expect(await run('child', 'add', 'Aisha K.', '--group', 'Stars', '--bracelet', 'mifare:04C0FFEE')).toMatch(
      /Added Aisha K\. as child_\w+ with bracelet mifare:04C0FFEE/,
    );
    const [child] = await json<{ childId: string }[]>('children');
    expect(await run('consent', 'grant', child!.childId, '--guardian', 'Dana K.', '--relation', 'mother')).toMatch(
      /Recorded consent cons_\w+ by Dana K\./,
    );
    expect(await run('children')).toMatch(/1 children, 1 with an active face consent/);
    const [guardian] = await json<{ consentId: string; active: boolean }[]>('guardians');
    expect(guardian!.active).toBe(true);
    expect(await run('consent', 'revoke', guardian!.consentId)).toMatch(/withdrawn on \d{4}-\d{2}-\d{2}/);
    expect(await run('guardians')).toMatch(/withdrawn \d{4}-\d{2}-\d{2}/);
    expect(await run('children')).toMatch(/1 children, 0 with an active face consent/);
    expect(await run('audit-log', '--kind', 'consent.revoked')).toMatch(
      /Kindergarten No\. 7 +- +consent\.revoked +district-admin +Face consent withdrawn for Aisha K\.; 0 stored templates deleted/,
    );
    expect(await run('audit-log', '--kind', 'staff-sign-in')).toBe('No audit entries match.');
  });

  it('changes settings, makes pairing codes, and exports the daily report as CSV', async () => {
    const site = (await json<{ siteId: string }[]>('sites'))[0]!;
    const settings = await json<{ settings: { nightlyWindow: { start: string; end: string }; maxOfflineFaceDays: number } }>(
      'settings',
      '--nightly',
      '02:00-05:00',
      '--max-offline-days',
      '5',
    );
    expect(settings.settings.nightlyWindow).toEqual({ start: '02:00', end: '05:00' });
    expect(settings.settings.maxOfflineFaceDays).toBe(5);
    await expect(run('settings', '--max-offline-days', '40')).rejects.toThrow(/Refused \(400 invalid-request\)/);
    expect(await run('pairing-code')).toMatch(/#pair=[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}/);
    expect(await run('devices')).toMatch(/No tablets paired/);
    expect(await run('audit-chains')).toBe('No tablets.');
    await expect(run('audit', 'dev_unknown')).resolves.toMatch(/No audit entries from dev_unknown/);
    const csv = await run('report', '--day', '2026-03-02', '--csv', '--site', site.siteId);
    expect(csv.split('\r\n')[0]).toBe('day,child_id,name,group,first_in,first_in_method,pad_flagged,last_out,marks');
    expect(csv).toMatch(/2026-03-02,child_\w+,Aisha K\.,Stars,,,,,0/);
  });

  it('says what to do on mistakes', async () => {
    await expect(run('bogus')).rejects.toThrow(CliError);
    await expect(run('devices', '--site', 'nope')).rejects.toThrow(/No site nope/);
    await run('site', 'create', 'Second site');
    await expect(run('children')).rejects.toThrow(/several sites: choose one with --site/);
    expect(await run('--help')).toMatch(/Usage: npm run district/);
  });
});
