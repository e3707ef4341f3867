// Unpairing a tablet rotates the district template key: the unpaired tablet keeps the secret it was given at pairing,
// and that secret opens no template made after (the other tablets renew to the new version at their next sync). Every
// fetch of the key by a tablet is in the district audit log.
import { describe, expect, it } from 'vitest';
import { EMBEDDER_MODEL_ID } from '../../../src/protocol/template-model';
import { fromBase64Url } from '../../../src/protocol/base64';
import { openTemplate, sealTemplate, templateKeyMaterial, TEMPLATE_DIM } from '../../../src/protocol/template-key-crypto';
import type { components } from '../../../src/protocol/api-types.generated';
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
    const current = await templateKeyMaterial(fromBase64Url(fetched.body.secret)!, fetched.body.keyVersion);
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
    const old = await templateKeyMaterial(fromBase64Url(before.secret)!, before.keyVersion);
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

describe("each site's own template key", () => {
  it("a tablet's key (a stolen one, or one a site's director paired a script with) opens no other site's templates", async () => {
    const setUp = async (name: string) => {
      const siteId = await createSite(d, name);
      await d.admin('PUT', `/admin/v1/sites/${siteId}/settings`, { biometricsEnabled: true, assessmentRef: `DPIA-${name}` });
      const child = (await d.admin<Schemas['ChildAdmin']>('POST', `/admin/v1/sites/${siteId}/children`, { displayName: `${name} child` }))
        .body;
      const today = new Date().toISOString().slice(0, 10);
      const until = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
      await d.admin('POST', `/admin/v1/children/${child.childId}/consents`, { guardianName: 'Parent', grantedOn: today, expiresOn: until });
      return { siteId, child, tablet: await pairTestDevice(d, siteId) };
    };
    // A rotation first, so that the version in use is one of those that give each site its own key.
    await d.admin('POST', '/admin/v1/template-keys/rotate');
    const a = await setUp('Sunflower');
    const b = await setUp('Tulip');
    const keyOf = async (t: typeof a.tablet) => {
      const k = await t.client.templateKey();
      if (!k.ok) throw new Error(JSON.stringify(k));
      return { version: k.body.keyVersion, material: await templateKeyMaterial(fromBase64Url(k.body.secret)!, k.body.keyVersion) };
    };
    const keyA = await keyOf(a.tablet);
    const keyB = await keyOf(b.tablet);
    expect(keyA.version).toBe(keyB.version);
    expect(a.tablet.pairing.templateKey.secret).not.toBe(b.tablet.pairing.templateKey.secret);

    const meta = {
      templateId: 'tpl_site_b',
      childId: b.child.childId,
      modelId: EMBEDDER_MODEL_ID,
      keyVersion: keyB.version,
      createdAtMs: Date.now(),
    };
    const face = new Float32Array(TEMPLATE_DIM).fill(1 / Math.sqrt(TEMPLATE_DIM));
    const ciphertext = await sealTemplate(keyB.material.transport, b.tablet.pairing.districtId, meta, keyB.material.rotation.apply(face));
    const { modelId: _model, ...upload } = meta;
    expect(await b.tablet.client.uploadTemplate({ ...upload, ciphertext })).toMatchObject({ ok: true, body: { status: 'stored' } });
    const [stored] = await d.db.query<{ ciphertext: string }>("select ciphertext from templates where id = 'tpl_site_b'");
    expect(await openTemplate(keyB.material.transport, b.tablet.pairing.districtId, meta, stored!.ciphertext)).not.toBeNull();
    expect(await openTemplate(keyA.material.transport, a.tablet.pairing.districtId, meta, stored!.ciphertext)).toBeNull();
    // Site B's tablet still recognises the child after a rotation re-keys it under B's key of the new version.
    await d.admin('POST', '/admin/v1/template-keys/rotate');
    const renewedB = await keyOf(b.tablet);
    const [rekeyed] = await d.db.query<{ ciphertext: string; key_version: number }>(
      "select ciphertext, key_version from templates where id = 'tpl_site_b'",
    );
    expect(rekeyed!.key_version).toBe(renewedB.version);
    const opened = await openTemplate(
      renewedB.material.transport,
      b.tablet.pairing.districtId,
      { ...meta, keyVersion: renewedB.version },
      rekeyed!.ciphertext,
    );
    expect(opened).not.toBeNull();
    const back = renewedB.material.rotation.invert(opened!);
    expect(back.reduce((s, v, i) => s + v * face[i]!, 0)).toBeCloseTo(1, 3);
  });
});
