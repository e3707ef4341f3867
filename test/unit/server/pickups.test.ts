// Authorised pickups on the district (issue 15), end to end on a real server (PGlite, or DATABASE_URL): adults allowed
// to collect a child and do-not-release entries added, listed, changed and removed through the admin API; each refusal
// says why and changes nothing; the pickup code never appears anywhere but as a PBKDF2 hash a tablet can verify with
// WebCrypto; full bundles and deltas carry the entries and pass the kiosk's own check; the site settings pickupGroups
// and closingTime; the CLI; and the audit log in Kazakh, Russian and English.
import { beforeAll, describe, expect, it } from 'vitest';
import { CliError, runDistrictCommand, type AdminCall } from '../../../server/admin/cli-commands';
import { render, type MessageKey, type MessageParam } from '../../../server/admin/client/messages';
import { PICKUP_CODE_ITERATIONS, verifyPickupCode, type PickupCodeHash } from '../../../server/services/pickup-code';
import { parseBundleAnswer } from '../../../src/core/bundle-shape';
import { fromBase64Url, toBase64Url } from '../../../src/protocol/base64';
import type { components } from '../../../src/protocol/api-types.generated';
import { createSite, pairTestDevice, useTestDistrict } from './district-fixture';

type Schemas = components['schemas'];
type Device = Awaited<ReturnType<typeof pairTestDevice>>;

const d = useTestDistrict();
const call: AdminCall = (method, path, body) => d.admin(method, path, body);
const cli = (...argv: string[]) => runDistrictCommand(argv, call);

/** Codes used in this file: none may turn up in clear anywhere. */
const CODES = ['480213', '7351', '905527', '61840'];

let siteId: string;
let otherSiteId: string;
let device: Device;
let amina: string;
let timur: string;
let leila: string;

async function child(site: string, displayName: string, bracelets: string[] = []): Promise<string> {
  const r = await d.admin<Schemas['ChildAdmin']>('POST', `/admin/v1/sites/${site}/children`, { displayName, group: 'Stars', bracelets });
  if (r.status !== 200) throw new Error(JSON.stringify(r.body));
  return r.body.childId;
}

const list = async (childId: string) => (await d.admin<Schemas['ChildPickups']>('GET', `/admin/v1/children/${childId}/pickups`)).body;
const add = (childId: string, body: unknown) =>
  d.admin<Schemas['PickupAdultAdmin'] & Schemas['Error']>('POST', `/admin/v1/children/${childId}/pickups`, body);
const deny = (childId: string, body: unknown) =>
  d.admin<Schemas['DoNotRelease'] & Schemas['Error']>('POST', `/admin/v1/children/${childId}/do-not-release`, body);

async function revision(site = siteId): Promise<number> {
  const sites = await d.admin<Schemas['Site'][]>('GET', '/admin/v1/sites');
  return sites.body.find((s) => s.siteId === site)!.revision;
}

async function auditEntries(kind?: string): Promise<Schemas['AuditLogEntry'][]> {
  const r = await d.admin<Schemas['AuditPage']>('GET', `/admin/v1/audit?limit=200${kind ? `&kind=${kind}` : ''}`);
  return r.body.entries;
}

/** Everything a refusal must leave as it was: the child's entries, the site's version, the audit log, the tables. */
async function state(childId: string) {
  return {
    pickups: await list(childId),
    revision: await revision(),
    audit: (await auditEntries()).length,
    rows: await d.db.query('select count(*)::int as n from pickup_adults union all select count(*)::int from do_not_release'),
  };
}

async function bundle(since?: number): Promise<Schemas['BundleAnswer']> {
  const r = await device.client.bundle(since);
  if (!r.ok) throw new Error(JSON.stringify(r));
  return r.body;
}

const inThreeLanguages = (e: Schemas['AuditLogEntry']) =>
  (['en', 'ru', 'kk'] as const).map((locale) =>
    render(locale, e.summaryKey as MessageKey, e.summaryParams as Record<string, MessageParam>),
  );

beforeAll(async () => {
  siteId = await createSite(d, 'Sunflower kindergarten');
  otherSiteId = await createSite(d, 'Other kindergarten');
  device = await pairTestDevice(d, siteId);
  amina = await child(siteId, 'Amina S.', ['mifare:04A0000001']);
  timur = await child(siteId, 'Timur B.', ['mifare:04A0000002']);
  leila = await child(siteId, 'Leila K.');
}, 120_000);

describe('adults allowed to collect a child', () => {
  it('are added, listed, changed and removed through the admin API; the code only ever as hasCode', async () => {
    expect(await list(amina)).toEqual({ childId: amina, adults: [], doNotRelease: [], guardians: [] });
    const before = await revision();
    const mother = await add(amina, { name: 'Dana S.', relation: 'mother', cards: ['mifare:04B0000001'], code: CODES[0] });
    expect(mother.status).toBe(200);
    expect(mother.body).toEqual({
      pickupId: expect.stringMatching(/^pick_/),
      childId: amina,
      name: 'Dana S.',
      relation: 'mother',
      cards: ['mifare:04B0000001'],
      hasCode: true,
      codeExposedAtMs: null,
      validFrom: null,
      validTo: null,
    });
    expect(await revision()).toBeGreaterThan(before);
    const grandpa = await add(amina, {
      name: 'Erlan S.',
      relation: 'grandfather',
      code: CODES[1],
      validFrom: '2026-01-01',
      validTo: '2026-06-30',
    });
    expect(grandpa.body).toMatchObject({ cards: [], hasCode: true, validFrom: '2026-01-01', validTo: '2026-06-30' });
    const listed = await list(amina);
    expect(listed.adults.map((a) => a.name)).toEqual(['Dana S.', 'Erlan S.']);

    const changed = await d.admin<Schemas['PickupAdultAdmin']>('PUT', `/admin/v1/pickups/${grandpa.body.pickupId}`, {
      name: 'Erlan S. (grandfather)',
      cards: ['mifare:04B0000002'],
      code: null,
      validTo: null,
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({
      name: 'Erlan S. (grandfather)',
      cards: ['mifare:04B0000002'],
      hasCode: false,
      codeExposedAtMs: null,
      validFrom: '2026-01-01',
      validTo: null,
    });
    const newCode = await d.admin<Schemas['PickupAdultAdmin']>('PUT', `/admin/v1/pickups/${grandpa.body.pickupId}`, { code: CODES[2] });
    expect(newCode.body.hasCode).toBe(true);

    const removed = await d.admin<Schemas['PickupAdultAdmin']>('POST', `/admin/v1/pickups/${grandpa.body.pickupId}/remove`);
    expect(removed.body.pickupId).toBe(grandpa.body.pickupId);
    expect((await list(amina)).adults.map((a) => a.pickupId)).toEqual([mother.body.pickupId]);
    expect((await d.admin('POST', `/admin/v1/pickups/${grandpa.body.pickupId}/remove`)).status).toBe(404);
  });

  it('keeps the code only as a PBKDF2-SHA256 hash that WebCrypto on a tablet verifies with the same parameters', async () => {
    const [row] = await d.db.query<{ code_hash: PickupCodeHash }>(
      `select code_hash from pickup_adults where child_id = $1 and name = 'Dana S.'`,
      [amina],
    );
    const stored = row!.code_hash;
    expect(stored).toMatchObject({ algorithm: 'pbkdf2-sha256', iterations: PICKUP_CODE_ITERATIONS });
    expect(fromBase64Url(stored.salt)).toHaveLength(16);
    const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(CODES[0]), 'PBKDF2', false, ['deriveBits']);
    const bits = await crypto.subtle.deriveBits(
      { name: 'PBKDF2', hash: 'SHA-256', salt: new Uint8Array(fromBase64Url(stored.salt)!), iterations: stored.iterations },
      key,
      256,
    );
    expect(toBase64Url(new Uint8Array(bits))).toBe(stored.hash);
    expect(await verifyPickupCode(CODES[0]!, stored)).toBe(true);
    expect(await verifyPickupCode('480214', stored)).toBe(false);
  });

  it('a custody order and a pickup permission cannot name the same person, in either order', async () => {
    const child_ = await child(await createSite(d, 'Custody site'), 'Aliya B.');
    const father = await add(child_, { name: 'Bolat S.', relation: 'father', code: '5555' });
    expect(father.status).toBe(200);
    // The order comes while "Bolat S." is on the list: his code would still collect her. Refused, nothing written.
    const before = await state(child_);
    const order = await deny(child_, { name: '  bolat  s. ', reason: 'court order 12.03.2026' });
    expect([order.status, order.body.code]).toEqual([409, 'pickup-adult-named']);
    expect(await state(child_)).toEqual(before);
    // Removed from the list first, the order is recorded; adding him back (or renaming another adult to him) is refused.
    expect((await d.admin('POST', `/admin/v1/pickups/${father.body.pickupId}/remove`)).status).toBe(200);
    expect((await deny(child_, { name: 'Bolat S.', reason: 'court order 12.03.2026' })).status).toBe(200);
    const again = await add(child_, { name: 'BOLAT S.', relation: 'father', code: '5555' });
    expect([again.status, again.body.code]).toEqual([409, 'do-not-release-named']);
    const aunt = await add(child_, { name: 'Aunt Dana', relation: 'aunt', code: '4826' });
    const renamed = await d.admin<Schemas['Error']>('PUT', `/admin/v1/pickups/${aunt.body.pickupId}`, { name: 'Bolat S.' });
    expect([renamed.status, renamed.body.code]).toEqual([409, 'do-not-release-named']);
  });

  it('refuses, with a code that says what to do, and changes nothing', async () => {
    await add(timur, { name: 'Aigul B.', relation: 'mother', cards: ['mifare:04B0000003'] });
    const before = await state(amina);
    const refusals: [unknown, number, string][] = [
      [{ name: 'X', code: '123' }, 400, 'bad-pickup-code'],
      [{ name: 'X', code: '1234567' }, 400, 'bad-pickup-code'],
      [{ name: 'X', code: '12a4' }, 400, 'bad-pickup-code'],
      [{ name: 'X', code: ' 1234' }, 400, 'bad-pickup-code'],
      [{ name: 'X', code: '１２３４' }, 400, 'bad-pickup-code'],
      [{ name: 'X', code: '2468', validFrom: '2026-05-02', validTo: '2026-05-01' }, 400, 'bad-validity'],
      [{ name: 'X', code: '2468', validFrom: '2026-02-30' }, 400, 'bad-validity'],
      [{ name: 'X', relation: 'aunt' }, 400, 'pickup-needs-card-or-code'],
      [{ name: 'X', cards: [] }, 400, 'pickup-needs-card-or-code'],
      [{ name: 'X', cards: ['mifare:04B0000003'] }, 409, 'card-in-use'], // Timur's mother's card
      [{ name: 'X', cards: ['mifare:04A0000002'] }, 409, 'card-in-use'], // Timur's bracelet
      [{ name: 'X', cards: ['mifare:04B0000001'] }, 409, 'card-in-use'], // Amina's mother's own card, a second adult
      [{ name: 'X', cards: ['mifare:04C0000001', 'mifare:04A0000001'] }, 409, 'card-in-use'],
      [{ name: 'X', cards: ['a', 'b', 'c', 'd', 'e'].map((_, i) => `mifare:04D000000${i}`) }, 400, 'invalid-request'],
    ];
    for (const [body, status, code] of refusals) {
      const r = await add(amina, body);
      expect([r.status, r.body.code], JSON.stringify(body)).toEqual([status, code]);
      expect(r.body.message.length).toBeGreaterThan(20);
    }
    const unknown = await add('child_nobody', { name: 'X', code: '2468' });
    expect([unknown.status, unknown.body.code]).toEqual([404, 'child-not-found']);
    // A change is refused on the same rules.
    const [mother] = before.pickups.adults;
    for (const [patch, code] of [
      [{ code: '12' }, 'bad-pickup-code'],
      [{ cards: [], code: null }, 'pickup-needs-card-or-code'],
      [{ cards: ['mifare:04A0000002'] }, 'card-in-use'],
      [{ validFrom: '2026-05-02', validTo: '2026-05-01' }, 'bad-validity'],
    ] as const) {
      const r = await d.admin<Schemas['Error']>('PUT', `/admin/v1/pickups/${mother!.pickupId}`, patch);
      expect(r.body.code, JSON.stringify(patch)).toBe(code);
    }
    expect(await state(amina)).toEqual(before);
  });

  it('refuses a second entry of the same adult (name and relation) whose validity overlaps, added or changed (409 pickup-overlaps)', async () => {
    const kid = await child(otherSiteId, 'Overlap Kid');
    const first = await add(kid, { name: 'Marat O.', relation: 'uncle', code: '5190', validFrom: '2026-01-01', validTo: '2026-06-30' });
    expect(first.status).toBe(200);
    const before = { ...(await state(kid)), revision: undefined };
    const again = await add(kid, { name: ' marat o. ', relation: 'Uncle', code: '5191', validFrom: '2026-06-01' });
    expect([again.status, again.body.code]).toEqual([409, 'pickup-overlaps']);
    expect({ ...(await state(kid)), revision: undefined }).toEqual(before);
    // After the first permission ends, a new one is a second entry; moving it back over the first is refused.
    const later = await add(kid, { name: 'Marat O.', relation: 'uncle', code: '5192', validFrom: '2026-07-01' });
    expect(later.status).toBe(200);
    const moved = await d.admin<Schemas['Error']>('PUT', `/admin/v1/pickups/${later.body.pickupId}`, { validFrom: '2026-06-30' });
    expect([moved.status, moved.body.code]).toEqual([409, 'pickup-overlaps']);
    // Another adult at the same time is fine.
    expect((await add(kid, { name: 'Marat O.', relation: 'father', code: '5193' })).status).toBe(200);
  });

  it('allows four adults per child, not five; the fifth changes nothing', async () => {
    for (const [i, code] of ['1111', '2222', '3333', '4444'].entries())
      expect((await add(leila, { name: `Adult ${i}`, code })).status).toBe(200);
    const before = await state(leila);
    const fifth = await add(leila, { name: 'Adult 5', code: '5555' });
    expect([fifth.status, fifth.body.code]).toEqual([409, 'too-many-pickups']);
    expect(await state(leila)).toEqual(before);
  });

  it("allows a card of another site's adult (cards are unique per site), never a child's bracelet of the district", async () => {
    const elsewhere = await child(otherSiteId, 'Ruslan T.', ['mifare:04A0000009']);
    expect((await add(elsewhere, { name: 'Same card', cards: ['mifare:04B0000003'] })).status).toBe(200);
    expect((await add(elsewhere, { name: 'Bracelet', cards: ['mifare:04A0000001'] })).body.code).toBe('card-in-use');
    // And a child's new bracelet may not be an adult's card.
    const r = await d.admin<Schemas['Error']>('POST', `/admin/v1/sites/${siteId}/children`, {
      displayName: 'New',
      bracelets: ['mifare:04B0000001'],
    });
    expect([r.status, r.body.code]).toEqual([409, 'card-in-use']);
  });
});

describe('do-not-release entries', () => {
  it('are added with the reason staff see and removed; a card allowed for the same child or a bracelet is refused', async () => {
    const entry = await deny(amina, { name: 'Marat K.', reason: 'court order 12.03.2026', cards: ['mifare:04E0000001'] });
    expect(entry.status).toBe(200);
    expect(entry.body).toEqual({
      entryId: expect.stringMatching(/^deny_/),
      childId: amina,
      name: 'Marat K.',
      reason: 'court order 12.03.2026',
      cards: ['mifare:04E0000001'],
    });
    const before = await state(amina);
    expect((await deny(amina, { name: 'X', reason: 'r', cards: ['mifare:04B0000001'] })).body.code).toBe('card-in-use');
    expect((await deny(amina, { name: 'X', reason: 'r', cards: ['mifare:04A0000002'] })).body.code).toBe('card-in-use');
    expect((await deny(amina, { name: 'X', reason: '' })).body.code).toBe('invalid-request');
    expect((await deny('child_nobody', { name: 'X', reason: 'r' })).status).toBe(404);
    // The same person may be denied for a sibling, and an adult may not carry a card this child denies.
    expect((await add(amina, { name: 'Marat K.', cards: ['mifare:04E0000001'] })).body.code).toBe('card-in-use');
    expect(await state(amina)).toEqual(before);
    const sibling = await deny(timur, { name: 'Marat K.', reason: 'court order 12.03.2026', cards: ['mifare:04E0000001'] });
    expect(sibling.status).toBe(200);
    expect((await d.admin('POST', `/admin/v1/do-not-release/${sibling.body.entryId}/remove`)).status).toBe(200);
    expect((await list(timur)).doNotRelease).toEqual([]);
    expect((await d.admin<Schemas['Error']>('POST', `/admin/v1/do-not-release/${sibling.body.entryId}/remove`)).body.code).toBe(
      'do-not-release-not-found',
    );
  });
});

describe('pickups in bundles', () => {
  it('the full bundle carries every child with entries, codes only as hashes, and passes the kiosk check', async () => {
    const full = await bundle();
    if (full.kind !== 'full') throw new Error(full.kind);
    expect(full.pickups.map((p) => p.childId).sort()).toEqual([amina, timur, leila].sort());
    const mine = full.pickups.find((p) => p.childId === amina)!;
    expect(mine.adults).toEqual([
      expect.objectContaining({
        name: 'Dana S.',
        cards: ['mifare:04B0000001'],
        codeHash: expect.objectContaining({ algorithm: 'pbkdf2-sha256', iterations: PICKUP_CODE_ITERATIONS }),
      }),
    ]);
    expect(mine.doNotRelease).toEqual([expect.objectContaining({ name: 'Marat K.', reason: 'court order 12.03.2026' })]);
    expect(parseBundleAnswer(full).ok).toBe(true);
  });

  it('the kiosk refuses a bundle whose pickups repeat a card or name a child not on the roster', async () => {
    const full = await bundle();
    if (full.kind !== 'full') throw new Error(full.kind);
    const twice = structuredClone(full);
    twice.pickups.find((p) => p.childId === leila)!.adults[0]!.cards = ['mifare:04B0000001'];
    const refused = parseBundleAnswer(twice);
    expect(refused.ok ? null : refused.problem).toMatch(/card mifare:04B0000001 belongs to two pickup adults/);
    const stranger = structuredClone(full);
    stranger.pickups[0]!.childId = 'child_stranger';
    for (const a of stranger.pickups[0]!.adults) a.childId = 'child_stranger';
    for (const e of stranger.pickups[0]!.doNotRelease) e.childId = 'child_stranger';
    const unknown = parseBundleAnswer(stranger);
    expect(unknown.ok ? null : unknown.problem).toMatch(/pickups of a child not on the roster/);
  });

  it("a change to one child's pickups sends a delta naming that child with its entries; removing the last sends it with none", async () => {
    const full = await bundle();
    const held = full.version;
    const r = await add(timur, { name: 'Bolat B.', relation: 'father', cards: ['mifare:04B0000004'] });
    const delta = await bundle(held);
    if (delta.kind !== 'delta') throw new Error(delta.kind);
    expect(delta.children.map((c) => c.childId)).toEqual([timur]);
    expect(delta.pickups).toEqual([
      {
        childId: timur,
        adults: [expect.objectContaining({ name: 'Aigul B.' }), expect.objectContaining({ name: 'Bolat B.', relation: 'father' })],
        doNotRelease: [],
      },
    ]);
    expect(parseBundleAnswer(delta).ok).toBe(true);
    // The roster digest does not cover pickups (the kiosk does not store them yet).
    expect(delta.rosterDigest).toBe((full as Schemas['BundlePayload']).rosterDigest);

    await d.admin('POST', `/admin/v1/pickups/${r.body.pickupId}/remove`);
    const aigul = (await list(timur)).adults[0]!;
    const beforeLast = delta.version;
    await d.admin('POST', `/admin/v1/pickups/${aigul.pickupId}/remove`);
    const none = await bundle(beforeLast);
    if (none.kind !== 'delta') throw new Error(none.kind);
    expect(none.children.map((c) => c.childId)).toEqual([timur]);
    expect(none.pickups.filter((p) => p.childId === timur).flatMap((p) => [...p.adults, ...p.doNotRelease])).toEqual([]);
    expect(parseBundleAnswer(none).ok).toBe(true);
    // A do-not-release entry moves the child into the delta too.
    await deny(leila, { name: 'Someone', reason: 'court order 01.02.2026' });
    const denied = await bundle(none.version);
    if (denied.kind !== 'delta') throw new Error(denied.kind);
    expect(denied.children.map((c) => c.childId)).toEqual([leila]);
    expect(denied.pickups[0]!.doNotRelease.map((e) => e.name)).toEqual(['Someone']);
  });

  it('the code never appears in an answer, a row, the audit log or a bundle', async () => {
    const texts = [
      JSON.stringify(await bundle()),
      JSON.stringify(await d.db.query('select * from pickup_adults')),
      JSON.stringify(await d.db.query('select * from audit_log')),
      JSON.stringify(await auditEntries()),
      ...(await Promise.all([amina, timur, leila].map(async (id) => JSON.stringify(await list(id))))),
      await cli('pickup', 'list', amina),
      await cli('audit-log'),
    ];
    // As a number of its own (a timestamp's digits may contain it by chance; an id's alphabet has no 0 or 1).
    for (const code of CODES) for (const text of texts) expect(text).not.toMatch(new RegExp(`(?<![0-9])${code}(?![0-9])`));
    // The test itself can find one: the listing of a code in clear would be caught.
    expect(JSON.stringify({ code: CODES[0] })).toMatch(new RegExp(`(?<![0-9])${CODES[0]}(?![0-9])`));
  });

  it('a removed child takes its entries along', async () => {
    const gone = await child(siteId, 'Leaving child');
    await add(gone, { name: 'Parent', code: '8642' });
    await d.admin('POST', `/admin/v1/children/${gone}/remove`);
    const rows = await d.db.query(
      'select id from pickup_adults where child_id = $1 union all select id from do_not_release where child_id = $1',
      [gone],
    );
    expect(rows).toEqual([]);
    expect((await d.admin('GET', `/admin/v1/children/${gone}/pickups`)).status).toBe(404);
  });
});

describe('the audit log', () => {
  it('records each change, worded in Kazakh, Russian and English, without the code', async () => {
    const [added] = (await auditEntries('pickup.added')).filter((e) => e.summary.includes('Dana S.'));
    expect(added).toMatchObject({ actor: 'district-admin', siteId, summaryKey: 'summary.pickup.added' });
    expect(inThreeLanguages(added!)).toEqual([
      'Dana S. may now collect Amina S.',
      'Dana S. теперь может забирать ребёнка: Amina S.',
      'Dana S. енді баланы алып кете алады: Amina S.',
    ]);
    const changes = (await auditEntries('pickup.changed')).map((e) => e.summary);
    expect(changes).toContain('Pickup adult Erlan S. (grandfather) of Amina S. changed: new pickup code');
    expect(changes).toContain('Pickup adult Erlan S. (grandfather) of Amina S. changed: name, cards, pickup code removed and validity');
    expect((await auditEntries('pickup.removed')).map((e) => e.summary)).toContain('Erlan S. (grandfather) may no longer collect Amina S.');
    const [denied] = (await auditEntries('do-not-release.added')).filter((e) => e.summary.includes('Amina'));
    expect(inThreeLanguages(denied!)).toEqual([
      'Do-not-release entry recorded for Amina S.: Marat K.',
      'Записан запрет отдавать ребёнка (Amina S.): Marat K.',
      'Баланы беруге тыйым тіркелді (Amina S.): Marat K.',
    ]);
    expect((await auditEntries('do-not-release.removed'))[0]!.summary).toBe('Do-not-release entry for Timur B. removed: Marat K.');
  });
});

describe('site settings pickupGroups and closingTime', () => {
  it('are empty and null by default (also for a site stored before them), change with a patch and are refused out of range', async () => {
    const site = await createSite(d, 'Settings kindergarten');
    const get = async () => (await d.admin<Schemas['Site'][]>('GET', '/admin/v1/sites')).body.find((s) => s.siteId === site)!;
    expect((await get()).settings).toMatchObject({ pickupGroups: [], closingTime: null });
    await d.db.query(`update sites set settings = settings - 'pickupGroups' - 'closingTime' where id = $1`, [site]);
    expect((await get()).settings).toMatchObject({ pickupGroups: [], closingTime: null });
    const put = await d.admin<Schemas['Site']>('PUT', `/admin/v1/sites/${site}/settings`, {
      pickupGroups: ['Stars', 'Moons'],
      closingTime: '18:30',
    });
    expect(put.status).toBe(200);
    expect(put.body.settings).toMatchObject({ pickupGroups: ['Stars', 'Moons'], closingTime: '18:30' });
    expect((await get()).settings).toMatchObject({ pickupGroups: ['Stars', 'Moons'], closingTime: '18:30' });
    const before = await get();
    for (const patch of [
      { closingTime: '25:00' },
      { closingTime: '6pm' },
      { pickupGroups: 'Stars' },
      { pickupGroups: ['x'.repeat(81)] },
      { pickupGroups: Array(51).fill('g') },
    ]) {
      const r = await d.admin<Schemas['Error']>('PUT', `/admin/v1/sites/${site}/settings`, patch);
      expect([r.status, r.body.code], JSON.stringify(patch).slice(0, 60)).toEqual([400, 'invalid-request']);
    }
    expect(await get()).toEqual(before);
    const cleared = await d.admin<Schemas['Site']>('PUT', `/admin/v1/sites/${site}/settings`, { pickupGroups: [], closingTime: null });
    expect(cleared.body.settings).toMatchObject({ pickupGroups: [], closingTime: null });
    const [entry, set] = (await auditEntries('site.settings')).filter((e) => e.siteId === site);
    expect(set!.summary).toBe('Settings changed: closing time 18:30 and groups that need an authorised adult at check-out: Stars, Moons');
    expect(inThreeLanguages(entry!)).toEqual([
      'Settings changed: no closing time and no group needs an authorised adult at check-out',
      'Настройки изменены: время закрытия не задано и ни в одной группе не требуется допущенный взрослый',
      'Баптаулар өзгертілді: жабылу уақыты берілмеген және ешбір топта рұқсат етілген ересек талап етілмейді',
    ]);
  });
});

describe('npm run district -- pickup', () => {
  it('lists, adds, removes, denies and undenies, and says what is wrong with bad input (exit code 2)', async () => {
    const kid = await child(siteId, 'CLI child');
    expect(await cli('pickup', 'list', kid)).toBe(`No adult is recorded as allowed to collect ${kid}.\n\nNo do-not-release entry.`);
    expect(
      await cli(
        'pickup',
        'add',
        kid,
        '--name',
        'Saule T.',
        '--relation',
        'grandmother',
        '--card',
        'mifare:04F0000001',
        '--card',
        'mifare:04F0000002',
        '--code',
        '61840',
        '--from',
        '2026-01-01',
        '--to',
        '2026-12-31',
      ),
    ).toMatch(
      /^Saule T\. \(pick_\w+\) may collect child_\w+ with card mifare:04F0000001, mifare:04F0000002 or their pickup code \(kept only as a hash\)\./,
    );
    const listed = await cli('pickup', 'list', kid);
    expect(listed).toMatch(/Saule T\. +grandmother +mifare:04F0000001 mifare:04F0000002 +set +2026-01-01 to 2026-12-31/);
    const denied = await cli(
      'pickup',
      'deny',
      kid,
      '--name',
      'Marat K.',
      '--reason',
      'court order 12.03.2026',
      '--card',
      'mifare:04F0000009',
    );
    expect(denied).toMatch(/^Recorded \(deny_\w+\): child_\w+ must not be released to Marat K\. \(court order 12\.03\.2026\)\./);
    const [pickup] = JSON.parse(await cli('pickup', 'list', kid, '--json')).adults as Schemas['PickupAdultAdmin'][];
    const entryId = (JSON.parse(await cli('pickup', 'list', kid, '--json')) as Schemas['ChildPickups']).doNotRelease[0]!.entryId;
    expect(await cli('pickup', 'list', kid)).toMatch(
      /Do not release to:\nentry +name +reason +cards\ndeny_\w+ +Marat K\. +court order 12\.03\.2026 +mifare:04F0000009/,
    );
    expect(await cli('pickup', 'remove', pickup!.pickupId)).toMatch(/Saule T\. \(pick_\w+\) may no longer collect/);
    expect(await cli('pickup', 'undeny', entryId)).toMatch(/Removed the do-not-release entry deny_\w+ \(Marat K\.\)/);
    expect(await cli('pickup', 'list', kid)).toBe(`No adult is recorded as allowed to collect ${kid}.\n\nNo do-not-release entry.`);

    const bad: [string[], RegExp][] = [
      [['pickup', 'add', kid, '--name', 'X', '--code', '12'], /--code must be 4 to 6 digits/],
      [['pickup', 'add', kid, '--name', 'X'], /a card \(--card <uid>\), a pickup code \(--code 1234\), or both/],
      [['pickup', 'add', kid, '--code', '1234'], /Missing --name/],
      [['pickup', 'add', kid, '--name', 'X', '--code', '1234', '--to', '2026-02-30'], /--to must be a date/],
      [['pickup', 'deny', kid, '--name', 'X'], /Missing --reason/],
      [['pickup', 'frobnicate'], /Unknown: pickup frobnicate/],
    ];
    for (const [argv, message] of bad) {
      const error = await cli(...argv).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error, argv.join(' ')).toBeInstanceOf(CliError);
      expect((error as CliError).message).toMatch(message);
      expect((error as CliError).exitCode).toBe(2);
    }
    await expect(cli('pickup', 'add', kid, '--name', 'X', '--card', 'mifare:04A0000001')).rejects.toThrow(/Refused \(409 card-in-use\)/);
    await expect(cli('pickup', 'add', kid, '--name', 'X', '--code', '1234', '--from', '2026-05-02', '--to', '2026-05-01')).rejects.toThrow(
      /Refused \(400 bad-validity\)/,
    );
    expect(await cli('--help')).toMatch(/pickup add <childId> --name <name>/);
  });
});
