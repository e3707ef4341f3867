// Who made a pairing code, and what becomes of it when their account is disabled: a director's code is in the audit log
// with their name, the tablet it paired lists them; once the district disables the director, the codes they made and
// nobody used pair nothing (before, a director who left kept a day-long code to pair a script that reads the site's
// roster, templates and pickup lists), and the entry names the tablets their codes paired, for the district to decide.
import { describe, expect, it } from 'vitest';
import type { components } from '../../../src/protocol/api-types.generated';
import { createSite, pairTestDevice, useTestDistrict } from './district-fixture';
import { person } from './people-fixture';

type Schemas = components['schemas'];

const d = useTestDistrict();

describe('pairing codes and who made them', () => {
  it("a director's codes are theirs: audited, shown on the tablet, void once the director is disabled", async () => {
    const siteId = await createSite(d, 'Codes site');
    const director = await person(d, { displayName: 'Director Leaving', role: 'site-director', siteId });
    const code = async () => {
      const r = await director.call<Schemas['PairingCode']>('POST', `/admin/v1/sites/${siteId}/pairing-codes`);
      expect(r.status).toBe(200);
      return r.body.code;
    };
    const used = await code();
    const kept = await code();
    const tablet = await pairTestDevice(d, siteId, 'Gate by director', used);

    const made = await d.admin<Schemas['AuditPage']>('GET', `/admin/v1/audit?siteId=${siteId}&kind=pairing-code.created&limit=10`);
    expect(made.body.entries.map((e) => e.actor)).toEqual(['site-director', 'site-director']);
    expect(made.body.entries[0]!.summary).toBe('Pairing code made for the site (valid for 24 hours, once)');
    const devices = await d.admin<Schemas['Device'][]>('GET', `/admin/v1/sites/${siteId}/devices`);
    expect(devices.body.map((t) => [t.deviceId, t.pairedBy])).toEqual([[tablet.pairing.deviceId, 'Director Leaving']]);

    // The director leaves; the district disables the account.
    expect((await d.admin('POST', `/admin/v1/accounts/${director.accountId}/disable`)).status).toBe(200);
    // The code they kept pairs nothing now.
    await expect(pairTestDevice(d, siteId, 'Script', kept)).rejects.toThrow(/pairing-code-invalid/);
    const disabled = await d.db.query<{ details: Record<string, unknown> }>(
      `select details from audit_log where action = 'account.disabled' and details->>'accountId' = $1`,
      [director.accountId],
    );
    expect(disabled[0]!.details).toMatchObject({ pairingCodesVoided: 1, tabletsPairedWithTheirCodes: [tablet.pairing.deviceId] });
    // A code from the admin token still pairs (nobody's account to lose).
    const other = await pairTestDevice(d, siteId, 'Gate by district');
    const after = await d.admin<Schemas['Device'][]>('GET', `/admin/v1/sites/${siteId}/devices`);
    expect(after.body.find((t) => t.deviceId === other.pairing.deviceId)?.pairedBy).toBeNull();
  });
});
