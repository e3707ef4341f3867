// The whole kiosk in Node, through its composition root (src/runtime) with fake ports: a bracelet tap on a serial
// reader is recorded durably and greeted; a sync that brings a withdrawn consent purges the child's templates and key,
// sends the purge receipt, and the gate stops recognising the child's face; the roll call counts a child checked in at
// the site's other tablet (as of that tablet's last sync, with the network down too). No browser: the database is
// fake-indexeddb, the district is the real reference server in-process.
import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { validateAppConfig } from '../../../src/config';
import { dayKeyAt } from '../../../src/core/attendance-rules';
import type { AnalysedFace, ChildId } from '../../../src/core/types';
import type { components } from '../../../src/protocol/api-types.generated';
import { createKioskRuntime, type KioskRuntime } from '../../../src/runtime/kiosk-runtime';
import { GateDb } from '../../../src/storage/db';
import { face, noisy, randomUnit } from '../gate/gate-fixtures';
import { RDM } from '../readers/vectors';
import { createSite, pairingCode, useTestDistrict } from '../server/district-fixture';
import { fakeWorld, until, type FakeWorld } from './fake-ports';
import { recordDecision } from '../../../src/attendance/record-event';
import type { DeviceId } from '../../../src/core/types';
import { testDatabases } from '../../support/test-dbs';
import { dayKey, pairTablet, siteWithChildren } from '../sync/district-tablets';

type Schemas = components['schemas'];

const fixture = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'fixtures', 'demo-roster.json'), 'utf8')) as unknown;
/** Short screen times, so the test waits less; everything else is the kiosk's own config. */
const config = validateAppConfig({ gate: { greetingMs: 400, promptMs: 1000, unknownAfterMs: 500 } });

let running: { runtime: KioskRuntime; world: FakeWorld }[] = [];
afterEach(async () => {
  for (const { runtime, world } of running) {
    await runtime.stop();
    await new GateDb(world.dbName).delete();
  }
  running = [];
});

function kiosk(world: FakeWorld, options: { demo?: boolean } = {}): KioskRuntime {
  const runtime = createKioskRuntime(world.ports, config, options.demo === false ? {} : { initialRoster: fixture, initialPin: '2468' });
  running.push({ runtime, world });
  return runtime;
}

describe('the kiosk runtime in Node', () => {
  it('a bracelet tap on a serial reader is recorded, with its outbox entry, and greeted by name', async () => {
    const world = fakeWorld({ dbName: `runtime-bracelet-${Math.random()}` });
    const runtime = kiosk(world);
    await runtime.start();
    expect(runtime.view.current.status).toEqual({ kind: 'running' });
    expect(runtime.view.current.roster.children).toHaveLength(6);

    // Staff add the reader through the chooser; it connects and the gate takes its taps.
    expect(await runtime.commands.addSerialReader('rdm6300')).toMatchObject({ kind: 'saved', readers: [{ profile: 'rdm6300' }] });
    await until(
      () => runtime.view.current.readers,
      (r) => r[0]?.state === 'connected',
      'the reader',
    );
    world.readerPort.feed(RDM.frame1);

    const greeting = await until(
      () => runtime.view.current.gate.screen,
      (s) => s.kind === 'greeting',
      'the greeting',
    );
    expect(greeting).toMatchObject({ childId: 'child-004', firstName: 'Erlan', outcome: 'recorded', direction: 'in', method: 'bracelet' });
    expect(world.activity).toContain('greeting');
    // On disk before the greeting: today's events, and the outbox read through a second connection (as after a reload).
    expect(await runtime.commands.todayEvents()).toEqual([expect.objectContaining({ childId: 'child-004', method: 'bracelet' })]);
    const other = new GateDb(world.dbName);
    expect(await other.outbox.count()).toBe(1);
    other.close();
    // The greeting stays for its time, then the gate waits for the next child.
    await until(
      () => runtime.view.current.gate.screen.kind,
      (k) => k === 'watching',
      'the gate to be free again',
    );

    // A restart (page reload) starts the saved reader by itself; the same bracelet soon after is "already checked in".
    await runtime.stop();
    expect(runtime.view.current.status).toEqual({ kind: 'stopped' });
    await runtime.start();
    await until(
      () => runtime.view.current.readers,
      (r) => r[0]?.state === 'connected',
      'the reader after a restart',
    );
    world.readerPort.feed(RDM.frame1);
    expect(
      await until(
        () => runtime.view.current.gate.screen,
        (s) => s.kind === 'greeting',
        'the second greeting',
      ),
    ).toMatchObject({
      childId: 'child-004',
      outcome: 'already',
    });
    expect(await runtime.commands.todayEvents()).toHaveLength(1);
  });

  it('a hand mark and a correction carry the member of staff on duty who made them; one signed out names nobody', async () => {
    const world = fakeWorld({ dbName: `runtime-staff-member-${Math.random()}` });
    const runtime = kiosk(world);
    await runtime.start();
    const { commands } = runtime;
    expect(await commands.signInDuty('Saule Abenova', 'Balapan')).toEqual({ kind: 'signed-in' });
    expect(await commands.signInDuty('Marat', null)).toEqual({ kind: 'signed-in' });
    const [saule, marat] = await commands.onDutyHere();
    expect([saule!.name, marat!.name]).toEqual(['Saule Abenova', 'Marat']);

    const marked = await commands.markByStaff('child-001' as ChildId, 'in', saule!.id);
    expect(marked).toMatchObject({
      kind: 'recorded',
      event: { method: 'staff', staffMember: { dutyId: saule!.id, name: 'Saule Abenova' } },
    });
    const aliyaIn = marked.kind === 'recorded' ? marked.event : null;
    expect(await commands.correct(aliyaIn!.id, 'out', marat!.id)).toMatchObject({ kind: 'recorded' });
    // Marat signs out: a mark made in his name afterwards names nobody, as does one made without a choice.
    await commands.signOutDuty(marat!.id);
    expect(await commands.markByStaff('child-002' as ChildId, 'in', marat!.id)).toMatchObject({ kind: 'recorded' });
    expect(await commands.markByStaff('child-003' as ChildId, 'in', null)).toMatchObject({ kind: 'recorded' });

    const events = await commands.todayEvents();
    const byChild = (id: string, type: string) => events.find((e) => e.childId === id && e.type === type);
    expect(byChild('child-001', 'correction')).toMatchObject({ staffMember: { dutyId: marat!.id, name: 'Marat' } });
    expect(byChild('child-002', 'mark')!.staffMember).toBeUndefined();
    expect(byChild('child-003', 'mark')!.staffMember).toBeUndefined();
    // The audit log names the duty sign-in too (the name stays in the event and the sign-in's entry).
    const db = new GateDb(world.dbName);
    const manual = (await db.audit.toArray()).filter((a) => a.kind === 'manual-check-in').map((a) => a.details?.dutyId);
    db.close();
    expect(manual).toEqual([saule!.id, null, null]);
  });

  it('the roll call lists a child a bracelet checked in, under their group, and no longer once staff check them out', async () => {
    const world = fakeWorld({ dbName: `runtime-roll-call-${Math.random()}` });
    const runtime = kiosk(world);
    await runtime.start();
    const { commands } = runtime;
    // Nobody in yet (and no district: the roll call reads only the tablet's own database).
    expect(await commands.rollCall()).toMatchObject({ groups: [] });

    await commands.addSerialReader('rdm6300');
    await until(
      () => runtime.view.current.readers,
      (r) => r[0]?.state === 'connected',
      'the reader',
    );
    const before = Date.now();
    world.readerPort.feed(RDM.frame1);
    await until(
      () => runtime.view.current.gate.screen,
      (s) => s.kind === 'greeting' && s.childId === 'child-004',
      'the greeting',
    );
    // A hand mark too, so that two groups show.
    expect(await commands.markByStaff('child-001' as ChildId, 'in')).toMatchObject({ kind: 'recorded' });

    const call = await commands.rollCall();
    expect(call.generatedAtMs).toBeGreaterThanOrEqual(before);
    expect(call.groups.map((g) => [g.group, g.children.map((c) => [c.childId, c.firstName])])).toEqual([
      ['Balapan', [['child-001', 'Aliya']]],
      ['Kunshuaq', [['child-004', 'Erlan']]],
    ]);
    const erlan = call.groups[1]!.children[0]!;
    expect(erlan.checkedInAtMs).toBeGreaterThanOrEqual(before);
    expect(erlan.checkedInAtMs).toBeLessThanOrEqual(call.generatedAtMs);

    // Staff check Erlan out by hand: he is no longer inside; Aliya still is.
    expect(await commands.markByStaff('child-004' as ChildId, 'out')).toMatchObject({ kind: 'recorded' });
    expect((await commands.rollCall()).groups.map((g) => [g.group, g.children.map((c) => c.childId)])).toEqual([
      ['Balapan', ['child-001']],
    ]);
    // A correction that removes Aliya's check-in takes her out as well.
    const aliyaIn = (await commands.todayEvents()).find((e) => e.childId === 'child-001' && e.type === 'mark')!;
    expect(await commands.correct(aliyaIn.id, null)).toMatchObject({ kind: 'recorded' });
    expect((await commands.rollCall()).groups).toEqual([]);

    // Making a roll call writes nothing: the events are the marks and the correction only.
    expect(await commands.todayEvents()).toHaveLength(4);

    // The gate offers the roll call without the PIN only once staff turn it on: in the view at once, kept, audited.
    expect(runtime.view.current.settings.rollCallWithoutPin).toBe(false);
    await commands.setRollCallWithoutPin(true);
    expect(runtime.view.current.settings.rollCallWithoutPin).toBe(true);
    await runtime.stop();
    await runtime.start();
    expect(runtime.view.current.settings.rollCallWithoutPin).toBe(true);
    const db = new GateDb(world.dbName);
    const audit = await db.audit.where('kind').equals('settings-change').toArray();
    db.close();
    expect(audit.map((e) => e.details)).toEqual([{ source: 'staff', setting: 'roll-call-without-pin', rollCallWithoutPin: true }]);
  });

  it('changes the staff PIN only with the current one, under the keypad back-off', async () => {
    const world = fakeWorld({ dbName: `runtime-pin-${Math.random()}` });
    const runtime = kiosk(world);
    await runtime.start();
    const { commands } = runtime;
    // Someone who found the panel open cannot set a PIN of their own.
    expect(await commands.changePin('0000', '7395')).toEqual({ kind: 'wrong' });
    expect(await commands.attemptPin('7395')).toMatchObject({ kind: 'wrong' });
    expect(await commands.attemptPin('2468')).toEqual({ kind: 'ok' });
    // Guessing the current PIN through this form waits like the keypad.
    for (let i = 0; i < 4; i++) await commands.changePin('0000', '7395');
    expect(await commands.changePin('2468', '7395')).toMatchObject({ kind: 'locked' });
    expect(await commands.attemptPin('2468')).toMatchObject({ kind: 'locked' });
    const db = new GateDb(world.dbName);
    await db.meta.put({ key: 'staff-pin-lock', value: { failures: 0, lockedUntilMs: 0 } });
    db.close();
    // With the current PIN: changed, and a guessable new one is refused.
    expect(await commands.changePin('2468', '1234')).toEqual({ kind: 'invalid' });
    expect(await commands.changePin('2468', '7395')).toEqual({ kind: 'changed' });
    expect(await commands.attemptPin('7395')).toEqual({ kind: 'ok' });
  }, 60_000);

  describe('with the district', () => {
    const district = useTestDistrict();

    async function siteWithOneConsent() {
      const almaty = (ms: number) => dayKeyAt(ms, 300);
      const siteId = await createSite(district);
      await district.admin('PUT', `/admin/v1/sites/${siteId}/settings`, { biometricsEnabled: true, assessmentRef: 'DPIA-TEST-1' });
      const child = await district.admin<Schemas['ChildAdmin']>('POST', `/admin/v1/sites/${siteId}/children`, {
        displayName: 'Aru Runtime',
        group: 'Suns',
        bracelets: ['mifare:0A0B0C0D'],
      });
      // Granted two days ago (in any time zone it is active today), for 11 months.
      const consent = await district.admin<Schemas['Consent']>('POST', `/admin/v1/children/${child.body.childId}/consents`, {
        guardianName: 'Parent',
        grantedOn: almaty(Date.now() - 2 * 86_400_000),
        expiresOn: almaty(Date.now() + 330 * 86_400_000),
      });
      expect(consent.status).toBe(200);
      return { siteId, childId: child.body.childId as ChildId, consentId: consent.body.consentId };
    }

    const ARU = 17;
    let frameMs = 10_000;
    /** One camera frame of Aru's face (seeded noise) turned by `yawDeg`, `gapMs` after the previous one. */
    const aruFace = (seed: number, yawDeg = 0): AnalysedFace => {
      const f = face({ embedding: noisy(randomUnit(ARU), 0.5, seed) });
      return { ...f, quality: { ...f.quality, yawDeg } };
    };
    const show = (world: FakeWorld, faces: AnalysedFace[], gapMs = 100) => {
      frameMs += gapMs;
      world.monotonic.ms = frameMs;
      world.camera.show(faces, frameMs);
    };

    const otherTablets = testDatabases('runtime-gate2');

    it("the roll call counts a child checked in at the site's other tablet, with its name and last sync, offline too", async () => {
      const { siteId, children } = await siteWithChildren(district, [], 2);
      const [atGate2, here] = children as [ChildId, ChildId];
      // Gate 2, another tablet of the site, checks a child in and syncs.
      const gate2 = await pairTablet(district, siteId, 'Gate 2', otherTablets);
      const staffMark = (childId: ChildId, direction: 'in' | 'out') =>
        recordDecision(
          gate2.db,
          { kind: 'recognized', childId, method: 'staff', score: null, direction },
          Date.now(),
          gate2.deviceId as DeviceId,
          {
            dayKey,
          },
        );
      expect(await staffMark(atGate2, 'in')).toMatchObject({ kind: 'recorded' });
      expect(await gate2.sync()).toEqual({ kind: 'done' });

      const world = fakeWorld({
        dbName: `runtime-site-${Math.random()}`,
        districtBaseUrl: district.url,
        pairCode: await pairingCode(district, siteId),
      });
      const runtime = kiosk(world);
      await runtime.start();
      const { commands } = runtime;
      await until(
        () => runtime.view.current,
        (v) => v.sync?.paired === true && v.roster.get(atGate2) !== undefined,
        'the district roster',
      );
      expect(await commands.markByStaff(here, 'in')).toMatchObject({ kind: 'recorded' });
      // The sync after pairing brought Gate 2's events: the child it checked in is inside, marked with its name.
      const call = await until(
        () => commands.rollCall(),
        (c) => c.groups.flatMap((g) => g.children).length === 2,
        "Gate 2's check-in in the roll call",
      );
      // By name within the group: Child0 (in at Gate 2), Child1 (in here).
      expect(call.groups.map((g) => [g.group, g.children.map((c) => [c.childId, c.gate ?? 'here'])])).toEqual([
        [
          'Suns',
          [
            [atGate2, 'Gate 2'],
            [here, 'here'],
          ],
        ],
      ]);
      expect(call.others.tablets).toEqual([{ name: 'Gate 2', lastSyncedAtMs: expect.any(Number) }]);
      expect(call.others.receivedAtMs).toBeLessThanOrEqual(call.generatedAtMs);
      expect(call.others.lastTryFailed).toBe(false);
      // Nothing of Gate 2's is this tablet's own: today's events here are the hand mark only.
      expect((await commands.todayEvents()).map((e) => e.childId)).toEqual([here]);

      // The network goes down; Gate 2 checks the child out meanwhile. The roll call still answers from what this
      // tablet holds (the child is still inside as of Gate 2's last sync) until a sync brings the check-out.
      world.network.online = false;
      expect(await staffMark(atGate2, 'out')).toMatchObject({ kind: 'recorded' });
      expect(await gate2.sync()).toEqual({ kind: 'done' });
      world.wakeSync();
      const offline = await commands.rollCall();
      expect(offline.groups.flatMap((g) => g.children.map((c) => c.childId)).sort()).toEqual([atGate2, here].sort());
      world.network.online = true;
      world.wakeSync();
      await until(
        () => commands.rollCall(),
        (c) => c.groups.flatMap((g) => g.children).length === 1,
        "Gate 2's check-out",
      );
      expect((await commands.rollCall()).groups.flatMap((g) => g.children.map((c) => c.childId))).toEqual([here]);
    }, 60_000);

    it('presence evidence with face recognition off: detection only, and each bracelet mark says whether a person stood there', async () => {
      const siteId = await createSite(district);
      expect((await district.admin('PUT', `/admin/v1/sites/${siteId}/settings`, { presenceEvidence: true })).status).toBe(200);
      const add = async (displayName: string, uid: string) =>
        (
          await district.admin<Schemas['ChildAdmin']>('POST', `/admin/v1/sites/${siteId}/children`, {
            displayName,
            group: 'Suns',
            bracelets: [uid],
          })
        ).body.childId as ChildId;
      const bota = await add('Bota Presence', RDM.uid1);
      const dias = await add('Dias Presence', RDM.uid2);
      const world = fakeWorld({
        dbName: `runtime-presence-${Math.random()}`,
        districtBaseUrl: district.url,
        pairCode: await pairingCode(district, siteId),
      });
      const runtime = kiosk(world);
      await runtime.start();
      await until(
        () => runtime.view.current,
        (v) => v.sync?.paired === true && v.roster.get(dias) !== undefined,
        'the district roster',
      );
      expect(runtime.view.current.faceMatching).toBe(false);
      runtime.commands.attachCamera('gate', {});
      await until(() => world.camera.running, Boolean, 'the presence camera');
      // Face recognition is off at this site: the worker is asked for detection only, nothing is embedded.
      expect(world.camera.embed).toBe('none');
      expect(await runtime.commands.addSerialReader('rdm6300')).toMatchObject({ kind: 'saved' });
      await until(
        () => runtime.view.current.readers,
        (r) => r[0]?.state === 'connected',
        'the reader',
      );

      // A person in front of the camera, then Bota's tap: `person`.
      // Its own frame clock (the other tests' frames keep theirs).
      let frameAt = 1_000;
      const frame = (faces: AnalysedFace[]) => {
        frameAt += 100;
        world.monotonic.ms = frameAt;
        world.camera.show(faces, frameAt);
      };
      frame([face({ embedding: randomUnit(3) })]);
      world.readerPort.feed(RDM.frame1);
      await until(
        () => runtime.commands.todayEvents(),
        (e) => e.length === 1,
        'the first check-in',
      );
      // Then frames with nobody in them for longer than the window, and Dias's bracelet: `nobody`.
      for (let i = 0; i < 60; i++) frame([]);
      world.readerPort.feed(RDM.frame2);
      const events = await until(
        () => runtime.commands.todayEvents(),
        (e) => e.length === 2,
        'the second check-in',
      );
      expect(events.map((e) => (e.type === 'mark' ? [e.childId, e.method, e.presence] : [e.childId]))).toEqual([
        [bota, 'bracelet', 'person'],
        [dias, 'bracelet', 'nobody'],
      ]);
    });

    it('a sync with a withdrawn consent purges the child, sends the receipt, and the gate stops recognising the face', async () => {
      const { siteId, childId, consentId } = await siteWithOneConsent();
      const world = fakeWorld({
        dbName: `runtime-sync-${Math.random()}`,
        districtBaseUrl: district.url,
        pairCode: await pairingCode(district, siteId),
      });
      const runtime = kiosk(world);
      await runtime.start();
      // Paired from the page's #pair= code; the district's roster replaces the demo one and says Aru may be matched.
      await until(
        () => runtime.view.current,
        (v) => v.sync?.paired === true && v.roster.get(childId)?.faceConsent === true && v.faceMatching,
        'the district roster',
      );
      expect(world.ports.sync.pairCode).toBeNull();

      // Staff enrol Aru: the camera's faces go to the guided capture, in the poses it asks for. The teacher on duty
      // who enrols is named in the enrolment's audit entry, for the district.
      expect(await runtime.commands.signInDuty('Aigul S.', null)).toEqual({ kind: 'signed-in' });
      const [duty] = await runtime.commands.onDutyHere();
      const session = runtime.commands.startEnrolment(runtime.view.current.roster.get(childId)!, duty!.id);
      const detachEnrol = runtime.commands.attachCamera('enrolment', {});
      await until(() => world.camera.running, Boolean, 'the enrolment camera');
      for (let i = 0; session.view.current.phase.kind === 'capturing' && i < 40; i++) {
        const step = session.view.current.capture.step;
        show(world, [aruFace(100 + i, step === 'left' ? -10 : step === 'right' ? 10 : 0)], 400);
      }
      const enrolled = await until(
        () => session.view.current.phase,
        (p) => p.kind === 'result',
        'the enrolment',
      );
      expect(enrolled).toMatchObject({ kind: 'result', result: { kind: 'enrolled', childId, templates: 5 } });
      const auditDb = new GateDb(world.dbName);
      const entry = (await auditDb.audit.where('kind').equals('enrolment').toArray()).at(-1);
      auditDb.close();
      expect(entry).toMatchObject({ childId, details: { replaced: 0, staffDutyId: duty!.id, staffName: 'Aigul S.' } });
      session.close();
      detachEnrol();
      expect(world.activity).toEqual(expect.arrayContaining(['enrolment:start', 'enrolment:end']));

      // The gate recognises Aru's face and greets her.
      runtime.commands.attachCamera('gate', {});
      await until(() => world.camera.running, Boolean, 'the gate camera');
      for (let i = 0; runtime.view.current.gate.screen.kind !== 'greeting' && i < 30; i++) {
        show(world, [aruFace(500 + i)]);
        await new Promise((r) => setTimeout(r, 5));
      }
      expect(runtime.view.current.gate.screen).toMatchObject({ kind: 'greeting', childId, method: 'face', outcome: 'recorded' });
      await until(
        () => runtime.view.current.gate.screen.kind,
        (k) => k === 'watching',
        'the greeting to end',
      );

      // The guardian withdraws the consent at the district; the next sync brings it.
      expect((await district.admin('POST', `/admin/v1/consents/${consentId}/revoke`)).status).toBe(200);
      world.wakeSync();
      await until(
        () => runtime.view.current.roster.get(childId)?.faceConsent,
        (c) => c === false,
        'the withdrawal',
      );

      // Purged on the tablet: no template, no key; the receipt, signed by the tablet, reached the district.
      const db = new GateDb(world.dbName);
      await until(
        () => db.templates.where('childId').equals(childId).count(),
        (n) => n === 0,
        'the templates to go',
      );
      expect(await db.childKeys.get(childId)).toBeUndefined();
      const deviceId = (await db.meta.get('sync:pairing'))!.value as { deviceId: string };
      db.close();
      const receipts = await until(
        async () => (await district.admin<Schemas['PurgeReceipt'][]>('GET', `/admin/v1/devices/${deviceId.deviceId}/purge-receipts`)).body,
        (r) => r.length === 1,
        'the purge receipt at the district',
      );
      expect(receipts[0]).toMatchObject({ childId, reason: 'consent-revoked' });
      expect(receipts[0]!.templateIds).toHaveLength(5);

      // Aru's face now stays unknown: after a while she is asked for her bracelet, never greeted.
      frameMs += 5_000; // a new sighting
      const seen = new Set<string>();
      for (let i = 0; i < 20; i++) {
        show(world, [aruFace(900 + i)]);
        await new Promise((r) => setTimeout(r, 5));
        seen.add(runtime.view.current.gate.screen.kind);
      }
      expect(seen).not.toContain('greeting');
      expect(seen).toContain('ask-bracelet');
      expect((await runtime.commands.todayEvents()).filter((e) => e.childId === childId)).toHaveLength(1);
    }, 60_000);
  });
});
