// Seeds a district for `bench:district` straight into its database (set-based SQL, a few statements per table): one
// site of `children` children, `otherSites` sites of `otherChildren`, bracelets, face consents for a share of them,
// `templatesPerChild` templates per consented child (real ciphertexts under the district transport key on the measured
// site, so that a tablet can open them; short stand-ins elsewhere), a week of events and `auditRows` audit entries.
import { defaultSiteSettings } from '../../server/services/sites';
import { currentTemplateKeyForSite, loadDistrict } from '../../server/services/district';
import type { Database } from '../../server/db/database';
import { dayKeyIn } from '../../server/ids';
import { fromBase64Url } from '../../src/protocol/base64';
import { EMBEDDER_MODEL_ID } from '../../src/protocol/template-model';
import { sealTemplate, templateKeyMaterial, TEMPLATE_DIM } from '../../src/protocol/template-key-crypto';

export interface SeedOptions {
  children: number;
  otherSites: number;
  otherChildren: number;
  templatesPerChild: number;
  consentedShare: number;
  auditRows: number;
  nowMs: number;
}

export interface SeededDistrict {
  siteId: string;
  children: string[];
  consented: string[];
}

const TZ = 'Asia/Almaty';
const DAY = 86_400_000;

function unit(seed: number): Float32Array {
  const v = new Float32Array(TEMPLATE_DIM);
  let s = seed * 2654435761;
  let norm = 0;
  for (let i = 0; i < v.length; i++) {
    s = (s * 1103515245 + 12345) >>> 0;
    v[i] = s / 2 ** 32 - 0.5;
    norm += v[i]! * v[i]!;
  }
  for (let i = 0; i < v.length; i++) v[i]! /= Math.sqrt(norm);
  return v;
}

export async function seedDistrict(db: Database, o: SeedOptions, log: (m: string) => void): Promise<SeededDistrict> {
  const district = await loadDistrict(db);
  const siteId = 'site_bench_main';
  // The measured site's own key, as its tablets are given it.
  const key = await currentTemplateKeyForSite(db, siteId, o.nowMs);
  const today = dayKeyIn(o.nowMs, TZ);
  const granted = dayKeyIn(o.nowMs - 30 * DAY, TZ);
  const expires = dayKeyIn(o.nowMs + 300 * DAY, TZ);
  const settings = JSON.stringify({ ...defaultSiteSettings, biometricsEnabled: true, assessmentRef: 'DPIA-BENCH-1' });
  await db.query(
    `insert into sites (id, district_id, name, time_zone, revision, settings, created_at_ms)
     select s.id, $1, s.name, $2, 1, $3, $4 from (
       select $5::text as id, 'Bench kindergarten' as name
       union all select 'site_bench_' || g, 'Kindergarten ' || g from generate_series(1, $6::int) g) s`,
    [district.id, TZ, settings, o.nowMs, siteId, o.otherSites],
  );
  // Children: the measured site's, then every other site's, in one statement each.
  await db.query(
    `insert into children (id, site_id, display_name, group_name, created_at_ms)
     select 'child_m_' || g, $1, 'Child' || g || ' Bench', 'Group ' || (g % 12), $2 from generate_series(1, $3::int) g`,
    [siteId, o.nowMs, o.children],
  );
  await db.query(
    `insert into children (id, site_id, display_name, group_name, created_at_ms)
     select 'child_' || s || '_' || g, 'site_bench_' || s, 'Child' || g || ' Other', 'Group ' || (g % 12), $1
     from generate_series(1, $2::int) s, generate_series(1, $3::int) g`,
    [o.nowMs, o.otherSites, o.otherChildren],
  );
  await db.query(
    `insert into bracelets (uid, child_id) select 'mifare:' || upper(lpad(to_hex(row_number() over ()), 8, '0')), id from children`,
  );
  // Consent for the first share of each site's children.
  await db.query(
    `insert into consents (id, child_id, guardian_name, guardian_relation, scope, granted_on, expires_on, created_at_ms)
     select 'cons_' || c.id, c.id, 'Guardian of ' || c.id, 'mother', 'face', $1, $2, $3 from children c
     where (substring(c.id from '([0-9]+)$'))::int <= ceil($4::float * case when c.site_id = $5::text then $6::int else $7::int end)`,
    [granted, expires, o.nowMs, o.consentedShare, siteId, o.children, o.otherChildren],
  );
  const consented = Array.from({ length: Math.ceil(o.consentedShare * o.children) }, (_, i) => `child_m_${i + 1}`);
  // The measured site's templates: real transport ciphertexts (what a tablet uploads), in batches.
  const raw = fromBase64Url(key.secret)!;
  const material = await templateKeyMaterial(raw, key.keyVersion);
  const createdAtMs = o.nowMs - 20 * DAY;
  let sealed = 0;
  for (let start = 0; start < consented.length; start += 200) {
    const rows: { id: string; child: string; ciphertext: string }[] = [];
    for (const [i, child] of consented.slice(start, start + 200).entries()) {
      const face = material.rotation.apply(unit(start + i + 1));
      for (let t = 0; t < o.templatesPerChild; t++) {
        const id = `tpl_${child}_${t}`;
        const meta = { templateId: id, childId: child, modelId: EMBEDDER_MODEL_ID, keyVersion: key.keyVersion, createdAtMs };
        rows.push({ id, child, ciphertext: await sealTemplate(material.transport, district.id, meta, face) });
      }
    }
    await db.query(
      `insert into templates (id, child_id, key_version, created_at_ms, ciphertext, uploaded_at_ms)
       select u.id, u.child, $1, $2, u.ct, $2 from unnest($3::text[], $4::text[], $5::text[]) as u(id, child, ct)`,
      [key.keyVersion, createdAtMs, rows.map((r) => r.id), rows.map((r) => r.child), rows.map((r) => r.ciphertext)],
    );
    sealed += rows.length;
  }
  log(`sealed ${sealed} templates of the measured site`);
  await db.query(
    `insert into templates (id, child_id, key_version, created_at_ms, ciphertext, uploaded_at_ms)
     select 'tpl_' || k.child_id || '_' || t, k.child_id, $1, $2, 'QUJD', $2
     from consents k join children c on c.id = k.child_id, generate_series(1, $3::int) t where c.site_id <> $4`,
    [key.keyVersion, createdAtMs, o.templatesPerChild, siteId],
  );
  // Two tablets on every other site, with a week of check-ins and their share of the audit log.
  await db.query(
    `insert into devices (id, site_id, name, public_jwk, paired_at_ms, head_seq, head_hash, head_epoch, template_key_version)
     select 'dev_' || s.id || '_' || t, s.id, 'Gate ' || t, '{}', $1, 0, $2, $3, $4 from sites s, generate_series(1, 2) t where s.id <> $5`,
    [o.nowMs, '0'.repeat(64), district.epoch, key.keyVersion, siteId],
  );
  for (let day = 1; day <= 7; day++) {
    const atMs = o.nowMs - day * DAY;
    await db.query(
      `insert into events (id, device_id, seq, hash, prev_hash, type, child_id, day_key, at_ms, body, received_at_ms, epoch)
       select gen_random_uuid(), 'dev_' || c.site_id || '_1', $1 * 100000 + (substring(c.id from '([0-9]+)$'))::int, '', '', 'mark', c.id, $2, $3,
         jsonb_build_object('type', 'mark', 'childId', c.id, 'dayKey', $2::text, 'atMs', $3::bigint, 'direction', 'in', 'method', 'bracelet', 'score', null),
         $3, $4
       from children c where c.site_id <> $5`,
      [day, dayKeyIn(atMs, TZ), atMs, district.epoch, siteId],
    );
  }
  const tabletRows = Math.round(o.auditRows * 0.8);
  await db.query(
    `insert into device_audit (device_id, seq, at_ms, kind, child_id, body, prev_hash, hash, received_at_ms)
     select d.id, g, $1::bigint - g::bigint * 60000, 'manual-check-in', null,
       jsonb_build_object('seq', g, 'kind', 'manual-check-in', 'details', jsonb_build_object('direction', 'in')), $2, $2, $1::bigint
     from (select id, row_number() over (order by id) as n from devices where site_id <> $3) d,
       generate_series(1, ceil($4::float / (select count(*) from devices where site_id <> $3))::int) g`,
    [o.nowMs, '0'.repeat(64), siteId, tabletRows],
  );
  await db.query(
    `insert into audit_log (at_ms, actor, action, details)
     select $1::bigint - g::bigint * 30000, 'admin', 'consent.granted', jsonb_build_object('childId', 'child_m_' || (g % $3 + 1), 'consentId', 'x')
     from generate_series(1, $2::int) g`,
    [o.nowMs, o.auditRows - tabletRows, o.children],
  );
  await db.query('analyze');
  log(`seeded ${o.otherSites + 1} sites on ${today}`);
  return { siteId, children: Array.from({ length: o.children }, (_, i) => `child_m_${i + 1}`), consented };
}
