// The kiosk shell drawn above every screen: a tap-to-start cover while the browser still wants a
// gesture for fullscreen and the wake lock, and a staff warning when storage runs low.
import { useEffect, useState } from 'preact/hooks';
import type { KioskShellView, StorageReading } from '../runtime/screen-api';
import { formatBytes } from './i18n/format-bytes';
import { locales, type Locale } from './i18n/messages';
import { translate } from './i18n/translate';

export interface KioskLayerProps {
  locale: Locale;
  shell: KioskShellView;
}

export function KioskLayer({ locale, shell }: KioskLayerProps) {
  const [needsTap, setNeedsTap] = useState(false);
  const [storage, setStorage] = useState<StorageReading | null>(null);
  useEffect(() => {
    let live = true;
    void shell.initialNeedsTap.then((n) => live && setNeedsTap(n));
    const offTap = shell.subscribeNeedsTap(setNeedsTap);
    const offStorage = shell.subscribeStorage(setStorage);
    return () => {
      live = false;
      offTap();
      offStorage();
    };
  }, [shell]);

  const start = () => {
    setNeedsTap(false);
    void shell.start();
  };
  const low = storage?.level === 'low' && storage.quotaBytes !== null && storage.usageBytes !== null;
  // The first screen after a power cut may face a child or a teacher of any language: all three.
  const ordered = [locale, ...locales.filter((l) => l !== locale)];
  return (
    <div class="kiosk-layer">
      {needsTap && (
        <button type="button" class="kiosk-tap-to-start" data-testid="tap-to-start" onClick={start}>
          {ordered.map((l) => (
            <span key={l} lang={l}>
              {translate(l, 'kiosk.tapToStart')}
            </span>
          ))}
          <small>{translate(locale, 'kiosk.tapToStart.hint')}</small>
        </button>
      )}
      {low && (
        <p class="kiosk-banner" role="alert" data-testid="storage-low">
          {translate(locale, 'kiosk.storageLow', { free: formatBytes(locale, Math.max(0, storage.quotaBytes! - storage.usageBytes!)) })}
        </p>
      )}
    </div>
  );
}
