// The register a director signs (issue 16), against a real district server: the day's register per group from what a
// tablet pushed (present with first in, last out and how; absent with the reason or none; staff hand-marks; integrity
// flags); a director of another site can neither read nor approve (403/404, audited); the admin token reads but cannot
// approve; an approval verifies with the district's public key and fails if one cell changes; approved versions are
// immutable; a correction after approval needs a reason, makes the day need a new approval and leaves the earlier
// version readable; a late event changes an approved day; bad month, site or format get clear errors.
import { beforeAll, describe, expect, it } from 'vitest';
import type { components } from '../../../src/protocol/api-types.generated';
import { loadDistrict } from '../../../server/services/district';
import { verifyApproval } from '../../../server/register/register-signature';
import { useTestDistrict } from './district-fixture';
import { person } from './people-fixture';
import { at, registerWorld, type RegisterWorld } from './register-fixture';

type Schemas = components['schemas'];
type Day = Schemas['RegisterDay'];
type Approval = Schemas['RegisterApproval'];

const d = useTestDistrict();
let w: RegisterWorld;

beforeAll(async () => {
  w = await registerWorld(d);
  await w.push(w.children.amina, at(w.day, '03:01:00'), 'face');
  await w.push(w.children.amina, at(w.day, '11:00:00'), 'bracelet', { direction: 'out' });
  await w.push(w.children.bota, at(w.day, '03:20:00'), 'staff', {
    staffNote: 'came with grandmother, no bracelet',
    staffMember: { dutyId: '0193a000-0000-7000-8000-00000000b001', name: 'Aigerim' },
  });
  await w.push(w.children.erlan, at(w.day, '03:30:00'), 'bracelet');
}, 120_000);

const dayOf = async (siteId = w.siteA) => (await d.admin<Day>('GET', `/admin/v1/sites/${siteId}/register?day=${w.day}`)).body;
const group = (day: Day, name: string) => day.groups.find((g) => g.group === name)!;
const refusedAudit = async (operation: string) =>
  (await d.admin<Schemas['AuditPage']>('GET', '/admin/v1/audit?kind=access.refused&limit=200')).body.entries.filter(
    (e) => e.actor === 'site-director' && e.summary.includes(operation),
  );

describe('the register of a day', () => {
  it('lists each child present (first in, last out, how) or absent (no reason), the hand-marks and the groups', async () => {
    const day = await dayOf();
    expect(day.groups.map((g) => g.group)).toEqual(['Moons', 'Stars']);
    const stars = group(day, 'Stars');
    expect(stars.state).toBe('unapproved');
    expect(stars.approvals).toEqual([]);
    const row = (id: string) => stars.content.children.find((c) => c.childId === id)!;
    expect(row(w.children.amina)).toMatchObject({
      status: 'present',
      firstInAtMs: at(w.day, '03:01:00'),
      firstInMethod: 'face',
      lastOutAtMs: at(w.day, '11:00:00'),
      lastOutMethod: 'bracelet',
      absenceReason: null,
    });
    expect(row(w.children.bota)).toMatchObject({ status: 'present', firstInMethod: 'staff', lastOutAtMs: null });
    expect(row(w.children.daniyar)).toMatchObject({ status: 'absent', absenceReason: 'none', absenceReportedBy: null });
    expect(stars.content.staffMarks).toEqual([
      expect.objectContaining({
        childId: w.children.bota,
        deviceName: 'Gate 1',
        staffMember: 'Aigerim',
        staffNote: 'came with grandmother, no bracelet',
      }),
    ]);
    // Another site's child is never in it.
    expect(JSON.stringify(day)).not.toContain(w.children.timur);
    // A teacher of the site reads it but corrects nothing; a parent reaches none of it.
    expect((await w.teacherA.call('GET', `/admin/v1/sites/${w.siteA}/register?day=${w.day}`)).status).toBe(200);
    const correction = { childId: w.children.daniyar, day: w.day, reason: 'illness' };
    expect((await w.teacherA.call('POST', `/admin/v1/sites/${w.siteA}/register/absences`, correction)).status).toBe(403);
    const parent = await person(d, { displayName: 'Parent of Amina', role: 'parent', childIds: [w.children.amina] });
    expect((await parent.call('GET', `/admin/v1/sites/${w.siteA}/register?day=${w.day}`)).status).toBe(403);
    expect((await parent.call('GET', `/admin/v1/sites/${w.siteA}/register/months/${w.day.slice(0, 7)}`)).status).toBe(403);
  });

  it('a director of another site can neither read nor approve it, nor read an approved version (403/404, audited)', async () => {
    const stars = group(await dayOf(), 'Moons');
    const read = await w.directorB.call<Schemas['Error']>('GET', `/admin/v1/sites/${w.siteA}/register?day=${w.day}`);
    expect(read.status).toBe(403);
    const approve = await w.directorB.call('POST', `/admin/v1/sites/${w.siteA}/register/approvals`, {
      day: w.day,
      group: 'Moons',
      contentSha256: stars.contentSha256,
    });
    expect(approve.status).toBe(403);
    expect((await w.directorB.call('GET', `/admin/v1/sites/${w.siteA}/register/months/${w.day.slice(0, 7)}`)).status).toBe(403);
    const ownApproval = await w.directorA.call<Approval>('POST', `/admin/v1/sites/${w.siteA}/register/approvals`, {
      day: w.day,
      group: 'Moons',
      contentSha256: stars.contentSha256,
    });
    expect(ownApproval.status).toBe(200);
    expect((await w.directorB.call('GET', `/admin/v1/register-approvals/${ownApproval.body.approvalId}`)).status).toBe(404);
    expect(
      (
        await w.teacherA.call('POST', `/admin/v1/sites/${w.siteA}/register/approvals`, {
          day: w.day,
          group: 'Moons',
          contentSha256: stars.contentSha256,
        })
      ).status,
    ).toBe(403);
    expect(await refusedAudit('getRegisterDay')).not.toEqual([]);
    expect(await refusedAudit('approveRegister')).not.toEqual([]);
    expect(await refusedAudit('getRegisterApproval')).not.toEqual([]);
    // Nothing was approved by director B.
    const rows = await d.db.query('select approved_by from register_approvals where site_id = $1', [w.siteA]);
    expect(rows).toEqual([{ approved_by: w.directorA.accountId }]);
  });

  it('the admin token reads the register but cannot approve it (a person signs), and the refusal is audited', async () => {
    const stars = group(await dayOf(), 'Stars');
    const r = await d.admin<Schemas['Error']>('POST', `/admin/v1/sites/${w.siteA}/register/approvals`, {
      day: w.day,
      group: 'Stars',
      contentSha256: stars.contentSha256,
    });
    expect(r.status).toBe(403);
    expect(r.body.code).toBe('approval-needs-person');
    const audit = await d.admin<Schemas['AuditPage']>('GET', '/admin/v1/audit?kind=register.approval-refused&limit=20');
    expect(audit.body.entries.length).toBeGreaterThan(0);
    expect(group(await dayOf(), 'Stars').state).toBe('unapproved');
  });

  it("a director's approval is signed by the district's key, verifies, and breaks if one cell changes", async () => {
    const stars = group(await dayOf(), 'Stars');
    const stale = await w.directorA.call<Schemas['Error']>('POST', `/admin/v1/sites/${w.siteA}/register/approvals`, {
      day: w.day,
      group: 'Stars',
      contentSha256: 'a'.repeat(64),
    });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('register-changed');
    const r = await w.directorA.call<Approval>('POST', `/admin/v1/sites/${w.siteA}/register/approvals`, {
      day: w.day,
      group: 'Stars',
      contentSha256: stars.contentSha256,
    });
    expect(r.status).toBe(200);
    const approval = r.body;
    expect(approval).toMatchObject({ version: 1, approvedBy: w.directorA.accountId, approverRole: 'site-director', reason: null });
    expect(approval.content).toEqual(stars.content);
    const key = (await loadDistrict(d.db)).bundlePublicJwk;
    expect(approval.publicKeyJwk).toMatchObject({ kty: 'EC', crv: 'P-256', x: key.x, y: key.y });
    expect(await verifyApproval(approval, key)).toBe(true);
    // One cell changed: the content no longer has the hash signed; a changed hash no longer has the signature.
    const tampered = structuredClone(approval);
    tampered.content.children[0]!.firstInAtMs = approval.content.children[0]!.firstInAtMs! + 60_000;
    expect(await verifyApproval(tampered, key)).toBe(false);
    const rehashed = { ...tampered, contentSha256: 'b'.repeat(64) };
    expect(await verifyApproval(rehashed, key)).toBe(false);
    const otherApprover = { ...approval, approvedBy: w.districtAdmin.accountId };
    expect(await verifyApproval(otherApprover, key)).toBe(false);
    expect(group(await dayOf(), 'Stars').state).toBe('approved');
    const again = await w.directorA.call<Schemas['Error']>('POST', `/admin/v1/sites/${w.siteA}/register/approvals`, {
      day: w.day,
      group: 'Stars',
      contentSha256: stars.contentSha256,
    });
    expect(again.body.code).toBe('already-approved');
    const audit = await d.admin<Schemas['AuditPage']>('GET', '/admin/v1/audit?kind=register.approved&limit=20');
    expect(audit.body.entries.some((e) => e.actor === 'site-director')).toBe(true);
    // Approved versions are immutable in the database itself.
    await expect(d.db.query("update register_approvals set content_sha256 = repeat('0', 64)")).rejects.toThrow(/immutable/);
    await expect(d.db.query('delete from register_approvals')).rejects.toThrow(/immutable/);
  });

  it('a correction after approval needs a reason, then the day needs a new approval and version 1 stays readable', async () => {
    const before = group(await dayOf(), 'Stars');
    const v1 = before.approvals[0]!;
    const path = `/admin/v1/sites/${w.siteA}/register/absences`;
    const noReason = await w.directorA.call<Schemas['Error']>('POST', path, { childId: w.children.daniyar, day: w.day, reason: 'illness' });
    expect(noReason.status).toBe(400);
    expect(noReason.body.code).toBe('correction-reason-required');
    expect(group(await dayOf(), 'Stars').state).toBe('approved');
    // Another site's child: as if it did not exist.
    expect(
      (await w.directorA.call('POST', path, { childId: w.children.timur, day: w.day, reason: 'illness', correctionReason: 'x' })).status,
    ).toBe(404);

    const corrected = await w.directorA.call<Schemas['RegisterCorrection']>('POST', path, {
      childId: w.children.daniyar,
      day: w.day,
      reason: 'illness',
      correctionReason: 'The mother called in the morning; the teacher forgot to note it',
    });
    expect(corrected.status).toBe(200);
    expect(corrected.body).toMatchObject({ afterVersion: 1, group: 'Stars', absenceReason: 'illness' });
    const after = group(await dayOf(), 'Stars');
    expect(after.state).toBe('changed');
    expect(after.content.children.find((c) => c.childId === w.children.daniyar)).toMatchObject({
      absenceReason: 'illness',
      absenceReportedBy: 'staff',
    });
    expect(after.corrections.map((c) => c.correctionReason)).toEqual(['The mother called in the morning; the teacher forgot to note it']);

    const again = { day: w.day, group: 'Stars', contentSha256: after.contentSha256 };
    const withoutReason = await w.directorA.call<Schemas['Error']>('POST', `/admin/v1/sites/${w.siteA}/register/approvals`, again);
    expect(withoutReason.body.code).toBe('correction-reason-required');
    const v2 = await w.districtAdmin.call<Approval>('POST', `/admin/v1/sites/${w.siteA}/register/approvals`, {
      ...again,
      reason: 'Illness reported late',
    });
    expect(v2.status).toBe(200);
    expect(v2.body).toMatchObject({ version: 2, approverRole: 'district-admin', reason: 'Illness reported late' });
    expect(group(await dayOf(), 'Stars').approvals.map((a) => a.version)).toEqual([2, 1]);

    const old = await w.directorA.call<Approval>('GET', `/admin/v1/register-approvals/${v1.approvalId}`);
    expect(old.status).toBe(200);
    expect(old.body.content.children.find((c) => c.childId === w.children.daniyar)!.absenceReason).toBe('none');
    const key = (await loadDistrict(d.db)).bundlePublicJwk;
    expect(await verifyApproval(old.body, key)).toBe(true);
    expect(await verifyApproval(v2.body, key)).toBe(true);
  });

  it('an event ingested late changes an approved day: it shows as changed and needs a new approval', async () => {
    expect(group(await dayOf(), 'Moons').state).toBe('approved');
    const late = await w.push(w.children.erlan, at(w.day, '10:45:00'), 'face', { direction: 'out' });
    const moons = group(await dayOf(), 'Moons');
    expect(moons.state).toBe('changed');
    expect(moons.content.children[0]).toMatchObject({ lastOutMethod: 'face' });
    // Its time lies 15 minutes before the tablet's latest event (Amina's check-out at 11:00), and Erlan has no face
    // consent: both are flags of the day the director signs again.
    expect(moons.content.flags.backdated).toContainEqual({
      eventId: late.id,
      childId: w.children.erlan,
      atMs: late.atMs,
      behindMs: 15 * 60_000,
    });
    expect(moons.content.flags.unexplainedFaces).toEqual([
      { eventId: late.id, childId: w.children.erlan, atMs: late.atMs, reason: 'no-consent' },
    ]);
  });

  it('bad day, month, site and format get clear errors', async () => {
    const bad = async (path: string, code: string, status = 400) => {
      const r = await d.admin<Schemas['Error']>('GET', path);
      expect(r.status, path).toBe(status);
      expect(r.body.code, path).toBe(code);
      expect(r.body.message.length).toBeGreaterThan(10);
    };
    await bad(`/admin/v1/sites/${w.siteA}/register?day=2026-02-30`, 'bad-day');
    await bad(`/admin/v1/sites/${w.siteA}/register/months/2026-13`, 'bad-month');
    await bad(`/admin/v1/sites/${w.siteA}/register/months/march`, 'bad-month');
    await bad(`/admin/v1/sites/${w.siteA}/register/months/2026-03?format=pdf`, 'bad-format');
    await bad(`/admin/v1/sites/nope/register/months/2026-03`, 'site-not-found', 404);
    await bad(`/admin/v1/register-approvals/apv_nothing`, 'approval-not-found', 404);
  });
});
