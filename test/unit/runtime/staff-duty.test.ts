// Staff on duty on the tablet (src/storage/staff-duty.repo.ts): a sign-in keeps the typed name here and audits the id,
// the group and the name (which the site's other tablets list in their roll call through the district); an empty, too long or duplicate name is refused and changes nothing; a sign-in of an earlier day
// that was never closed is not on duty today; sign-out ends it once.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { dayKeyAt } from '../../../src/core/attendance-rules';
import { MAX_DUTY_NAME, onDuty, signInDuty, signOutDuty } from '../../../src/storage/staff-duty.repo';
import { testDatabases } from '../../support/test-dbs';

const openDb = testDatabases('staff-duty');
const dayOf = (ms: number) => dayKeyAt(ms, 300);
const MORNING = Date.UTC(2026, 2, 10, 3, 0);

describe('staff on duty', () => {
  it('signs in with the typed name and group; the audit log gets the id, the group and the name as kept', async () => {
    const db = openDb();
    const r = await signInDuty(db, { name: '  Aigerim   T. ', group: 'Balapan' }, MORNING, dayOf);
    expect(r).toMatchObject({ kind: 'signed-in', record: { name: 'Aigerim T.', group: 'Balapan', signedOutAtMs: 0 } });
    expect((await onDuty(db, dayOf, MORNING + 60_000)).map((x) => x.name)).toEqual(['Aigerim T.']);
    const audit = await db.audit.toArray();
    expect(audit).toMatchObject([{ kind: 'staff-on-duty', details: { group: 'Balapan', name: 'Aigerim T.' } }]);
    expect(Object.keys(audit[0]!.details!).sort()).toEqual(['dutyId', 'group', 'name']);
  });

  it('refuses an empty, too long or already signed-in name and changes nothing', async () => {
    const db = openDb();
    await signInDuty(db, { name: 'Aigerim', group: null }, MORNING, dayOf);
    const before = [await db.staffDuty.count(), await db.audit.count()];
    expect(await signInDuty(db, { name: '   ', group: null }, MORNING, dayOf)).toEqual({ kind: 'refused', reason: 'empty-name' });
    expect(await signInDuty(db, { name: 'x'.repeat(MAX_DUTY_NAME + 1), group: null }, MORNING, dayOf)).toEqual({
      kind: 'refused',
      reason: 'name-too-long',
    });
    expect(await signInDuty(db, { name: 'AIGERIM', group: 'Balapan' }, MORNING, dayOf)).toEqual({
      kind: 'refused',
      reason: 'already-on-duty',
    });
    expect([await db.staffDuty.count(), await db.audit.count()]).toEqual(before);
  });

  it('signs out once; a sign-in left open from yesterday is not on duty today', async () => {
    const db = openDb();
    const a = await signInDuty(db, { name: 'Aigerim', group: null }, MORNING - 86_400_000, dayOf);
    const b = await signInDuty(db, { name: 'Bota', group: 'Aqqu' }, MORNING, dayOf);
    expect((await onDuty(db, dayOf, MORNING)).map((x) => x.name)).toEqual(['Bota']);
    if (b.kind !== 'signed-in' || a.kind !== 'signed-in') throw new Error('not signed in');
    expect(await signOutDuty(db, b.record.id, MORNING + 1000)).toBe(true);
    expect(await signOutDuty(db, b.record.id, MORNING + 2000)).toBe(false);
    expect(await onDuty(db, dayOf, MORNING + 3000)).toEqual([]);
    expect((await db.audit.toArray()).map((e) => e.kind)).toEqual(['staff-on-duty', 'staff-on-duty', 'staff-off-duty']);
  });

  it('a teacher who forgot to sign out yesterday signs in again today under the same name', async () => {
    const db = openDb();
    await signInDuty(db, { name: 'Aigerim', group: 'Balapan' }, MORNING - 86_400_000, dayOf);
    const today = await signInDuty(db, { name: 'aigerim', group: 'Balapan' }, MORNING, dayOf);
    expect(today).toMatchObject({ kind: 'signed-in', record: { name: 'aigerim' } });
    expect((await onDuty(db, dayOf, MORNING + 1000)).map((x) => x.name)).toEqual(['aigerim']);
    // Still one of her at a time today.
    expect(await signInDuty(db, { name: 'AIGERIM', group: null }, MORNING + 2000, dayOf)).toEqual({
      kind: 'refused',
      reason: 'already-on-duty',
    });
  });
});
