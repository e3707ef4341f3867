// The kiosk's root component: boots the gate's services and the recognition client, then shows the gate screen
// (or, at #live, the foundation's live camera view for checking the pipeline).
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { type KioskConfig, type GateConfig, templateLifetimeMs } from '../config';
import { DEMO_STAFF_PIN, demoRoster } from '../demo/demo';
import { enforceConsentAndLifetime, forgetUnconsented } from '../consent/live';
import type { GateServices } from '../gate/boot';
import { RecognitionClient } from '../pipeline/recognition-client';
import { bootSyncedGate } from '../sync/gate-sync';
import { startKioskSync, type KioskSync, type SyncView } from '../sync/kiosk-sync';
import { GateScreen } from './gate/GateScreen';
import type { Locale, MessageKey } from './i18n/messages';
import { translate, type Params } from './i18n/translate';
import { LiveView } from './LiveView';
import { PairingPanel } from './sync/PairingPanel';
import { SyncNotice } from './sync/SyncNotice';

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
      {route === '#live' ? (
        <LiveView config={config} t={t} />
      ) : route === '#district' ? (
        <PairingPanel t={t} />
      ) : (
        <Gate config={config} gate={gate} locale={locale} setLocale={setLocale} t={t} />
      )}
    </div>
  );
}

const CONSENT_CHECK_MS = 60 * 60_000;

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
  // District sync: a newer roster/gallery (or a change of whether faces may be matched) re-boots the gate services.
  const [syncRevision, setSyncRevision] = useState(0);
  const [syncView, setSyncView] = useState<SyncView | null>(null);
  useEffect(() => {
    let sync: KioskSync | null = null;
    let stopped = false;
    const refresh = () =>
      void sync
        ?.view()
        .then((v) => !stopped && setSyncView(v))
        .catch(() => undefined);
    // A withdrawn consent stops matching at once: the running gallery forgets those children before the re-boot.
    const onApplied = () => {
      const s = current.current;
      if (s === null) return setSyncRevision((n) => n + 1);
      void forgetUnconsented(
        s.db,
        s.gallery,
        s.roster.children.map((c) => c.id),
      )
        .catch(() => undefined)
        .finally(() => setSyncRevision((n) => n + 1));
    };
    startKioskSync({ onApplied, onChange: refresh })
      .then((s) => {
        sync = s;
        if (stopped) s.stop();
        else refresh();
      })
      .catch((error: unknown) => console.error('[gate-kiosk] district sync did not start', error));
    return () => {
      stopped = true;
      sync?.stop();
    };
  }, []);
  const client = useMemo(
    () =>
      new RecognitionClient({ config, modelBaseUrl: `${import.meta.env.BASE_URL}models/`, wasmPaths: `${import.meta.env.BASE_URL}ort/` }),
    [config],
  );

  useEffect(() => {
    client.start().catch(() => undefined);
    return () => client.stop();
  }, [client]);

  // The gate's services; re-booted (roster, gallery, thresholds) when district sync applied a newer bundle. The
  // previous services are disposed once the new ones are on screen.
  const current = useRef<GateServices | null>(null);
  useEffect(() => {
    let cancelled = false;
    bootSyncedGate({ config, gate, initialRoster: demoRoster, initialPin: DEMO_STAFF_PIN })
      .then(async ({ services: s }) => {
        // A check-in being written or greeted on the running gate finishes on screen before the new services take over.
        const previous = current.current;
        if (previous !== null && !cancelled) await previous.controller.whenSettled(gate.greetingMs + gate.promptMs);
        if (cancelled) {
          s.controller.dispose();
          s.db.close();
          return;
        }
        current.current = s;
        setServices(s);
        if (previous !== null) {
          setTimeout(() => {
            void previous.controller.whenSettled(gate.greetingMs + gate.promptMs).then(() => {
              previous.controller.dispose();
              previous.db.close();
            });
          }, 1_000);
        }
      })
      .catch((error: unknown) => {
        if (!cancelled) setFailure(error instanceof Error ? `${error.name}: ${error.message}` : String(error));
      });
    return () => {
      cancelled = true;
    };
  }, [config, gate, syncRevision]);
  // Consents end on their last day and templates stop matching at the end of their lifetime, sync or not.
  useEffect(() => {
    if (services === null) return;
    const id = setInterval(() => {
      void enforceConsentAndLifetime(services.db, services.gallery, templateLifetimeMs(services.enrolConfig), Date.now()).catch(
        () => undefined,
      );
    }, CONSENT_CHECK_MS);
    return () => clearInterval(id);
  }, [services]);
  useEffect(
    () => () => {
      current.current?.controller.dispose();
      current.current?.db.close();
      current.current = null;
    },
    [],
  );

  if (failure !== null)
    return (
      <p class="gate-boot-failed warning" data-testid="boot-failed">
        {t('gate.bootFailed', { reason: failure })}
      </p>
    );
  if (services === null)
    return (
      <p class="gate-booting" data-testid="booting">
        {t('pipeline.loading')}
      </p>
    );
  return (
    <>
      <SyncNotice view={syncView} t={t} />
      {services.rosterProblems && (
        <p class="warning gate-roster-invalid" data-testid="roster-invalid">
          {t('gate.rosterInvalid')}
        </p>
      )}
      <GateScreen services={services} client={client} locale={locale} setLocale={setLocale} t={t} />
    </>
  );
}
