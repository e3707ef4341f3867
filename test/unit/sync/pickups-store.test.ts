// The bundle's pickups on the tablet: a full bundle's are stored whole, a delta replaces those of the children it names;
// a bundle whose pickup list is malformed (a card of two adults, one adult twice with overlapping validity, an adult with
// neither card nor code) is refused whole and the tablet keeps the roster and pickups it held; a delta that would give
// an adult's card to an adult of another held child is refused too (the delta alone cannot show it). A tablet that
// held a roster before it stored pickups drops its roster digest on upgrade, so its next pull asks for the full bundle.
import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import type { BundleDelta, BundlePayload, BundlePickups, PickupAdult } from '../../../src/core/bundle-shape';
import { childDigests, rosterDigest } from '../../../src/protocol/bundle-digest';
import {
  applyBundle,
  applyDelta,
  checkBundleAnswer,
  readRosterDigests,
  readSiteSettings,
  type VerifyContext,
} from '../../../src/sync/bundle';
import { readAppliedBundle } from '../../../src/sync/sync-state';
import { heldCardsOutside, readAllPickups } from '../../../src/storage/pickups.repo';
import { GateDb } from '../../../src/storage/db';
import { testDatabases } from '../../support/test-dbs';

const openDb = testDatabases('pickups-store');
const NOW = Date.UTC(2026, 2, 10, 6, 0);

const adult = (over: Partial<PickupAdult> & Pick<PickupAdult, 'pickupId' | 'childId'>): PickupAdult => ({
  name: 'Dana A.',
  relation: 'mother',
  cards: [],
  codeHash: null,
  validFrom: null,
  validTo: null,
  ...over,
});

const children = [
  { childId: 'c1', displayName: 'Aisha A.', group: 'Stars', bracelets: ['mifare:04A1B2C3'] },
  { childId: 'c2', displayName: 'Timur B.', group: 'Stars', bracelets: ['mifare:04A1B2C4'] },
];
const goodPickups = (): BundlePickups[] => [
  {
    childId: 'c1',
    adults: [adult({ pickupId: 'p1', childId: 'c1', cards: ['mifare:0BB00001'] })],
    doNotRelease: [{ entryId: 'd1', childId: 'c1', name: 'Bolat A.', reason: 'court order 12.03.2026', cards: ['mifare:0DD00001'] }],
  },
  {
    childId: 'c2',
    adults: [adult({ pickupId: 'p2', childId: 'c2', name: 'Erlan B.', relation: 'father', cards: ['mifare:0BB00002'] })],
    doNotRelease: [],
  },
];

async function full(version: number, pickups: BundlePickups[]): Promise<BundlePayload> {
  return {
    kind: 'full',
    format: 'gate-kiosk-bundle/2',
    districtId: 'dist_1',
    siteId: 'site_1',
    version,
    issuedAtMs: NOW - 1000,
    expiresAtMs: NOW + 86_400_000,
    children,
    removedChildIds: [],
    consents: [],
    settings: {
      biometricsEnabled: false,
      assessmentRef: null,
      matchThreshold: 0.42,
      matchMargin: 0.06,
      nightlyWindow: { start: '01:00', end: '04:00' },
      maxOfflineFaceDays: 3,
      pickupGroups: ['Stars'],
      closingTime: '18:30',
    },
    timeZone: 'Asia/Almaty',
    templates: [],
    rosterDigest: await rosterDigest(await childDigests(children, [])),
    pickups,
  };
}

async function delta(fromVersion: number, named: string[], pickups: BundlePickups[]): Promise<BundleDelta> {
  const base = await full(fromVersion + 1, pickups);
  return { ...base, kind: 'delta', fromVersion, children: children.filter((c) => named.includes(c.childId)) };
}

const ctx = async (db: GateDb): Promise<VerifyContext> => ({
  siteId: 'site_1',
  districtId: 'dist_1',
  held: await readAppliedBundle(db),
  heldSettings: await readSiteSettings(db),
  heldDigests: () => readRosterDigests(db),
  heldPickupCards: (named) => heldCardsOutside(db, named),
  nowMs: NOW,
});

async function tabletWithV1() {
  const db = openDb();
  await db.open();
  const check = await checkBundleAnswer(await full(1, goodPickups()), await ctx(db));
  if (check.kind !== 'full') throw new Error(`v1 not accepted: ${JSON.stringify(check)}`);
  expect((await applyBundle(db, check.payload, check.digests, NOW)).kind).toBe('applied');
  return db;
}

const snapshot = async (db: GateDb) =>
  JSON.stringify([await readAllPickups(db), await db.children.orderBy('id').toArray(), await readAppliedBundle(db)]);

describe('pickups on the tablet', () => {
  it('stores a full bundle’s pickups whole, with the code hashes and do-not-release entries', async () => {
    const db = await tabletWithV1();
    const held = (await readAllPickups(db)).sort((a, b) => a.childId.localeCompare(b.childId));
    expect(held).toEqual(goodPickups());
  });

  it.each([
    [
      'a card of two adults',
      (p: BundlePickups[]) => (p[1]!.adults[0]!.cards = ['mifare:0BB00001']),
      /card mifare:0BB00001 belongs to two pickup adults/,
    ],
    [
      'one adult twice with overlapping validity',
      (p: BundlePickups[]) =>
        p[0]!.adults.push(adult({ pickupId: 'p3', childId: 'c1', name: ' dana a. ', cards: ['mifare:0BB00003'], validFrom: '2026-01-01' })),
      /one adult with overlapping validity/,
    ],
    ['an adult with neither card nor code', (p: BundlePickups[]) => (p[1]!.adults[0]!.cards = []), /neither a card nor a code/],
    ['a card both allowed and denied', (p: BundlePickups[]) => p[0]!.adults[0]!.cards.push('mifare:0DD00001'), /both allowed and denied/],
  ])('refuses a bundle with %s as a whole and keeps what it held', async (_what, spoil, message) => {
    const db = await tabletWithV1();
    const before = await snapshot(db);
    const pickups = goodPickups();
    spoil(pickups);
    const check = await checkBundleAnswer(await full(2, pickups), await ctx(db));
    expect(check.kind).toBe('refused');
    expect(check.kind === 'refused' && check.code).toBe('bundle-shape');
    expect(check.kind === 'refused' && check.message).toMatch(message);
    expect(await snapshot(db)).toBe(before);
  });

  it('accepts the same adult twice when the validities do not overlap (a new permission after the old one ended)', async () => {
    const db = await tabletWithV1();
    const pickups = goodPickups();
    pickups[0]!.adults[0]!.validTo = '2026-03-31';
    pickups[0]!.adults.push(adult({ pickupId: 'p3', childId: 'c1', cards: ['mifare:0BB00003'], validFrom: '2026-04-01' }));
    expect((await checkBundleAnswer(await full(2, pickups), await ctx(db))).kind).toBe('full');
  });

  it('a delta replaces the pickups of the children it names only', async () => {
    const db = await tabletWithV1();
    const check = await checkBundleAnswer(await delta(1, ['c1'], []), await ctx(db));
    if (check.kind !== 'delta') throw new Error(JSON.stringify(check));
    await applyDelta(db, check.payload, check.digests, NOW);
    expect((await readAllPickups(db)).map((p) => p.childId)).toEqual(['c2']);
  });

  it('refuses a delta that gives an adult of a child it names the card of an adult of a child it does not name', async () => {
    const db = await tabletWithV1();
    const before = await snapshot(db);
    const stolen: BundlePickups = {
      childId: 'c2',
      adults: [adult({ pickupId: 'p9', childId: 'c2', name: 'Stranger', cards: ['mifare:0BB00001'] })],
      doNotRelease: [],
    };
    const check = await checkBundleAnswer(await delta(1, ['c2'], [stolen]), await ctx(db));
    expect(check.kind).toBe('refused');
    expect(check.kind === 'refused' && check.message).toMatch(
      /card mifare:0BB00001 of pickup adult p9 belongs to a pickup adult of child c1/,
    );
    expect(await snapshot(db)).toBe(before);
  });

  it('a tablet upgraded from before pickups were stored drops its roster digest, so the next pull takes the full bundle', async () => {
    const name = `pickups-upgrade-${Math.random()}`;
    const old = new Dexie(name);
    old.version(4).stores({ events: 'id, &[deviceId+seq], [childId+dayKey], dayKey, atMs', outbox: 'eventId, queuedAtMs', meta: 'key' });
    await old.open();
    await old
      .table('meta')
      .put({ key: 'sync:bundle', value: { version: 7, issuedAtMs: 1, expiresAtMs: 2, appliedAtMs: 1, rosterDigest: 'a'.repeat(64) } });
    old.close();
    const db = openDb(name);
    await db.open();
    expect(await readAppliedBundle(db)).toEqual({ version: 7, issuedAtMs: 1, expiresAtMs: 2, appliedAtMs: 1 });
    expect(await db.pickups.count()).toBe(0);
  });
});
