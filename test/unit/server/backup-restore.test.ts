// Backup and restore round trip with a real kiosk tablet: the district is backed up, the tablet pushes more check-ins,
// the backup is restored (PGlite folder, or pg_dump/pg_restore with DATABASE_URL); the data of the backup is back, what
// came after is gone, the epoch is new, and at its next sync the tablet pushes again what the district lacks and still
// holds (the new epoch lets its chain resume past events it had pruned meanwhile, recorded as a gap). A backup of the other engine's kind, or under another master key, is refused and
// changes nothing.
import 'fake-indexeddb/auto';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { postgresConnection } from '../../../server/ops/backup';
import { ephemeralMasterKey, type MasterKey } from '../../../server/secrets/master-key';
import { MasterKeyMismatchError } from '../../../server/secrets/seal-at-rest';
import { recordDecision } from '../../../src/attendance/record-event';
import type { ChildId } from '../../../src/core/types';
import { GateDb } from '../../../src/storage/db';
import { clientFor, pairKiosk } from '../../../src/sync/pairing';
import { syncOnce } from '../../../src/sync/sync-once';
import type { components } from '../../../src/protocol/api-types.generated';
import { usingPostgres } from './district-fixture';
import { restorableDistrict } from './restorable-district';

type Schemas = components['schemas'];

describe(`backup and restore (${usingPostgres() ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('brings the backup back, starts a new epoch, and the tablet pushes again what the district lacks', async () => {
    const w = await restorableDistrict('backup');
    const { start, stop, admin, masterKey, pgDb, dir } = w;
    const db = () => w.db();
    const eventCount = async () => (await db().query<{ n: number }>('select count(*)::int as n from events'))[0]!.n;

    await start();
    const site = await admin<Schemas['Site']>('POST', '/admin/v1/sites', { name: 'Before the backup' });
    const child = await admin<Schemas['ChildAdmin']>('POST', `/admin/v1/sites/${site.siteId}/children`, { displayName: 'Aru' });
    const code = await admin<Schemas['PairingCode']>('POST', `/admin/v1/sites/${site.siteId}/pairing-codes`);
    const tablet = new GateDb(`backup-${Math.random()}`);
    const paired = await pairKiosk(tablet, { baseUrl: w.url(), code: code.code });
    if (paired.kind !== 'paired') throw new Error(JSON.stringify(paired));
    let at = Date.now() - 3_600_000;
    const checkIn = async () => {
      // Alternating directions a minute apart, so that each one is recorded.
      await recordDecision(
        tablet,
        { kind: 'recognized', childId: child.childId as ChildId, method: 'bracelet', score: null },
        (at += 60_000),
        paired.pairing.deviceId,
        {
          checkOutMinIntervalMs: 0,
        },
      );
    };
    const sync = () => syncOnce({ db: tablet, clientFor: (p) => clientFor(p), now: Date.now, keepAckedDays: 35 });
    for (let i = 0; i < 3; i++) await checkIn();
    expect(await sync()).toEqual({ kind: 'done' });
    expect(await eventCount()).toBe(3);
    const epochBefore = (await db().query<{ epoch: string }>('select epoch from district'))[0]!.epoch;
    await stop();

    const file = await w.backup();

    await start();
    await admin('POST', '/admin/v1/sites', { name: 'After the backup' });
    for (let i = 0; i < 4; i++) await checkIn();
    expect(await sync()).toEqual({ kind: 'done' });
    expect(await eventCount()).toBe(7);
    expect(await tablet.outbox.count()).toBe(0); // acknowledged: the tablet no longer queues them
    // The tablet prunes acknowledged events after a while (35 days): say it already dropped the first two of these.
    const dropped = (await tablet.events.toArray()).filter((e) => e.seq === 4 || e.seq === 5).map((e) => e.id);
    expect(dropped).toHaveLength(2);
    await tablet.events.bulkDelete(dropped);
    await stop();

    // Refused and harmless: a backup of the other kind, and the right backup under another master key.
    const wrongKind = join(dir, 'wrong');
    writeFileSync(wrongKind, pgDb !== null ? Buffer.from([0x1f, 0x8b, 8, 0]) : Buffer.from('PGDMP....'));
    const restore = (f: string, key: MasterKey, replace = true) => w.restore(f, { masterKey: key, replace });
    await expect(restore(wrongKind, masterKey)).rejects.toThrow(/backup, but this district runs on/);
    // Over a database that is there, only when told (--replace).
    await expect(restore(file, masterKey, false)).rejects.toThrow(/holds a district database already. Say --replace/);
    await expect(restore(file, await ephemeralMasterKey())).rejects.toThrow(MasterKeyMismatchError);
    if (pgDb === null) expect(readdirSync(dir).filter((f) => f.startsWith('data.before-restore'))).toEqual([]);
    // None of the refusals changed the database: it still holds what came after the backup.
    await start();
    expect((await admin<Schemas['Site'][]>('GET', '/admin/v1/sites')).map((s) => s.name)).toEqual([
      'Before the backup',
      'After the backup',
    ]);
    expect(await eventCount()).toBe(7);
    await stop();

    const restored = await restore(file, masterKey);
    expect(restored.epoch).not.toBe(epochBefore);
    expect(restored.previous).not.toBeNull();
    await start();
    try {
      const sites = await admin<Schemas['Site'][]>('GET', '/admin/v1/sites');
      expect(sites.map((s) => s.name)).toEqual(['Before the backup']);
      expect(await eventCount()).toBe(3);
      // The tablet sees the new epoch, queues what it still holds past the district's head, and pushes it again; the
      // new epoch lets its chain resume once past the two events nobody holds any more, and records that gap.
      expect(await sync()).toEqual({ kind: 'done' });
      expect(await eventCount()).toBe(5);
      expect(await db().query('select head_seq from devices')).toEqual([{ head_seq: 7 }]);
      expect(await db().query('select from_seq, to_seq from chain_gaps')).toEqual([{ from_seq: 4, to_seq: 5 }]);
    } finally {
      await stop();
      tablet.close();
      await tablet.delete();
      await w.drop();
    }
  }, 300_000);
});

describe('pg_dump and pg_restore', () => {
  it('get the database password in their environment, never on their command line (which ps shows to every local user)', () => {
    const c = postgresConnection('postgres://district:s%40cret%2Fpw@db.example:5432/gate?sslmode=require');
    expect(c.dbname).toBe('postgres://district@db.example:5432/gate?sslmode=require');
    expect(c.dbname).not.toContain('cret');
    expect(c.env).toEqual({ PGPASSWORD: 's@cret/pw' });
    // A Unix socket (no host before the path: no URL parser takes it) and a password given as a parameter.
    expect(postgresConnection('postgres://gk:pw@/gk?host=/var/run/postgresql')).toEqual({
      dbname: 'postgres://gk@/gk?host=/var/run/postgresql',
      env: { PGPASSWORD: 'pw' },
    });
    expect(postgresConnection('postgresql://gk@db/gk?password=s3cret&sslmode=require')).toEqual({
      dbname: 'postgresql://gk@db/gk?sslmode=require',
      env: { PGPASSWORD: 's3cret' },
    });
    expect(postgresConnection('postgres://gk@db/gk?sslmode=require&password=s3cret')).toEqual({
      dbname: 'postgres://gk@db/gk?sslmode=require',
      env: { PGPASSWORD: 's3cret' },
    });
    expect(postgresConnection('postgres://postgres@127.0.0.1:55432/postgres')).toEqual({
      dbname: 'postgres://postgres@127.0.0.1:55432/postgres',
      env: {},
    });
  });
});
