// The dashboard (issue 16), against a real district server: a seeded day's counts per group (present, absent with the
// parent's or staff's reason, not arrived), tablets' last sync and days offline, the day's integrity flags, and the
// 6-week series of present counts on school days; who sees what (the token and a district admin every site, a director
// and a teacher their own, a teacher without integrity flags, a parent nothing).
import { beforeAll, describe, expect, it } from 'vitest';
import type { components } from '../../../src/protocol/api-types.generated';
import { attendanceSeries } from '../../../server/dashboard/dashboard';
import { presentOn } from '../../../server/dashboard/dashboard-presence';
import { chainAuditEntry } from '../../../src/protocol/audit-chain';
import { createSite, pairTestDevice, useTestDistrict } from './district-fixture';
import { person } from './people-fixture';
import { at, registerWorld, type RegisterWorld } from './register-fixture';
import { padEvidence } from './face-mark-fixture';

type Schemas = components['schemas'];
type Dashboard = Schemas['Dashboard'];

const d = useTestDistrict();
let w: RegisterWorld;
const DAY_MS = 86_400_000;
const addDays = (day: string, n: number): string => new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);

beforeAll(async () => {
  w = await registerWorld(d);
  // A week earlier (the same weekday): two children came.
  const weekBefore = addDays(w.day, -7);
  await w.push(w.children.amina, at(weekBefore, '03:00:00'), 'bracelet');
  await w.push(w.children.bota, at(weekBefore, '03:05:00'), 'bracelet');
  // Two weeks earlier, corrected by staff: Erlan's check-in should not exist, Amina's check-out was a check-in.
  const twoWeeksBefore = addDays(w.day, -14);
  const erlanIn = await w.push(w.children.erlan, at(twoWeeksBefore, '03:00:00'), 'bracelet');
  const aminaOut = await w.push(w.children.amina, at(twoWeeksBefore, '03:10:00'), 'bracelet', { direction: 'out' });
  await w.correct(erlanIn, at(twoWeeksBefore, '04:00:00'), null);
  await w.correct(aminaOut, at(twoWeeksBefore, '04:01:00'), 'in');
  // The day: Amina by face, Erlan by bracelet; Daniyar is ill (staff set the reason); Bota has not come.
  await w.push(w.children.amina, at(w.day, '03:01:00'), 'face', {
    pad: padEvidence('unsure'),
  });
  await w.push(w.children.erlan, at(w.day, '03:30:00'), 'bracelet');
  const absence = await w.directorA.call('POST', `/admin/v1/sites/${w.siteA}/register/absences`, {
    childId: w.children.daniyar,
    day: w.day,
    reason: 'illness',
  });
  expect(absence.status).toBe(200);
}, 120_000);

const siteOf = (dash: Dashboard, siteId: string) => dash.sites.find((s) => s.siteId === siteId)!;

describe('the dashboard', () => {
  it("counts a day's attendance per group: present, absent with a reason, not arrived", async () => {
    const res = await d.admin<Dashboard>('GET', `/admin/v1/dashboard?day=${w.day}`);
    expect(res.status).toBe(200);
    const a = siteOf(res.body, w.siteA);
    expect(a).toMatchObject({ name: 'Sunflower', day: w.day, timeZone: 'Asia/Almaty' });
    expect(a.groups).toEqual([
      {
        group: 'Moons',
        children: 1,
        present: 1,
        absent: 0,
        absentByReason: { illness: 0, family: 0, holiday: 0, other: 0 },
        notArrived: 0,
      },
      {
        group: 'Stars',
        children: 3,
        present: 1,
        absent: 1,
        absentByReason: { illness: 1, family: 0, holiday: 0, other: 0 },
        notArrived: 1,
      },
    ]);
    // The face check-in the presentation-attack check was unsure of is the day's flag.
    expect(a.integrityFlags).toMatchObject({ flaggedFaces: 1 });
    expect(a.integrityFlags!.total).toBeGreaterThanOrEqual(1);
    expect(siteOf(res.body, w.siteB).groups).toEqual([
      {
        group: 'Stars',
        children: 1,
        present: 0,
        absent: 0,
        absentByReason: { illness: 0, family: 0, holiday: 0, other: 0 },
        notArrived: 1,
      },
    ]);
  });

  it('draws 6 weeks of school days ending with the day, with the present count of each', async () => {
    const a = siteOf((await d.admin<Dashboard>('GET', `/admin/v1/dashboard?day=${w.day}`)).body, w.siteA);
    const days = a.series.map((p) => p.day);
    const weekday = (day: string) => new Date(`${day}T00:00:00Z`).getUTCDay();
    // Monday to Friday of 42 days: 30, and a weekend day only where children came (or the day itself): the day, a week
    // and two weeks before it (Amina's corrected mark) fall on a weekend together when the day does.
    const weekend = [w.day, addDays(w.day, -7), addDays(w.day, -14)].filter((x) => weekday(x) === 0 || weekday(x) === 6).length;
    expect(a.series).toHaveLength(30 + weekend);
    // A weekend day without attendance is left out, unless it is the dashboard's own day.
    const sunday = [0, 1, 2, 3, 4, 5, 6].map((n) => addDays(w.day, -n)).find((x) => weekday(x) === 0)!;
    const onSunday = siteOf((await d.admin<Dashboard>('GET', `/admin/v1/dashboard?day=${sunday}&siteId=${w.siteB}`)).body, w.siteB).series;
    expect(onSunday).toHaveLength(31);
    expect(onSunday[onSunday.length - 1]).toEqual({ day: sunday, present: 0 });
    expect(onSunday.filter((p) => weekday(p.day) === 6 || weekday(p.day) === 0)).toHaveLength(1);
    expect(days[0]! >= addDays(w.day, -41)).toBe(true);
    expect(days[days.length - 1]).toBe(w.day);
    expect([...days].sort()).toEqual(days);
    const count = (day: string) => a.series.find((p) => p.day === day)?.present;
    expect(count(w.day)).toBe(2);
    expect(count(addDays(w.day, -7))).toBe(2);
    // Corrections applied: of Erlan (voided) and Amina (out corrected to in), one present.
    expect(count(addDays(w.day, -14))).toBe(1);
    expect(a.series.filter((p) => p.present > 0)).toHaveLength(3);
    // (The children joined the roster later than that day: the day's set itself, as the group counts read it.)
    expect([...(await presentOn(d.db, w.siteA, addDays(w.day, -14)))]).toEqual([w.children.amina]);
    // The same from the service itself.
    expect(await attendanceSeries(d.db, w.siteA, w.day)).toEqual(a.series);
  });

  it("shows each paired tablet's last sync and whole days offline; the reader state is said not to be reported", async () => {
    const [tablet] = await d.db.query<{ id: string }>('select id from devices where site_id = $1', [w.siteA]);
    await d.db.query('update devices set last_seen_at_ms = $2 where id = $1', [tablet!.id, Date.now() - 3 * DAY_MS - 60_000]);
    const a = siteOf((await d.admin<Dashboard>('GET', `/admin/v1/dashboard?siteId=${w.siteA}`)).body, w.siteA);
    expect(a.tablets).toEqual([
      {
        deviceId: tablet!.id,
        name: 'Gate 1',
        lastSyncAtMs: expect.any(Number),
        daysOffline: 3,
        appVersion: null,
        readerState: 'not-reported',
        readers: [],
        readerStateAtMs: null,
      },
    ]);
    // Without a day, each site's today.
    expect(a.day).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(siteOf((await d.admin<Dashboard>('GET', '/admin/v1/dashboard')).body, w.siteB).tablets).toEqual([]);
  });

  it('the token and a district admin see every site; a director and a teacher their own; a parent nothing', async () => {
    const all = await d.admin<Dashboard>('GET', `/admin/v1/dashboard?day=${w.day}`);
    expect(all.body.sites.map((s) => s.siteId).sort()).toEqual([w.siteA, w.siteB].sort());
    const officer = await w.districtAdmin.call<Dashboard>('GET', `/admin/v1/dashboard?day=${w.day}`);
    expect(officer.body.sites.map((s) => s.siteId).sort()).toEqual([w.siteA, w.siteB].sort());

    const director = await w.directorB.call<Dashboard>('GET', `/admin/v1/dashboard?day=${w.day}`);
    expect(director.status).toBe(200);
    expect(director.body.sites.map((s) => s.siteId)).toEqual([w.siteB]);
    expect(director.body.sites[0]!.integrityFlags).not.toBeNull();
    // Asking for another site by name is refused (and audited), not answered with it.
    expect((await w.directorB.call('GET', `/admin/v1/dashboard?siteId=${w.siteA}`)).status).toBe(403);

    const teacher = await w.teacherA.call<Dashboard>('GET', `/admin/v1/dashboard?day=${w.day}`);
    expect(teacher.status).toBe(200);
    expect(teacher.body.sites.map((s) => s.siteId)).toEqual([w.siteA]);
    expect(teacher.body.sites[0]!.groups.find((g) => g.group === 'Stars')!.present).toBe(1);
    expect(teacher.body.sites[0]!.integrityFlags).toBeNull();

    const parent = await person(d, { displayName: 'A parent', role: 'parent', childIds: [w.children.amina] });
    expect((await parent.call('GET', '/admin/v1/dashboard')).status).toBe(403);
  });

  it('refuses a day that is not one', async () => {
    const res = await d.admin<Schemas['Error']>('GET', '/admin/v1/dashboard?day=2026-02-30');
    expect(res.status).toBe(400);
  });

  it('shows the bracelet readers as the tablet last reported them, a problem named with the reader', async () => {
    const siteId = await createSite(d, 'Readers');
    const tablet = await pairTestDevice(d, siteId, 'Gate R');
    const t0 = Date.now() - 60_000;
    const ok = chainAuditEntry(null, { kind: 'reader-state', details: { state: 'ok', readers: ['serial:connected'] } }, t0);
    const problem = chainAuditEntry(
      ok,
      { kind: 'reader-state', details: { state: 'problem', readers: ['serial:disconnected'] } },
      t0 + 1000,
    );
    const after = chainAuditEntry(problem, { kind: 'staff-sign-in' }, t0 + 2000);
    const pushed = await tablet.client.pushAudit({ entries: [ok, problem, after] });
    expect(pushed.ok).toBe(true);
    const site = siteOf((await d.admin<Dashboard>('GET', `/admin/v1/dashboard?siteId=${siteId}`)).body, siteId);
    expect(site.tablets).toMatchObject([
      { name: 'Gate R', readerState: 'problem', readers: ['serial:disconnected'], readerStateAtMs: t0 + 1000 },
    ]);
  });
});
