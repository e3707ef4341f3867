// The tablets' signatures over the heads of their chains (src/protocol/chain-head-signature.ts): checked when a push
// carries one (a signature that does not verify refuses the whole push), kept once the head is in the stored chain, and
// held against the stored chain when it is verified. Each link's hash covers everything before it, so the newest head
// a tablet signed vouches for its chain up to there: rows edited in this database, their hashes recomputed and the
// devices' heads moved along, no longer end in a head the tablet signed.
import { verifyChainHead, type ChainHeadRef, type SignedChain } from '../../src/protocol/chain-head-signature';
import type { Queryable } from '../db/database';
import { importKey, type DeviceIdentity } from '../device/auth';
import { HttpError } from '../errors';
import { storedHashAt, type ChainTable, type VerifiedPart } from './verified-chains';

/** The key the district stored for the device at pairing (null: no such device). */
async function deviceKey(db: Queryable, deviceId: string): Promise<CryptoKey | null> {
  const [row] = await db.query<{ public_jwk: JsonWebKey }>('select public_jwk from devices where id = $1', [deviceId]);
  return row === undefined ? null : importKey(row.public_jwk);
}

/** Refuses a push whose head signature is not the device's own over the head the push ends at (nothing is stored). */
export async function requireHeadSignature(
  device: DeviceIdentity,
  chain: SignedChain,
  head: ChainHeadRef,
  signature: string,
): Promise<void> {
  if (await verifyChainHead(device.publicKey, chain, device.deviceId, head, signature)) return;
  throw new HttpError(
    400,
    'head-signature',
    `The tablet's signature over its ${chain === 'events' ? 'attendance' : 'audit'} chain at entry ${head.seq} does not verify, so nothing was stored.`,
  );
}

/** Keeps a verified head signature (call it in the push's transaction, once the head is in the stored chain). */
export async function keepHeadSignature(
  tx: Queryable,
  deviceId: string,
  chain: SignedChain,
  head: ChainHeadRef,
  signature: string,
  nowMs: number,
): Promise<void> {
  await tx.query(
    `insert into chain_head_signatures (device_id, chain, seq, hash, signature, received_at_ms) values ($1, $2, $3, $4, $5, $6)
     on conflict (device_id, chain, seq) do nothing`,
    [deviceId, chain, head.seq, head.hash, signature, nowMs],
  );
}

export type SignedHeadVerdict =
  /** The newest signed head is in the stored chain and its signature verifies (null: the tablet never signed one). */
  | { ok: true; signedSeq: number | null; signedHash: string | null }
  /** The stored chain does not hold the signed head at `seq`, or the kept signature no longer verifies. */
  | { ok: false; signedSeq: number };

/**
 * Holds the stored chain against the newest head its tablet signed: `hashAt(seq)` is the stored entry's hash there
 * (null when there is none). Call it after the stored chain's own hashes and links have verified.
 */
export async function checkNewestSignedHead(
  db: Queryable,
  deviceId: string,
  chain: SignedChain,
  hashAt: (seq: number) => Promise<string | null>,
): Promise<SignedHeadVerdict> {
  const [signed] = await db.query<{ seq: number; hash: string; signature: string }>(
    'select seq, hash, signature from chain_head_signatures where device_id = $1 and chain = $2 order by seq desc limit 1',
    [deviceId, chain],
  );
  if (signed === undefined) return { ok: true, signedSeq: null, signedHash: null };
  const head = { seq: Number(signed.seq), hash: signed.hash };
  const key = await deviceKey(db, deviceId);
  const valid = key !== null && (await verifyChainHead(key, chain, deviceId, head, signed.signature));
  return valid && (await hashAt(head.seq)) === head.hash
    ? { ok: true, signedSeq: head.seq, signedHash: head.hash }
    : { ok: false, signedSeq: head.seq };
}

/**
 * Where a quick check with nothing verified before (a server just started) may start: at the newest head the tablet
 * signed, when the stored chain holds it (a chain rewritten with its hashes recomputed would not). The rows before it
 * are rehashed only by the full check: about 50 us an event, so a year of a 300-child site's tablet (150,000 events)
 * is 7 s, too long to repeat for every tablet of a region each time the page opens after a restart. `signed` is the
 * verdict, to reuse once the rows after it are verified.
 */
export async function startAtSignedHead(
  db: Queryable,
  table: ChainTable,
  deviceId: string,
): Promise<{ signed: SignedHeadVerdict; from: VerifiedPart | null }> {
  const signed = await checkNewestSignedHead(db, deviceId, table === 'events' ? 'events' : 'audit', (seq) =>
    storedHashAt(db, table, deviceId, seq),
  );
  if (!signed.ok || signed.signedSeq === null) return { signed, from: null };
  const [upTo] = await db.query<{ n: number }>(`select count(*)::int as n from ${table} where device_id = $1 and seq <= $2`, [
    deviceId,
    signed.signedSeq,
  ]);
  return { signed, from: { seq: signed.signedSeq, hash: signed.signedHash!, count: upTo?.n ?? 0 } };
}
