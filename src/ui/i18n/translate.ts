// t(): looks a key up in the active language, picks the plural form with Intl.PluralRules and fills
// {params}. Dates and times are formatted with Intl in the same locale.
import { messages, type Locale, type MessageKey } from './messages';

export type Params = Record<string, string | number>;

const intlLocale: Record<Locale, string> = { kk: 'kk-KZ', ru: 'ru-RU', en: 'en-GB' };

export function translate(locale: Locale, key: MessageKey, params: Params = {}): string {
  const message = messages[locale][key] ?? messages.en[key];
  let text: string;
  if (typeof message === 'string') text = message;
  else {
    const count = Number(params.count ?? 0);
    const rule = new Intl.PluralRules(intlLocale[locale]).select(count);
    text = message[rule] ?? message.other;
  }
  return text.replace(/\{(\w+)\}/g, (_, name: string) => {
    const v = params[name];
    return v === undefined ? `{${name}}` : typeof v === 'number' ? new Intl.NumberFormat(intlLocale[locale]).format(v) : v;
  });
}

export function formatTime(locale: Locale, date: Date): string {
  return new Intl.DateTimeFormat(intlLocale[locale], { hour: '2-digit', minute: '2-digit' }).format(date);
}

export function formatDate(locale: Locale, date: Date): string {
  return new Intl.DateTimeFormat(intlLocale[locale], { dateStyle: 'long' }).format(date);
}
