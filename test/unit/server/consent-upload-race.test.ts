// A parent withdraws consent while a tablet's template upload is in flight (PostgreSQL, READ COMMITTED: PGlite runs one
// transaction at a time, so there the two cannot interleave). The upload has passed its consent check and holds the
// child's row; the withdrawal now waits for that row, so the template the upload commits is deleted with the others.
// Before, the withdrawal's delete could not see the uncommitted template, and it stayed at the district for a child
// with no consent.
import { describe, expect, it } from 'vitest';
import type { Database, Queryable } from '../../../server/db/database';
import { dayKeyIn } from '../../../server/ids';
import { storeTemplate } from '../../../server/services/gallery';
import { revokeConsent } from '../../../server/services/roster';
import type { components } from '../../../src/protocol/api-types.generated';
import { createSite, pairTestDevice, sealedTemplateStandIn, usingPostgres, useTestDistrict } from './district-fixture';

type Schemas = components['schemas'];
const d = useTestDistrict();

describe('a withdrawal during a template upload', () => {
  it.skipIf(!usingPostgres())(
    'leaves no template of the child at the district',
    async () => {
      const siteId = await createSite(d);
      await d.admin('PUT', `/admin/v1/sites/${siteId}/settings`, { biometricsEnabled: true, assessmentRef: 'DPIA-1' });
      const c = await d.admin<Schemas['ChildAdmin']>('POST', `/admin/v1/sites/${siteId}/children`, { displayName: 'Ana B.' });
      const today = dayKeyIn(Date.now(), 'Asia/Almaty');
      const k = await d.admin<Schemas['Consent']>('POST', `/admin/v1/children/${c.body.childId}/consents`, {
        guardianName: 'P.',
        grantedOn: today,
        expiresOn: today,
      });
      const tablet = await pairTestDevice(d, siteId, 'Gate-1');
      let release!: () => void;
      const held = new Promise<void>((r) => (release = r));
      let checked!: () => void;
      const consentChecked = new Promise<void>((r) => (checked = r));
      // The same database; the upload's transaction pauses right after its consent check (the child's row locked).
      const paused: Database = {
        ...d.db,
        transaction: (fn) =>
          d.db.transaction((tx) =>
            fn({
              secrets: tx.secrets,
              query: async (sql: string, params?: unknown[]) => {
                const rows = await tx.query(sql, params);
                if (/as ok from children ch/.test(sql)) {
                  checked();
                  await held;
                }
                return rows as never;
              },
            } as Queryable),
          ),
      } as Database;
      const upload = storeTemplate(
        paused,
        { deviceId: tablet.pairing.deviceId, siteId } as never,
        {
          templateId: 'tpl-race-1',
          childId: c.body.childId,
          createdAtMs: Date.now() - 1000,
          keyVersion: tablet.pairing.templateKey?.keyVersion ?? 1,
          ciphertext: sealedTemplateStandIn(),
        } as never,
        Date.now(),
      );
      await consentChecked;
      const withdrawal = revokeConsent(d.db, k.body.consentId, 'parent', Date.now());
      await new Promise((r) => setTimeout(r, 300));
      release();
      await upload.catch(() => undefined);
      expect((await withdrawal).revokedOn).toBe(today);
      expect(await d.db.query('select id from templates where child_id = $1', [c.body.childId])).toEqual([]);
    },
    60_000,
  );
});
