// The staff PIN is stored only as a PBKDF2-SHA256 hash (600,000 iterations, a random per-device salt) and checked
// against it; the demo PIN is set only on a tablet that has none.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import {
  attemptStaffPin,
  backOffMs,
  derivePinHash,
  ensureStaffPin,
  isValidPin,
  PIN_ITERATIONS,
  readPinLock,
  setFirstStaffPin,
  setStaffPin,
  staffPinIsSet,
  verifyStaffPin,
  withdrawStaffPinIf,
  type StoredPin,
} from '../../../src/gate/staff-pin';
import { pinProblem } from '../../../src/core/staff-pin-rules';
import { readAudit } from '../../../src/storage/audit.repo';
import { GateDb } from '../../../src/storage/db';
import { getMeta } from '../../../src/storage/meta.repo';
import { testDatabases } from '../../support/test-dbs';

const freshDb = testDatabases('pin-test');
const stored = async (db: GateDb): Promise<StoredPin> => (await getMeta(db, 'staff-pin'))!;

describe('staff PIN', () => {
  it('stores a 600,000-iteration PBKDF2-SHA256 hash with a random salt, never the PIN, and verifies it', async () => {
    const db = freshDb();
    await setStaffPin(db, '2468', 1);
    const record = await stored(db);
    expect(record).toMatchObject({ algorithm: 'PBKDF2-SHA256', iterations: PIN_ITERATIONS, setAtMs: 1 });
    expect(PIN_ITERATIONS).toBe(600_000);
    expect(atob(record.salt)).toHaveLength(16);
    expect(JSON.stringify(record)).not.toContain('2468');
    expect(await verifyStaffPin(db, '2468')).toBe('ok');
    expect(await verifyStaffPin(db, '2469')).toBe('wrong');
  }, 20_000);

  it('the hash is PBKDF2-SHA256 of the PIN with the stored salt (a known vector)', async () => {
    // RFC 6070-style check through Web Crypto: "password"/"salt", 1 iteration, SHA-256.
    const hash = await derivePinHash('password', new TextEncoder().encode('salt'), 1);
    expect(Buffer.from(hash).toString('hex')).toBe('120fb6cffcf8b32c43e7225256c4f837a86548c92ccc35480805987cb70be17b');
  });

  it('two tablets with the same PIN store different hashes (per-device salt)', async () => {
    const a = freshDb();
    const b = freshDb();
    await setStaffPin(a, '1357', 1, 1000);
    await setStaffPin(b, '1357', 1, 1000);
    expect((await stored(a)).hash).not.toBe((await stored(b)).hash);
  });

  it('changing the PIN makes the old one wrong', async () => {
    const db = freshDb();
    await setStaffPin(db, '1111', 1, 1000);
    await setStaffPin(db, '22223333', 2, 1000);
    expect(await verifyStaffPin(db, '1111')).toBe('wrong');
    expect(await verifyStaffPin(db, '22223333')).toBe('ok');
  });

  it('the demo PIN is set on the first run only', { timeout: 20_000 }, async () => {
    const fresh = freshDb();
    expect(await verifyStaffPin(fresh, '2468')).toBe('not-set');
    expect(await ensureStaffPin(fresh, '2468', 1)).toBe(true);
    expect(await verifyStaffPin(fresh, '2468')).toBe('ok');
    const db = freshDb();
    await setStaffPin(db, '9999', 1, 1000);
    expect(await ensureStaffPin(db, '2468', 2)).toBe(false);
    expect(await verifyStaffPin(db, '9999')).toBe('ok');
  });

  it('accepts 4 to 8 digits only', () => {
    expect(['1234', '12345678'].every(isValidPin)).toBe(true);
    expect(['123', '123456789', '12a4', ' 1234', ''].some(isValidPin)).toBe(false);
    return expect(setStaffPin(freshDb(), '12', 1)).rejects.toThrow(RangeError);
  });
});

describe('wrong-PIN back-off', () => {
  it('waits 30 s after the 4th wrong PIN, doubling, and the wait survives a reload (a new connection to the database)', async () => {
    const name = `pin-backoff-${Math.random()}`;
    let db = freshDb(name);
    await setStaffPin(db, '2468', 0, 1000);
    const t0 = 1_000_000;
    for (let i = 1; i <= 3; i++)
      expect(await attemptStaffPin(db, '1111', t0 + i)).toEqual({ kind: 'wrong', failures: i, lockedUntilMs: 0 });
    expect(await attemptStaffPin(db, '1111', t0 + 10)).toEqual({ kind: 'wrong', failures: 4, lockedUntilMs: t0 + 10 + 30_000 });

    // The page reloads: a fresh database connection, and even the right PIN is not checked during the wait.
    db.close();
    db = freshDb(name);
    expect(await readPinLock(db)).toEqual({ failures: 4, lockedUntilMs: t0 + 30_010, lastWrongAtMs: t0 + 10 });
    expect(await attemptStaffPin(db, '2468', t0 + 20_000)).toEqual({ kind: 'locked', lockedUntilMs: t0 + 30_010 });
    expect(await attemptStaffPin(db, '1111', t0 + 30_010)).toEqual({ kind: 'wrong', failures: 5, lockedUntilMs: t0 + 30_010 + 60_000 });
    expect(await attemptStaffPin(db, '2468', t0 + 90_010)).toEqual({ kind: 'ok' });
    expect(await readPinLock(db)).toEqual({ failures: 0, lockedUntilMs: 0 });
    expect((await db.audit.toArray()).map((e) => e.kind)).toEqual([...Array(5).fill('staff-sign-in-refused'), 'staff-sign-in']);
  }, 30_000);

  it('forgets wrong PINs an hour after the last wait: children poking at the keypad cannot keep staff out for the day', async () => {
    const db = freshDb(`pin-forget-${Math.random()}`);
    await setStaffPin(db, '2468', 0, 1000);
    let t = 1_000_000;
    let last = await attemptStaffPin(db, '1111', t);
    // Nine wrong PINs, each as soon as the keypad allows: the wait has grown to 15 minutes.
    for (let i = 2; i <= 9; i++) {
      t = Math.max(t + 1, last.kind === 'wrong' ? last.lockedUntilMs : t);
      last = await attemptStaffPin(db, '1111', t);
    }
    expect(last).toMatchObject({ kind: 'wrong', failures: 9, lockedUntilMs: t + 900_000 });
    // Within the hour after that wait, a wrong PIN still counts on top.
    expect(await attemptStaffPin(db, '1111', t + 900_000 + 30 * 60_000)).toMatchObject({ failures: 10, lockedUntilMs: expect.any(Number) });
    const since = (await readPinLock(db)).lockedUntilMs;
    // An hour after the last wait ended: a teacher's typo is a free attempt again, and the right PIN opens.
    expect(await attemptStaffPin(db, '1111', since + 60 * 60_000)).toEqual({ kind: 'wrong', failures: 1, lockedUntilMs: 0 });
    expect(await attemptStaffPin(db, '2468', since + 60 * 60_000 + 1)).toEqual({ kind: 'ok' });
  }, 60_000);

  it('caps the wait at 15 minutes', () => {
    expect([3, 4, 5, 6, 20].map((n) => backOffMs(n))).toEqual([0, 30_000, 60_000, 120_000, 900_000]);
  });
});

describe('a tablet served from a real address: no demo PIN', () => {
  it('a PIN anyone would try first is refused: one digit repeated, or digits stepping by 1 or 2', () => {
    for (const pin of ['0000', '1111', '1234', '2468', '9876', '1357', '13579', '86420', '12345678'])
      expect(pinProblem(pin), pin).toBe('guessable');
    for (const pin of ['2580', '1470', '4826', '1359', '90210', '27182818']) expect(pinProblem(pin), pin).toBeNull();
    for (const pin of ['123', '123456789', '12a4', '']) expect(pinProblem(pin), pin).toBe('format');
  });

  it("the demo PIN is withdrawn from a tablet that holds it; a site's own PIN is kept", async () => {
    const demo = freshDb();
    await ensureStaffPin(demo, '2468', 1);
    expect(await withdrawStaffPinIf(demo, '2468')).toBe(true);
    expect(await staffPinIsSet(demo)).toBe(false);
    expect(await verifyStaffPin(demo, '2468')).toBe('not-set');
    const own = freshDb();
    await setStaffPin(own, '4826', 1);
    expect(await withdrawStaffPinIf(own, '2468')).toBe(false);
    expect(await withdrawStaffPinIf(own, '2468')).toBe(false);
    expect(await verifyStaffPin(own, '4826')).toBe('ok');
  }, 30_000);

  it('the first PIN is chosen on the tablet once: a guessable one is refused, a second choice does not replace it', async () => {
    const db = freshDb();
    expect(await setFirstStaffPin(db, '2468', 5)).toBe('invalid');
    expect(await staffPinIsSet(db)).toBe(false);
    expect(await setFirstStaffPin(db, '4826', 5)).toBe('set');
    expect(await setFirstStaffPin(db, '9051', 6)).toBe('already-set');
    expect(await verifyStaffPin(db, '4826')).toBe('ok');
    expect(await verifyStaffPin(db, '9051')).toBe('wrong');
    expect((await readAudit(db)).filter((e) => e.kind === 'settings-change').map((e) => e.details)).toEqual([{ setting: 'staff-pin' }]);
  }, 30_000);
});
