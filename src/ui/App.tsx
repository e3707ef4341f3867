// The kiosk's root component, a renderer only: the gate screen for the runtime's view (or, at #district, pairing by
// hand; at #live, the bare pipeline for checking a tablet). What runs when is decided by src/main.tsx and src/runtime.
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { KioskRuntime } from '../runtime/screen-api';
import { GateScreen } from './gate/GateScreen';
import type { Locale, MessageKey } from './i18n/messages';
import { translate, type Params } from './i18n/translate';
import { LiveView } from './LiveView';
import { PairingPanel } from './sync/PairingPanel';
import { SyncNotice } from './sync/SyncNotice';
import { useView } from './use-view';

interface Props {
  runtime: KioskRuntime;
  isolated: boolean;
  initialLocale: Locale;
}

/** Whether the address shows the gate (everything but the pairing and the live-pipeline pages). */
export const isGateRoute = (hash: string): boolean => hash !== '#live' && hash !== '#district';

export function App({ runtime, isolated, initialLocale }: Props) {
  const [locale, setLocaleState] = useState<Locale>(initialLocale);
  const [route, setRoute] = useState(location.hash);
  const t = useMemo(() => (key: MessageKey, params?: Params) => translate(locale, key, params), [locale]);
  const setLocale = (l: Locale) => {
    setLocaleState(l);
    localStorage.setItem('gk.locale', l);
  };
  useEffect(() => {
    const onHash = () => setRoute(location.hash);
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);

  return (
    <div class="app" lang={locale} data-isolated={String(isolated)}>
      {route === '#live' ? (
        <LiveView config={runtime.config.recognition} retryMs={runtime.config.gate.cameraRetryMs} t={t} />
      ) : route === '#district' ? (
        <PairingPanel commands={runtime.commands} defaultAddress={runtime.districtBaseUrl} t={t} />
      ) : (
        <Gate runtime={runtime} locale={locale} setLocale={setLocale} t={t} />
      )}
    </div>
  );
}

interface GateProps {
  runtime: KioskRuntime;
  locale: Locale;
  setLocale: (l: Locale) => void;
  t: (key: MessageKey, params?: Params) => string;
}

function Gate({ runtime, locale, setLocale, t }: GateProps) {
  const view = useView(runtime.view);
  if (view.status.kind === 'failed')
    return (
      <p class="gate-boot-failed warning" data-testid="boot-failed">
        {t('gate.bootFailed', { reason: view.status.reason })}
      </p>
    );
  if (view.status.kind !== 'running')
    return (
      <p class="gate-booting" data-testid="booting">
        {t('pipeline.loading')}
      </p>
    );
  return (
    <>
      <SyncNotice view={view.sync} t={t} />
      {view.rosterProblems && (
        <p class="warning gate-roster-invalid" data-testid="roster-invalid">
          {t('gate.rosterInvalid')}
        </p>
      )}
      <GateScreen runtime={runtime} view={view} locale={locale} setLocale={setLocale} t={t} />
    </>
  );
}
