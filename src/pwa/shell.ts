// The kiosk shell started once at boot, before anything else can fail: kiosk guards (fullscreen,
// wake lock, no navigation away, storage) and the service worker (offline start, idle updates).
// It runs even when the config is invalid, so that a fixed version can still arrive.
import { installKioskGuards } from '../kiosk/install';
import type { Locale } from '../ui/i18n/messages';
import { registerServiceWorker } from './register';

export function startKioskShell(locale: Locale): void {
  installKioskGuards({ locale });
  void registerServiceWorker();
}
