// The one message engine of the kiosk and the district admin page: a message's plural form for `count` (Intl.PluralRules),
// {params} filled in (numbers with Intl in the language, a list of parts joined as the language joins lists), and dates
// and times with Intl. The catalogs stay with their apps (src/ui/i18n/*.messages.ts, server/admin/client/messages.ts).
// No imports and no DOM: the admin page loads this file as it is (/admin/client/message-engine.js).

export type Locale = 'kk' | 'ru' | 'en';
export const LOCALES: readonly Locale[] = ['kk', 'ru', 'en'];
/** The Intl locale of each language (dates, numbers, plural rules, lists); en-GB puts the day before the month. */
export const INTL_LOCALE: Record<Locale, string> = { kk: 'kk-KZ', ru: 'ru-RU', en: 'en-GB' };

export type PluralForms = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };
/** A string, or plural forms chosen by the `count` parameter. */
export type Message = string | PluralForms;
/** A piece of a message rendered on its own (a setting that changed, a child's name) and put into a parameter. */
export interface MessagePart {
  key: string;
  params: Record<string, string | number>;
}
/** A list of parts is rendered as a list in the language ("A, B and C"); a number with Intl in the locale. */
export type MessageParam = string | number | MessagePart[];

/** Whether `s` names one of the languages. */
export const isLocale = (s: string | null | undefined): s is Locale => s === 'kk' || s === 'ru' || s === 'en';

let kazakhIntl: boolean | undefined;
/**
 * Whether this engine formats Kazakh for real. Some Chromium builds accept kk-KZ but format with the root locale's
 * patterns ("2026 M11 23", "0.45", "a, b"); Kazakh then gets the numeric date and the number format Kazakhstan uses with
 * either language (23.11.2026, 0,45, as in Russian) and lists joined with "және".
 */
function hasKazakhIntl(): boolean {
  kazakhIntl ??= /[а-яәғқңөұүі]/i.test(new Intl.DateTimeFormat('kk-KZ', { month: 'long', timeZone: 'UTC' }).format(Date.UTC(2026, 0, 15)));
  return kazakhIntl;
}
const numeric = (locale: Locale): boolean => locale === 'kk' && !hasKazakhIntl();
const formatLocale = (locale: Locale): string => (numeric(locale) ? INTL_LOCALE.ru : INTL_LOCALE[locale]);

export function formatNumber(locale: Locale, n: number): string {
  return new Intl.NumberFormat(formatLocale(locale), { useGrouping: false, maximumFractionDigits: 20 }).format(n);
}

export function formatList(locale: Locale, items: string[]): string {
  if (!numeric(locale)) return new Intl.ListFormat(INTL_LOCALE[locale], { type: 'conjunction' }).format(items);
  return items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} және ${items[items.length - 1]}`;
}

const NUMERIC_DATE: Intl.DateTimeFormatOptions = { day: '2-digit', month: '2-digit', year: 'numeric' };
const date = (
  locale: Locale,
  when: number | Date,
  options: Intl.DateTimeFormatOptions,
  numericOptions: Intl.DateTimeFormatOptions,
): string => new Intl.DateTimeFormat(formatLocale(locale), numeric(locale) ? numericOptions : options).format(when);

/** Date and time of an instant in this machine's time zone. */
export const formatDateTime = (locale: Locale, when: number | Date): string =>
  date(
    locale,
    when,
    { dateStyle: 'medium', timeStyle: 'medium' },
    { ...NUMERIC_DATE, hour: '2-digit', minute: '2-digit', second: '2-digit' },
  );

/** Hours and minutes of an instant in this machine's time zone. */
export const formatTime = (locale: Locale, when: number | Date): string => {
  const hm: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit' };
  return date(locale, when, hm, hm);
};

/** The day of an instant, written out (23 November 2026), in this machine's time zone. */
export const formatDate = (locale: Locale, when: number | Date): string => date(locale, when, { dateStyle: 'long' }, NUMERIC_DATE);

/** A calendar day given as YYYY-MM-DD (a consent's dates), shown as that day whatever the time zone. */
export function formatDay(locale: Locale, day: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (m === null) return day;
  return date(
    locale,
    Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])),
    { dateStyle: 'medium', timeZone: 'UTC' },
    { ...NUMERIC_DATE, timeZone: 'UTC' },
  );
}

export interface Catalog<K extends string> {
  /** The text of `key` in `locale`: the plural form for `count`, with {params} filled in (a missing one stays as is). */
  render(locale: Locale, key: K, params?: Record<string, MessageParam>): string;
  /** A part from elsewhere (a newer server); a key this catalog does not know shows its parameters as they are. */
  renderPart(locale: Locale, part: MessagePart): string;
  has(key: string): key is K;
}

/** The engine over one app's catalog (English defines the keys; the other languages have every one, by type). */
export function createCatalog<K extends string>(messages: Record<Locale, Record<K, Message>>): Catalog<K> {
  const has = (key: string): key is K => Object.hasOwn(messages.en, key);
  const fill = (locale: Locale, text: string, params: Record<string, MessageParam>): string =>
    text.replace(/\{(\w+)\}/g, (whole, name: string) => {
      const v = params[name];
      if (v === undefined) return whole;
      if (typeof v === 'number') return formatNumber(locale, v);
      if (typeof v === 'string') return v;
      return formatList(
        locale,
        v.map((p) => renderPart(locale, p)),
      );
    });
  const render = (locale: Locale, key: K, params: Record<string, MessageParam> = {}): string => {
    const message = messages[locale][key] ?? messages.en[key];
    let text: string;
    if (typeof message === 'string') text = message;
    else {
      const count = typeof params.count === 'number' ? params.count : Number(params.count ?? 0);
      text = message[new Intl.PluralRules(INTL_LOCALE[locale]).select(count)] ?? message.other;
    }
    return fill(locale, text, params);
  };
  const renderPart = (locale: Locale, part: MessagePart): string =>
    has(part.key) ? render(locale, part.key, part.params) : Object.values(part.params).join(' ');
  return { render, renderPart, has };
}
