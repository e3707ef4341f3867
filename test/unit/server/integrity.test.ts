// Padding signals of a site's day (issue 14), from what real tablets pushed to a real server: a burst of bracelet
// check-ins faster than people walk is reported with its children while taps spread over minutes are not; face check-ins
// the PAD mode refused (tablet audit entries) are counted per child and per tablet; a face check-in whose PAD result was
// not live is flagged and a live one is not; hand marks and corrections are counted per tablet; a child checked in only
// by bracelet over the window is listed and one seen by face is not; another site's child never appears; bad input is
// refused; the CLI prints the same JSON; the admin page's integrity controls are labelled.
import { Hono } from 'hono';
import { beforeAll, describe, expect, it } from 'vitest';
import { CliError, runDistrictCommand, USAGE, type AdminCall } from '../../../server/admin/cli-commands';
import { mountAdminPage } from '../../../server/admin/routes';
import { dayKeyIn } from '../../../server/ids';
import { findBursts } from '../../../server/services/integrity';
import type { CorrectionEvent, MarkEvent } from '../../../src/core/attendance-rules';
import type { ChildId, DeviceId } from '../../../src/core/types';
import { createUuidV7 } from '../../../src/core/uuidv7';
import { chainAuditEntry, type AuditEntry, type AuditInput } from '../../../src/protocol/audit-chain';
import { GENESIS_HASH, hashEvent } from '../../../src/protocol/event-chain';
import type { components } from '../../../src/protocol/api-types.generated';
import { createSite, pairTestDevice, useTestDistrict } from './district-fixture';
import { markDraft, padEvidence } from './face-mark-fixture';

type Schemas = components['schemas'];
type Integrity = Schemas['SiteIntegrity'];
type Draft = Omit<MarkEvent, 'id' | 'deviceId' | 'seq' | 'prevHash'> | Omit<CorrectionEvent, 'id' | 'deviceId' | 'seq' | 'prevHash'>;

const d = useTestDistrict();
const ZONE = 'Asia/Almaty';
const DAY_MS = 86_400_000;
const newId = createUuidV7();
const addDays = (day: string, n: number): string => new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
/** A time on `day` given in UTC: 01:00-12:00 UTC is the same day in Almaty (UTC+5 or +6). */
const at = (day: string, hhmmss: string): number => Date.parse(`${day}T${hhmmss}Z`);

// The day looked at: three days ago, so that every event of it and of the days before is in the past.
const D = dayKeyIn(Date.now() - 3 * DAY_MS, ZONE);

const mark = (childId: string, atMs: number, method: MarkEvent['method'], extra: Partial<MarkEvent> = {}): Draft =>
  markDraft(childId, atMs, method, extra, ZONE);

/** Chains drafts as the kiosk would (seq, prevHash) and pushes them; returns the events. */
async function push(device: Awaited<ReturnType<typeof pairTestDevice>>, drafts: Draft[]): Promise<(MarkEvent | CorrectionEvent)[]> {
  const events: (MarkEvent | CorrectionEvent)[] = [];
  let prev = GENESIS_HASH;
  for (const [i, draft] of drafts.entries()) {
    const event = {
      ...draft,
      id: newId(draft.atMs),
      deviceId: device.pairing.deviceId as DeviceId,
      seq: i + 1,
      prevHash: prev,
    } as MarkEvent;
    events.push(event);
    prev = await hashEvent(event);
  }
  const pushed = await device.client.pushEvents({ events });
  if (!pushed.ok) throw new Error(JSON.stringify(pushed));
  return events;
}

/** Staff on duty who chose themselves in the staff panel (duty sign-in ids and typed names). */
const SAULE = { dutyId: '0193a000-0000-7000-8000-00000000a001', name: 'Saule' };
const MARAT = { dutyId: '0193a000-0000-7000-8000-00000000a002', name: 'Marat' };

let siteA: string;
let siteB: string;
let tabletA1: string;
let tabletA2: string;
let tabletB1: string;
const kids: Record<string, string> = {};

async function integrity(site: string, query = ''): Promise<Integrity> {
  const r = await d.admin<Integrity>('GET', `/admin/v1/sites/${site}/integrity?day=${D}${query}`);
  if (r.status !== 200) throw new Error(JSON.stringify(r));
  return r.body;
}

beforeAll(async () => {
  siteA = await createSite(d, 'Integrity site A');
  siteB = await createSite(d, 'Integrity site B');
  const add = async (site: string, name: string) => {
    const r = await d.admin<Schemas['ChildAdmin']>('POST', `/admin/v1/sites/${site}/children`, { displayName: name });
    kids[name] = r.body.childId;
  };
  for (let i = 1; i <= 6; i++) await add(siteA, `burst${i}`);
  for (let i = 1; i <= 5; i++) await add(siteA, `spread${i}`);
  for (const name of ['faceLive', 'faceUnsure', 'refused', 'hand1', 'hand2', 'braceletOnly', 'hadFace', 'seenAtTap', 'unseenAtTap'])
    await add(siteA, name);
  await add(siteB, 'stranger');
  // Face consent for the children checked in by face (a face check-in without one sees nobody).
  for (const name of ['faceLive', 'faceUnsure', 'hadFace'])
    await d.admin('POST', `/admin/v1/children/${kids[name]}/consents`, { guardianName: 'G.', grantedOn: addDays(D, -5), expiresOn: D });

  const a1 = await pairTestDevice(d, siteA);
  const a2 = await pairTestDevice(d, siteA);
  const b1 = await pairTestDevice(d, siteB);
  [tabletA1, tabletA2, tabletB1] = [a1.pairing.deviceId, a2.pairing.deviceId, b1.pairing.deviceId];

  await push(a1, [
    // Days before D: braceletOnly by bracelet and by hand, hadFace by face once.
    mark(kids.braceletOnly!, at(addDays(D, -3), '03:00:00'), 'bracelet'),
    mark(kids.hadFace!, at(addDays(D, -3), '03:01:00'), 'face', { pad: padEvidence('live') }),
    mark(kids.braceletOnly!, at(addDays(D, -2), '03:00:00'), 'staff'),
    mark(kids.hadFace!, at(addDays(D, -2), '03:01:00'), 'bracelet'),
    // D: six bracelet check-ins one second apart (a drawer of bracelets).
    ...[1, 2, 3, 4, 5, 6].map((i) => mark(kids[`burst${i}`]!, at(D, `04:00:0${i}`), 'bracelet')),
    // Five taps spread over minutes.
    ...[1, 2, 3, 4, 5].map((i) => mark(kids[`spread${i}`]!, at(D, `05:${String(i * 2).padStart(2, '0')}:00`), 'bracelet')),
    mark(kids.faceLive!, at(D, '06:00:00'), 'face', { pad: padEvidence('live') }),
    mark(kids.faceUnsure!, at(D, '06:01:00'), 'face', { pad: padEvidence('unsure') }),
    mark(kids.hand1!, at(D, '06:30:00'), 'staff', { staffMember: SAULE }),
    mark(kids.spread1!, at(D, '06:31:00'), 'staff', { direction: 'out' }),
    mark(kids.braceletOnly!, at(D, '07:00:00'), 'bracelet'),
    mark(kids.hadFace!, at(D, '07:00:30'), 'bracelet'),
    // Presence evidence: a person stood at the camera for one tap, nobody for the other.
    mark(kids.seenAtTap!, at(D, '07:00:40'), 'bracelet', { presence: 'person' }),
    mark(kids.unseenAtTap!, at(D, '07:00:50'), 'bracelet', { presence: 'nobody' }),
    // Another site's child: kept in the chain, refused as attendance.
    mark(kids.stranger!, at(D, '07:01:00'), 'bracelet'),
  ]);
  const a2Events = await push(a2, [mark(kids.hand2!, at(D, '08:00:00'), 'staff', { staffMember: MARAT })]);
  // A correction on the second tablet voids that hand mark: hand2 was not there after all.
  const corrected = a2Events[0]!;
  const correction: Draft = {
    type: 'correction',
    childId: kids.hand2! as ChildId,
    dayKey: D,
    atMs: at(D, '08:05:00'),
    corrects: corrected.id,
    direction: null,
    staffMember: MARAT,
  };
  const chained = {
    ...correction,
    id: newId(correction.atMs),
    deviceId: tabletA2 as DeviceId,
    seq: 2,
    prevHash: await hashEvent(corrected),
  } as CorrectionEvent;
  expect((await a2.client.pushEvents({ events: [chained] })).ok).toBe(true);
  // Site B's own tablet: the stranger's bracelet tapped six times in a row.
  await push(
    b1,
    [1, 2, 3, 4, 5, 6].map((i) => mark(kids.stranger!, at(D, `04:00:0${i}`), 'bracelet')),
  );

  // The first tablet's audit log: face check-ins its PAD mode refused, one the day before D.
  const refusal = (childId: string, padResult: 'attack' | 'unsure'): AuditInput => ({
    kind: 'face-refused',
    childId,
    details: { padResult, padReason: padResult === 'attack' ? 'screen' : 'few-frames', liveness: 0.1, frames: 3, model: 'm1', rule: 'r1' },
  });
  const entries: AuditEntry[] = [];
  const log = (input: AuditInput, atMs: number) => entries.push(chainAuditEntry(entries[entries.length - 1] ?? null, input, atMs));
  log(refusal(kids.refused!, 'attack'), at(addDays(D, -1), '06:00:00'));
  log({ kind: 'staff-sign-in' }, at(D, '05:59:00'));
  log(refusal(kids.refused!, 'attack'), at(D, '06:10:00'));
  log(refusal(kids.refused!, 'unsure'), at(D, '06:11:00'));
  log(refusal(kids.stranger!, 'attack'), at(D, '06:12:00'));
  // Two enrolments that day: a first one by a named member of staff, and a re-enrolment that replaced five faces.
  log(
    {
      kind: 'enrolment',
      childId: kids.refused!,
      details: { templateIds: ['t1'], modelId: 'm', keyVersion: 1, replaced: 0, staffDutyId: 'duty-1', staffName: 'Aigul S.' },
    },
    at(D, '07:00:00'),
  );
  log(
    { kind: 'enrolment', childId: kids.stranger!, details: { templateIds: ['t2'], modelId: 'm', keyVersion: 1, replaced: 5 } },
    at(D, '07:05:00'),
  );
  const pushed = await a1.client.pushAudit({ entries });
  if (!pushed.ok) throw new Error(JSON.stringify(pushed));
}, 120_000);

describe('padding signals of a site and day', () => {
  it('reports a burst of six bracelet check-ins one second apart with its children, not five taps spread over minutes', async () => {
    const r = await integrity(siteA);
    expect(r.options).toEqual({ burstCount: 5, burstSeconds: 10, faceDays: 10 });
    expect(r.bursts).toEqual([
      {
        deviceId: tabletA1,
        deviceName: expect.any(String),
        startAtMs: at(D, '04:00:01'),
        endAtMs: at(D, '04:00:06'),
        count: 6,
        childIds: [1, 2, 3, 4, 5, 6].map((i) => kids[`burst${i}`]),
      },
    ]);
    // The options move the line: seven taps needed, or a window of a few minutes.
    expect((await integrity(siteA, '&burstCount=7')).bursts).toEqual([]);
    const wide = await integrity(siteA, '&burstSeconds=600');
    expect(wide.bursts.map((b) => b.childIds.length)).toEqual([6, 5]);
  });

  it('counts the face check-ins the PAD mode refused that day per child and per tablet, with the results', async () => {
    const f = (await integrity(siteA)).refusedFaces;
    expect([f.count, f.attack, f.unsure]).toEqual([3, 2, 1]);
    expect(f.byChild).toEqual([{ childId: kids.refused, displayName: 'refused', count: 2, attack: 1, unsure: 1 }]);
    expect(f.byTablet).toEqual([{ deviceId: tabletA1, deviceName: expect.any(String), count: 3, attack: 2, unsure: 1 }]);
    expect(f.entries.map((e) => [e.seq, e.childId, e.padResult, e.padReason])).toEqual([
      [3, kids.refused, 'attack', 'screen'],
      [4, kids.refused, 'unsure', 'few-frames'],
      [5, null, 'attack', 'screen'], // another site's child is not named
    ]);
  });

  it('flags a face check-in whose PAD result was unsure, not a live one', async () => {
    const flagged = (await integrity(siteA)).flaggedFaces;
    expect(flagged.map((e) => [e.childId, e.padResult, e.liveness, e.deviceId])).toEqual([[kids.faceUnsure, 'unsure', 0.31, tabletA1]]);
  });

  it('counts hand marks and corrections per tablet and per member of staff who made them', async () => {
    const hands = (await integrity(siteA)).handMarks;
    const byMember = hands.staff.map((m) => [m.deviceId, m.name, m.staffMarks, m.corrections, m.childIds]);
    expect(byMember).toEqual(
      [
        [tabletA1, 'Saule', 1, 0, [kids.hand1]],
        [tabletA1, null, 1, 0, [kids.spread1]],
        [tabletA2, 'Marat', 1, 1, [kids.hand2]],
      ].sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    );
    const byTablet = Object.fromEntries(hands.tablets.map((t) => [t.deviceId, [t.staffMarks, t.corrections, [...t.childIds].sort()]]));
    expect(byTablet).toEqual({
      [tabletA1]: [2, 0, [kids.hand1, kids.spread1].sort()],
      [tabletA2]: [1, 1, [kids.hand2]],
    });
  });

  it('lists a child checked in only by bracelet or by hand over the window, not one who had a face check-in', async () => {
    const never = (await integrity(siteA)).neverByFace;
    expect([never.from, never.to]).toEqual([addDays(D, -9), D]);
    const listed = new Map(never.children.map((c) => [c.childId, c]));
    expect(listed.get(kids.braceletOnly!)).toEqual({
      childId: kids.braceletOnly,
      displayName: 'braceletOnly',
      daysPresent: 3,
      faceEnrolled: false,
    });
    expect(listed.has(kids.hadFace!)).toBe(false);
    expect(listed.has(kids.faceLive!)).toBe(false);
    expect(listed.get(kids.burst1!)?.daysPresent).toBe(1);
    // A hand mark voided by a correction is no presence; a check-out alone is none either.
    expect(listed.has(kids.hand2!)).toBe(false);
    expect(listed.has(kids.refused!)).toBe(false);
    // A window of one day no longer reaches hadFace's face check-in.
    const short = new Map((await integrity(siteA, '&faceDays=1')).neverByFace.children.map((c) => [c.childId, c.daysPresent]));
    expect(short.get(kids.hadFace!)).toBe(1);
    expect(short.get(kids.braceletOnly!)).toBe(1);
  });

  it('counts bracelet taps with presence evidence per tablet and lists those with nobody in front of the camera', async () => {
    const { unseenTaps, neverByFace } = await integrity(siteA);
    expect(unseenTaps).toMatchObject({ checked: 2, nobody: 1, byTablet: [{ deviceId: tabletA1, checked: 2, nobody: 1 }] });
    expect(unseenTaps.entries).toEqual([expect.objectContaining({ deviceId: tabletA1, childId: kids.unseenAtTap, direction: 'in' })]);
    // A person seen at the tap counts as seen; nobody at the tap does not.
    const never = new Set(neverByFace.children.map((c) => c.childId));
    expect(never.has(kids.seenAtTap!)).toBe(false);
    expect(never.has(kids.unseenAtTap!)).toBe(true);
    expect((await integrity(siteB)).unseenTaps).toEqual({ checked: 0, nobody: 0, byTablet: [], entries: [] });
  });

  it(
    'lists the face enrolments of the day: who enrolled which child, and a re-enrolment that replaced a face',
    { timeout: 30_000 },
    async () => {
      const r = await integrity(siteA);
      expect(r.enrolments.map((e) => [e.childId, e.deviceId, e.staffName, e.replaced])).toEqual([
        [kids.refused, tabletA1, 'Aigul S.', 0],
        // Site B's child in site A's tablet log is not named.
        [null, tabletA1, null, 5],
      ]);
    },
  );

  it("never shows another site's child, and shows that site its own signals", async () => {
    const a = JSON.stringify(await integrity(siteA, '&burstSeconds=600&faceDays=60'));
    expect(a).not.toContain(kids.stranger!);
    expect(a).not.toContain(tabletB1);
    const b = await integrity(siteB);
    expect(b.bursts).toEqual([expect.objectContaining({ deviceId: tabletB1, count: 6, childIds: [kids.stranger] })]);
    expect(JSON.stringify(b)).not.toContain(tabletA1);
    expect(b.refusedFaces.count).toBe(0);
  });

  it('refuses a bad day, an option out of range and an unknown site', async () => {
    for (const day of ['2026-02-30', 'yesterday', '']) {
      const r = await d.admin<Schemas['Error']>('GET', `/admin/v1/sites/${siteA}/integrity?day=${day}`);
      expect([r.status, r.body.code], day).toEqual([400, 'bad-day']);
    }
    for (const q of ['burstCount=1', 'burstCount=101', 'burstSeconds=0', 'burstSeconds=2.5', 'faceDays=61', 'faceDays=-1', 'faceDays=x']) {
      const r = await d.admin<Schemas['Error']>('GET', `/admin/v1/sites/${siteA}/integrity?day=${D}&${q}`);
      expect([r.status, r.body.code], q).toEqual([400, 'bad-integrity-option']);
    }
    const r = await d.admin<Schemas['Error']>('GET', `/admin/v1/sites/site_nope/integrity?day=${D}`);
    expect([r.status, r.body.code]).toEqual([404, 'site-not-found']);
  });

  it('merges overlapping windows into one burst', () => {
    const taps = [0, 1, 2, 3, 4, 5, 6, 7, 30, 31].map((s, i) => ({ atMs: s * 1000, childId: `c${i}` }));
    expect(findBursts(taps, 5, 10).map((b) => b.length)).toEqual([8]);
    expect(findBursts(taps, 9, 10)).toEqual([]);
    expect(findBursts(taps, 2, 1).map((b) => b.length)).toEqual([8, 2]);
  });
});

describe('npm run district -- integrity', () => {
  const call: AdminCall = (method, path, body) => d.admin(method, path, body);
  const cli = (...argv: string[]) => runDistrictCommand(argv, call);

  it('prints the JSON of the endpoint, with the options given', async () => {
    const printed = await cli('integrity', '--site', siteA, '--day', D);
    expect(printed).toBe(JSON.stringify(await integrity(siteA), null, 2));
    const narrow = JSON.parse(await cli('integrity', '--site', siteA, '--day', D, '--burst-count', '7', '--face-days', '1')) as Integrity;
    expect(narrow.options).toEqual({ burstCount: 7, burstSeconds: 10, faceDays: 1 });
    expect(narrow.bursts).toEqual([]);
    expect(USAGE).toMatch(/integrity \[--site <id>\] \[--day YYYY-MM-DD\] \[--burst-count 5\] \[--burst-seconds 10\] \[--face-days 10\]/);
  });

  it('refuses bad input with exit code 2 and says what is wrong', async () => {
    const refused = async (argv: string[], message: RegExp) => {
      const error = await cli(...argv).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error, argv.join(' ')).toBeInstanceOf(CliError);
      expect((error as CliError).message).toMatch(message);
      expect((error as CliError).exitCode).toBe(2);
    };
    await refused(['integrity', '--site', siteA, '--day', '2026-13-01'], /--day must be a date as YYYY-MM-DD; got 2026-13-01/);
    await refused(['integrity', '--site', 'site_nope', '--day', D], /No site site_nope/);
    await refused(
      ['integrity', '--site', siteA, '--day', D, '--burst-count', '1'],
      /--burst-count must be a whole number from 2 to 100; got 1/,
    );
    await refused(
      ['integrity', '--site', siteA, '--day', D, '--burst-seconds', '601'],
      /--burst-seconds must be a whole number from 1 to 600/,
    );
    await refused(['integrity', '--site', siteA, '--day', D, '--face-days', 'ten'], /--face-days must be a whole number from 1 to 60/);
  });
});

describe('the admin page', () => {
  it('has an integrity section whose every control is labelled', async () => {
    const app = new Hono();
    mountAdminPage(app);
    const html = await (await app.request('/admin')).text();
    const section = html.match(/<section id="integrity">.*?<\/section>/s)?.[0] ?? '';
    expect(section).toContain('data-t="integrity.title">Integrity</h3>');
    const controls = section.match(/<(input|select)\b[^>]*>/g) ?? [];
    expect(controls.map((c) => /id="(\w+)"/.exec(c)?.[1])).toEqual(['integrityDay', 'burstCount', 'burstSeconds', 'faceDays']);
    // Each control sits inside its own <label> with a catalog text.
    const labels = section.match(/<label><span data-t="integrity\.[A-Za-z]+">[^<]+<\/span> <input [^>]*><\/label>/g) ?? [];
    expect(labels).toHaveLength(controls.length);
    expect(section).toContain('<input id="burstCount" name="burstCount" type="number" min="2" max="100" step="1" value="5" required>');
  });
});
