// The tablets' signatures over the heads of their chains (src/protocol/chain-head-signature.ts): checked when a push
// carries one (a signature that does not verify refuses the whole push), kept once the head is in the stored chain, and
// held against the stored chain when it is verified. Each link's hash covers everything before it, so the newest head
// a tablet signed vouches for its chain up to there: rows edited in this database, their hashes recomputed and the
// devices' heads moved along, no longer end in a head the tablet signed. So only that one is kept, and for attendance
// chains the newest before each gap a restore left (the links do not cross a gap): a row per stretch of chain, not per
// push, however long the tablet has been pushing.
import { verifyChainHead, type ChainHeadRef, type SignedChain } from '../../src/protocol/chain-head-signature';
import type { Queryable } from '../db/database';
import { importKey, type DeviceIdentity } from '../device/auth';
import { HttpError } from '../errors';

/** A tablet as its chains are checked: its id and the public key the district stored for it at pairing. */
export interface ChainOwner {
  id: string;
  public_jwk: JsonWebKey;
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

/**
 * Keeps a verified head signature (call it in the push's transaction, once the head is in the stored chain and any gap
 * the push crossed is recorded) and drops the ones it now vouches for: those before it with no recorded gap between.
 */
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
  await tx.query(
    `delete from chain_head_signatures s where s.device_id = $1 and s.chain = $2 and s.seq < $3
       and not exists (select 1 from chain_gaps g where s.chain = 'events' and g.device_id = s.device_id and g.from_seq > s.seq and g.from_seq <= $3)`,
    [deviceId, chain, head.seq],
  );
}

export type SignedHeadVerdict =
  /** Every kept signed head is in the stored chain and verifies; the newest is at `signedSeq` (null: never signed). */
  | { ok: true; signedSeq: number | null; signedHash: string | null }
  /** The stored chain does not hold the signed head at `seq`, or the kept signature no longer verifies. */
  | { ok: false; signedSeq: number };

/** A kept signed head with the stored chain's hash at its seq (null: the chain has no entry there). */
export interface KeptHead {
  seq: number;
  hash: string;
  signature: string;
  stored_hash: string | null;
}

/** Signatures this process found valid, by key, chain, device, head and signature: a page load need not check them again. */
const validSignatures = new Set<string>();

async function signatureValid(device: ChainOwner, chain: SignedChain, head: ChainHeadRef, signature: string): Promise<boolean> {
  const memo = [device.public_jwk.x, device.public_jwk.y, chain, device.id, head.seq, head.hash, signature].join('|');
  if (validSignatures.has(memo)) return true;
  const key = await importKey(device.public_jwk).catch(() => null);
  if (key === null || !(await verifyChainHead(key, chain, device.id, head, signature))) return false;
  if (validSignatures.size > 100_000) validSignatures.clear();
  validSignatures.add(memo);
  return true;
}

/**
 * Holds the stored chain against the heads its tablet signed (the newest, and the newest before each gap; `kept` newest
 * first): each must verify with the tablet's key and be the stored entry's hash at its seq.
 */
export async function signedHeadsVerdict(device: ChainOwner, chain: SignedChain, kept: readonly KeptHead[]): Promise<SignedHeadVerdict> {
  for (const row of kept) {
    const head = { seq: Number(row.seq), hash: row.hash };
    if (row.stored_hash !== head.hash || !(await signatureValid(device, chain, head, row.signature)))
      return { ok: false, signedSeq: head.seq };
  }
  const newest = kept[0];
  return newest === undefined
    ? { ok: true, signedSeq: null, signedHash: null }
    : { ok: true, signedSeq: Number(newest.seq), signedHash: newest.hash };
}
