// The browser side of people's accounts, shared by the admin page and the parents' page (served as
// /account/client/passkey.js): register a passkey with an invitation code, sign in with a passkey, sign out, and who is
// signed in. The ceremonies run through @simplewebauthn/browser (served from the district's own origin); the session
// lives in an HttpOnly cookie this code never sees. A refusal is thrown as a PasskeyError with the server's code (or
// `passkey-unsupported`, `passkey-cancelled`, `network`), for the page to word in its language.
import { browserSupportsWebAuthn, startAuthentication, startRegistration } from '@simplewebauthn/browser';
import type { components } from '../../../src/protocol/api-types.generated';

type Schemas = components['schemas'];
export type Me = Schemas['Me'];

export class PasskeyError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

async function post<T>(path: string, body?: unknown): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, {
      method: 'POST',
      headers: body !== undefined ? { 'content-type': 'application/json' } : {},
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
  } catch {
    throw new PasskeyError('network', 'The server did not answer.');
  }
  const json = (await res.json().catch(() => ({ code: 'bad-answer', message: 'Unexpected answer.' }))) as T & Schemas['Error'];
  if (!res.ok) throw new PasskeyError(json.code, json.message);
  return json;
}

function supported(): void {
  if (!browserSupportsWebAuthn()) throw new PasskeyError('passkey-unsupported', 'This browser has no passkeys.');
}

/** The authenticator's own refusal (the person cancelled, or it timed out) as a PasskeyError. */
function ceremonyFailed(error: unknown): PasskeyError {
  if (error instanceof PasskeyError) return error;
  const name = error instanceof Error ? error.name : '';
  return new PasskeyError(name === 'NotAllowedError' ? 'passkey-cancelled' : 'passkey-refused', String(error));
}

/** Checks the invitation code without using it up: the name the account was made with (to greet the person). */
export async function checkInvitation(code: string): Promise<{ displayName: string; start: () => Promise<Me> }> {
  supported();
  const ceremony = await post<Schemas['PasskeyCeremony']>('/account/v1/invitations/options', { code });
  return {
    displayName: ceremony.displayName ?? '',
    start: async () => {
      let credential;
      try {
        credential = await startRegistration({ optionsJSON: ceremony.options as never });
      } catch (error) {
        throw ceremonyFailed(error);
      }
      return post<Me>('/account/v1/invitations/redeem', { code, ceremonyId: ceremony.ceremonyId, credential });
    },
  };
}

export async function signInWithPasskey(): Promise<Me> {
  supported();
  const ceremony = await post<Schemas['PasskeyCeremony']>('/account/v1/sign-in/options');
  let credential;
  try {
    credential = await startAuthentication({ optionsJSON: ceremony.options as never });
  } catch (error) {
    throw ceremonyFailed(error);
  }
  return post<Me>('/account/v1/sign-in', { ceremonyId: ceremony.ceremonyId, credential });
}

export async function signOut(): Promise<void> {
  await post('/account/v1/sign-out').catch(() => undefined);
}

/** The person this browser's session belongs to, or null when nobody is signed in. */
export async function currentPerson(): Promise<Me | null> {
  const res = await fetch('/account/v1/session').catch(() => null);
  return res !== null && res.ok ? ((await res.json()) as Schemas['SessionState']).person : null;
}

/** The invitation code in the page's address (`#invite=CODE`), removed from it so it stays in no history entry. */
export function invitationFromAddress(): string | null {
  const m = /[#&]invite=([A-Za-z0-9-]{1,40})/.exec(location.hash);
  if (m === null) return null;
  history.replaceState(null, '', location.pathname + location.search);
  return m[1]!;
}
