// Boot: validate the config, report cross-origin isolation (threads depend on it), render the kiosk.
import { render } from 'preact';
import { ConfigError, validateAppConfig } from './config';
import { App } from './ui/App';
import { locales, type Locale } from './ui/i18n/messages';
import { translate } from './ui/i18n/translate';
import { startKioskShell } from './pwa/shell';
import './ui/kiosk.css';

const root = document.getElementById('app')!;
const saved = localStorage.getItem('gk.locale');
const locale: Locale = locales.includes(saved as Locale) ? (saved as Locale) : 'kk';
startKioskShell(locale);

try {
  const app = validateAppConfig();
  const config = app.recognition;
  const gate = app.gate;
  const isolated = globalThis.crossOriginIsolated === true;
  console.info(`[gate-kiosk] crossOriginIsolated=${isolated}`);
  render(<App config={config} gate={gate} isolated={isolated} initialLocale={locale} />, root);
} catch (err) {
  root.textContent = err instanceof ConfigError ? translate(locale, 'error.config-invalid') : String(err);
}
