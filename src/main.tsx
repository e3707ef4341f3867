// Boot: the kiosk shell first (guards, fullscreen, wake lock, service worker: it runs even with a bad config, so that
// a fixed version can still arrive), then the config (validated), the runtime on the browser's ports, and the screens.
// The gate runs while the address shows it; #district (pairing by hand) and #live (the bare pipeline) stop it.
import { render } from 'preact';
import { ConfigError, defaultPwaConfig, validateAppConfig } from './config';
import { isLoopbackHost } from './core/loopback-host';
import { DEMO_STAFF_PIN, demoRoster } from './demo/demo';
import { installKioskGuards } from './kiosk/install';
import { registerServiceWorker } from './pwa/register';
import { browserPorts } from './runtime/browser-ports';
import { createKioskRuntime } from './runtime/kiosk-runtime';
import { App, isGateRoute } from './ui/App';
import { locales, type Locale } from './ui/i18n/messages';
import { translate } from './ui/i18n/translate';
import { KioskLayer } from './ui/KioskLayer';
import './ui/kiosk.css';

const root = document.getElementById('app')!;
const saved = localStorage.getItem('gk.locale');
const locale: Locale = locales.includes(saved as Locale) ? (saved as Locale) : 'kk';

const shell = installKioskGuards(defaultPwaConfig);
void registerServiceWorker();
const layer = document.createElement('div');
layer.id = 'kiosk-layer';
document.body.appendChild(layer);
render(<KioskLayer locale={locale} shell={shell} />, layer);

try {
  const config = validateAppConfig();
  const isolated = globalThis.crossOriginIsolated === true;
  console.info(`[gate-kiosk] crossOriginIsolated=${isolated}`);
  // The demo PIN (published in the README) only on the demo's own machine; a kiosk served from a real address starts
  // with no PIN (staff choose the tablet's own at the first tap on Staff), and one still holding the demo PIN loses it.
  const pin = isLoopbackHost(location.hostname) ? { initialPin: DEMO_STAFF_PIN } : { withdrawnPin: DEMO_STAFF_PIN };
  const runtime = createKioskRuntime(browserPorts(config), config, { initialRoster: demoRoster, ...pin });
  const followRoute = () => void (isGateRoute(location.hash) ? runtime.start() : runtime.stop());
  followRoute();
  window.addEventListener('hashchange', followRoute);
  render(<App runtime={runtime} isolated={isolated} initialLocale={locale} />, root);
} catch (err) {
  root.textContent = err instanceof ConfigError ? translate(locale, 'error.config-invalid') : String(err);
}
