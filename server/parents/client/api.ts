// The parents' API from the page (served as /parents/client/api.js): same-origin calls that carry the session cookie,
// whose refusals are thrown as PasskeyError with the server's code so the page words them in the parent's language.
import type { components } from '../../../src/protocol/api-types.generated';
import { PasskeyError } from '../../account/client/passkey.js';

export type Schemas = components['schemas'];

export async function api<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers: body !== undefined ? { 'content-type': 'application/json' } : {},
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
  } catch {
    throw new PasskeyError('network', 'The server did not answer.');
  }
  const json = (await res.json().catch(() => ({ code: 'bad-answer', message: '' }))) as T & Schemas['Error'];
  if (!res.ok) throw new PasskeyError(json.code, json.message);
  return json;
}
