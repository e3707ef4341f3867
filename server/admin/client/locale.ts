// The admin page's language (served as /admin/client/locale.js): the switch in the header, t() for the page's strings in
// the chosen language, dates and times with Intl in that locale, and the static text of page.ts (elements marked
// data-t, data-t-placeholder) filled in from the catalog. The choice is kept in this browser's localStorage (it is the
// admin's own browser and the choice is no personal data); `<html lang>` follows it. Switching repaints what the page
// shows from what it already holds, so the token, the site and the loaded audit pages stay.
import { INTL_LOCALE, isLocale, pickLocale, render, type Locale, type MessageKey, type MessageParam } from './messages.js';

const STORAGE_KEY = 'adminLanguage';

function saved(): string | null {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null; // storage blocked: the browser's language decides
  }
}

let current: Locale = pickLocale(saved(), navigator.languages ?? [navigator.language]);
const repainters: (() => void)[] = [];

export const locale = (): Locale => current;

export const t = (key: MessageKey, params: Record<string, MessageParam> = {}): string => render(current, key, params);

const dateTime = (options: Intl.DateTimeFormatOptions) => (ms: number): string => new Intl.DateTimeFormat(INTL_LOCALE[current], options).format(ms);
/** Date and time of an instant, in the admin's time zone. */
export const formatDateTime = (ms: number): string => dateTime({ dateStyle: 'medium', timeStyle: 'medium' })(ms);
export const formatTime = (ms: number): string => dateTime({ hour: '2-digit', minute: '2-digit' })(ms);
/** A calendar day given as YYYY-MM-DD (a consent's dates), shown as that day whatever the time zone. */
export function formatDay(day: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (m === null) return day;
  return new Intl.DateTimeFormat(INTL_LOCALE[current], { dateStyle: 'medium', timeZone: 'UTC' }).format(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
}

/** Runs `paint` now and again after every language switch. */
export function onLanguage(paint: () => void): void {
  repainters.push(paint);
  paint();
}

function paintStatic(): void {
  document.documentElement.lang = current;
  document.title = t('page.title');
  for (const el of document.querySelectorAll<HTMLElement>('[data-t]')) el.textContent = t(el.dataset.t as MessageKey);
  for (const el of document.querySelectorAll<HTMLInputElement>('[data-t-placeholder]')) el.placeholder = t(el.dataset.tPlaceholder as MessageKey);
}

/** Fills the static text and wires the switch (a <select id="lang"> with one option per language). */
export function setUpLanguage(): void {
  const select = document.getElementById('lang') as HTMLSelectElement;
  select.value = current;
  select.addEventListener('change', () => {
    if (!isLocale(select.value)) return;
    current = select.value;
    try {
      localStorage.setItem(STORAGE_KEY, current);
    } catch {
      // not kept: the page still switches
    }
    for (const paint of repainters) paint();
  });
  onLanguage(paintStatic);
}
