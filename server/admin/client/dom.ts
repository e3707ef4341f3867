// Browser helpers of the district admin page (served as /admin/client/dom.js): element lookup, HTML escaping, the
// status line, and the admin API call. The admin token lives in this tab's sessionStorage and goes only into the
// Authorization header, never into a URL.
import type { components } from '../../../src/sync/api-types';

export type Schemas = components['schemas'];

export function $<T extends HTMLElement = HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (el === null) throw new Error(`the admin page has no #${id}`);
  return el as T;
}

export const input = (id: string): HTMLInputElement => $<HTMLInputElement>(id);

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const esc = (s: unknown): string => String(s ?? '').replace(/[&<>"']/g, (c) => ENTITIES[c]!);

export function say(text: string, ok: boolean): void {
  const msg = $('msg');
  msg.textContent = text;
  msg.className = ok ? 'ok' : 'err';
}

const TOKEN_KEY = 'adminToken';
export const storedToken = (): string => sessionStorage.getItem(TOKEN_KEY) ?? '';
export const keepToken = (): void => sessionStorage.setItem(TOKEN_KEY, input('token').value);

/** Calls the admin API; a refusal is shown on the status line and thrown (callers that need nothing more catch it). */
export async function api<T = unknown>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await call(method, path, body);
  return (await res.json()) as T;
}

/** The same call, answering the raw response (CSV). */
export async function call(method: string, path: string, body?: unknown): Promise<Response> {
  const res = await fetch(path, {
    method,
    headers: { authorization: `Bearer ${input('token').value}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  if (res.ok) return res;
  const json = (await res.json().catch(() => ({ code: 'bad-answer', message: 'The server answered with something unexpected.' }))) as Schemas['Error'];
  say(`${json.message} (${json.code})`, false);
  throw new Error(json.code);
}

/** Runs an action started from a button; a refusal was shown already. */
export const quietly = (p: Promise<unknown>): void => void p.catch(() => undefined);

/** All buttons (or inputs) marked with `data-<name>`, with their value. */
export function marked(name: string): [HTMLElement, string][] {
  const attr = `data-${name}`;
  return Array.from(document.querySelectorAll<HTMLElement>(`[${attr}]`), (el): [HTMLElement, string] => [el, el.getAttribute(attr) ?? '']);
}

export const when = (ms: number | null): string => (ms === null ? '—' : new Date(ms).toLocaleString());
