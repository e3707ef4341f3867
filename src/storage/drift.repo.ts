// Each enrolled child's rolling drift summary (src/core/drift.ts) in the kiosk database's `meta` table: numbers only.
// Written after a check-in of an enrolled child, cleared when the child is re-enrolled, and deleted with the child's
// templates when a consent ends (src/consent/purge.ts calls forgetDrift inside the purge transaction).
import { noteArrival, type DriftRules, type DriftSummary } from '../core/drift';
import type { RecognitionMethod } from '../core/attendance-rules';
import type { ChildId } from '../core/types';
import type { GateDb } from './db';
import { getMeta, updateMeta } from './meta.repo';

const KEY = 'recognition:drift';

export async function recordArrival(
  db: GateDb,
  childId: ChildId,
  arrival: { method: RecognitionMethod; score: number | null },
  rules: Pick<DriftRules, 'window'>,
): Promise<void> {
  // In one transaction with the child's consent and templates: an arrival written while a sync purges the child (a
  // withdrawal) must not leave a summary behind the purge.
  await db.transaction('rw', [db.meta, db.children, db.templates], async () => {
    const child = await db.children.get(childId);
    if (child?.faceConsent !== true || (await db.templates.where('childId').equals(childId).count()) === 0) return;
    await updateMeta(db, KEY, (all) => ({ ...all, [childId]: noteArrival(all?.[childId], arrival, rules) }));
  });
}

export async function readDrift(db: GateDb): Promise<Map<ChildId, DriftSummary>> {
  const all = (await getMeta(db, KEY)) ?? {};
  return new Map(Object.entries(all).map(([id, summary]) => [id as ChildId, summary]));
}

/** Drops the summaries of these children (consent ended, or a new enrolment starts them afresh). */
export async function forgetDrift(db: GateDb, childIds: readonly ChildId[]): Promise<void> {
  if (childIds.length === 0) return;
  const current = await getMeta(db, KEY);
  if (current === undefined || !childIds.some((id) => id in current)) return;
  await updateMeta(db, KEY, (all) => {
    const next = { ...all };
    for (const id of childIds) delete next[id];
    return next;
  });
}
