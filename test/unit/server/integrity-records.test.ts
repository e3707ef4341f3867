// Integrity signals in how records were made, against a real server: an event recorded with the tablet's clock set back
// a day (to fill in yesterday) is listed with how far back it lies, a clock's few minutes of drift is not; events that
// reached the district more than a day after their time are counted per tablet; a face check-in for a child with no
// consent that day, or without a presentation-attack result, is listed and does not count as seeing the child; a face
// check-in whose check said other than live no longer covers the child's bracelet days in "never seen"; a staff name a
// tablet pushed with a text-direction override reads as it is, not as another name.
import { afterEach, describe, expect, it } from 'vitest';
import { dayKeyIn } from '../../../server/ids';
import type { MarkEvent } from '../../../src/core/attendance-rules';
import { siteMinutesOfDay } from '../../../src/core/site-day';
import type { DeviceId } from '../../../src/core/types';
import { createUuidV7 } from '../../../src/core/uuidv7';
import { GENESIS_HASH, hashEvent } from '../../../src/protocol/event-chain';
import type { components } from '../../../src/protocol/api-types.generated';
import { createSite, pairTestDevice, useTestDistrict } from './district-fixture';
import { markDraft, padEvidence } from './face-mark-fixture';

type Schemas = components['schemas'];
type Integrity = Schemas['SiteIntegrity'];
type Draft = Omit<MarkEvent, 'id' | 'deviceId' | 'seq' | 'prevHash'>;

const d = useTestDistrict();
const ZONE = 'Asia/Almaty';
const HOUR = 3_600_000;
const newId = createUuidV7();

/**
 * Now, or noon of the site's day when now is less than 4 hours into it: the tests below put marks up to 3 hours back and
 * read them as today's. The district's clock (and the tablets', through it) is set to it.
 */
function fourHoursIntoTheDay(): number {
  const now = Date.now();
  const intoTheDay = siteMinutesOfDay(now, ZONE) * 60_000;
  return intoTheDay >= 4 * HOUR ? now : now - intoTheDay + 12 * HOUR;
}

const mark = (childId: string, atMs: number, method: MarkEvent['method'], extra: Partial<MarkEvent> = {}): Draft =>
  markDraft(childId, atMs, method, extra, ZONE);

/** A tablet's chain, pushed in parts as a tablet would (seq and prevHash carried over between pushes). */
function chainOf(device: Awaited<ReturnType<typeof pairTestDevice>>) {
  let seq = 0;
  let prev = GENESIS_HASH;
  return async (drafts: Draft[]) => {
    const events: MarkEvent[] = [];
    for (const draft of drafts) {
      const event = {
        ...draft,
        id: newId(draft.atMs),
        deviceId: device.pairing.deviceId as DeviceId,
        seq: ++seq,
        prevHash: prev,
      } as MarkEvent;
      events.push(event);
      prev = await hashEvent(event);
    }
    const pushed = await device.client.pushEvents({ events });
    if (!pushed.ok) throw new Error(JSON.stringify(pushed));
    return events;
  };
}

async function integrity(site: string, day: string): Promise<Integrity> {
  const r = await d.admin<Integrity>('GET', `/admin/v1/sites/${site}/integrity?day=${day}`);
  if (r.status !== 200) throw new Error(JSON.stringify(r));
  return r.body;
}

describe('how the records of a day were made', () => {
  afterEach(() => {
    d.clock.ms = null;
  });
  it("lists events recorded with the tablet's clock set back and pushed a day late, not a few minutes of drift", async () => {
    const siteId = await createSite(d, 'Records site');
    const kid = async (name: string) =>
      (await d.admin<Schemas['ChildAdmin']>('POST', `/admin/v1/sites/${siteId}/children`, { displayName: name })).body.childId;
    const [present, absent1, absent2, drift] = [await kid('present'), await kid('absent1'), await kid('absent2'), await kid('drift')];
    // Both tablets were paired days ago.
    d.clock.ms = Date.now() - 3 * 24 * HOUR;
    const honest = await pairTestDevice(d, siteId, 'Gate honest');
    const padded = await pairTestDevice(d, siteId, 'Gate padded');
    d.clock.ms = null;
    const now = Date.now();
    const yesterdayMs = now - 26 * HOUR;
    const yesterday = dayKeyIn(yesterdayMs, ZONE);

    // The padded tablet: today's arrival, then its clock set back to yesterday to tap two absent children's bracelets.
    await chainOf(padded)([
      mark(present, now - 2 * HOUR, 'bracelet'),
      mark(absent1, yesterdayMs, 'bracelet'),
      mark(absent2, yesterdayMs + 5 * 60_000, 'bracelet'),
    ]);
    // The honest tablet: its clock stepped back five minutes (a drift correction) between two taps; and yesterday's
    // own tap, pushed on time.
    const honestChain = chainOf(honest);
    d.clock.ms = yesterdayMs + 60_000;
    try {
      await honestChain([mark(drift, yesterdayMs, 'bracelet')]);
    } finally {
      d.clock.ms = null;
    }
    await honestChain([mark(present, now - 60 * 60_000, 'bracelet', { direction: 'out' }), mark(drift, now - 65 * 60_000, 'bracelet')]);

    const r = await integrity(siteId, yesterday);
    expect(r.backdated.map((e) => [e.childId, e.deviceName, e.kind, e.direction])).toEqual([
      [absent1, 'Gate padded', 'bracelet', 'in'],
      [absent2, 'Gate padded', 'bracelet', 'in'],
    ]);
    // How far behind the tablet's own latest time (today's arrival, 24 hours later).
    expect(r.backdated[0]!.behindMs).toBe(24 * HOUR);
    // Pushed more than a day after their time: the padded tablet's two; the honest tablet pushed yesterday's at once.
    expect(r.latePushes).toEqual([
      { deviceId: padded.pairing.deviceId, deviceName: 'Gate padded', events: 2, maxDelayMs: expect.any(Number) },
    ]);
    expect(r.latePushes[0]!.maxDelayMs).toBeGreaterThan(24 * HOUR);
    // Today: nothing backdated (five minutes back is a clock's drift), nothing late.
    const today = await integrity(siteId, dayKeyIn(now, ZONE));
    expect(today.backdated).toEqual([]);
    expect(today.latePushes).toEqual([]);
    // The dashboard counts them among the day's flags.
    const dash = await d.admin<Schemas['Dashboard']>('GET', `/admin/v1/dashboard?siteId=${siteId}&day=${yesterday}`);
    expect(dash.body.sites[0]!.integrityFlags?.records).toBe(2);
  });

  it(
    'flags every event a tablet paired today records for an earlier day, even in time order and pushed at once',
    { timeout: 30_000 },
    async () => {
      // The children have been on the roster for weeks.
      d.clock.ms = Date.now() - 20 * 24 * HOUR;
      const siteId = await createSite(d, 'Fresh tablet site');
      const kid = async (name: string) =>
        (await d.admin<Schemas['ChildAdmin']>('POST', `/admin/v1/sites/${siteId}/children`, { displayName: name, group: 'Stars' })).body
          .childId;
      const [bota, daniyar] = [await kid('Bota'), await kid('Daniyar')];
      d.clock.ms = null;
      const now = Date.now();
      const earlierMs = now - 3 * 24 * HOUR;
      const earlier = dayKeyIn(earlierMs, ZONE);
      // A script paired with a pairing code today taps two absent children in, three days back, spaced like a morning.
      const script = await pairTestDevice(d, siteId, 'Gate new');
      await chainOf(script)([mark(bota, earlierMs, 'bracelet'), mark(daniyar, earlierMs + 7 * 60_000, 'bracelet')]);
      const r = await integrity(siteId, earlier);
      expect(r.backdated.map((e) => [e.childId, e.deviceName])).toEqual([
        [bota, 'Gate new'],
        [daniyar, 'Gate new'],
      ]);
      expect(r.backdated[1]!.behindMs).toBeGreaterThan(3 * 24 * HOUR - 2 * HOUR);
      // The day's register (what the director signs and the funding body gets) carries the flag.
      const day = await d.admin<Schemas['RegisterDay']>('GET', `/admin/v1/sites/${siteId}/register?day=${earlier}`);
      expect(day.body.groups.flatMap((g) => g.content.flags.backdated ?? []).map((f) => f.childId)).toEqual([bota, daniyar]);
    },
  );

  it('lists face check-ins without consent or without a presentation-attack result, and none of them sees the child', async () => {
    const siteId = await createSite(d, 'Face records site');
    const kid = async (name: string) =>
      (await d.admin<Schemas['ChildAdmin']>('POST', `/admin/v1/sites/${siteId}/children`, { displayName: name })).body.childId;
    const [consented, noPad, noConsent, photo] = [await kid('consented'), await kid('noPad'), await kid('noConsent'), await kid('photo')];
    const now = fourHoursIntoTheDay();
    d.clock.ms = now;
    const today = dayKeyIn(now, ZONE);
    for (const child of [consented, noPad, photo])
      await d.admin('POST', `/admin/v1/children/${child}/consents`, { guardianName: 'G.', grantedOn: today, expiresOn: today });
    const tablet = await pairTestDevice(d, siteId, 'Gate 1');
    await chainOf(tablet)([
      mark(consented, now - 3 * HOUR, 'face', { pad: padEvidence('live') }),
      mark(noPad, now - 3 * HOUR + 1000, 'face'),
      mark(noConsent, now - 3 * HOUR + 2000, 'face', { pad: padEvidence('live') }),
      // A photo the site's evidence mode let through (flagged), then the same child by bracelet.
      mark(photo, now - 3 * HOUR + 3000, 'face', { pad: padEvidence('attack') }),
      mark(photo, now - 2 * HOUR, 'bracelet', { direction: 'out' }),
    ]);
    const r = await integrity(siteId, today);
    expect(r.unexplainedFaces.map((e) => [e.childId, e.reason])).toEqual([
      [noPad, 'no-pad'],
      [noConsent, 'no-consent'],
    ]);
    // Seen: only the live face with consent. The photo, the mark without the check and the one without consent: never seen.
    const never = new Set(r.neverByFace.children.map((c) => c.childId));
    expect(never.has(consented)).toBe(false);
    expect([noPad, noConsent, photo].filter((c) => never.has(c))).toEqual([noPad, noConsent, photo]);
  });

  it('shows a staff name a tablet pushed as it reads: a direction override cannot make it read as another name', async () => {
    const siteId = await createSite(d, 'Names site');
    const child = (
      await d.admin<Schemas['ChildAdmin']>('POST', `/admin/v1/sites/${siteId}/children`, { displayName: 'Ali', group: 'Suns' })
    ).body.childId;
    const now = fourHoursIntoTheDay();
    d.clock.ms = now;
    const tablet = await pairTestDevice(d, siteId, 'Gate 1');
    const spoof = { dutyId: '0193a000-0000-7000-8000-00000000c001', name: '\u202E.K rumiT' };
    await chainOf(tablet)([mark(child, now - HOUR, 'staff', { staffMember: spoof, staffNote: 'note\u202Eeton\nline two' })]);
    const today = dayKeyIn(now, ZONE);
    const r = await integrity(siteId, today);
    expect(r.handMarks.staff.map((m) => m.name)).toEqual(['\uFFFD.K rumiT']);
    const register = await d.admin<Schemas['RegisterDay']>('GET', `/admin/v1/sites/${siteId}/register?day=${today}`);
    expect(register.body.groups[0]!.content.staffMarks[0]).toMatchObject({
      staffMember: '\uFFFD.K rumiT',
      staffNote: 'note\uFFFDeton\nline two',
    });
  });
});
