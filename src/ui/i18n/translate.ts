// t(): a key of the kiosk's catalog in the active language, through the engine the admin page shares
// (src/core/i18n.ts): the plural form for `count`, {params} filled in, numbers, dates and times with Intl.
import { createCatalog, type Locale } from '../../core/i18n';
import { messages, type MessageKey } from './messages';

export { formatDate, formatDateTime, formatTime } from '../../core/i18n';

export type Params = Record<string, string | number>;

const catalog = createCatalog<MessageKey>(messages);

export function translate(locale: Locale, key: MessageKey, params: Params = {}): string {
  return catalog.render(locale, key, params);
}
