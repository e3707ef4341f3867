// The kiosk's root component: boots the gate's services and the recognition client, then shows the gate screen
// (or, at #live, the foundation's live camera view for checking the pipeline).
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { KioskConfig } from '../config';
import type { GateConfig } from '../core/gate-config';
import { DEMO_STAFF_PIN, demoRoster } from '../demo/demo';
import { bootGate, type GateServices } from '../gate/boot';
import { RecognitionClient } from '../pipeline/recognition-client';
import { GateScreen } from './gate/GateScreen';
import type { Locale, MessageKey } from './i18n/messages';
import { translate, type Params } from './i18n/translate';
import { LiveView } from './LiveView';

interface Props {
  config: Readonly<KioskConfig>;
  gate: Readonly<GateConfig>;
  isolated: boolean;
  initialLocale: Locale;
}

export function App({ config, gate, isolated, initialLocale }: Props) {
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
      {route === '#live' ? <LiveView config={config} t={t} /> : <Gate config={config} gate={gate} locale={locale} setLocale={setLocale} t={t} />}
    </div>
  );
}

interface GateProps {
  config: Readonly<KioskConfig>;
  gate: Readonly<GateConfig>;
  locale: Locale;
  setLocale: (l: Locale) => void;
  t: (key: MessageKey, params?: Params) => string;
}

function Gate({ config, gate, locale, setLocale, t }: GateProps) {
  const [services, setServices] = useState<GateServices | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const client = useMemo(
    () => new RecognitionClient({ config, modelBaseUrl: `${import.meta.env.BASE_URL}models/`, wasmPaths: `${import.meta.env.BASE_URL}ort/` }),
    [config],
  );

  useEffect(() => {
    let cancelled = false;
    let booted: GateServices | null = null;
    client.start().catch(() => undefined);
    bootGate({ config, gate, initialRoster: demoRoster, initialPin: DEMO_STAFF_PIN })
      .then((s) => {
        booted = s;
        if (!cancelled) setServices(s);
      })
      .catch((error: unknown) => {
        if (!cancelled) setFailure(error instanceof Error ? `${error.name}: ${error.message}` : String(error));
      });
    return () => {
      cancelled = true;
      client.stop();
      booted?.controller.dispose();
      booted?.db.close();
    };
  }, [client, gate]);

  if (failure !== null) return <p class="gate-boot-failed warning" data-testid="boot-failed">{t('gate.bootFailed', { reason: failure })}</p>;
  if (services === null) return <p class="gate-booting" data-testid="booting">{t('pipeline.loading')}</p>;
  return (
    <>
      {services.rosterProblems && <p class="warning gate-roster-invalid" data-testid="roster-invalid">{t('gate.rosterInvalid')}</p>}
      <GateScreen services={services} client={client} locale={locale} setLocale={setLocale} t={t} />
    </>
  );
}
