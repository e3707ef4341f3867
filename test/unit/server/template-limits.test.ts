// One tablet cannot inflate its site's bundle: the district takes a face template only as exactly one sealed template's
// ciphertext, dated within the template lifetime and not in the future, and keeps one enrolment per child (the newest;
// tablets match only that one) of at most 10 templates (enrolment stores 5). Against a real server over HTTP.
import { beforeAll, describe, expect, it } from 'vitest';
import { toBase64Url } from '../../../src/protocol/base64';
import { TRANSPORT_BYTES, TRANSPORT_BYTES_V1 } from '../../../src/protocol/template-key-crypto';
import { MAX_TEMPLATES_PER_CHILD, SEALED_TEMPLATE_CHARS, TEMPLATE_LIFETIME_MS } from '../../../server/services/template-limits';
import type { components } from '../../../src/protocol/api-types.generated';
import { createSite, pairTestDevice, sealedTemplateStandIn, useTestDistrict } from './district-fixture';

type Schemas = components['schemas'];

const d = useTestDistrict();
let siteId: string;
let device: Awaited<ReturnType<typeof pairTestDevice>>;

async function consentedChild(name: string): Promise<string> {
  const child = (await d.admin<Schemas['ChildAdmin']>('POST', `/admin/v1/sites/${siteId}/children`, { displayName: name })).body;
  const today = new Date().toISOString().slice(0, 10);
  const until = new Date(Date.now() + 300 * 86_400_000).toISOString().slice(0, 10);
  const k = await d.admin('POST', `/admin/v1/children/${child.childId}/consents`, {
    guardianName: 'Parent',
    grantedOn: today,
    expiresOn: until,
  });
  expect(k.status).toBe(200);
  return child.childId;
}

const upload = (childId: string, templateId: string, ciphertext = sealedTemplateStandIn(), createdAtMs = Date.now()) =>
  device.client.uploadTemplate({ templateId, childId, createdAtMs, keyVersion: 1, ciphertext });

const storedCount = async (childId: string) =>
  (await d.db.query<{ n: number }>('select count(*)::int as n from templates where child_id = $1', [childId]))[0]!.n;

beforeAll(async () => {
  siteId = await createSite(d);
  expect((await d.admin('PUT', `/admin/v1/sites/${siteId}/settings`, { biometricsEnabled: true, assessmentRef: 'DPIA-T-1' })).status).toBe(
    200,
  );
  device = await pairTestDevice(d, siteId);
});

describe('template uploads', () => {
  it("refuses 150 uploads of 64 KiB junk 'ciphertext' and anything but exactly one sealed template", async () => {
    const childId = await consentedChild('Junk target');
    const junk = toBase64Url(globalThis.crypto.getRandomValues(new Uint8Array(48 * 1024)));
    expect(junk.length).toBe(65_536);
    const answers = await Promise.all(Array.from({ length: 150 }, (_, i) => upload(childId, `junk-${i}`, junk)));
    expect(answers.every((a) => !a.ok && a.kind === 'refused' && a.status === 400 && a.error.code === 'template-bad-length')).toBe(true);
    for (const near of [SEALED_TEMPLATE_CHARS - 1, SEALED_TEMPLATE_CHARS + 1, SEALED_TEMPLATE_CHARS - 4]) {
      expect(await upload(childId, `near-${near}`, 'A'.repeat(near))).toMatchObject({ ok: false, error: { code: 'template-bad-length' } });
    }
    expect(await storedCount(childId)).toBe(0);
    const bundle = await device.client.bundle();
    expect(bundle.ok && JSON.stringify(bundle.body).length).toBeLessThan(20_000);
    expect(SEALED_TEMPLATE_CHARS).toBe(Math.ceil((TRANSPORT_BYTES * 4) / 3));
  }, 60_000);

  it('takes the float32 layout of a tablet whose app predates half precision, and nothing between the two lengths', async () => {
    const childId = await consentedChild('Old app');
    const v1 = toBase64Url(globalThis.crypto.getRandomValues(new Uint8Array(TRANSPORT_BYTES_V1)));
    expect((await upload(childId, 'v1-0', v1)).ok).toBe(true);
    const between = toBase64Url(globalThis.crypto.getRandomValues(new Uint8Array(TRANSPORT_BYTES + 3)));
    expect(await upload(childId, 'between', between)).toMatchObject({ ok: false, error: { code: 'template-bad-length' } });
    expect(await storedCount(childId)).toBe(1);
  });

  it(`keeps at most ${MAX_TEMPLATES_PER_CHILD} templates of one enrolment and refuses the next one with a code`, async () => {
    const childId = await consentedChild('Capped');
    const enrolledAt = Date.now();
    for (let i = 0; i < MAX_TEMPLATES_PER_CHILD; i++) expect((await upload(childId, `cap-${i}`, undefined, enrolledAt)).ok).toBe(true);
    expect(await upload(childId, 'cap-over', undefined, enrolledAt)).toMatchObject({
      ok: false,
      status: 409,
      error: { code: 'template-limit' },
    });
    // A retry of one already stored is still answered as a duplicate.
    const stored = await d.db.query<{ ciphertext: string }>("select ciphertext from templates where id = 'cap-0'");
    expect(await upload(childId, 'cap-0', stored[0]!.ciphertext, enrolledAt)).toMatchObject({ ok: true, body: { status: 'duplicate' } });
    expect(await storedCount(childId)).toBe(MAX_TEMPLATES_PER_CHILD);
    // Another child is not affected.
    expect((await upload(await consentedChild('Other'), 'other-0')).ok).toBe(true);
  });

  it('keeps only the newest enrolment: a newer one replaces it, an older one is refused as superseded', async () => {
    const childId = await consentedChild('Re-enrolled');
    const first = Date.now() - 60_000;
    for (let i = 0; i < 5; i++) expect((await upload(childId, `first-${i}`, undefined, first)).ok).toBe(true);
    const second = Date.now();
    for (let i = 0; i < 5; i++) expect((await upload(childId, `second-${i}`, undefined, second)).ok).toBe(true);
    expect(
      (await d.db.query<{ id: string }>('select id from templates where child_id = $1 order by id', [childId])).map((r) => r.id),
    ).toEqual(['second-0', 'second-1', 'second-2', 'second-3', 'second-4']);
    expect(await upload(childId, 'late-old', undefined, first + 1)).toMatchObject({
      ok: false,
      status: 409,
      error: { code: 'template-superseded' },
    });
    // So a tablet re-enrolling the same child every day never grows the bundle.
    for (let day = 1; day <= 4; day++) {
      for (let i = 0; i < 5; i++) expect((await upload(childId, `day${day}-${i}`, undefined, second + day)).ok).toBe(true);
    }
    expect(await storedCount(childId)).toBe(5);
  });

  it('refuses a template dated in the future or past its lifetime', async () => {
    const childId = await consentedChild('Dated');
    expect(await upload(childId, 'future', undefined, Date.now() + 3_600_000)).toMatchObject({
      ok: false,
      status: 409,
      error: { code: 'template-date-invalid' },
    });
    expect(await upload(childId, 'ancient', undefined, Date.now() - TEMPLATE_LIFETIME_MS - 86_400_000)).toMatchObject({
      ok: false,
      error: { code: 'template-date-invalid' },
    });
    expect(await storedCount(childId)).toBe(0);
    // A tablet clock a couple of minutes fast is fine.
    expect((await upload(childId, 'skewed', undefined, Date.now() + 120_000)).ok).toBe(true);
  });
});
