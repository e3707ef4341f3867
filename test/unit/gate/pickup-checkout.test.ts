// Check-out to an authorised adult at the gate (GateController with pickup rules): a check-out of a child whose group
// needs a pickup is not recorded at once but waits beside the gate; the adult's card, their code or a teacher's pick
// records it with who collected the child; an unknown card, an adult not valid today or a do-not-release card records
// nothing, goes into the audit log and is shown to staff on the waiting row; the next child checks in meanwhile; too
// many wrong codes close the keypad; a waiting check-out lapses and the child stays checked in.
import { publicNoticeKey } from '../../../src/ui/gate/pickup-notice';
import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GateDecider, type MatchResult } from '../../../src/core/decide';
import { defaultGateConfig } from '../../../src/config';
import type { BundlePickups } from '../../../src/core/bundle-shape';
import type { BraceletUid, ChildId } from '../../../src/core/types';
import { dayKeyAt, type MarkEvent } from '../../../src/core/attendance-rules';
import { needsPickup } from '../../../src/core/pickup';
import { GateController, type Timers } from '../../../src/gate/gate-controller';
import { readPickupCodeLock } from '../../../src/gate/pickup-code-lock';
import { parseRoster } from '../../../src/storage/roster-format';
import { RosterIndex } from '../../../src/storage/roster.repo';
import { hashPickupCode } from '../../../server/services/pickup-code';
import { device, face, randomUnit, scriptedSearch } from './gate-fixtures';
import { testDatabases } from '../../support/test-dbs';

const parsed = parseRoster(JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'fixtures', 'demo-roster.json'), 'utf8')));
if (parsed.kind !== 'ok') throw new Error('fixture roster is invalid');
const roster = new RosterIndex(parsed.roster.children);
const aliya = 'child-001' as ChildId; // Balapan
const timur = 'child-002' as ChildId; // Balapan
const dana = 'child-003' as ChildId; // Kunshuaq: no pickup needed
const uid = (s: string) => s as BraceletUid;
const braceletOf = (id: ChildId) => roster.get(id)!.braceletUid!;
const MORNING = Date.UTC(2026, 2, 10, 3, 0);
const AFTERNOON = MORNING + 8 * 3_600_000;
const dayKey = (ms: number) => dayKeyAt(ms, 300);

class FakeTimers implements Timers {
  private next = 1;
  readonly pending = new Map<number, { run: () => void; ms: number }>();
  set(run: () => void, ms: number) {
    const id = this.next++;
    this.pending.set(id, { run, ms });
    return id;
  }
  clear(handle: unknown) {
    this.pending.delete(handle as number);
  }
  fire(ms: number) {
    for (const [id, t] of [...this.pending]) {
      if (t.ms !== ms) continue;
      this.pending.delete(id);
      t.run();
    }
  }
}

const freshDb = testDatabases('pickup-checkout');

async function setup(search: (p: Float32Array) => MatchResult = () => ({ best: null, second: null }), tickMs = 0) {
  const code = await hashPickupCode('4821', 100_000);
  const auntCode = await hashPickupCode('7355', 100_000);
  const pickups = new Map<string, BundlePickups>([
    [
      aliya,
      {
        childId: aliya,
        adults: [
          {
            pickupId: 'p-mother',
            childId: aliya,
            name: 'Saule',
            relation: 'mother',
            cards: ['mifare:0A000001'],
            codeHash: code,
            validFrom: null,
            validTo: null,
          },
          {
            pickupId: 'p-aunt',
            childId: aliya,
            name: 'Gulnar',
            relation: 'aunt',
            cards: ['mifare:0A000002'],
            codeHash: auntCode,
            validFrom: null,
            validTo: '2026-03-01',
          },
        ],
        doNotRelease: [
          { entryId: 'deny-1', childId: aliya, name: 'Bolat', reason: 'court order 12.03.2026', cards: ['mifare:0D000001'] },
          { entryId: 'deny-2', childId: aliya, name: 'Erlan', reason: 'court order 02.02.2026', cards: ['mifare:0D000002'] },
        ],
      },
    ],
    [
      timur,
      {
        childId: timur,
        adults: [
          {
            pickupId: 'p-timur-mother',
            childId: timur,
            name: 'Saule',
            relation: 'mother',
            cards: ['mifare:0A000001'],
            codeHash: null,
            validFrom: null,
            validTo: null,
          },
          // Timur's stepfather may collect him, and is barred from collecting Aliya (her do-not-release entry above).
          {
            pickupId: 'p-timur-stepfather',
            childId: timur,
            name: 'Bolat',
            relation: 'stepfather',
            cards: ['mifare:0D000001'],
            codeHash: null,
            validFrom: null,
            validTo: null,
          },
        ],
        doNotRelease: [],
      },
    ],
  ]);
  const adultCards = new Set([...pickups.values()].flatMap((p) => p.adults.flatMap((a) => a.cards)));
  const denied = [...pickups.values()].flatMap((p) =>
    p.doNotRelease.flatMap((d) => d.cards.map((card) => ({ card, childId: p.childId as ChildId, entryId: d.entryId }))),
  );
  const db = freshDb();
  let now = MORNING;
  /** When the tablet last reached the district (null: the lists as given). */
  let listAsOf: number | null = null;
  const timers = new FakeTimers();
  const decider = new GateDecider({
    gate: defaultGateConfig,
    matchThreshold: 0.36,
    matchMargin: 0.06,
    search,
    lookupBracelet: (u) => roster.childOfBracelet(u),
  });
  const controller = new GateController({
    db,
    deviceId: device('tablet-1'),
    decider,
    firstNameOf: (id) => roster.get(id)?.firstName,
    gate: defaultGateConfig,
    // `tickMs`: the clock moves on at each reading (a slow tablet: the plan and the write see different times).
    now: () => (now += tickMs),
    monotonic: () => now - MORNING,
    timers,
    pickup: {
      required: (id) => needsPickup(roster.get(id)?.group ?? '', ['Balapan']),
      entries: (id) => pickups.get(id),
      isAdultCard: (u) => adultCards.has(u),
      deniedCard: (u) => denied.filter((d) => d.card === u),
      dayKey,
      waitMs: defaultGateConfig.pickupWaitMs,
      codeTries: defaultGateConfig.pickupCodeTries,
      listAsOfMs: async () => listAsOf,
    },
  });
  const marks = async () => (await db.events.toArray()).filter((e): e is MarkEvent => e.type === 'mark').sort((a, b) => a.seq - b.seq);
  const audit = async () => db.audit.orderBy('seq').toArray();
  const morningIn = async (...ids: ChildId[]) => {
    for (const id of ids) await controller.presentBracelet(braceletOf(id));
    now = AFTERNOON;
  };
  return {
    db,
    controller,
    timers,
    marks,
    audit,
    morningIn,
    setNow: (ms: number) => (now = ms),
    setListAsOf: (ms: number | null) => (listAsOf = ms),
  };
}

describe('check-out to an authorised adult', () => {
  it('a bracelet check-out waits beside the gate; the adult’s card records it with who collected the child', async () => {
    const { controller, marks, morningIn } = await setup();
    await morningIn(aliya);
    await controller.presentBracelet(braceletOf(aliya));
    expect(await marks()).toHaveLength(1);
    expect(controller.view.screen).toMatchObject({ kind: 'pickup-asked', childId: aliya, firstName: 'Aliya' });
    expect(controller.view.pickups).toMatchObject([{ childId: aliya, method: 'bracelet', notice: null }]);
    await controller.presentBracelet(uid('mifare:0A000001'));
    const [, out] = await marks();
    expect(out).toMatchObject({ childId: aliya, direction: 'out', method: 'bracelet', pickup: { pickupId: 'p-mother', method: 'card' } });
    expect(controller.view.pickups).toEqual([]);
    expect(controller.view.screen).toMatchObject({ kind: 'greeting', direction: 'out', collectedBy: 'Saule' });
  });

  it('a face check-out needs the adult too (the same path as the bracelet)', async () => {
    const { controller, marks, morningIn } = await setup(scriptedSearch([{ best: { childId: aliya, score: 0.7 }, second: null }]));
    await morningIn(aliya);
    for (let i = 0; i < 6; i++) await controller.onFaces([face({ embedding: randomUnit(1) })], i * 100);
    expect(controller.view.pickups.map((p) => [p.childId, p.method])).toEqual([[aliya, 'face']]);
    expect(await marks()).toHaveLength(1);
  });

  it('the next child checks in while a check-out waits; a group without pickups checks out at once', async () => {
    const { controller, marks, morningIn } = await setup();
    await morningIn(aliya, dana);
    await controller.presentBracelet(braceletOf(aliya));
    await controller.presentBracelet(braceletOf(timur));
    expect((await marks()).at(-1)).toMatchObject({ childId: timur, direction: 'in' });
    await controller.presentBracelet(braceletOf(dana));
    expect((await marks()).at(-1)).toMatchObject({ childId: dana, direction: 'out' });
    expect((await marks()).at(-1)?.pickup).toBeUndefined();
    expect(controller.view.pickups.map((p) => p.childId)).toEqual([aliya]);
  });

  it('an unknown card records nothing, names the card to staff on the row and goes into the audit log', async () => {
    const { controller, marks, audit, morningIn } = await setup();
    await morningIn(aliya);
    await controller.presentBracelet(braceletOf(aliya));
    await controller.presentBracelet(uid('mifare:0FFFFFFF'));
    expect(await marks()).toHaveLength(1);
    expect(controller.view.screen.kind).toBe('pickup-refused');
    expect(controller.view.pickups[0]?.notice).toEqual({ kind: 'not-on-list', method: 'card', card: 'mifare:0FFFFFFF' });
    expect((await audit()).at(-1)).toMatchObject({
      kind: 'pickup-refused',
      childId: aliya,
      details: { outcome: 'not-on-list', method: 'card', card: 'mifare:0FFFFFFF' },
    });
    // The right adult may still come.
    await controller.presentBracelet(uid('mifare:0A000001'));
    expect((await marks()).at(-1)).toMatchObject({ direction: 'out', pickup: { pickupId: 'p-mother' } });
  });

  it('a do-not-release card is refused with its reason for staff, and that notice stays on the row', async () => {
    const { controller, marks, audit, morningIn } = await setup();
    await morningIn(aliya);
    await controller.presentBracelet(braceletOf(aliya));
    await controller.presentBracelet(uid('mifare:0D000001'));
    expect(await marks()).toHaveLength(1);
    expect(controller.view.pickups[0]?.notice).toEqual({
      kind: 'do-not-release',
      method: 'card',
      name: 'Bolat',
      reason: 'court order 12.03.2026',
    });
    expect((await audit()).at(-1)).toMatchObject({ kind: 'pickup-refused', details: { outcome: 'do-not-release', entryId: 'deny-1' } });
    expect(JSON.stringify(await audit())).not.toMatch(/Bolat|court/);
    await controller.presentBracelet(uid('mifare:0FFFFFFF'));
    expect(controller.view.pickups[0]?.notice?.kind).toBe('do-not-release');
    // The public screen reads the same for that adult as for a stranger's card: no sign they were recognised.
    const stranger = { kind: 'not-on-list', method: 'card' } as const;
    expect(publicNoticeKey(controller.view.pickups[0]!.notice!)).toBe(publicNoticeKey(stranger));
  });

  it('an adult whose permission ended is refused (not valid today), and a teacher cannot pick them either', async () => {
    const { controller, marks, morningIn } = await setup();
    await morningIn(aliya);
    await controller.presentBracelet(braceletOf(aliya));
    await controller.presentBracelet(uid('mifare:0A000002'));
    expect(controller.view.pickups[0]?.notice).toMatchObject({ kind: 'not-valid-today', name: 'Gulnar', validTo: '2026-03-01' });
    expect(await controller.pickupByStaff(aliya, 'p-aunt')).toMatchObject({ kind: 'refused', notice: { kind: 'not-valid-today' } });
    expect(await controller.pickupByStaff(aliya, 'p-mother')).toEqual({ kind: 'recorded', name: 'Saule' });
    expect((await marks()).at(-1)).toMatchObject({ direction: 'out', pickup: { pickupId: 'p-mother', method: 'staff' } });
  });

  it('one adult’s card checks out every waiting child they may collect (brothers and sisters)', async () => {
    const { controller, marks, morningIn } = await setup();
    await morningIn(aliya, timur);
    await controller.presentBracelet(braceletOf(aliya));
    await controller.presentBracelet(braceletOf(timur));
    await controller.presentBracelet(uid('mifare:0A000001'));
    const outs = (await marks()).filter((m) => m.direction === 'out');
    expect(outs.map((m) => [m.childId, m.pickup?.pickupId])).toEqual([
      [aliya, 'p-mother'],
      [timur, 'p-timur-mother'],
    ]);
  });

  it('a code: wrong length or characters change nothing and are not counted; the right code records; wrong codes close the keypad', async () => {
    const { controller, marks, audit, morningIn } = await setup();
    await morningIn(aliya);
    await controller.presentBracelet(braceletOf(aliya));
    for (const bad of ['12', '1234567', '48a1', ' 4821'])
      expect(await controller.enterPickupCode(aliya, bad)).toEqual({ kind: 'bad-code' });
    expect(controller.view.pickups[0]?.wrongCodes).toBe(0);
    expect(await audit()).toHaveLength(0);
    expect(await controller.enterPickupCode(aliya, '0000')).toMatchObject({
      kind: 'refused',
      notice: { kind: 'not-on-list', method: 'code' },
    });
    expect(await controller.enterPickupCode(aliya, '4821')).toEqual({ kind: 'recorded', name: 'Saule' });
    expect((await marks()).at(-1)).toMatchObject({ direction: 'out', pickup: { pickupId: 'p-mother', method: 'code' } });
  });

  it('one card that may collect the brother but is barred from the sister: he goes, her row shows the notice and the audit log has it', async () => {
    const { controller, marks, audit, morningIn } = await setup();
    await morningIn(aliya, timur);
    await controller.presentBracelet(braceletOf(aliya));
    await controller.presentBracelet(braceletOf(timur));
    await controller.presentBracelet(uid('mifare:0D000001'));
    const outs = (await marks()).filter((m) => m.direction === 'out');
    expect(outs.map((m) => [m.childId, m.pickup?.pickupId])).toEqual([[timur, 'p-timur-stepfather']]);
    expect(controller.view.pickups.map((p) => [p.childId, p.notice])).toEqual([
      [aliya, { kind: 'do-not-release', method: 'card', name: 'Bolat', reason: 'court order 12.03.2026' }],
    ]);
    expect((await audit()).at(-1)).toMatchObject({
      kind: 'pickup-refused',
      childId: aliya,
      details: { outcome: 'do-not-release', entryId: 'deny-1', method: 'card' },
    });
  });

  it('a do-not-release notice stays on the row when wrong codes then close the keypad', async () => {
    const { controller, marks, morningIn } = await setup();
    await morningIn(aliya);
    await controller.presentBracelet(braceletOf(aliya));
    await controller.presentBracelet(uid('mifare:0D000001'));
    for (let i = 0; i < defaultGateConfig.pickupCodeTries; i++) await controller.enterPickupCode(aliya, `000${i}`);
    const row = controller.view.pickups[0];
    expect(row?.notice).toEqual({ kind: 'do-not-release', method: 'card', name: 'Bolat', reason: 'court order 12.03.2026' });
    expect(row?.codeLocked).toBe(true);
    expect(await controller.enterPickupCode(aliya, '4821')).toMatchObject({ kind: 'refused', notice: { kind: 'do-not-release' } });
    expect(await marks()).toHaveLength(1);
  });

  it('a teacher’s hand check-out soon after arrival (sent home ill) is recorded once the adult taps, with the teacher’s note and name', async () => {
    const { controller, marks, audit, setNow } = await setup();
    await controller.presentBracelet(braceletOf(aliya));
    // Ten minutes later: within the 15-minute repeat rule, which a teacher's chosen direction overrides.
    setNow(MORNING + 10 * 60_000);
    const staffMember = { dutyId: 'duty-1', name: 'Aigerim' };
    expect(await controller.markByStaff(aliya, 'out', { staffNote: 'fever', staffMember })).toEqual({
      kind: 'awaiting-pickup',
      childId: aliya,
    });
    setNow(MORNING + 11 * 60_000);
    await controller.presentBracelet(uid('mifare:0A000001'));
    expect(controller.view.pickups).toEqual([]);
    expect((await marks()).map((m) => m.direction)).toEqual(['in', 'out']);
    expect((await marks()).at(-1)).toMatchObject({
      method: 'staff',
      staffNote: 'fever',
      staffMember,
      pickup: { pickupId: 'p-mother', method: 'card' },
    });
    expect((await audit()).at(-1)).toMatchObject({
      kind: 'manual-check-in',
      childId: aliya,
      details: { direction: 'out', dutyId: 'duty-1' },
    });
  });

  it('a teacher’s hand check-out of a child never marked in today waits for the adult and is recorded as out', async () => {
    const { controller, marks, setNow } = await setup();
    setNow(AFTERNOON);
    expect(await controller.markByStaff(aliya, 'out')).toEqual({ kind: 'awaiting-pickup', childId: aliya });
    expect(await controller.pickupByStaff(aliya, 'p-mother')).toEqual({ kind: 'recorded', name: 'Saule' });
    expect((await marks()).map((m) => [m.direction, m.method])).toEqual([['out', 'staff']]);
  });

  it('after the allowed wrong codes the keypad is closed for that check-out, even for the right code', async () => {
    const { controller, marks, morningIn } = await setup();
    await morningIn(aliya);
    await controller.presentBracelet(braceletOf(aliya));
    for (let i = 0; i < defaultGateConfig.pickupCodeTries; i++) await controller.enterPickupCode(aliya, `000${i}`);
    expect(controller.view.pickups[0]?.notice).toEqual({ kind: 'code-locked' });
    expect(await controller.enterPickupCode(aliya, '4821')).toEqual({ kind: 'refused', notice: { kind: 'code-locked' } });
    expect(await marks()).toHaveLength(1);
  });

  it('codes typed at once cannot pass the check-out’s limit: the right one typed after the allowed tries is not even checked', async () => {
    const { controller, marks, morningIn } = await setup();
    await morningIn(aliya);
    await controller.presentBracelet(braceletOf(aliya));
    const guesses = ['0001', '0002', '0003', '0004', '0005', '0006', '0007', '0008', '0009', '4821'];
    const answers = await Promise.all(guesses.map((c) => controller.enterPickupCode(aliya, c)));
    expect(answers.filter((a) => a.kind === 'recorded')).toEqual([]);
    expect(answers.filter((a) => a.kind === 'refused' && a.notice.kind === 'code-locked').length).toBeGreaterThanOrEqual(7);
    expect(await marks()).toHaveLength(1);
  });

  it('wrong codes count across check-outs on the tablet: after five, every keypad waits (kept in IndexedDB), then doubles', async () => {
    const { controller, db, timers, marks, morningIn, setNow } = await setup();
    await morningIn(aliya, timur);
    await controller.presentBracelet(braceletOf(aliya));
    for (let i = 0; i < 3; i++) await controller.enterPickupCode(aliya, `100${i}`);
    await controller.presentBracelet(braceletOf(timur));
    for (let i = 0; i < 3; i++) await controller.enterPickupCode(timur, `200${i}`);
    expect(await readPickupCodeLock(db)).toEqual({ failures: 6, lockedUntilMs: AFTERNOON + 30_000 });
    // Both check-outs lapse; a new one for Aliya has its own tries, but the tablet waits: even the right code is held.
    timers.fire(defaultGateConfig.pickupWaitMs);
    await controller.presentBracelet(braceletOf(aliya));
    expect(await controller.enterPickupCode(aliya, '4821')).toEqual({ kind: 'refused', notice: { kind: 'code-locked' } });
    setNow(AFTERNOON + 31_000);
    expect(await controller.enterPickupCode(aliya, '4821')).toEqual({ kind: 'recorded', name: 'Saule' });
    expect(await readPickupCodeLock(db)).toEqual({ failures: 0, lockedUntilMs: 0 });
    expect((await marks()).at(-1)).toMatchObject({ childId: aliya, direction: 'out', pickup: { pickupId: 'p-mother', method: 'code' } });
  });

  it('a real code that is not valid today counts as wrong and reads on the public screen like a wrong code', async () => {
    const { controller, morningIn } = await setup();
    await morningIn(aliya);
    await controller.presentBracelet(braceletOf(aliya));
    const answer = await controller.enterPickupCode(aliya, '7355');
    expect(answer).toMatchObject({ kind: 'refused', notice: { kind: 'not-valid-today', method: 'code' } });
    expect(controller.view.pickups[0]?.wrongCodes).toBe(1);
    if (answer.kind !== 'refused') throw new Error(answer.kind);
    expect(publicNoticeKey(answer.notice)).toBe('pickup.row.notice.not-on-list.code');
    expect(publicNoticeKey({ kind: 'not-valid-today', method: 'card' })).toBe('pickup.row.notice.not-valid-today');
  });

  it('on lists older than a day (the tablet offline since), a card or code alone releases nobody: a teacher checks and picks', async () => {
    const { controller, marks, audit, morningIn, setListAsOf } = await setup();
    await morningIn(aliya);
    setListAsOf(AFTERNOON - 25 * 3_600_000);
    await controller.presentBracelet(braceletOf(aliya));
    await controller.presentBracelet(uid('mifare:0A000001'));
    expect(controller.view.pickups[0]?.notice).toEqual({
      kind: 'list-stale',
      method: 'card',
      name: 'Saule',
      asOfMs: AFTERNOON - 25 * 3_600_000,
    });
    expect(publicNoticeKey(controller.view.pickups[0]!.notice!)).toBe('pickup.row.notice.list-stale');
    expect(await controller.enterPickupCode(aliya, '4821')).toMatchObject({
      kind: 'refused',
      notice: { kind: 'list-stale', method: 'code' },
    });
    expect((await audit()).at(-1)).toMatchObject({
      kind: 'pickup-refused',
      details: { outcome: 'list-stale', method: 'code', pickupId: 'p-mother' },
    });
    expect((await marks()).map((m) => m.direction)).toEqual(['in']);
    // The teacher checks the adult's document and picks her: recorded.
    expect(await controller.pickupByStaff(aliya, 'p-mother')).toEqual({ kind: 'recorded', name: 'Saule' });
    // A card that may collect Timur but is barred from Aliya, on old lists: Timur held for a teacher, Aliya's row
    // still shows the custody order.
    const both = await setup();
    await both.morningIn(aliya, timur);
    both.setListAsOf(AFTERNOON - 25 * 3_600_000);
    await both.controller.presentBracelet(braceletOf(timur));
    await both.controller.presentBracelet(braceletOf(aliya));
    await both.controller.presentBracelet(uid('mifare:0D000001'));
    const rows = new Map(both.controller.view.pickups.map((p) => [p.childId, p.notice?.kind]));
    expect(rows).toEqual(
      new Map([
        [timur, 'list-stale'],
        [aliya, 'do-not-release'],
      ]),
    );
    // Lists confirmed an hour ago: the card alone records, as before.
    const fresh = await setup();
    await fresh.morningIn(aliya);
    fresh.setListAsOf(AFTERNOON - 3_600_000);
    await fresh.controller.presentBracelet(braceletOf(aliya));
    await fresh.controller.presentBracelet(uid('mifare:0A000001'));
    expect((await fresh.marks()).map((m) => m.direction)).toEqual(['in', 'out']);
  });

  it('a check-out that comes due between the plan and the write is not recorded without the adult', async () => {
    // Each clock reading 1 ms later (a slow tablet); the second tap starts just before the interval ends, at every
    // offset where the rules' plan and the write could fall on either side of it.
    for (let before = 1; before <= 30; before++) {
      const { controller, marks, setNow } = await setup(undefined, 1);
      setNow(MORNING);
      await controller.presentBracelet(braceletOf(aliya));
      const inAt = (await marks())[0]!.atMs;
      setNow(inAt + defaultGateConfig.checkOutMinIntervalMs - before);
      await controller.presentBracelet(braceletOf(aliya));
      // Either a repeat or a check-out waiting for the adult: never an 'out' written without one.
      expect(
        (await marks()).map((m) => m.direction),
        `${before} ms before`,
      ).toEqual(['in']);
    }
  });

  it('a waiting check-out lapses (the child stays checked in); an adult’s card with nothing waiting asks for the child first', async () => {
    const { controller, timers, marks, morningIn } = await setup();
    await morningIn(aliya);
    await controller.presentBracelet(braceletOf(aliya));
    timers.fire(defaultGateConfig.pickupWaitMs);
    expect(controller.view.pickups).toEqual([]);
    await controller.presentBracelet(uid('mifare:0A000001'));
    expect(controller.view.screen.kind).toBe('pickup-no-child');
    expect(await marks()).toHaveLength(1);
  });

  it('a do-not-release card with no check-out of that child waiting reads like a stranger’s card, and the audit log has it', async () => {
    const { controller, audit, marks, morningIn } = await setup();
    await morningIn(aliya);
    await controller.presentBracelet(uid('mifare:0F000009'));
    const stranger = controller.view.screen;
    await controller.presentBracelet(uid('mifare:0D000002'));
    expect(controller.view.screen).toEqual(stranger);
    expect((await audit()).at(-1)).toMatchObject({
      kind: 'pickup-refused',
      childId: aliya,
      details: { outcome: 'do-not-release', method: 'card', card: 'mifare:0D000002', entryId: 'deny-2', checkOut: 'not-waiting' },
    });
    // Bolat may collect Timur (no check-out waiting either): his card asks for the child first, and Aliya's entry is logged.
    await controller.presentBracelet(uid('mifare:0D000001'));
    expect(controller.view.screen.kind).toBe('pickup-no-child');
    expect((await audit()).at(-1)).toMatchObject({ childId: aliya, details: { entryId: 'deny-1', checkOut: 'not-waiting' } });
    expect(await marks()).toHaveLength(1);
  });

  it('a teacher’s hand check-out waits for the adult too; a replacement controller carries the waiting check-outs', async () => {
    const first = await setup();
    await first.morningIn(aliya);
    expect(await first.controller.markByStaff(aliya, 'out')).toEqual({ kind: 'awaiting-pickup', childId: aliya });
    const second = new GateController({
      ...(first.controller as unknown as { deps: ConstructorParameters<typeof GateController>[0] }).deps,
    });
    second.carryPickups(first.controller.view.pickups);
    first.controller.dispose();
    expect(await second.pickupByStaff(aliya, 'p-mother')).toEqual({ kind: 'recorded', name: 'Saule' });
    expect((await first.marks()).at(-1)).toMatchObject({ direction: 'out', method: 'staff', pickup: { method: 'staff' } });
  });
});
