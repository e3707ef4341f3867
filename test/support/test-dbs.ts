// Kiosk databases for a unit test file (on fake-indexeddb): each one a test opens is closed and deleted after that test.
import { afterEach } from 'vitest';
import { GateDb } from '../../src/storage/db';

/** Registers the clean-up and returns the opener; without a name each database is new, with one it can be reopened. */
export function testDatabases(prefix: string): (name?: string) => GateDb {
  let open: GateDb[] = [];
  let n = 0;
  afterEach(async () => {
    for (const db of open) {
      db.close();
      await db.delete();
    }
    open = [];
  });
  return (name = `${prefix}-${++n}-${Math.random()}`) => {
    const db = new GateDb(name);
    open.push(db);
    return db;
  };
}
