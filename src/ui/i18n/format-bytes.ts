// Bytes as megabytes or gigabytes in the kiosk's language (storage warnings, diagnostics).
import { INTL_LOCALE, type Locale } from '../../core/i18n';

export function formatBytes(locale: Locale, bytes: number): string {
  const gb = bytes >= 1024 ** 3;
  const value = gb ? bytes / 1024 ** 3 : bytes / 1024 ** 2;
  return new Intl.NumberFormat(INTL_LOCALE[locale], {
    style: 'unit',
    unit: gb ? 'gigabyte' : 'megabyte',
    maximumFractionDigits: gb ? 1 : 0,
  }).format(value);
}
