// Tells listeners that the outbox gained entries, once the transaction that added them has committed (so a push that
// starts on the signal finds them): a Dexie `creating` hook on the outbox table, whoever writes it.
import type { GateDb } from './db';

const listeners = new WeakMap<GateDb, Set<() => void>>();

function fire(db: GateDb): void {
  for (const listener of listeners.get(db) ?? []) {
    try {
      listener();
    } catch {
      // A listener's failure is its own; the others still hear.
    }
  }
}

/** Calls `listener` after each committed transaction that added outbox entries; returns a function that stops it. */
export function watchOutbox(db: GateDb, listener: () => void): () => void {
  let set = listeners.get(db);
  if (set === undefined) {
    set = new Set();
    listeners.set(db, set);
    db.outbox.hook('creating', (_key, _entry, transaction) => {
      transaction.on('complete', () => fire(db));
    });
  }
  set.add(listener);
  return () => set.delete(listener);
}
