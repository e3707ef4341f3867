// Who may collect a child (src/core/pickup.ts) and the code check on the tablet (src/protocol/pickup-code.ts): a card,
// a code or a teacher's pick is authorised only for an adult of this child valid on this site day; a do-not-release
// card wins over everything, and so does a do-not-release entry naming an adult of the list; a code of the wrong length or with other characters is refused before any hashing; the
// district's PBKDF2 hash (server/services/pickup-code.ts) verifies on the tablet's WebCrypto. Also the shared overlap
// rule, the late pickup rule and children per adult.
import { describe, expect, it } from 'vitest';
import type { BundlePickups, PickupAdult } from '../../../src/core/bundle-shape';
import {
  decidePickup,
  groupStaffing,
  isAfterClosing,
  isPickupCode,
  needsPickup,
  overlappingEntry,
  validOn,
} from '../../../src/core/pickup';
import { siteMinutesOfDay } from '../../../src/core/site-day';
import type { ChildId } from '../../../src/core/types';
import { adultsWithCode, verifyPickupCode } from '../../../src/protocol/pickup-code';
import { hashPickupCode } from '../../../server/services/pickup-code';

const adult = (over: Partial<PickupAdult> & Pick<PickupAdult, 'pickupId'>): PickupAdult => ({
  childId: 'c1',
  name: 'Dana',
  relation: 'mother',
  cards: [],
  codeHash: null,
  validFrom: null,
  validTo: null,
  ...over,
});

const entries: BundlePickups = {
  childId: 'c1',
  adults: [
    adult({ pickupId: 'p1', cards: ['mifare:0A000001'] }),
    adult({
      pickupId: 'p2',
      name: 'Aunt Gulnar',
      relation: 'aunt',
      cards: ['mifare:0A000002'],
      validFrom: '2026-03-01',
      validTo: '2026-03-05',
    }),
  ],
  doNotRelease: [{ entryId: 'd1', childId: 'c1', name: 'Bolat', reason: 'court order 12.03.2026', cards: ['mifare:0D000001'] }],
};
const DAY = '2026-03-10';

describe('decidePickup', () => {
  it('authorises an adult of the list by their card, valid today, with the method', () => {
    expect(decidePickup(entries, { kind: 'card', uid: 'mifare:0A000001' }, DAY)).toEqual({
      kind: 'authorised',
      pickupId: 'p1',
      method: 'card',
      name: 'Dana',
      relation: 'mother',
    });
  });

  it('refuses a card nobody on the list has, and any card for a child without entries', () => {
    expect(decidePickup(entries, { kind: 'card', uid: 'mifare:0FFFFFFF' }, DAY)).toEqual({ kind: 'not-on-list' });
    expect(decidePickup(undefined, { kind: 'card', uid: 'mifare:0A000001' }, DAY)).toEqual({ kind: 'not-on-list' });
  });

  it('refuses an adult whose entry is not valid on the site day (ended, or not begun), naming the dates', () => {
    expect(decidePickup(entries, { kind: 'card', uid: 'mifare:0A000002' }, DAY)).toEqual({
      kind: 'not-valid-today',
      pickupId: 'p2',
      name: 'Aunt Gulnar',
      validFrom: '2026-03-01',
      validTo: '2026-03-05',
    });
    expect(decidePickup(entries, { kind: 'card', uid: 'mifare:0A000002' }, '2026-02-28').kind).toBe('not-valid-today');
    expect(decidePickup(entries, { kind: 'card', uid: 'mifare:0A000002' }, '2026-03-05').kind).toBe('authorised');
  });

  it('a do-not-release card is refused with its reason, even if the same card were also on the list', () => {
    const both: BundlePickups = { ...entries, adults: [adult({ pickupId: 'p1', cards: ['mifare:0D000001'] })] };
    expect(decidePickup(both, { kind: 'card', uid: 'mifare:0D000001' }, DAY)).toEqual({
      kind: 'do-not-release',
      entryId: 'd1',
      name: 'Bolat',
      reason: 'court order 12.03.2026',
    });
  });

  it('an adult allowed under the name of a do-not-release entry is refused by code, card or a teacher’s pick', () => {
    const code = { algorithm: 'pbkdf2-sha256' as const, iterations: 100_000, salt: 'A'.repeat(22), hash: 'B'.repeat(43) };
    // "Bolat" on the list with a code and a card, and a custody order naming " bolat " (case and spaces aside).
    const barred: BundlePickups = {
      ...entries,
      adults: [adult({ pickupId: 'p9', name: 'Bolat', relation: 'father', cards: ['mifare:0A000009'], codeHash: code })],
      doNotRelease: [{ ...entries.doNotRelease[0]!, name: ' bolat ', cards: [] }],
    };
    for (const credential of [
      { kind: 'code', matching: ['p9'] },
      { kind: 'card', uid: 'mifare:0A000009' },
      { kind: 'staff', pickupId: 'p9' },
    ] as const)
      expect(decidePickup(barred, credential, DAY)).toEqual({
        kind: 'do-not-release',
        entryId: 'd1',
        name: ' bolat ',
        reason: 'court order 12.03.2026',
      });
  });

  it('a card of another child’s adult is not on this child’s list', () => {
    const other: BundlePickups = {
      childId: 'c2',
      adults: [adult({ pickupId: 'p7', childId: 'c2', cards: ['mifare:0A000007'] })],
      doNotRelease: [],
    };
    expect(decidePickup(entries, { kind: 'card', uid: 'mifare:0A000007' }, DAY)).toEqual({ kind: 'not-on-list' });
    expect(decidePickup(other, { kind: 'card', uid: 'mifare:0A000007' }, DAY).kind).toBe('authorised');
  });

  it('a code is authorised only for adults of this child whose hash it matched, valid today', () => {
    const withCodes: BundlePickups = {
      ...entries,
      adults: entries.adults.map((a) => ({
        ...a,
        codeHash: { algorithm: 'pbkdf2-sha256', iterations: 100_000, salt: 'A'.repeat(22), hash: 'B'.repeat(43) },
      })),
    };
    expect(decidePickup(withCodes, { kind: 'code', matching: ['p1'] }, DAY)).toMatchObject({
      kind: 'authorised',
      pickupId: 'p1',
      method: 'code',
    });
    expect(decidePickup(withCodes, { kind: 'code', matching: [] }, DAY)).toEqual({ kind: 'not-on-list' });
    expect(decidePickup(withCodes, { kind: 'code', matching: ['p2'] }, DAY).kind).toBe('not-valid-today');
    // An id that is not an adult of this child (or has no code) matches nothing.
    expect(decidePickup(entries, { kind: 'code', matching: ['p1'] }, DAY)).toEqual({ kind: 'not-on-list' });
    expect(decidePickup(withCodes, { kind: 'code', matching: ['p7'] }, DAY)).toEqual({ kind: 'not-on-list' });
  });

  it('a teacher can pick only an adult of the list valid today', () => {
    expect(decidePickup(entries, { kind: 'staff', pickupId: 'p1' }, DAY)).toMatchObject({ kind: 'authorised', method: 'staff' });
    expect(decidePickup(entries, { kind: 'staff', pickupId: 'p2' }, DAY).kind).toBe('not-valid-today');
    expect(decidePickup(entries, { kind: 'staff', pickupId: 'nobody' }, DAY).kind).toBe('not-on-list');
  });

  it('validOn includes both ends; null is open', () => {
    expect(validOn({ validFrom: null, validTo: null }, DAY)).toBe(true);
    expect(validOn({ validFrom: DAY, validTo: DAY }, DAY)).toBe(true);
    expect(validOn({ validFrom: '2026-03-11', validTo: null }, DAY)).toBe(false);
  });
});

describe('pickup codes', () => {
  it.each(['', '123', '1234567', '12a4', '12 34', '１２３４', '1234\n', '-1234', '12.34'])(
    'refuses %j before any hashing',
    async (code) => {
      expect(isPickupCode(code)).toBe(false);
      // A hash the tablet could not even read: if the format check were skipped, WebCrypto would be asked (and throw or say false).
      const stored = { algorithm: 'pbkdf2-sha256' as const, iterations: 100_000, salt: 'A'.repeat(22), hash: 'B'.repeat(43) };
      expect(await verifyPickupCode(code, stored)).toBe(false);
      expect(await adultsWithCode(code, [{ pickupId: 'p1', codeHash: stored }])).toEqual([]);
    },
  );

  it('accepts 4 to 6 ASCII digits', () => {
    for (const code of ['0000', '12345', '987654']) expect(isPickupCode(code)).toBe(true);
  });

  it('verifies the district’s PBKDF2 hash with WebCrypto: the right code only', async () => {
    const stored = await hashPickupCode('4821', 100_000);
    expect(await verifyPickupCode('4821', stored)).toBe(true);
    expect(await verifyPickupCode('4822', stored)).toBe(false);
    expect(await verifyPickupCode('48210', stored)).toBe(false);
    const other = await hashPickupCode('777777', 100_000);
    expect(
      await adultsWithCode('777777', [
        { pickupId: 'p1', codeHash: stored },
        { pickupId: 'p2', codeHash: other },
        { pickupId: 'p3', codeHash: null },
      ]),
    ).toEqual(['p2']);
  });

  it('refuses a hash outside the contract’s bounds without deriving (a forged bundle cannot make the tablet spin)', async () => {
    const stored = await hashPickupCode('4821', 100_000);
    expect(await verifyPickupCode('4821', { ...stored, iterations: 50_000_000 })).toBe(false);
    expect(await verifyPickupCode('4821', { ...stored, hash: stored.hash.slice(0, 20) })).toBe(false);
  });
});

describe('the overlap rule', () => {
  const p = (pickupId: string, validFrom: string | null, validTo: string | null, name = 'Dana', relation = 'mother') => ({
    pickupId,
    name,
    relation,
    validFrom,
    validTo,
  });
  it('finds one adult (name and relation, case and spaces aside) twice with overlapping validity', () => {
    expect(overlappingEntry([p('a', null, null), p('b', '2026-01-01', null, ' DANA ', 'Mother')])?.map((x) => x.pickupId)).toEqual([
      'a',
      'b',
    ]);
    expect(overlappingEntry([p('a', '2026-01-01', '2026-03-31'), p('b', '2026-03-31', null)])).not.toBeNull();
  });
  it('allows a new permission after the old one ended, and two different adults at once', () => {
    expect(overlappingEntry([p('a', '2026-01-01', '2026-03-31'), p('b', '2026-04-01', null)])).toBeNull();
    expect(overlappingEntry([p('a', null, null), p('b', null, null, 'Dana', 'aunt'), p('c', null, null, 'Erlan')])).toBeNull();
  });
});

describe('late pickup and children per adult', () => {
  it('is late from the closing minute on, in the site’s zone; never without a closing time', () => {
    const ms = Date.UTC(2026, 2, 10, 13, 30); // 18:30 in Almaty (UTC+5)
    expect(siteMinutesOfDay(ms, 'Asia/Almaty')).toBe(18 * 60 + 30);
    expect(isAfterClosing(siteMinutesOfDay(ms, 'Asia/Almaty'), '18:30')).toBe(true);
    expect(isAfterClosing(siteMinutesOfDay(ms - 60_000, 'Asia/Almaty'), '18:30')).toBe(false);
    expect(isAfterClosing(23 * 60, null)).toBe(false);
    expect(isAfterClosing(23 * 60, '25:00')).toBe(false);
  });

  it('counts children inside against staff on duty per group, rounding the ratio up', () => {
    const inside = ['a', 'b', 'c', 'd', 'e'].map((id) => ({ childId: id as ChildId }));
    const groups: Record<string, string> = { a: 'Stars', b: 'Stars', c: 'Stars', d: 'Suns', e: 'Suns' };
    expect(groupStaffing(inside, (id) => groups[id], ['Stars', 'Stars', null, 'Moons'])).toEqual([
      { group: 'Moons', children: 0, staff: 1, childrenPerStaff: 0 },
      { group: 'Stars', children: 3, staff: 2, childrenPerStaff: 2 },
      { group: 'Suns', children: 2, staff: 0, childrenPerStaff: null },
    ]);
  });

  it('needs a pickup only for the site’s pickup groups', () => {
    expect(needsPickup('Stars', ['Stars'])).toBe(true);
    expect(needsPickup('School', ['Stars'])).toBe(false);
    expect(needsPickup('Stars', undefined)).toBe(false);
  });
});
