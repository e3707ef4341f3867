// The district's side of signed answers and bundle deltas (real server, PGlite or DATABASE_URL): every device answer,
// refusals included, is signed for its request and verifies only for it; GET /v1/bundle answers "unchanged" in under
// 1,000 bytes, a delta naming only what changed, or the full bundle when a delta cannot serve; no change to a child's
// rows escapes the version and the change log (triggers); the hot queries of a 50-site district are served by indexes.
import { describe, expect, it } from 'vitest';
import { ANSWER_SIGNATURE_HEADER, digestOf, importAnswerKey, verifyAnswer } from '../../../src/protocol/answer-signature';
import { newNonce, signRequest } from '../../../src/protocol/http-signature';
import { utf8 } from '../../../src/protocol/base64';
import type { components } from '../../../src/protocol/api-types.generated';
import { defaultSiteSettings } from '../../../server/services/sites';
import { buildFullBundle } from '../../../server/services/bundle';
import { createSite, pairTestDevice, sealedTemplateStandIn, useTestDistrict } from './district-fixture';

type Schemas = components['schemas'];

const d = useTestDistrict();

type Device = Awaited<ReturnType<typeof pairTestDevice>>;

/** A signed request sent as it is, with the nonce it used and the answer's bytes and signature. */
async function raw(device: Device, method: 'GET' | 'POST', pathAndQuery: string, payload?: unknown) {
  const url = new URL(pathAndQuery, d.url);
  const body = payload === undefined ? new Uint8Array(0) : utf8(JSON.stringify(payload));
  const nonce = newNonce();
  const query = url.search === '' ? '?' : url.search;
  const headers = await signRequest(
    device.keys.privateKey,
    { method, path: url.pathname, query, body },
    { created: Math.floor(Date.now() / 1000), nonce, keyid: device.pairing.deviceId },
  );
  const response = await fetch(url, {
    method,
    headers: { ...headers, ...(payload !== undefined ? { 'content-type': 'application/json' } : {}) },
    ...(payload !== undefined ? { body: body as BufferSource } : {}),
  });
  const bytes = new Uint8Array(await response.arrayBuffer());
  const binding = {
    nonce,
    keyid: device.pairing.deviceId,
    method,
    path: url.pathname,
    query,
    requestDigest: headers['content-digest'],
    status: response.status,
    answerDigest: await digestOf(bytes),
  };
  return {
    status: response.status,
    bytes,
    json: JSON.parse(new TextDecoder().decode(bytes)) as unknown,
    signature: response.headers.get(ANSWER_SIGNATURE_HEADER),
    binding,
  };
}

async function siteWithChild() {
  const siteId = await createSite(d);
  await d.admin('PUT', `/admin/v1/sites/${siteId}/settings`, { biometricsEnabled: true, assessmentRef: 'DPIA-B-1' });
  const child = await d.admin<Schemas['ChildAdmin']>('POST', `/admin/v1/sites/${siteId}/children`, {
    displayName: 'Aru B.',
    group: 'Stars',
  });
  return { siteId, childId: child.body.childId };
}

describe('signed answers', () => {
  it('every device answer, refusals included, verifies with the district key for its own request only', async () => {
    const { siteId, childId } = await siteWithChild();
    const device = await pairTestDevice(d, siteId);
    const key = await importAnswerKey(device.pairing.bundleKeyJwk);
    const answers = [
      await raw(device, 'GET', '/v1/device/state'),
      await raw(device, 'GET', '/v1/bundle'),
      await raw(device, 'GET', '/v1/template-key'),
      // Refusals: no consent (409) and a malformed `since` (400).
      await raw(device, 'POST', '/v1/templates', {
        templateId: 'tpl_x',
        childId,
        createdAtMs: 1,
        keyVersion: 1,
        ciphertext: sealedTemplateStandIn(),
      }),
      await raw(device, 'GET', '/v1/bundle?since=soon'),
    ];
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 409, 400]);
    for (const a of answers) expect(await verifyAnswer(key, a.signature, a.binding)).toBe(true);
    const [state, bundle] = answers;
    // A signature is worth nothing for another request, another status or other bytes.
    expect(await verifyAnswer(key, state!.signature, { ...state!.binding, nonce: bundle!.binding.nonce })).toBe(false);
    // Nor for another tablet: the answer names the tablet the request was signed as.
    expect(await verifyAnswer(key, state!.signature, { ...state!.binding, keyid: 'dev_someone_else' })).toBe(false);
    expect(await verifyAnswer(key, state!.signature, bundle!.binding)).toBe(false);
    expect(await verifyAnswer(key, state!.signature, { ...state!.binding, status: 409 })).toBe(false);
    expect(await verifyAnswer(key, state!.signature, { ...state!.binding, answerDigest: bundle!.binding.answerDigest })).toBe(false);
    expect((answers[4]!.json as Schemas['Error']).code).toBe('bad-since');
  });
});

describe('GET /v1/bundle', () => {
  it('answers unchanged in under 1,000 bytes, a delta of the one child that changed, and the full bundle when it must', async () => {
    const { siteId, childId } = await siteWithChild();
    const device = await pairTestDevice(d, siteId);
    const full = await raw(device, 'GET', '/v1/bundle');
    const payload = full.json as Schemas['BundlePayload'];
    expect(payload.kind).toBe('full');
    const same = await raw(device, 'GET', `/v1/bundle?since=${payload.version}`);
    expect(same.json).toMatchObject({ kind: 'unchanged', version: payload.version, siteId });
    expect(same.bytes.length).toBeLessThan(1_000);
    // One child changes (a bracelet): the delta names it, with its whole entry, and nothing else.
    const other = await d.admin<Schemas['ChildAdmin']>('POST', `/admin/v1/sites/${siteId}/children`, {
      displayName: 'Other C.',
      group: 'Stars',
    });
    const after = (await raw(device, 'GET', '/v1/bundle')).json as Schemas['BundlePayload'];
    await d.db.query("insert into bracelets (uid, child_id) values ('mifare:0B0B0B01', $1)", [childId]);
    const delta = (await raw(device, 'GET', `/v1/bundle?since=${after.version}`)).json as Schemas['BundleDelta'];
    expect(delta).toMatchObject({ kind: 'delta', fromVersion: after.version, removedChildIds: [] });
    expect(delta.children).toEqual([{ childId, displayName: 'Aru B.', group: 'Stars', bracelets: ['mifare:0B0B0B01'] }]);
    expect(delta.version).toBeGreaterThan(after.version);
    // Full: a version the district never had (a restored database), one before deltas were kept, nothing at all.
    await d.db.query('update sites set delta_floor = $2 where id = $1', [siteId, after.version]);
    for (const since of [delta.version + 100, after.version - 1, 0]) {
      expect(((await raw(device, 'GET', `/v1/bundle?since=${since}`)).json as { kind: string }).kind, `since=${since}`).toBe('full');
    }
    expect(other.status).toBe(200);
  });

  it("a new version's full bundle, built on the previous one's templates, equals one built from rows alone", async () => {
    const siteId = await createSite(d);
    await d.admin('PUT', `/admin/v1/sites/${siteId}/settings`, { biometricsEnabled: true, assessmentRef: 'DPIA-B-2' });
    const today = new Date(Date.now() + 5 * 3_600_000).toISOString().slice(0, 10); // Asia/Almaty
    const kids: { childId: string; consentId: string }[] = [];
    for (let i = 0; i < 3; i++) {
      const child = await d.admin<Schemas['ChildAdmin']>('POST', `/admin/v1/sites/${siteId}/children`, { displayName: `Kid${i} F.` });
      const k = await d.admin<Schemas['Consent']>('POST', `/admin/v1/children/${child.body.childId}/consents`, {
        guardianName: 'Parent',
        grantedOn: today,
        expiresOn: today,
      });
      kids.push({ childId: child.body.childId, consentId: k.body.consentId });
    }
    const device = await pairTestDevice(d, siteId);
    const upload = (childId: string, templateId: string) =>
      device.client.uploadTemplate({ templateId, childId, createdAtMs: Date.now(), keyVersion: 1, ciphertext: sealedTemplateStandIn() });
    await upload(kids[0]!.childId, 'tf_a');
    await upload(kids[1]!.childId, 'tf_b');
    const sameAsFromRows = async () => {
      const served = (await raw(device, 'GET', '/v1/bundle')).json as Schemas['BundlePayload'];
      const rebuilt = JSON.parse(
        Buffer.from((await buildFullBundle(d.db, siteId, Date.now())).bytes).toString(),
      ) as Schemas['BundlePayload'];
      expect({ ...served, issuedAtMs: 0, expiresAtMs: 0 }).toEqual({ ...rebuilt, issuedAtMs: 0, expiresAtMs: 0 });
      return served.templates.map((t) => t.templateId).sort();
    };
    expect(await sameAsFromRows()).toEqual(['tf_a', 'tf_b']);
    // A withdrawal, a new enrolment and a removal between two full bundles of a warm server.
    expect((await d.admin('POST', `/admin/v1/consents/${kids[0]!.consentId}/revoke`)).status).toBe(200);
    await upload(kids[2]!.childId, 'tf_c');
    expect(await sameAsFromRows()).toEqual(['tf_b', 'tf_c']);
    expect((await d.admin('POST', `/admin/v1/children/${kids[1]!.childId}/remove`)).status).toBe(200);
    expect(await sameAsFromRows()).toEqual(['tf_c']);
  });

  it('no change to a child escapes the version and the change log, whoever makes it (database triggers)', async () => {
    const { siteId, childId } = await siteWithChild();
    const second = await d.admin<Schemas['ChildAdmin']>('POST', `/admin/v1/sites/${siteId}/children`, {
      displayName: 'Twin T.',
      group: 'Stars',
    });
    const revision = async () =>
      (await d.db.query<{ revision: number }>('select revision from sites where id = $1', [siteId]))[0]!.revision;
    const stamp = async (id: string) =>
      (await d.db.query<{ rev: number }>('select rev from child_changes where child_id = $1', [id]))[0]?.rev;
    const statements: [string, string, unknown[], string[]][] = [
      [
        'a consent',
        "insert into consents (id, child_id, guardian_name, scope, granted_on, expires_on, created_at_ms) values ('k_trig', $1, 'P', 'face', '2026-01-01', '2026-02-01', 0)",
        [childId],
        [childId],
      ],
      ['a revocation', "update consents set revoked_on = '2026-01-15' where id = 'k_trig'", [], [childId]],
      ['a bracelet', "insert into bracelets (uid, child_id) values ('mifare:0C0C0C01', $1)", [childId], [childId]],
      ['a bracelet gone', "delete from bracelets where uid = 'mifare:0C0C0C01'", [], [childId]],
      [
        'a template',
        "insert into templates (id, child_id, key_version, created_at_ms, ciphertext, uploaded_at_ms) values ('t_trig', $1, 1, 0, 'QUJD', 0)",
        [childId],
        [childId],
      ],
      ['a template gone', "delete from templates where id = 't_trig'", [], [childId]],
      [
        'a twin flag',
        'insert into twin_flags (child_a, child_b, site_id, flagged_at_ms, received_at_ms) values (least($1, $2), greatest($1, $2), $3, 0, 0)',
        [childId, second.body.childId, siteId],
        [childId, second.body.childId],
      ],
      ['a rename', "update children set display_name = 'Aru Renamed' where id = $1", [childId], [childId]],
      ['a removal', 'update children set removed_at_ms = 1 where id = $1', [second.body.childId], [second.body.childId]],
    ];
    for (const [what, sql, params, named] of statements) {
      const before = await revision();
      await d.db.query(sql, params);
      const now = await revision();
      expect(now, what).toBeGreaterThan(before);
      for (const id of named) expect(await stamp(id), what).toBe(now);
    }
  });
});

describe('indexes', () => {
  it('the hot queries of a district of 50 sites are served by indexes (query plans)', async () => {
    const nowMs = Date.now();
    // 50 sites of 40 children, each with a bracelet, a consent, two templates and a device with a day of events.
    await d.db.query(
      `insert into sites (id, district_id, name, time_zone, revision, settings, created_at_ms)
       select 'ix_s' || s, (select id from district), 'Site ' || s, 'Asia/Almaty', 1, $1, 0 from generate_series(1, 50) s`,
      [JSON.stringify(defaultSiteSettings)],
    );
    await d.db.query(`insert into children (id, site_id, display_name, group_name, created_at_ms)
      select 'ix_c' || s || '_' || c, 'ix_s' || s, 'Child ' || c, 'G', 0 from generate_series(1, 50) s, generate_series(1, 40) c`);
    await d.db.query(`insert into bracelets (uid, child_id) select 'mifare:' || lpad(to_hex(s * 1000 + c), 8, '0'), 'ix_c' || s || '_' || c
      from generate_series(1, 50) s, generate_series(1, 40) c`);
    await d.db.query(`insert into consents (id, child_id, guardian_name, scope, granted_on, expires_on, created_at_ms)
      select 'ix_k' || s || '_' || c, 'ix_c' || s || '_' || c, 'P', 'face', '2026-01-01', '2026-12-01', 0
      from generate_series(1, 50) s, generate_series(1, 40) c`);
    await d.db.query(`insert into templates (id, child_id, key_version, created_at_ms, ciphertext, uploaded_at_ms)
      select 'ix_t' || s || '_' || c || '_' || t, 'ix_c' || s || '_' || c, 1, 0, 'QUJD', 0
      from generate_series(1, 50) s, generate_series(1, 40) c, generate_series(1, 2) t`);
    await d.db.query(`insert into devices (id, site_id, name, public_jwk, paired_at_ms, head_seq, head_hash, head_epoch)
      select 'ix_d' || s, 'ix_s' || s, 'T', '{}', 0, 0, '', '' from generate_series(1, 50) s`);
    await d.db.query(
      `insert into events (id, device_id, seq, hash, prev_hash, type, child_id, day_key, at_ms, body, received_at_ms, epoch)
      select gen_random_uuid(), 'ix_d' || s, c, '', '', 'mark', 'ix_c' || s || '_' || c, '2026-03-0' || (c % 9 + 1), $1, '{}', 0, ''
      from generate_series(1, 50) s, generate_series(1, 40) c`,
      [nowMs],
    );
    await d.db.query('analyze');
    const ids = Array.from({ length: 40 }, (_, i) => `ix_c7_${i + 1}`);
    // The shapes server/services/bundle.ts and the services send.
    const hot: [string, string, unknown[]][] = [
      ['bundle: children', 'select id from children where site_id = $1 order by id', ['ix_s7']],
      ['bundle: bracelets', 'select uid, child_id from bracelets where child_id = any($1::text[]) order by uid', [ids]],
      ['bundle: consents', 'select id, child_id from consents where child_id = any($1::text[]) order by id', [ids]],
      [
        'bundle: templates',
        'select id, ciphertext from templates where child_id = any($1::text[]) and key_version = $2 order by id',
        [ids, 1],
      ],
      ['delta: changed children', 'select child_id from child_changes where site_id = $1 and rev > $2', ['ix_s7', 1]],
      ['bracelets of a child', 'select uid from bracelets where child_id = $1', ['ix_c7_3']],
      [
        'daily report',
        'select e.body from events e join devices d on d.id = e.device_id where d.site_id = $1 and e.day_key = $2',
        ['ix_s7', '2026-03-02'],
      ],
      ['devices of a site', 'select id from devices where site_id = $1', ['ix_s7']],
      // server/services/integrity.ts: the earlier days of the children present, and the tablets' refused faces.
      [
        'integrity: earlier days',
        `select e.day_key, e.body from events e join devices d on d.id = e.device_id
         where d.site_id = $1 and e.day_key >= $2 and e.day_key < $3 and e.refused is null and e.child_id = any($4::text[])`,
        ['ix_s7', '2026-03-01', '2026-03-05', ids],
      ],
      [
        'integrity: refused faces',
        `select e.device_id, e.seq from device_audit e join devices d on d.id = e.device_id
         where e.kind = 'face-refused' and e.at_ms >= $2 and e.at_ms < $3 and d.site_id = $1`,
        ['ix_s7', nowMs - 86_400_000, nowMs + 86_400_000],
      ],
    ];
    const seqScans: string[] = [];
    await d.db.transaction(async (tx) => {
      // Where an index can serve, the planner takes it now: a sequential scan left in a plan means there is none.
      await tx.query('set local enable_seqscan = off');
      for (const [what, sql, params] of hot) {
        const plan = JSON.stringify(await tx.query(`explain (format json) ${sql}`, params));
        for (const m of plan.matchAll(/"Node Type":"Seq Scan"[^}]*?"Relation Name":"(\w+)"/g)) seqScans.push(`${what}: ${m[1]}`);
      }
    });
    expect(seqScans).toEqual([]);
  }, 120_000);
});
