// What this server process last verified of each tablet's stored chains (the audit log, the attendance events): the
// entries up to `seq` (`count` rows, the last with `hash`), so that the next quick check goes on from there instead of
// rehashing everything. Kept per database, in memory only; handed out only while the rows up to there still count and
// end the same.
import type { Queryable } from '../db/database';

export interface VerifiedPart {
  seq: number;
  hash: string;
  count: number;
}

export type ChainTable = 'events' | 'device_audit';

const memories = new WeakMap<Queryable, Map<string, VerifiedPart>>();

function memoryOf(db: Queryable): Map<string, VerifiedPart> {
  let memory = memories.get(db);
  if (memory === undefined) memories.set(db, (memory = new Map()));
  return memory;
}

/** The remembered part of the device's chain if it still holds (null otherwise); forgotten either way until remembered again. */
export async function takeVerifiedPart(db: Queryable, table: ChainTable, deviceId: string): Promise<VerifiedPart | null> {
  const memory = memoryOf(db);
  const key = `${table}:${deviceId}`;
  const part = memory.get(key);
  memory.delete(key);
  if (part === undefined) return null;
  const [still] = await db.query<{ n: number; hash: string | null }>(
    `select count(*)::int as n, max(case when seq = $2 then hash end) as hash from ${table} where device_id = $1 and seq <= $2`,
    [deviceId, part.seq],
  );
  return still?.n === part.count && still.hash === part.hash ? part : null;
}

export function rememberVerifiedPart(db: Queryable, table: ChainTable, deviceId: string, part: VerifiedPart): void {
  memoryOf(db).set(`${table}:${deviceId}`, part);
}
