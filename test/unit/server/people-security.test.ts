// Attacks on the parents' page and on people's sign-in, each as a request a stranger or a curious parent could make,
// against a real district server: guessing another family's child id (404 like a child that does not exist, and the
// attempt audited), a forged session cookie, a cookie holding what the database stores, an expired or reused invitation
// and a replayed registration, an absence for a child not theirs, a 10 MB form, a change sent from another origin, and
// a disabled account whose open session and passkey stop working at once. Each refusal changes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INVITATION_TTL_MS } from '../../../server/account/invitations';
import { runDistrictCommand } from '../../../server/admin/cli-commands';
import { SESSION_IDLE_MS } from '../../../server/account/sessions';
import type { components } from '../../../src/protocol/api-types.generated';
import { authenticate, register } from '../../support/soft-authenticator';
import { SmtpSink } from '../../support/smtp-sink';
import { createSite, useTestDistrict } from './district-fixture';
import { callAs, createAccount, invite, person, redeem, signIn } from './people-fixture';

type Schemas = components['schemas'];

// E-mail notices need the district's mail channel: a local SMTP sink takes the confirmation e-mails.
const sink = new SmtpSink();
beforeAll(async () => {
  await sink.start();
});
afterAll(() => sink.close());
const d = useTestDistrict({ notices: { mailer: sink.mailer() } });

async function child(siteId: string, displayName: string): Promise<string> {
  const r = await d.admin<Schemas['ChildAdmin']>('POST', `/admin/v1/sites/${siteId}/children`, { displayName, group: 'Stars' });
  return r.body.childId;
}

async function audit(kind: string): Promise<Schemas['AuditLogEntry'][]> {
  return (await d.admin<Schemas['AuditPage']>('GET', `/admin/v1/audit?limit=200&kind=${kind}`)).body.entries;
}

const count = async (table: string): Promise<number> => (await d.db.query<{ n: number }>(`select count(*)::int as n from ${table}`))[0]!.n;

async function family() {
  const siteId = await createSite(d, 'Sunflower');
  const own = await child(siteId, 'Amina S.');
  const other = await child(siteId, 'Timur K.');
  const parent = await person(d, { displayName: 'Aigerim S.', role: 'parent', childIds: [own] });
  return { siteId, own, other, parent };
}

describe("the parents' page and people's sign-in under attack", () => {
  it("a parent guessing another family's child id gets the same 404 as for no child at all, and the attempt is audited", async () => {
    const { own, other, parent } = await family();
    expect((await parent.call('GET', `/parent/v1/children/${own}`)).status).toBe(200);
    const theirs = await parent.call<Schemas['Error']>('GET', `/parent/v1/children/${other}`);
    const nobody = await parent.call<Schemas['Error']>('GET', '/parent/v1/children/child_doesnotexist');
    expect(theirs).toMatchObject({ status: 404, body: { code: 'child-not-found' } });
    expect(nobody.body).toEqual(theirs.body);
    // The list holds their own child only.
    const list = await parent.call<Schemas['ParentChild'][]>('GET', '/parent/v1/children');
    expect(list.body.map((c) => c.childId)).toEqual([own]);
    // Nor can they change the other child's consent.
    expect((await parent.call('POST', `/parent/v1/children/${other}/consent`, { action: 'grant' })).status).toBe(404);
    expect(await d.db.query('select 1 from consents where child_id = $1', [other])).toEqual([]);
    const refused = await audit('parent.child-refused');
    expect(refused.length).toBeGreaterThanOrEqual(3);
    expect(refused[0]).toMatchObject({ actor: 'parent' });
    // The entry names the id tried, never the other child's name.
    expect(refused.map((e) => e.summary).join(' ')).not.toMatch(/Timur/);
    // The visit is recorded once per parent, child and 15 minutes, however often the open page refreshes itself.
    await parent.call('GET', `/parent/v1/children/${own}`);
    const viewed = await d.db.query("select 1 from audit_log where action = 'parent.child-viewed' and details->>'childId' = $1", [own]);
    expect(viewed.length).toBe(1);
  });

  it('refuses a forged session cookie, and a cookie holding what the database keeps (only a hash of the token)', async () => {
    const { parent } = await family();
    const forged = await callAs<Schemas['Error']>(d, `gk_session=${'A'.repeat(43)}`, 'GET', '/parent/v1/children');
    expect(forged).toMatchObject({ status: 401, body: { code: 'session-required' } });
    expect((await callAs(d, `gk_session=${'A'.repeat(43)}`, 'GET', '/account/v1/session')).body).toEqual({ person: null });
    expect((await parent.call('GET', '/account/v1/session')).body).toMatchObject({
      person: { accountId: parent.accountId, role: 'parent' },
    });
    const token = parent.cookie.split('=')[1]!;
    const rows = await d.db.query<{ token_hash: string }>('select token_hash from sessions');
    expect(rows.some((r) => r.token_hash.includes(token))).toBe(false);
    const stored = await callAs(d, `gk_session=${Buffer.from(rows[0]!.token_hash, 'hex').toString('base64url')}`, 'GET', '/account/v1/me');
    expect(stored.status).toBe(401);
    expect((await callAs(d, 'gk_session=not a token', 'GET', '/account/v1/me')).status).toBe(401);
    // A session cookie does not open the admin API for a parent either.
    expect((await parent.call<Schemas['Error']>('GET', '/admin/v1/sites')).body.code).toBe('not-allowed');
  });

  it('ends a session after 30 idle minutes', async () => {
    const { parent } = await family();
    d.clock.ms = Date.now() + SESSION_IDLE_MS + 1000;
    try {
      expect((await parent.call('GET', '/account/v1/me')).status).toBe(401);
    } finally {
      d.clock.ms = null;
    }
  });

  it('refuses an expired invitation, a used one, and a replayed registration; nothing is stored', async () => {
    const siteId = await createSite(d, 'Tulip');
    const kid = await child(siteId, 'Dana B.');
    const accountId = await createAccount(d, { displayName: 'Berik B.', role: 'parent', childIds: [kid] });
    const late = await invite(d, accountId);
    d.clock.ms = Date.now() + INVITATION_TTL_MS + 60_000;
    try {
      expect(await redeem(d, late.code)).toMatchObject({ status: 403, body: { code: 'invitation-invalid' } });
    } finally {
      d.clock.ms = null;
    }
    const fresh = await invite(d, accountId);
    // A new invitation ends the earlier one even before it expires.
    const first = await redeem(d, fresh.code);
    expect(first.status).toBe(200);
    const again = await redeem(d, fresh.code);
    expect(again).toMatchObject({ status: 403, body: { code: 'invitation-invalid' } });
    // Start with a valid code, then replay the answer: the ceremony's challenge is used up.
    const third = await invite(d, accountId);
    const options = await callAs<Schemas['PasskeyCeremony']>(d, null, 'POST', '/account/v1/invitations/options', { code: third.code });
    const { response } = register(options.body.options as never, d.url);
    const body = { code: third.code, ceremonyId: options.body.ceremonyId, credential: response };
    expect((await callAs(d, null, 'POST', '/account/v1/invitations/redeem', body)).status).toBe(200);
    expect((await callAs<Schemas['Error']>(d, null, 'POST', '/account/v1/invitations/redeem', body)).body.code).toBe('passkey-refused');
    // One passkey: the third invitation's replaced the first's (a lost phone's passkey stops with a new invitation).
    expect((await d.db.query('select 1 from passkeys where account_id = $1', [accountId])).length).toBe(1);
    await d.security.flush();
    expect((await audit('security.invitation-refused')).length).toBeGreaterThanOrEqual(1);
  });

  it('refuses an absence for a child not theirs, in the past, or "other" without a word; stores a good one', async () => {
    const { own, other, parent, siteId } = await family();
    const before = await count('absences');
    const today = (await parent.call<Schemas['ParentChild'][]>('GET', '/parent/v1/children')).body[0]!.today.day;
    const notTheirs = await parent.call<Schemas['Error']>('POST', `/parent/v1/children/${other}/absences`, {
      day: today,
      reason: 'illness',
    });
    expect(notTheirs).toMatchObject({ status: 404, body: { code: 'child-not-found' } });
    const past = await parent.call<Schemas['Error']>('POST', `/parent/v1/children/${own}/absences`, {
      day: '2020-01-06',
      reason: 'illness',
    });
    expect(past.body.code).toBe('absence-in-past');
    const bare = await parent.call<Schemas['Error']>('POST', `/parent/v1/children/${own}/absences`, { day: today, reason: 'other' });
    expect(bare.body.code).toBe('absence-note-required');
    expect(await count('absences')).toBe(before);
    const ok = await parent.call<Schemas['Absence']>('POST', `/parent/v1/children/${own}/absences`, { day: today, reason: 'illness' });
    expect(ok).toMatchObject({ status: 200, body: { childId: own, day: today, reason: 'illness', reportedBy: 'parent' } });
    const entries = await d.admin<Schemas['AuditPage']>('GET', `/admin/v1/audit?kind=absence.reported&siteId=${siteId}`);
    expect(entries.body.entries[0]).toMatchObject({ actor: 'parent', summary: `Amina S. reported absent on ${today} (illness)` });
  });

  it('refuses an absence for a day whose register the director has signed (staff correct it); nothing changes', async () => {
    const { own, parent, siteId } = await family();
    const today = (await parent.call<Schemas['ParentChild'][]>('GET', '/parent/v1/children')).body[0]!.today.day;
    const director = await person(d, { displayName: 'Director', role: 'site-director', siteId });
    const day = (await d.admin<Schemas['RegisterDay']>('GET', `/admin/v1/sites/${siteId}/register?day=${today}`)).body;
    const stars = day.groups.find((g) => g.group === 'Stars')!;
    const approved = await director.call('POST', `/admin/v1/sites/${siteId}/register/approvals`, {
      day: today,
      group: 'Stars',
      contentSha256: stars.contentSha256,
    });
    expect(approved.status).toBe(200);
    const before = await count('absences');
    const refused = await parent.call<Schemas['Error']>('POST', `/parent/v1/children/${own}/absences`, { day: today, reason: 'illness' });
    expect(refused).toMatchObject({ status: 409, body: { code: 'register-approved' } });
    expect(await count('absences')).toBe(before);
    // The signed register still reads as approved: the parent's attempt changed nothing in it.
    const after = (await d.admin<Schemas['RegisterDay']>('GET', `/admin/v1/sites/${siteId}/register?day=${today}`)).body;
    expect(after.groups.find((g) => g.group === 'Stars')!.state).toBe('approved');
  });

  it('refuses a 10 MB form while it streams in; nothing is stored', async () => {
    const { own, parent } = await family();
    const before = await count('absences');
    const big = JSON.stringify({ day: '2030-01-01', reason: 'other', note: 'x'.repeat(10 * 1024 * 1024) });
    const r = await parent.call<Schemas['Error']>('POST', `/parent/v1/children/${own}/absences`, big);
    expect(r).toMatchObject({ status: 413, body: { code: 'body-too-large' } });
    expect(await count('absences')).toBe(before);
  });

  it('refuses a change sent with the cookie from another origin', async () => {
    const { own, parent } = await family();
    const r = await parent.call<Schemas['Error']>(
      'POST',
      `/parent/v1/children/${own}/consent`,
      { action: 'grant' },
      { origin: 'https://evil.example' },
    );
    expect(r).toMatchObject({ status: 403, body: { code: 'cross-origin' } });
    expect(await d.db.query('select 1 from consents where child_id = $1', [own])).toEqual([]);
  });

  it("refuses a sign-in posted from another site (login CSRF: the attacker's own passkey answer in a form); no session is made", async () => {
    const { own, parent: attacker } = await family();
    const sessionsBefore = await count('sessions');
    // The attacker runs the ceremony with their own passkey on the real pages, keeps the answer, and puts it in a form
    // on their own site whose text/plain body parses as JSON; the victim's browser posts it with that site's Origin.
    const options = await callAs<Schemas['PasskeyCeremony']>(d, null, 'POST', '/account/v1/sign-in/options');
    const credential = authenticate(attacker.passkey, options.body.options as never, d.url);
    const form = JSON.stringify({ ceremonyId: options.body.ceremonyId, credential });
    const posted = await callAs<Schemas['Error']>(d, null, 'POST', '/account/v1/sign-in', form, {
      origin: 'https://evil.example',
      'content-type': 'text/plain',
    });
    expect(posted).toMatchObject({ status: 403, body: { code: 'cross-origin' }, setCookie: null });
    // Without an Origin at all (no browser posts without one) it is refused the same way.
    const bare = await fetch(`${d.url}/account/v1/sign-in`, { method: 'POST', body: form });
    expect(bare.status).toBe(403);
    expect(bare.headers.get('set-cookie')).toBeNull();
    // An invitation cannot be redeemed from another site either, and the ceremony options are not handed out there.
    const accountId = await createAccount(d, { displayName: 'Nurlan T.', role: 'parent', childIds: [own] });
    const { code } = await invite(d, accountId);
    const crossOptions = await callAs<Schemas['Error']>(
      d,
      null,
      'POST',
      '/account/v1/invitations/options',
      { code },
      { origin: 'https://evil.example' },
    );
    expect(crossOptions).toMatchObject({ status: 403, body: { code: 'cross-origin' } });
    expect(await count('sessions')).toBe(sessionsBefore);
    expect((await d.db.query('select 1 from passkeys where account_id = $1', [accountId])).length).toBe(0);
    // The same answer from the district's own page still signs in: the refusal was the origin, not the passkey.
    expect((await callAs(d, null, 'POST', '/account/v1/sign-in', form)).status).toBe(200);
  });

  it("ends a disabled account's session at once and refuses its passkey afterwards", async () => {
    const { parent } = await family();
    expect((await parent.call('GET', '/parent/v1/children')).status).toBe(200);
    const disabled = await d.admin<Schemas['Account']>('POST', `/admin/v1/accounts/${parent.accountId}/disable`);
    expect(disabled.body.disabledAtMs).not.toBeNull();
    expect((await parent.call<Schemas['Error']>('GET', '/parent/v1/children')).body.code).toBe('session-required');
    expect(await d.db.query('select 1 from sessions where account_id = $1', [parent.accountId])).toEqual([]);
    const again = await signIn(d, parent.passkey);
    expect(again.status).toBe(403);
    expect((await audit('account.sign-in-refused'))[0]!.summary).toMatch(/account-disabled/);
    expect((await audit('account.disabled'))[0]).toMatchObject({ actor: 'district-admin' });
  });

  it('signs in again with the passkey; sign-in and sign-out are audited; the cookie is HttpOnly and SameSite=Strict', async () => {
    const { parent } = await family();
    const options = await callAs<Schemas['PasskeyCeremony']>(d, null, 'POST', '/account/v1/sign-in/options');
    expect(options.status).toBe(200);
    const again = await signIn(d, parent.passkey);
    expect(again.status).toBe(200);
    const raw = await callAs(d, again.cookie, 'POST', '/account/v1/sign-out');
    expect(raw.setCookie).toMatch(/HttpOnly; SameSite=Strict; Max-Age=0/);
    expect((await callAs(d, again.cookie, 'GET', '/account/v1/me')).status).toBe(401);
    const signedIn = await audit('account.signed-in');
    expect(signedIn.some((e) => e.summary.includes(parent.accountId) && e.actor === 'parent')).toBe(true);
    expect((await audit('account.signed-out')).length).toBeGreaterThanOrEqual(1);
  });
});

describe('guessing from one address', () => {
  const limited = useTestDistrict({ limits: { pairingPerAddress: { burst: 3, perMinute: 3 } } });
  it('rate-limits invitation codes and sign-in ceremonies per address, as pairing codes are', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) {
      statuses.push((await callAs(limited, null, 'POST', '/account/v1/invitations/options', { code: `WRONG-CODE-${i}` })).status);
    }
    statuses.push((await callAs(limited, null, 'POST', '/account/v1/sign-in/options')).status);
    expect(statuses).toEqual([403, 403, 403, 429]);
    expect(await limited.db.query('select 1 from webauthn_challenges')).toEqual([]);
  });
});

describe('a lost phone', () => {
  it("a new invitation's passkey replaces the earlier ones: the lost phone's passkey, sessions and push notices stop", async () => {
    const siteId = await createSite(d);
    const child = (await d.admin<{ childId: string }>('POST', `/admin/v1/sites/${siteId}/children`, { displayName: 'Lost Phone' })).body
      .childId;
    const lost = await person(d, { displayName: 'Parent With Lost Phone', role: 'parent', childIds: [child] });
    const push = await lost.call('POST', '/parent/v1/notices/push', {
      endpoint: 'https://push.example/lost-phone',
      keys: {
        p256dh: 'BAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
        auth: 'AAAAAAAAAAAAAAAAAAAAAA',
      },
      language: 'en',
    });
    const email = await lost.call('POST', '/parent/v1/notices/email', { address: 'parent@mail.example', language: 'en' });
    expect([push.status, email.status]).toEqual([200, 200]);

    const again = await redeem(d, (await invite(d, lost.accountId)).code);
    expect(again.status).toBe(200);
    expect((await signIn(d, lost.passkey)).status).toBe(403);
    expect((await lost.call('GET', '/account/v1/me')).status).toBe(401);
    const renewed = await callAs<Schemas['NoticeSettings']>(d, again.cookie, 'GET', '/parent/v1/notices');
    expect(renewed.body.subscriptions.map((s) => s.channel)).toEqual(['email']);
    expect((await signIn(d, again.passkey!)).status).toBe(200);
    expect((await d.db.query('select 1 from passkeys where account_id = $1', [lost.accountId])).length).toBe(1);
  });

  it('sign-ins with a passkey the district does not know are counted per address, not written one audit entry each', async () => {
    const siteId = await createSite(d);
    const replaced = await person(d, { displayName: 'Replaced Passkey', role: 'site-director', siteId });
    expect((await redeem(d, (await invite(d, replaced.accountId)).code)).status).toBe(200);
    await d.security.flush();
    const rows = async () =>
      (await d.db.query<{ n: number }>("select count(*)::int as n from audit_log where action = 'account.sign-in-refused'"))[0]!.n;
    const counted = async () => {
      const tally = await audit('security.sign-in-refused');
      return { entries: tally.length, count: tally.reduce((n, e) => n + Number((e.summaryParams as { count: number }).count), 0) };
    };
    const before = { rows: await rows(), ...(await counted()) };
    for (let i = 0; i < 20; i++) expect((await signIn(d, replaced.passkey)).status).toBe(403);
    await d.security.flush();
    expect(await rows()).toBe(before.rows);
    // One entry a minute per address (two, should the minute turn during the test), counting all 20.
    const after = await counted();
    expect(after.count - before.count).toBe(20);
    expect(after.entries - before.entries).toBeLessThanOrEqual(2);
    expect((await audit('security.sign-in-refused'))[0]!.summary).toMatch(/^\d+ sign-ins? with an unknown passkey from 127\.0\.0\.1$/);
  });

  it('a passkey answer without user verification (a key anyone holding it can use) does not sign in', async () => {
    const siteId = await createSite(d);
    const staff = await person(d, { displayName: 'No PIN Director', role: 'site-director', siteId });
    expect((await signIn(d, staff.passkey, { userVerified: false })).status).not.toBe(200);
    expect((await signIn(d, staff.passkey)).status).toBe(200);
  });
});

describe('ids in the path', () => {
  it('an id with escape characters (or 16 KB long) is refused as not an id and written to no log', async () => {
    const { parent } = await family();
    await d.security.flush();
    const entries = async () => (await d.db.query<{ n: number }>('select count(*)::int as n from audit_log'))[0]!.n;
    const before = await entries();
    for (const id of ['%1B%5D0%3Bpwned%07', 'x'.repeat(16_000)]) {
      const r = await parent.call<Schemas['Error']>('GET', `/parent/v1/children/${id}`);
      expect(r.status).toBe(400);
      expect(r.body.code).toBe('invalid-request');
    }
    await d.security.flush();
    expect(await entries()).toBe(before);
    // The district's own command line shows no terminal control character from what it prints either (a name stored
    // before the API refused them).
    const siteId = await createSite(d);
    const created = await d.admin<Schemas['Account']>('POST', '/admin/v1/accounts', { displayName: 'Evil', role: 'site-director', siteId });
    await d.db.query('update accounts set display_name = $2 where id = $1', [created.body.accountId, 'Evil\u001b]0;owned\u0007']);
    const listed = await runDistrictCommand(['accounts'], (method, path, body) => d.admin(method, path, body));
    expect(listed).toContain('Evil?]0;owned?');
    expect([...listed].filter((ch) => ch !== '\n' && (ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f))).toEqual([]);
  });
});

describe('names and notes that read differently than they are stored', () => {
  it('refuses control characters and text-direction overrides in what people type; Kazakh names and a note on two lines pass', async () => {
    const { siteId, own, parent } = await family();
    const children = async () => (await d.db.query('select 1 from children where site_id = $1', [siteId])).length;
    const before = await children();
    // "\u202E" (right-to-left override) makes the admin page show "Timur K." for what is stored as "\u202E.K rumiT";
    // an escape sequence rewrites the district CLI's terminal.
    for (const displayName of ['\u202E.K rumiT', 'Ali\u001b[2J', 'Ali\u0000', 'A\u2066li']) {
      const r = await d.admin<Schemas['Error']>('POST', `/admin/v1/sites/${siteId}/children`, { displayName });
      expect(r, JSON.stringify(displayName)).toMatchObject({ status: 400, body: { code: 'invisible-characters' } });
    }
    expect(await children()).toBe(before);
    const pickup = await d.admin<Schemas['Error']>('POST', `/admin/v1/children/${own}/pickups`, { name: 'Aunt\u202Eygrem' });
    expect(pickup).toMatchObject({ status: 400, body: { code: 'invisible-characters' } });
    expect(await d.db.query('select 1 from pickup_adults where child_id = $1', [own])).toEqual([]);
    expect(
      (await d.admin<Schemas['Error']>('POST', '/admin/v1/sites', { name: 'Sun\u202Eflower', timeZone: 'Asia/Almaty' })).body.code,
    ).toBe('invisible-characters');
    const today = (await parent.call<Schemas['ParentChild'][]>('GET', '/parent/v1/children')).body[0]!.today.day;
    const note = await parent.call<Schemas['Error']>('POST', `/parent/v1/children/${own}/absences`, {
      day: today,
      reason: 'other',
      note: 'Family\u202E trip',
    });
    expect(note).toMatchObject({ status: 400, body: { code: 'invisible-characters' } });

    expect((await d.admin('POST', `/admin/v1/sites/${siteId}/children`, { displayName: 'Әлия Нұрланқызы', group: 'Күншуақ' })).status).toBe(
      200,
    );
    const twoLines = await parent.call<Schemas['Absence']>('POST', `/parent/v1/children/${own}/absences`, {
      day: today,
      reason: 'other',
      note: 'Family trip\nback on Monday',
    });
    expect(twoLines).toMatchObject({ status: 200, body: { note: 'Family trip\nback on Monday' } });
  });
});
