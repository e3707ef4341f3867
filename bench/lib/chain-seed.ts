// Seeds `bench:district`'s region of tablets whose chains verify: `tablets` tablets spread over the sites other than the
// measured one, each with `events` attendance events and `auditEntries` audit entries, hashed and linked as a kiosk
// makes them, and the head of each chain signed with a device key as the kiosk's client signs it (one kept signature
// per chain, as the district keeps them). What the admin page's chain check then verifies, tablet by tablet.
import type { Database } from '../../server/db/database';
import { loadDistrict } from '../../server/services/district';
import { dayKeyIn } from '../../server/ids';
import { chainAuditEntry, type AuditEntry } from '../../src/protocol/audit-chain';
import { signChainHead } from '../../src/protocol/chain-head-signature';
import { GENESIS_HASH, hashEvent } from '../../src/protocol/event-chain';
import { createUuidV7 } from '../../src/core/uuidv7';
import { createDeviceKey, publicJwk } from '../../src/sync/device-key';

export interface ChainSeedOptions {
  tablets: number;
  events: number;
  auditEntries: number;
  /** The site the tablets are not on (the measured one). */
  exceptSiteId: string;
  nowMs: number;
}

const INSERT_EVENTS = `insert into events (id, device_id, seq, hash, prev_hash, type, child_id, day_key, at_ms, body, received_at_ms, epoch)
  select u.id, u.device_id, u.seq, u.hash, u.prev_hash, 'mark', u.child_id, u.day_key, u.at_ms, u.body, $1, $2
  from unnest($3::uuid[], $4::text[], $5::int[], $6::text[], $7::text[], $8::text[], $9::text[], $10::bigint[], $11::jsonb[])
    as u(id, device_id, seq, hash, prev_hash, child_id, day_key, at_ms, body)`;

const INSERT_AUDIT = `insert into device_audit (device_id, seq, at_ms, kind, child_id, body, prev_hash, hash, received_at_ms)
  select u.device_id, u.seq, u.at_ms, u.kind, null, u.body, u.prev_hash, u.hash, $1
  from unnest($2::text[], $3::int[], $4::bigint[], $5::text[], $6::jsonb[], $7::text[], $8::text[])
    as u(device_id, seq, at_ms, kind, body, prev_hash, hash)`;

/** Returns the number of tablets seeded. */
export async function seedSignedChains(db: Database, o: ChainSeedOptions): Promise<number> {
  if (o.tablets <= 0) return 0;
  const district = await loadDistrict(db);
  const sites = await db.query<{ id: string }>('select id from sites where id <> $1 order by id', [o.exceptSiteId]);
  const keys = await createDeviceKey();
  const jwk = JSON.stringify(await publicJwk(keys.publicKey));
  const uuid = createUuidV7();
  const dayMs = 86_400_000;
  for (let t = 0; t < o.tablets; t++) {
    const siteId = sites[t % sites.length]!.id;
    const deviceId = `dev_chain_${t + 1}`;
    const children = await db.query<{ id: string }>('select id from children where site_id = $1 order by id limit 40', [siteId]);
    const ev = {
      id: [] as string[],
      seq: [] as number[],
      hash: [] as string[],
      prev: [] as string[],
      child: [] as string[],
      day: [] as string[],
      at: [] as number[],
      body: [] as string[],
    };
    let prev = GENESIS_HASH;
    for (let seq = 1; seq <= o.events; seq++) {
      const atMs = o.nowMs - (o.events - seq + 1) * 60_000 - dayMs;
      const childId = children[seq % children.length]!.id;
      const body = {
        type: 'mark',
        id: uuid(atMs),
        deviceId,
        seq,
        prevHash: prev,
        childId,
        dayKey: dayKeyIn(atMs, 'Asia/Almaty'),
        atMs,
        direction: seq % 2 === 1 ? 'in' : 'out',
        method: 'bracelet',
        score: null,
      };
      const hash = await hashEvent(body);
      ev.id.push(body.id);
      ev.seq.push(seq);
      ev.hash.push(hash);
      ev.prev.push(prev);
      ev.child.push(childId);
      ev.day.push(body.dayKey);
      ev.at.push(atMs);
      ev.body.push(JSON.stringify(body));
      prev = hash;
    }
    const audit: AuditEntry[] = [];
    for (let i = 0; i < o.auditEntries; i++) {
      audit.push(chainAuditEntry(audit[i - 1] ?? null, { kind: 'staff-sign-in' }, o.nowMs - dayMs + i * 60_000));
    }
    const auditHead = audit[audit.length - 1];
    await db.query(
      `insert into devices (id, site_id, name, public_jwk, paired_at_ms, head_seq, head_hash, head_epoch, audit_seq, audit_hash)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [
        deviceId,
        siteId,
        `Chain ${t + 1}`,
        jwk,
        o.nowMs - 30 * dayMs,
        o.events,
        prev,
        district.epoch,
        audit.length,
        auditHead?.hash ?? null,
      ],
    );
    await db.query(INSERT_EVENTS, [
      o.nowMs,
      district.epoch,
      ev.id,
      ev.id.map(() => deviceId),
      ev.seq,
      ev.hash,
      ev.prev,
      ev.child,
      ev.day,
      ev.at,
      ev.body,
    ]);
    await db.query(INSERT_AUDIT, [
      o.nowMs,
      audit.map(() => deviceId),
      audit.map((a) => a.seq),
      audit.map((a) => a.atMs),
      audit.map((a) => a.kind),
      audit.map(({ hash: _hash, ...rest }) => JSON.stringify(rest)),
      audit.map((a) => a.prevHash),
      audit.map((a) => a.hash),
    ]);
    const heads: [string, number, string][] = [];
    if (o.events > 0) heads.push(['events', o.events, prev]);
    if (auditHead !== undefined) heads.push(['audit', auditHead.seq, auditHead.hash]);
    for (const [chain, seq, hash] of heads) {
      const signature = await signChainHead(keys.privateKey, chain as 'events' | 'audit', deviceId, { seq, hash });
      await db.query(
        'insert into chain_head_signatures (device_id, chain, seq, hash, signature, received_at_ms) values ($1, $2, $3, $4, $5, $6)',
        [deviceId, chain, seq, hash, signature, o.nowMs],
      );
    }
  }
  return o.tablets;
}
