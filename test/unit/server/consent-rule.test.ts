// One consent rule for kiosk and district: the SQL the server filters with (activeConsentSql) says "active" on exactly
// the same consents and days as isConsentActive (src/core/consent.ts), which the kiosk and the server's API answers use;
// looking back, consentCoveredDay counts the days before a later withdrawal.
import { describe, expect, it } from 'vitest';
import { consentCoveredDay, isConsentActive, type ConsentDates } from '../../../src/core/consent';
import { activeConsentSql } from '../../../server/services/roster';
import { createSite, useTestDistrict } from './district-fixture';

const district = useTestDistrict();

const consents: ConsentDates[] = [
  { grantedOn: '2026-01-01', expiresOn: '2026-12-31', revokedOn: null },
  { grantedOn: '2026-01-01', expiresOn: '2026-12-31', revokedOn: '2026-03-01' },
  { grantedOn: '2026-05-10', expiresOn: '2026-05-10', revokedOn: null },
  { grantedOn: '2026-06-01', expiresOn: '2026-06-30', revokedOn: '2026-06-01' },
];
const days = [
  '2025-12-31',
  '2026-01-01',
  '2026-02-28',
  '2026-03-01',
  '2026-05-09',
  '2026-05-10',
  '2026-05-11',
  '2026-06-15',
  '2026-12-31',
  '2027-01-01',
];

describe('the active-consent rule', () => {
  it('is the same in SQL and in TypeScript on every consent and day', async () => {
    const siteId = await createSite(district);
    const children: string[] = [];
    for (const [i, k] of consents.entries()) {
      const child = await district.admin<{ childId: string }>('POST', `/admin/v1/sites/${siteId}/children`, {
        displayName: `Rule${i} Child`,
        group: 'Suns',
        bracelets: [],
      });
      children.push(child.body.childId);
      await district.db.query(
        `insert into consents (id, child_id, guardian_name, scope, granted_on, expires_on, revoked_on, created_at_ms)
         values ($1, $2, 'Parent', 'face', $3, $4, $5, 0)`,
        [`rule-${i}-${Math.random()}`, child.body.childId, k.grantedOn, k.expiresOn, k.revokedOn],
      );
    }
    const sql: boolean[][] = [];
    const ts: boolean[][] = [];
    for (const [i, k] of consents.entries()) {
      sql.push([]);
      ts.push([]);
      for (const day of days) {
        const rows = await district.db.query<{ ok: boolean }>(`select ${activeConsentSql('$1', '$2')} as ok`, [children[i], day]);
        sql[i]!.push(rows[0]!.ok);
        ts[i]!.push(isConsentActive(k, day));
      }
    }
    expect(sql).toEqual(ts);
    // And the cases mean what they say: active from the grant day to the last day, never once revoked.
    expect(ts[0]).toEqual([false, true, true, true, true, true, true, true, true, false]);
    expect(ts[1]!.every((active) => !active)).toBe(true);
    expect(ts[2]).toEqual([false, false, false, false, false, true, false, false, false, false]);
  });

  it('looking back (integrity signals), a consent withdrawn later covered the days up to its withdrawal', () => {
    const covered = consents.map((k) => days.map((day) => consentCoveredDay(k, day)));
    expect(covered[0]).toEqual(days.map((day) => isConsentActive(consents[0]!, day)));
    // Withdrawn on 1 March: January, February and the morning of 1 March were covered; nothing after.
    expect(covered[1]).toEqual([false, true, true, true, false, false, false, false, false, false]);
    expect(covered[3]).toEqual(days.map(() => false));
  });
});
