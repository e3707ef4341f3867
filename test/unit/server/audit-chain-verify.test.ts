// Verifying tablets' audit chains never holds up the server: it works in batches of at most VERIFY_BATCH entries with a
// turn of the event loop between them (10,000 entries used to block every other request for most of a second), and it
// goes on from where it last verified, so that a check after a few new uploads reads only those. An edit or a deletion
// is still found (the full check re-reads everything, in the same batches). Where each tablet's check starts is found
// for all of them at once, so a region's tablets with nothing new cost a few queries, not a few each.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { VERIFY_BATCH, verifyAuditChains } from '../../../server/services/audit-log';
import { chainAuditEntry, type AuditEntry } from '../../../src/protocol/audit-chain';
import type { Database, Queryable } from '../../../server/db/database';
import type { components } from '../../../src/protocol/api-types.generated';
import { createSite, pairTestDevice, useTestDistrict } from './district-fixture';

type Schemas = components['schemas'];

const d = useTestDistrict();

/** Writes `count` chained entries after `prev` straight into the database (as accepted uploads would have). */
async function seedChain(db: Database, deviceId: string, count: number, prev: AuditEntry | null = null): Promise<AuditEntry> {
  let last = prev;
  const t0 = Date.UTC(2026, 0, 5, 3, 0);
  for (let start = 0; start < count; start += 1000) {
    const batch: AuditEntry[] = [];
    for (let i = start; i < Math.min(count, start + 1000); i++) {
      last = chainAuditEntry(last, { kind: 'staff-sign-in' }, t0 + (last?.seq ?? 0) * 1000);
      batch.push(last);
    }
    await db.query(
      `insert into device_audit (device_id, seq, at_ms, kind, child_id, body, prev_hash, hash, received_at_ms)
       select $1, u.seq, u.at_ms, 'staff-sign-in', null, u.body, u.prev_hash, u.hash, 0
       from unnest($2::int[], $3::bigint[], $4::jsonb[], $5::text[], $6::text[]) as u(seq, at_ms, body, prev_hash, hash)`,
      [
        deviceId,
        batch.map((e) => e.seq),
        batch.map((e) => e.atMs),
        batch.map(({ hash: _hash, ...body }) => JSON.stringify(body)),
        batch.map((e) => e.prevHash),
        batch.map((e) => e.hash),
      ],
    );
  }
  await db.query('update devices set audit_seq = $2, audit_hash = $3 where id = $1', [deviceId, last!.seq, last!.hash]);
  return last!;
}

describe('audit chain verification', () => {
  it('works in batches of at most VERIFY_BATCH entries with a pause between them, and then only on what is new', async () => {
    const siteId = await createSite(d, 'Batches');
    const { pairing } = await pairTestDevice(d, siteId);
    const last = await seedChain(d.db, pairing.deviceId, 2_000);
    const batches: number[] = [];
    const pause = async (n: number) => {
      batches.push(n);
      await new Promise((r) => setImmediate(r));
    };
    const [all] = await verifyAuditChains(d.db, siteId, { full: true, pause });
    expect(all).toMatchObject({ entries: 2_000, headSeq: 2_000, verified: true, checked: 'all' });
    expect(Math.max(...batches)).toBeLessThanOrEqual(VERIFY_BATCH);
    expect(batches.reduce((a, b) => a + b, 0)).toBe(2_000);

    // Nothing new: nothing re-read. Then 300 new entries: only those.
    batches.length = 0;
    expect(await verifyAuditChains(d.db, siteId, { pause })).toEqual([expect.objectContaining({ entries: 2_000, checked: 'new-entries' })]);
    expect(batches).toEqual([]);
    await seedChain(d.db, pairing.deviceId, 300, last);
    const [more] = await verifyAuditChains(d.db, siteId, { pause });
    expect(more).toMatchObject({ entries: 2_300, headSeq: 2_300, verified: true, checked: 'new-entries' });
    expect(batches.reduce((a, b) => a + b, 0)).toBe(300);

    // An entry removed from the part verified before is noticed by the quick check and reported by the full one.
    await d.db.query('delete from device_audit where device_id = $1 and seq = 700', [pairing.deviceId]);
    const [gap] = await verifyAuditChains(d.db, siteId, { pause });
    expect(gap).toMatchObject({ verified: false, brokenAtSeq: 701, problemKind: 'gap', checked: 'all', entries: 2_299 });
  }, 120_000);

  it('asks the database the same few questions for a district of tablets with nothing new, however many there are', async () => {
    const siteId = await createSite(d, 'Region');
    const [district] = await d.db.query<{ epoch: string }>('select epoch from district');
    for (let i = 1; i <= 25; i++) {
      await d.db.query(
        `insert into devices (id, site_id, name, public_jwk, paired_at_ms, head_seq, head_hash, head_epoch) values ($1, $2, $1, '{}', 0, 0, '', $3)`,
        [`dev_region_${i}`, siteId, district!.epoch],
      );
      await seedChain(d.db, `dev_region_${i}`, 5);
    }
    let queries = 0;
    const counted: Queryable = {
      query: (sql, params) => {
        queries++;
        return d.db.query(sql, params);
      },
      secrets: d.db.secrets,
    };
    expect((await verifyAuditChains(counted, siteId, { full: true })).filter((c) => c.verified)).toHaveLength(25);
    queries = 0;
    const again = await verifyAuditChains(counted, siteId);
    expect(again.filter((c) => c.verified && c.checked === 'new-entries' && c.attendance.verified)).toHaveLength(25);
    // The tablets; for each chain the changes noted, the signed heads and where the verified part ends; the recorded
    // gaps: not several queries a tablet (a region's audit tab would wait seconds on them).
    expect(queries).toBeLessThanOrEqual(8);
  });

  it('keeps other requests flowing while it verifies 10,000 entries (event-loop delay stays small)', async () => {
    const siteId = await createSite(d, 'Long chain');
    const { pairing } = await pairTestDevice(d, siteId);
    await seedChain(d.db, pairing.deviceId, 10_000);
    const delay = monitorEventLoopDelay({ resolution: 10 });
    delay.enable();
    const started = Date.now();
    const verifying = d.admin<Schemas['AuditChainStatus'][]>('GET', `/admin/v1/audit/chains?siteId=${siteId}&full=true`);
    // Another admin request made while the check runs is answered long before it ends.
    await new Promise((r) => setTimeout(r, 50));
    const other = await d.admin('GET', '/admin/v1/sites');
    const otherDoneMs = Date.now() - started;
    const result = await verifying;
    const checkMs = Date.now() - started;
    delay.disable();
    expect(other.status).toBe(200);
    expect(result.body[0]).toMatchObject({ entries: 10_000, verified: true });
    // Generous bounds for a shared machine: the whole check blocked for ~900 ms at a time before batching.
    expect(delay.max / 1e6).toBeLessThan(400);
    expect(otherDoneMs).toBeLessThan(checkMs);
  }, 180_000);
});
