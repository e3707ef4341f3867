// Browser helpers of the district admin page (served as /admin/client/dom.js): element lookup, HTML escaping, the
// status line (repainted in the new language after a switch), areas painted from the data they last showed, and the
// admin API call, whose refusals are shown by their code in the admin's language with what to do (the server's English
// message for a code this page does not know). The admin token lives in this tab's sessionStorage and goes only into
// the Authorization header, never into a URL.
import type { components } from '../../../src/protocol/api-types.generated';
import { isMessageKey } from './messages.js';
import { formatDateTime, onLanguage, t } from './locale.js';

export type Schemas = components['schemas'];

export function $<T extends HTMLElement = HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (el === null) throw new Error(`the admin page has no #${id}`);
  return el as T;
}

export const input = (id: string): HTMLInputElement => $<HTMLInputElement>(id);

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const esc = (s: unknown): string => String(s ?? '').replace(/[&<>"']/g, (c) => ENTITIES[c]!);

const painted = new Map<string, () => void>();
let status: { text: () => string; ok: boolean; title: string } | null = null;

function paintStatus(): void {
  const msg = $('msg');
  msg.textContent = status === null ? '' : status.text();
  msg.className = status === null ? '' : status.ok ? 'ok' : 'err';
  msg.title = status?.title ?? '';
}

/** Shows `text()` on the status line (and again in the new language after a switch); `title` is the server's own words. */
export function say(text: () => string, ok: boolean, title = ''): void {
  status = { text, ok, title };
  paintStatus();
}

/** What the page says for a refusal: its translation by code, else the server's (English) message. */
export function refusal(code: string, serverMessage: string): string {
  const key = `error.${code}`;
  return t('status.refusal', { message: isMessageKey(key) ? t(key) : serverMessage, code });
}

/** Sets the HTML of #id from `html()` (escaping what it puts in), then `wire()`s its buttons; again after a language switch. */
export function paint(id: string, html: () => string, wire: () => void = () => undefined): void {
  const draw = (): void => {
    $(id).innerHTML = html();
    wire();
  };
  painted.set(id, draw);
  draw();
}
/** Repaints every area from the data it last showed (after a language switch). */
export function setUpRepaint(): void {
  onLanguage(() => {
    for (const draw of painted.values()) draw();
  });
  onLanguage(paintStatus);
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
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      // Without a token typed in, the person's session cookie (a passkey sign-in) goes instead.
      headers: {
        ...(input('token').value !== '' ? { authorization: `Bearer ${input('token').value}` } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
  } catch {
    say(() => refusal('network', 'The server did not answer.'), false);
    throw new Error('network');
  }
  if (res.ok) return res;
  const json = (await res
    .json()
    .catch(() => ({ code: 'bad-answer', message: 'The server answered with something unexpected.' }))) as Schemas['Error'];
  say(() => refusal(json.code, json.message), false, json.message);
  throw new Error(json.code);
}

/** Runs an action started from a button; a refusal was shown already. */
export const quietly = (p: Promise<unknown>): void => void p.catch(() => undefined);

/** All buttons (or inputs) marked with `data-<name>`, with their value. */
export function marked(name: string): [HTMLElement, string][] {
  const attr = `data-${name}`;
  return Array.from(document.querySelectorAll<HTMLElement>(`[${attr}]`), (el): [HTMLElement, string] => [el, el.getAttribute(attr) ?? '']);
}

export const when = (ms: number | null): string => (ms === null ? '—' : formatDateTime(ms));
