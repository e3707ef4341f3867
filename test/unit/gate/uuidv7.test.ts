// Event ids: time-ordered, so the server and the outbox can sort by id, and unique across tablets.
import { describe, expect, it } from 'vitest';
import { createUuidV7, isUuidV7, uuidV7TimeMs } from '../../../src/core/uuidv7';
import { seeded } from './gate-fixtures';

const seededFill = (seed: number) => {
  const rand = seeded(seed);
  return (bytes: Uint8Array) => {
    for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(rand() * 256);
  };
};
const T = Date.UTC(2025, 2, 10, 3, 0);

describe('uuidv7', () => {
  it('is an RFC 9562 version-7 UUID carrying its creation time', () => {
    const id = createUuidV7(seededFill(1))(T);
    expect(isUuidV7(id)).toBe(true);
    expect(id[14]).toBe('7');
    expect('89ab').toContain(id[19]);
    expect(uuidV7TimeMs(id)).toBe(T);
  });

  it('sorts as strings in time order', () => {
    const next = createUuidV7(seededFill(2));
    const times = [T, T + 1, T + 999, T + 60_000, T + 86_400_000];
    const ids = times.map(next);
    expect([...ids].sort()).toEqual(ids);
  });

  it('stays strictly increasing for many ids in one millisecond and when the clock steps back', () => {
    const next = createUuidV7(seededFill(3));
    const ids = [...Array.from({ length: 5000 }, () => next(T)), next(T - 5000), next(T - 1)];
    for (let i = 1; i < ids.length; i++) expect(ids[i]! > ids[i - 1]!).toBe(true);
    expect(ids.every(isUuidV7)).toBe(true);
    // 5000 ids do not fit one millisecond's counter: time moved forward a little, never back.
    expect(uuidV7TimeMs(ids[ids.length - 1]!)).toBeGreaterThan(T);
    expect(uuidV7TimeMs(ids[ids.length - 1]!)).toBeLessThan(T + 10);
  });

  it('is deterministic with injected randomness and differs between tablets', () => {
    expect(createUuidV7(seededFill(4))(T)).toBe(createUuidV7(seededFill(4))(T));
    expect(createUuidV7(seededFill(4))(T)).not.toBe(createUuidV7(seededFill(5))(T));
    expect(createUuidV7()(T)).not.toBe(createUuidV7()(T));
  });
});
