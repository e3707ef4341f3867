// Unpairing a tablet rotates its site's template key: the unpaired tablet keeps the secret it was given at pairing,
// and that secret opens no template made after (the site's other tablets renew to the new version at their next sync);
// the other sites, whose keys it never held, are left as they are. Every fetch of the key by a tablet is in the
// district audit log.
import { describe, expect, it } from 'vitest';
import { EMBEDDER_MODEL_ID } from '../../../src/protocol/template-model';
import { fromBase64Url } from '../../../src/protocol/base64';
import { openTemplate, sealTemplate, templateKeyMaterial, TEMPLATE_DIM } from '../../../src/protocol/template-key-crypto';
import type { components } from '../../../src/protocol/api-types.generated';
import { runDistrictCommand } from '../../../server/admin/cli-commands';
import { createSite, pairTestDevice, useTestDistrict } from './district-fixture';

type Schemas = components['schemas'];

const d = useTestDistrict();

describe('unpairing a tablet', () => {
  it("rotates the template key, so the unpaired tablet's copy opens nothing made afterwards; each key fetch is logged", async () => {
    const siteId = await createSite(d);
    await d.admin('PUT', `/admin/v1/sites/${siteId}/settings`, { biometricsEnabled: true, assessmentRef: 'DPIA-U-1' });
    const child = (await d.admin<Schemas['ChildAdmin']>('POST', `/admin/v1/sites/${siteId}/children`, { displayName: 'Aru' })).body;
    const today = new Date().toISOString().slice(0, 10);
    const until = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    await d.admin('POST', `/admin/v1/children/${child.childId}/consents`, { guardianName: 'Parent', grantedOn: today, expiresOn: until });
    const stays = await pairTestDevice(d, siteId);
    const stolen = await pairTestDevice(d, siteId);
    const before = stolen.pairing.templateKey;
    expect((await d.admin('POST', `/admin/v1/devices/${stolen.pairing.deviceId}/revoke`)).status).toBe(200);

    const status = (await d.admin<Schemas['TemplateKeyStatus']>('GET', '/admin/v1/template-keys')).body;
    expect(status.currentVersion).toBe(before.keyVersion + 1);
    // The tablet that stays fetches the new key (logged) and enrols under it.
    const fetched = await stays.client.templateKey();
    if (!fetched.ok) throw new Error(JSON.stringify(fetched));
    expect(fetched.body.keyVersion).toBe(status.currentVersion);
    const current = await templateKeyMaterial(fromBase64Url(fetched.body.secret!)!, fetched.body.keyVersion);
    const meta = {
      templateId: 'tpl_after',
      childId: child.childId,
      modelId: EMBEDDER_MODEL_ID,
      keyVersion: fetched.body.keyVersion,
      createdAtMs: Date.now(),
    };
    const face = new Float32Array(TEMPLATE_DIM).fill(1 / Math.sqrt(TEMPLATE_DIM));
    const ciphertext = await sealTemplate(current.transport, stays.pairing.districtId, meta, current.rotation.apply(face));
    const { modelId: _model, ...upload } = meta;
    const up = await stays.client.uploadTemplate({ ...upload, ciphertext });
    expect(up, JSON.stringify(up)).toMatchObject({ ok: true, body: { status: 'stored' } });
    const [stored] = await d.db.query<{ ciphertext: string }>("select ciphertext from templates where id = 'tpl_after'");

    // What the stolen tablet holds opens it neither as stored nor under its own version's metadata.
    const old = await templateKeyMaterial(fromBase64Url(before.secret!)!, before.keyVersion);
    expect(await openTemplate(old.transport, stays.pairing.districtId, meta, stored!.ciphertext)).toBeNull();
    expect(
      await openTemplate(old.transport, stays.pairing.districtId, { ...meta, keyVersion: before.keyVersion }, stored!.ciphertext),
    ).toBeNull();
    expect(await openTemplate(current.transport, stays.pairing.districtId, meta, stored!.ciphertext)).not.toBeNull();

    const page = (await d.admin<Schemas['AuditPage']>('GET', `/admin/v1/audit?siteId=${siteId}&kind=template-key.fetched`)).body;
    expect(page.entries.map((e) => [e.deviceId, e.actor, e.summary])).toEqual([
      [stays.pairing.deviceId, 'tablet', `Tablet fetched the face template key (version ${status.currentVersion})`],
    ]);
  });
});

describe('unpairing when the rotation fails', () => {
  it('leaves the tablet paired, so that the retry rotates the key instead of leaving the stolen copy current', async () => {
    const siteId = await createSite(d);
    const stolen = await pairTestDevice(d, siteId);
    const held = stolen.pairing.templateKey.keyVersion;
    // The rotation's new key version fails to be written once (a restart or a timeout in the middle of the unpairing).
    const transaction = d.db.transaction.bind(d.db);
    let failures = 1;
    d.db.transaction = (fn) =>
      transaction((tx) =>
        fn({
          ...tx,
          query: (sql, params) => {
            if (failures > 0 && sql.startsWith('insert into template_keys')) {
              failures--;
              throw new Error('connection lost');
            }
            return tx.query(sql, params);
          },
        }),
      );
    try {
      expect((await d.admin('POST', `/admin/v1/devices/${stolen.pairing.deviceId}/revoke`)).status).toBe(500);
      // Still paired: nothing of the failed unpairing stayed.
      const still = await stolen.client.templateKey();
      expect(still.ok).toBe(true);
      expect((await d.admin<Schemas['TemplateKeyStatus']>('GET', '/admin/v1/template-keys')).body.currentVersion).toBe(held);

      const retry = await d.admin<Schemas['Device']>('POST', `/admin/v1/devices/${stolen.pairing.deviceId}/revoke`);
      expect(retry.status).toBe(200);
      expect(retry.body.revokedAtMs).not.toBeNull();
      expect((await d.admin<Schemas['TemplateKeyStatus']>('GET', '/admin/v1/template-keys')).body.currentVersion).toBe(held + 1);
      expect((await stolen.client.templateKey()).ok).toBe(false);
    } finally {
      d.db.transaction = transaction;
    }
  });
});

/** A site with face recognition on, one consenting child and a paired tablet. */
async function siteWithTablet(name: string) {
  const siteId = await createSite(d, name);
  await d.admin('PUT', `/admin/v1/sites/${siteId}/settings`, { biometricsEnabled: true, assessmentRef: `DPIA-${name}` });
  const child = (await d.admin<Schemas['ChildAdmin']>('POST', `/admin/v1/sites/${siteId}/children`, { displayName: `${name} child` })).body;
  const today = new Date().toISOString().slice(0, 10);
  const until = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
  await d.admin('POST', `/admin/v1/children/${child.childId}/consents`, { guardianName: 'Parent', grantedOn: today, expiresOn: until });
  return { siteId, child, tablet: await pairTestDevice(d, siteId) };
}

type Tablet = Awaited<ReturnType<typeof pairTestDevice>>;

/** The key the tablet fetches now, as its version and the material it seals and rotates with. */
async function keyOf(tablet: Tablet) {
  const k = await tablet.client.templateKey();
  if (!k.ok) throw new Error(JSON.stringify(k));
  return {
    version: k.body.keyVersion,
    secret: k.body.secret,
    material: await templateKeyMaterial(fromBase64Url(k.body.secret!)!, k.body.keyVersion),
  };
}

const FACE = new Float32Array(TEMPLATE_DIM).fill(1 / Math.sqrt(TEMPLATE_DIM));

/** Enrols `childId` on the tablet under its current key (one template, uploaded) and returns its transport metadata. */
async function enrolOne(tablet: Tablet, childId: string, templateId: string) {
  const key = await keyOf(tablet);
  const meta = { templateId, childId, modelId: EMBEDDER_MODEL_ID, keyVersion: key.version, createdAtMs: Date.now() };
  const ciphertext = await sealTemplate(key.material.transport, tablet.pairing.districtId, meta, key.material.rotation.apply(FACE));
  const { modelId: _model, ...upload } = meta;
  expect(await tablet.client.uploadTemplate({ ...upload, ciphertext })).toMatchObject({ ok: true, body: { status: 'stored' } });
  return meta;
}

const storedTemplate = async (templateId: string) =>
  (
    await d.db.query<{ ciphertext: string; key_version: number }>('select ciphertext, key_version from templates where id = $1', [
      templateId,
    ])
  )[0]!;
const revisionOf = async (siteId: string) =>
  (await d.db.query<{ revision: number }>('select revision from sites where id = $1', [siteId]))[0]!.revision;
const keyStatus = async () => (await d.admin<Schemas['TemplateKeyStatus']>('GET', '/admin/v1/template-keys')).body;

describe("each site's own template key", () => {
  it("a tablet's key (a stolen one, or one a site's director paired a script with) opens no other site's templates", async () => {
    // A rotation first, so that the version in use is one of those that give each site its own key.
    await d.admin('POST', '/admin/v1/template-keys/rotate');
    const a = await siteWithTablet('Sunflower');
    const b = await siteWithTablet('Tulip');
    const keyA = await keyOf(a.tablet);
    const keyB = await keyOf(b.tablet);
    expect(keyA.version).toBe(keyB.version);
    expect(a.tablet.pairing.templateKey.secret).not.toBe(b.tablet.pairing.templateKey.secret);

    const meta = await enrolOne(b.tablet, b.child.childId, 'tpl_site_b');
    const stored = await storedTemplate('tpl_site_b');
    expect(await openTemplate(keyB.material.transport, b.tablet.pairing.districtId, meta, stored.ciphertext)).not.toBeNull();
    expect(await openTemplate(keyA.material.transport, a.tablet.pairing.districtId, meta, stored.ciphertext)).toBeNull();
    // Site B's tablet still recognises the child after a rotation re-keys it under B's key of the new version.
    await d.admin('POST', '/admin/v1/template-keys/rotate');
    const renewedB = await keyOf(b.tablet);
    const rekeyed = await storedTemplate('tpl_site_b');
    expect(rekeyed.key_version).toBe(renewedB.version);
    const opened = await openTemplate(
      renewedB.material.transport,
      b.tablet.pairing.districtId,
      { ...meta, keyVersion: renewedB.version },
      rekeyed.ciphertext,
    );
    expect(opened).not.toBeNull();
    const back = renewedB.material.rotation.invert(opened!);
    expect(back.reduce((s, v, i) => s + v * FACE[i]!, 0)).toBeCloseTo(1, 3);
  });

  it("unpairing a tablet re-keys its own site alone: other sites' templates, bundles and tablets are left as they are", async () => {
    await d.admin('POST', '/admin/v1/template-keys/rotate');
    const a = await siteWithTablet('Daisy');
    const b = await siteWithTablet('Lily');
    const stolen = await pairTestDevice(d, a.siteId);
    await enrolOne(a.tablet, a.child.childId, 'tpl_daisy');
    const metaB = await enrolOne(b.tablet, b.child.childId, 'tpl_lily');
    const pickupA = (
      await d.admin<Schemas['PickupAdultAdmin']>('POST', `/admin/v1/children/${a.child.childId}/pickups`, {
        name: 'Aunt Dana',
        code: '4826',
      })
    ).body;
    const pickupB = (
      await d.admin<Schemas['PickupAdultAdmin']>('POST', `/admin/v1/children/${b.child.childId}/pickups`, {
        name: 'Uncle Arman',
        code: '9051',
      })
    ).body;
    const before = await keyOf(b.tablet);
    const storedB = await storedTemplate('tpl_lily');
    const revisionB = await revisionOf(b.siteId);
    const stolenKey = await keyOf(stolen);
    const adultsOf = async (childId: string) =>
      (await d.admin<Schemas['ChildPickups']>('GET', `/admin/v1/children/${childId}/pickups`)).body.adults;

    expect((await d.admin('POST', `/admin/v1/devices/${stolen.pairing.deviceId}/revoke`)).status).toBe(200);
    // The site's pickup code hashes were on the stolen tablet: marked for a new code (they still work meanwhile);
    // the other site's are not.
    expect((await adultsOf(a.child.childId)).find((x) => x.pickupId === pickupA.pickupId)).toMatchObject({
      hasCode: true,
      codeExposedAtMs: expect.any(Number),
    });
    expect((await adultsOf(b.child.childId)).find((x) => x.pickupId === pickupB.pickupId)).toMatchObject({
      hasCode: true,
      codeExposedAtMs: null,
    });
    const exposedEntry = (await d.admin<Schemas['AuditPage']>('GET', `/admin/v1/audit?kind=pickup.codes-exposed&siteId=${a.siteId}`)).body
      .entries[0];
    expect(exposedEntry?.summary).toBe('1 pickup code was on the unpaired tablet: set a new one');
    expect((await d.admin('PUT', `/admin/v1/pickups/${pickupA.pickupId}`, { code: '7315' })).status).toBe(200);
    expect((await adultsOf(a.child.childId)).find((x) => x.pickupId === pickupA.pickupId)).toMatchObject({
      hasCode: true,
      codeExposedAtMs: null,
    });
    // Site A moved to a new version; its template was re-keyed and the stolen copy opens it under neither version.
    const afterA = await keyOf(a.tablet);
    expect(afterA.version).toBe(stolenKey.version + 1);
    const daisy = await storedTemplate('tpl_daisy');
    expect(daisy.key_version).toBe(afterA.version);
    const daisyMeta = { templateId: 'tpl_daisy', childId: a.child.childId, modelId: EMBEDDER_MODEL_ID, createdAtMs: 0 };
    expect(
      await openTemplate(
        stolenKey.material.transport,
        a.tablet.pairing.districtId,
        { ...daisyMeta, keyVersion: afterA.version },
        daisy.ciphertext,
      ),
    ).toBeNull();
    // Site B: same version, same secret, same stored ciphertext, same bundle revision (its tablets fetch nothing new).
    expect(await keyOf(b.tablet)).toMatchObject({ version: before.version, secret: before.secret });
    expect(await storedTemplate('tpl_lily')).toEqual(storedB);
    expect(await revisionOf(b.siteId)).toBe(revisionB);
    const bundleB = await b.tablet.client.bundle();
    if (!bundleB.ok) throw new Error(JSON.stringify(bundleB));
    expect(JSON.stringify(bundleB.body)).toContain(`"keyVersion":${before.version}`);
    // Site B's tablet still enrols under its version; the upload is kept as sent.
    await enrolOne(b.tablet, b.child.childId, 'tpl_lily_2');
    expect((await storedTemplate('tpl_lily_2')).key_version).toBe(before.version);
    expect(await openTemplate(before.material.transport, b.tablet.pairing.districtId, metaB, storedB.ciphertext)).not.toBeNull();

    const status = await keyStatus();
    expect(status.currentVersion).toBe(afterA.version);
    const siteVersionOf = (t: Tablet) => status.devices.find((x) => x.deviceId === t.pairing.deviceId)?.siteVersion;
    expect([siteVersionOf(a.tablet), siteVersionOf(b.tablet)]).toEqual([afterA.version, before.version]);
    expect(status.versions.find((v) => v.keyVersion === before.version)).toMatchObject({ retiredAtMs: null });
    expect(status.versions.find((v) => v.keyVersion === before.version)!.sites).toBeGreaterThanOrEqual(1);
    const rotations = (await d.admin<Schemas['AuditPage']>('GET', `/admin/v1/audit?kind=template-key.rotated`)).body.entries;
    expect(rotations[0]).toMatchObject({ siteId: a.siteId, summaryParams: expect.objectContaining({ keyVersion: afterA.version }) });

    // The district's command line says which version each site is on.
    const listed = await runDistrictCommand(['template-key'], (method, path, body) => d.admin(method, path, body));
    expect(listed).toMatch(
      new RegExp(`\\n${before.version}\\s+\\S+ \\S+\\s+current for \\d+ sites? \\(an unpairing re-keyed another site\\)`),
    );

    // The district's own rotation moves every site to one newest version again, each template re-keyed from its own.
    const rotation = await d.admin<Schemas['TemplateKeyRotation']>('POST', '/admin/v1/template-keys/rotate');
    expect(rotation.body.droppedTemplates).toEqual([]);
    const together = await keyStatus();
    expect(new Set(together.devices.map((x) => x.siteVersion))).toEqual(new Set([together.currentVersion]));
    expect((await storedTemplate('tpl_lily_2')).key_version).toBe(together.currentVersion);
  });

  it('on a version from before per-site keys (one secret for every site), unpairing re-keys every site', async () => {
    await d.admin('POST', '/admin/v1/template-keys/rotate');
    const a = await siteWithTablet('Poppy');
    const b = await siteWithTablet('Iris');
    const stolen = await pairTestDevice(d, a.siteId);
    await d.db.query('update template_keys set per_site = false where key_version = (select max(key_version) from template_keys)');
    const held = await keyOf(stolen);
    expect((await keyOf(b.tablet)).secret).toBe(held.secret);

    expect((await d.admin('POST', `/admin/v1/devices/${stolen.pairing.deviceId}/revoke`)).status).toBe(200);
    const afterB = await keyOf(b.tablet);
    expect(afterB.version).toBe(held.version + 1);
    expect(afterB.secret).not.toBe(held.secret);
    expect((await keyOf(a.tablet)).version).toBe(held.version + 1);
  });
});
