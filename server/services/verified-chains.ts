// What this server process last verified of each tablet's stored chains (the audit log, the attendance events): the
// entries up to `seq` (`count` rows, the last with `hash`), so that the next quick check goes on from there instead of
// rehashing everything. Kept per database, in memory only; used only while no change to the chain's stored entries has
// been noted since and the entry at `seq` is unchanged (server/services/chain-starts.ts checks that).
import type { Queryable } from '../db/database';

export interface VerifiedPart {
  seq: number;
  hash: string;
  count: number;
  /** The newest noted change to the chain's stored entries when it was verified (null: none ever). */
  editMark: number | null;
}

export type ChainTable = 'events' | 'device_audit';

const memories = new WeakMap<Queryable, Map<string, VerifiedPart>>();

function memoryOf(db: Queryable): Map<string, VerifiedPart> {
  let memory = memories.get(db);
  if (memory === undefined) memories.set(db, (memory = new Map()));
  return memory;
}

/** The remembered part of the device's chain (null: none), forgotten until remembered again; the caller checks it still holds. */
export function recallVerifiedPart(db: Queryable, table: ChainTable, deviceId: string): VerifiedPart | null {
  const memory = memoryOf(db);
  const key = `${table}:${deviceId}`;
  const part = memory.get(key);
  memory.delete(key);
  return part ?? null;
}

export function rememberVerifiedPart(db: Queryable, table: ChainTable, deviceId: string, part: VerifiedPart): void {
  memoryOf(db).set(`${table}:${deviceId}`, part);
}
