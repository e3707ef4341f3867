// People on a test district: an account made through the admin API, its invitation redeemed with a software passkey
// (test/support/soft-authenticator.ts) through the real endpoints, and a client that carries the session cookie and the
// Origin header a browser would send, so tests call /admin/v1, /account/v1 and /parent/v1 as that person.
import type { components } from '../../../src/protocol/api-types.generated';
import { authenticate, register, type SoftPasskey } from '../../support/soft-authenticator';
import type { TestDistrict } from './district-fixture';

type Schemas = components['schemas'];

export interface PersonClient {
  accountId: string;
  passkey: SoftPasskey;
  cookie: string;
  call<T = unknown>(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<{ status: number; body: T }>;
}

/** A plain call to the district with an optional cookie; Origin is the district's own unless `headers` says otherwise. */
export async function callAs<T>(
  d: TestDistrict,
  cookie: string | null,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: T; setCookie: string | null }> {
  const res = await fetch(`${d.url}${path}`, {
    method,
    headers: {
      ...(method !== 'GET' ? { origin: d.url } : {}),
      ...(cookie !== null ? { cookie } : {}),
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...headers,
    },
    ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    /* not JSON */
  }
  return { status: res.status, body: parsed as T, setCookie: res.headers.get('set-cookie') };
}

const cookieOf = (setCookie: string | null): string => {
  if (setCookie === null) throw new Error('no session cookie set');
  return setCookie.split(';')[0]!;
};

export async function createAccount(d: TestDistrict, input: Schemas['AccountCreate']): Promise<string> {
  const r = await d.admin<Schemas['Account']>('POST', '/admin/v1/accounts', input);
  if (r.status !== 200) throw new Error(JSON.stringify(r.body));
  return r.body.accountId;
}

export async function invite(d: TestDistrict, accountId: string): Promise<Schemas['Invitation']> {
  const r = await d.admin<Schemas['Invitation']>('POST', `/admin/v1/accounts/${accountId}/invitations`);
  if (r.status !== 200) throw new Error(JSON.stringify(r.body));
  return r.body;
}

/** Redeems `code` with a new software passkey; returns the answer of the redeem call (and the passkey). */
export async function redeem(d: TestDistrict, code: string) {
  const options = await callAs<Schemas['PasskeyCeremony'] & Schemas['Error']>(d, null, 'POST', '/account/v1/invitations/options', { code });
  if (options.status !== 200)
    return { status: options.status, body: options.body as unknown as Schemas['Error'], passkey: null, cookie: null };
  const { passkey, response } = register(options.body.options as never, d.url);
  const done = await callAs<Schemas['Me'] & Schemas['Error']>(d, null, 'POST', '/account/v1/invitations/redeem', {
    code,
    ceremonyId: options.body.ceremonyId,
    credential: response,
  });
  return { status: done.status, body: done.body, passkey, cookie: done.status === 200 ? cookieOf(done.setCookie) : null };
}

/** Signs in with an existing passkey; the new session cookie. */
export async function signIn(
  d: TestDistrict,
  passkey: SoftPasskey,
  how: { userVerified?: boolean } = {},
): Promise<{ status: number; cookie: string | null; body: unknown }> {
  const options = await callAs<Schemas['PasskeyCeremony']>(d, null, 'POST', '/account/v1/sign-in/options');
  const credential = authenticate(passkey, options.body.options as never, d.url, how);
  const done = await callAs<Schemas['Me']>(d, null, 'POST', '/account/v1/sign-in', { ceremonyId: options.body.ceremonyId, credential });
  return { status: done.status, body: done.body, cookie: done.status === 200 ? cookieOf(done.setCookie) : null };
}

/** A person with an account of `input`, invited and signed in (passkey registered through the invitation). */
export async function person(d: TestDistrict, input: Schemas['AccountCreate']): Promise<PersonClient> {
  const accountId = await createAccount(d, input);
  const { code } = await invite(d, accountId);
  const r = await redeem(d, code);
  if (r.status !== 200 || r.cookie === null || r.passkey === null) throw new Error(JSON.stringify(r.body));
  const client: PersonClient = {
    accountId,
    passkey: r.passkey,
    cookie: r.cookie,
    call: async (method, path, body, headers) => callAs(d, client.cookie, method, path, body, headers),
  };
  return client;
}
