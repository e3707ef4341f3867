// The admin page's language (served as /admin/client/locale.js): the switch in the header, t() for the page's strings in
// the chosen language, dates and times with Intl in that locale, and the static text of page.ts (elements marked
// data-t, data-t-placeholder) filled in from the catalog. The choice is kept in this browser's localStorage (it is the
// admin's own browser and the choice is no personal data); `<html lang>` follows it. Switching repaints what the page
// shows from what it already holds, so the token, the site and the loaded audit pages stay.
import {
  formatDateTime as dateTimeIn,
  formatDay as dayIn,
  formatNumber as numberIn,
  formatTime as timeIn,
  isLocale,
  pickLocale,
  render,
  type Locale,
  type MessageKey,
  type MessageParam,
} from './messages.js';

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

/** Date and time of an instant, in the admin's time zone and language. */
export const formatDateTime = (ms: number): string => dateTimeIn(current, ms);
export const formatTime = (ms: number): string => timeIn(current, ms);
/** A calendar day given as YYYY-MM-DD (a consent's dates). */
export const formatDay = (day: string): string => dayIn(current, day);

/** A count in the admin's language (digit grouping). */
export const formatNumber = (n: number): string => numberIn(current, n);

/** Runs `paint` now and again after every language switch. */
export function onLanguage(paint: () => void): void {
  repainters.push(paint);
  paint();
}

function paintStatic(): void {
  document.documentElement.lang = current;
  document.title = t('page.title');
  for (const el of document.querySelectorAll<HTMLElement>('[data-t]')) el.textContent = t(el.dataset.t as MessageKey);
  for (const el of document.querySelectorAll<HTMLInputElement>('[data-t-placeholder]'))
    el.placeholder = t(el.dataset.tPlaceholder as MessageKey);
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
