// A restore from backup and a consent withdrawn after it, with a real kiosk tablet: the tablet's bundle came from the
// days the restore lost, so its version number is above the restored district's. The new epoch moves every site's
// version past it: at its next sync the tablet takes the restored state in a full bundle and stops matching the child
// whose consent was withdrawn. Before, the tablet refused the lower version as a rollback and, once ordinary changes
// brought the district back to its number, heard "unchanged" and kept matching the child.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { dayKeyIn } from '../../../server/ids';
import type { ChildId } from '../../../src/core/types';
import { GateDb } from '../../../src/storage/db';
import { clientFor, pairKiosk } from '../../../src/sync/pairing';
import { pullStep } from '../../../src/sync/pull';
import { syncOnce } from '../../../src/sync/sync-once';
import type { components } from '../../../src/protocol/api-types.generated';
import { restorableDistrict } from './restorable-district';

type Schemas = components['schemas'];

describe('a consent withdrawn after a restore from backup', () => {
  it('reaches a tablet whose bundle came from the days the restore lost', async () => {
    const w = await restorableDistrict('restore-consent');
    const { start, stop, admin } = w;
    await start();
    const site = await admin<Schemas['Site']>('POST', '/admin/v1/sites', { name: 'Sunflower', timeZone: 'Asia/Almaty' });
    await admin('PUT', `/admin/v1/sites/${site.siteId}/settings`, { biometricsEnabled: true, assessmentRef: 'DPIA-1' });
    const child = await admin<Schemas['ChildAdmin']>('POST', `/admin/v1/sites/${site.siteId}/children`, { displayName: 'Aru A.' });
    const today = dayKeyIn(Date.now(), 'Asia/Almaty');
    const consent = await admin<Schemas['Consent']>('POST', `/admin/v1/children/${child.childId}/consents`, {
      guardianName: 'Parent',
      grantedOn: today,
      expiresOn: today,
    });
    const code = await admin<Schemas['PairingCode']>('POST', `/admin/v1/sites/${site.siteId}/pairing-codes`);
    const tablet = new GateDb(`restore-consent-${Math.random()}`);
    const paired = await pairKiosk(tablet, { baseUrl: w.url(), code: code.code });
    if (paired.kind !== 'paired') throw new Error(JSON.stringify(paired));
    const sync = () =>
      syncOnce({
        db: tablet,
        clientFor: (p) => clientFor(p),
        now: Date.now,
        keepAckedDays: 35,
        steps: { afterPush: pullStep(tablet, Date.now) },
      });
    const faceConsent = async () => (await tablet.children.get(child.childId as ChildId))?.faceConsent;
    try {
      expect(await sync()).toEqual({ kind: 'done' });
      expect(await faceConsent()).toBe(true);
      await stop();
      const file = await w.backup();

      // Days the restore will lose: the roster changes and the tablet takes bundles with higher numbers.
      await start();
      for (let i = 0; i < 3; i++) await admin('POST', `/admin/v1/sites/${site.siteId}/children`, { displayName: `Later ${i}` });
      expect(await sync()).toEqual({ kind: 'done' });
      await stop();

      await w.restore(file);
      await start();
      // The parent withdraws after the restore.
      await admin('POST', `/admin/v1/consents/${consent.consentId}/revoke`);
      expect(await sync()).toEqual({ kind: 'done' });
      expect(await faceConsent()).toBe(false);
      // And the restored roster is what the tablet holds: the children of the lost days are gone from it.
      expect((await tablet.children.toArray()).map((c) => c.firstName)).toEqual(['Aru']);
    } finally {
      await stop();
      tablet.close();
      await tablet.delete();
      await w.drop();
    }
  }, 180_000);
});
