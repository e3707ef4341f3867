// Purge receipts waiting for the district (`meta` 'sync:purge-receipts'): written in the transaction that purged the
// templates and keys (src/consent/purge.ts is the one writer), signed and sent by sync, dropped only once acknowledged.
import type { GateDb } from './db';
import { getMeta, updateMeta, type PurgeReceipt } from './meta.repo';

export type { PurgeReceipt };

export async function readPendingReceipts(db: GateDb): Promise<PurgeReceipt[]> {
  return (await getMeta(db, 'sync:purge-receipts')) ?? [];
}

/** Queues receipts after those already waiting. Call inside the purge's transaction (with `db.meta` in its scope). */
export async function appendPurgeReceipts(db: GateDb, receipts: readonly PurgeReceipt[]): Promise<void> {
  if (receipts.length === 0) return;
  await updateMeta(db, 'sync:purge-receipts', (pending = []) => [...pending, ...receipts]);
}

/** Removes receipts the server acknowledged (after its commit). */
export async function dropAckedReceipts(db: GateDb, acked: readonly string[]): Promise<void> {
  const done = new Set(acked);
  await updateMeta(db, 'sync:purge-receipts', (pending = []) => pending.filter((r) => !done.has(r.receiptId)));
}
