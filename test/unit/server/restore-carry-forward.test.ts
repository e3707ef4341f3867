// A restore from backup does not undo what the district decided after the backup was made. A tablet unpaired since
// (stolen), a consent withdrawn, a parent's account disabled, a child removed and a custody order added: before, the
// restore brought the tablet back paired (its sync "done", the roster and templates its to take), the consent active,
// the account working and the order gone. Now each is applied again to the restored database.
import 'fake-indexeddb/auto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDistrictDatabase } from '../../../server/setup';
import { dayKeyIn } from '../../../server/ids';
import { GateDb } from '../../../src/storage/db';
import { clientFor, pairKiosk } from '../../../src/sync/pairing';
import { syncOnce } from '../../../src/sync/sync-once';
import type { components } from '../../../src/protocol/api-types.generated';
import { restorableDistrict } from './restorable-district';

type Schemas = components['schemas'];

describe('a restore from backup', () => {
  it('keeps what was decided after the backup: an unpaired tablet, a withdrawn consent, a disabled account, a custody order', async () => {
    const w = await restorableDistrict('restore-forward');
    const { start, stop, masterKey, pgDb, where } = w;
    const admin = w.adminOk;
    const db = () => w.db();
    await start();
    const site = await admin<Schemas['Site']>('POST', '/admin/v1/sites', { name: 'Sunflower', timeZone: 'Asia/Almaty' });
    await admin('PUT', `/admin/v1/sites/${site.siteId}/settings`, { biometricsEnabled: true, assessmentRef: 'DPIA-1' });
    const aru = await admin<Schemas['ChildAdmin']>('POST', `/admin/v1/sites/${site.siteId}/children`, { displayName: 'Aru A.' });
    const bota = await admin<Schemas['ChildAdmin']>('POST', `/admin/v1/sites/${site.siteId}/children`, { displayName: 'Bota B.' });
    const today = dayKeyIn(Date.now(), 'Asia/Almaty');
    const consent = await admin<Schemas['Consent']>('POST', `/admin/v1/children/${aru.childId}/consents`, {
      guardianName: 'Parent',
      grantedOn: today,
      expiresOn: today,
    });
    const parent = await admin<Schemas['Account']>('POST', '/admin/v1/accounts', {
      displayName: 'Father A.',
      role: 'parent',
      childIds: [aru.childId],
    });
    const nanny = await admin<Schemas['PickupAdultAdmin']>('POST', `/admin/v1/children/${aru.childId}/pickups`, {
      name: 'Nanny N.',
      code: '482913',
    });
    const grandma = await admin<Schemas['PickupAdultAdmin']>('POST', `/admin/v1/children/${aru.childId}/pickups`, {
      name: 'Grandma A.',
      code: '731904',
    });
    const code = await admin<Schemas['PairingCode']>('POST', `/admin/v1/sites/${site.siteId}/pairing-codes`);
    const tablet = new GateDb(`restore-forward-${Math.random()}`);
    const paired = await pairKiosk(tablet, { baseUrl: w.url(), code: code.code });
    if (paired.kind !== 'paired') throw new Error(JSON.stringify(paired));
    const sync = () => syncOnce({ db: tablet, clientFor: (p) => clientFor(p), now: Date.now, keepAckedDays: 35 });
    try {
      expect(await sync()).toEqual({ kind: 'done' });
      await stop();
      const file = await w.backup();

      // After the backup: the tablet is stolen and unpaired, the parent withdraws the consent, a court order bars the
      // father (his account disabled, a do-not-release entry), Bota leaves the kindergarten.
      await start();
      await admin('POST', `/admin/v1/devices/${paired.pairing.deviceId}/revoke`);
      await admin('POST', `/admin/v1/consents/${consent.consentId}/revoke`);
      await admin('POST', `/admin/v1/accounts/${parent.accountId}/disable`);
      const order = await admin<Schemas['DoNotRelease']>('POST', `/admin/v1/children/${aru.childId}/do-not-release`, {
        name: 'Father A.',
        reason: 'court order 12.03.2026',
      });
      await admin('POST', `/admin/v1/children/${bota.childId}/remove`);
      // The nanny is dismissed, grandma's code leaked and was changed, the district switches face recognition off.
      await admin('POST', `/admin/v1/pickups/${nanny.pickupId}/remove`);
      await admin('PUT', `/admin/v1/pickups/${grandma.pickupId}`, { code: '905127' });
      const [codeAfter] = await db().query<{ code_hash: unknown }>('select code_hash from pickup_adults where id = $1', [grandma.pickupId]);
      await admin('PUT', `/admin/v1/sites/${site.siteId}/settings`, { biometricsEnabled: false });
      await stop();

      const restored = await w.restore(file);
      expect(restored.carriedForward).toMatchObject({ kind: 'carried' });
      expect(restored.carriedForward?.kind === 'carried' && restored.carriedForward.changes).toMatchObject({
        devicesUnpaired: 1,
        consentsWithdrawn: 1,
        accountsDisabled: 1,
        childrenRemoved: 1,
        doNotReleaseRestored: 1,
      });
      await start();
      // The stolen tablet is told it is unpaired (and wipes itself), not served the roster.
      expect(await sync()).toMatchObject({ kind: 'blocked', reason: 'device-revoked' });
      const [c] = await db().query<{ revoked_on: string | null }>('select revoked_on from consents where id = $1', [consent.consentId]);
      expect(c!.revoked_on).toBe(today);
      const [a] = await db().query<{ disabled_at_ms: number | null }>('select disabled_at_ms from accounts where id = $1', [
        parent.accountId,
      ]);
      expect(a!.disabled_at_ms).not.toBeNull();
      const pickups = await admin<Schemas['ChildPickups']>('GET', `/admin/v1/children/${aru.childId}/pickups`);
      expect(pickups.doNotRelease.map((e) => [e.entryId, e.name])).toEqual([[order.entryId, 'Father A.']]);
      const [b] = await db().query<{ removed_at_ms: number | null }>('select removed_at_ms from children where id = $1', [bota.childId]);
      expect(b!.removed_at_ms).not.toBeNull();
      // The dismissed nanny is not back on the list; grandma's code is the new one; face recognition stays off.
      expect(pickups.adults.map((a) => a.name)).toEqual(['Grandma A.']);
      const [codeNow] = await db().query<{ code_hash: unknown }>('select code_hash from pickup_adults where id = $1', [grandma.pickupId]);
      expect(codeNow!.code_hash).toEqual(codeAfter!.code_hash);
      const sites = await admin<Schemas['Site'][]>('GET', '/admin/v1/sites');
      expect(sites.find((x) => x.siteId === site.siteId)!.settings.biometricsEnabled).toBe(false);
      const audit = await admin<Schemas['AuditPage']>('GET', '/admin/v1/audit?kind=district.restored');
      expect(audit.entries).toHaveLength(1);
      await stop();

      // Over a fresh database (a new machine whose server was started once before the restore): another district, whose
      // emptiness decides nothing: the backup's parents keep their children and nothing is removed.
      if (pgDb !== null) {
        const pg = (await import('pg')).default;
        const client = new pg.Client({ connectionString: pgDb.url });
        await client.connect();
        await client.query('drop schema public cascade; create schema public');
        await client.end();
      } else rmSync(where.dataDir!, { recursive: true, force: true });
      await (await openDistrictDatabase({ ...where, masterKey })).close();
      const again = await w.restore(file);
      expect(again.carriedForward).toEqual({ kind: 'skipped', reason: 'another-district' });
      const fresh = await openDistrictDatabase({ ...where, masterKey });
      expect(await fresh.query('select 1 from account_children where account_id = $1', [parent.accountId])).toHaveLength(1);
      expect(await fresh.query('select 1 from pickup_adults where id = $1', [nanny.pickupId])).toHaveLength(1);
      await fresh.close();

      // Over a damaged PGlite folder (the usual reason to restore): restored, and the command says nothing was carried.
      if (pgDb === null) {
        rmSync(where.dataDir!, { recursive: true, force: true });
        mkdirSync(where.dataDir!, { recursive: true });
        writeFileSync(join(where.dataDir!, 'PG_VERSION'), '17\n');
        const damaged = await w.restore(file);
        expect(damaged.carriedForward).toEqual({ kind: 'skipped', reason: 'unreadable' });
      }
      await start();
    } finally {
      await stop().catch(() => undefined);
      tablet.close();
      await tablet.delete();
      await w.drop();
    }
  }, 180_000);
});
