// The kiosk's root component: language switch, cross-origin isolation report, live view.
import { useMemo, useState } from 'preact/hooks';
import type { KioskConfig } from '../config';
import { locales, type Locale, type MessageKey } from './i18n/messages';
import { translate, type Params } from './i18n/translate';
import { LiveView } from './LiveView';

interface Props {
  config: Readonly<KioskConfig>;
  isolated: boolean;
  initialLocale: Locale;
}

export function App({ config, isolated, initialLocale }: Props) {
  const [locale, setLocale] = useState<Locale>(initialLocale);
  const t = useMemo(() => (key: MessageKey, params?: Params) => translate(locale, key, params), [locale]);
  return (
    <div class="app" lang={locale}>
      <header>
        <h1>{t('app.title')}</h1>
        <p data-testid="isolation" data-isolated={String(isolated)} class={isolated ? '' : 'warning'}>
          {isolated ? t('boot.isolated', { threads: Math.min(2, navigator.hardwareConcurrency || 1) }) : t('boot.notIsolated')}
        </p>
        <label>
          {t('language.label')}{' '}
          <select value={locale} onChange={(e) => setLocale((e.currentTarget as HTMLSelectElement).value as Locale)}>
            {locales.map((l) => (
              <option value={l} key={l}>{l.toUpperCase()}</option>
            ))}
          </select>
        </label>
      </header>
      <LiveView config={config} t={t} />
    </div>
  );
}
