// Reads the kiosk's IndexedDB from any page of its origin, with no app code: every record of the named stores in one
// read-only transaction. A store the kiosk has not created yet reads as empty. Used by the browser tests and benches
// to check what is on disk.
import type { Page } from 'playwright-core';

/** Every record of each named store (store -> records). */
export function readKioskStores(page: Page, stores: readonly string[]): Promise<Record<string, unknown[]>> {
  // The function runs in the page: no helpers from this module, no named inner functions (a transpiler may wrap them).
  return page.evaluate(
    (names) =>
      new Promise<Record<string, unknown[]>>((resolve, reject) => {
        const open = indexedDB.open('gate-kiosk');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const out: Record<string, unknown[]> = Object.fromEntries(names.map((n) => [n, []]));
          const present = names.filter((n) => db.objectStoreNames.contains(n));
          if (present.length === 0) {
            db.close();
            resolve(out);
            return;
          }
          const tx = db.transaction(present, 'readonly');
          for (const n of present) {
            const req = tx.objectStore(n).getAll();
            req.onsuccess = () => (out[n] = req.result as unknown[]);
          }
          tx.oncomplete = () => {
            db.close();
            resolve(out);
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    [...stores],
  );
}

/** The value the kiosk keeps under `key` in its `meta` store (undefined when none). */
export async function readKioskMeta<T>(page: Page, key: string): Promise<T | undefined> {
  const { meta } = await readKioskStores(page, ['meta']);
  return (meta as { key: string; value: T }[]).find((m) => m.key === key)?.value;
}
