// The parents' page language (served as /parents/client/locale.js): the switch in the header, t() in the chosen
// language, times and days written in it (times in the kindergarten's own time zone), and the static text of page.ts
// (elements marked data-t) filled in from the catalog. The choice is kept in this browser's localStorage.
import { formatDay as dayIn, INTL_LOCALE, isLocale, pickLocale, render, type Locale, type MessageKey } from './messages.js';

const STORAGE_KEY = 'parentsLanguage';

function saved(): string | null {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

let current: Locale = pickLocale(saved(), navigator.languages ?? [navigator.language]);
const repainters: (() => void)[] = [];

/** The language the parent reads the page in (notices are sent in it). */
export const language = (): Locale => current;
export const t = (key: MessageKey, params: Record<string, string | number> = {}): string => render(current, key, params);

/** Hours and minutes of an instant in the kindergarten's time zone. */
export const formatTime = (ms: number, timeZone: string): string =>
  new Intl.DateTimeFormat(INTL_LOCALE[current], { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone }).format(ms);
/** A calendar day (YYYY-MM-DD) written out in the language. */
export const formatDay = (day: string): string => dayIn(current, day);
/** The day of an instant in the kindergarten's time zone, as YYYY-MM-DD. */
export const dayOf = (ms: number, timeZone: string): string =>
  new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(ms);

/** Runs `paint` now and again after every language switch. */
export function onLanguage(paint: () => void): void {
  repainters.push(paint);
  paint();
}

function paintStatic(): void {
  document.documentElement.lang = current;
  document.title = t('page.title');
  for (const el of document.querySelectorAll<HTMLElement>('[data-t]')) el.textContent = t(el.dataset.t as MessageKey);
}

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
