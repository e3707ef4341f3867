// The district's authorised pickups on the tablet (Dexie `pickups`, v5): each child's complete entries as the signed
// bundle carried them (adults with their cards and code hashes, do-not-release entries), one row per child. Written only
// inside the bundle's transaction (src/sync/bundle.ts): a full bundle replaces every row, a delta the rows of the
// children it names, a removed child's row goes with the child. Read by the gate's check-out (src/gate/pickup-desk.ts).
import type { BundlePickups } from '../core/bundle-shape';
import type { GateDb } from './db';

/** Inside the bundle's transaction (db.pickups in scope): replaces every child's entries with a full bundle's. */
export async function replaceAllPickups(db: GateDb, pickups: readonly BundlePickups[]): Promise<void> {
  await db.pickups.clear();
  if (pickups.length > 0) await db.pickups.bulkPut(pickups.map(copy));
}

/**
 * Inside the bundle's transaction: the children a delta names get exactly the entries it carries (none when it carries
 * none for them), removed children lose theirs.
 */
export async function replaceChildrenPickups(
  db: GateDb,
  named: readonly string[],
  removed: readonly string[],
  pickups: readonly BundlePickups[],
): Promise<void> {
  await db.pickups.bulkDelete([...named, ...removed]);
  if (pickups.length > 0) await db.pickups.bulkPut(pickups.map(copy));
}

export function readAllPickups(db: GateDb): Promise<BundlePickups[]> {
  return db.pickups.toArray();
}

const copy = (p: BundlePickups): BundlePickups => ({
  childId: p.childId,
  adults: p.adults.map((a) => ({ ...a, cards: [...a.cards], codeHash: a.codeHash === null ? null : { ...a.codeHash } })),
  doNotRelease: p.doNotRelease.map((d) => ({ ...d, cards: [...d.cards] })),
});

/**
 * The cards of held adults and do-not-release entries of children a delta does NOT name: a delta's adult card that is
 * among these would give one card to two people once applied (the delta alone cannot show it), so the delta is refused.
 */
export async function heldCardsOutside(db: GateDb, named: ReadonlySet<string>): Promise<Map<string, string>> {
  const cards = new Map<string, string>();
  for (const p of await db.pickups.toArray()) {
    if (named.has(p.childId)) continue;
    for (const a of p.adults) for (const c of a.cards) cards.set(c, p.childId);
  }
  return cards;
}
