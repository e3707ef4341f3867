// The site PAD test (behind the PIN): staff choose what they hold to the camera (a real face of a consenting adult, a
// printed photo, a phone or screen), hold it in front of the tablet, and see what the presentation-attack check said
// and the running tally (BPCER, APCER per species, with 95% intervals); they export the numbers for the site's impact
// assessment. The runtime's session (src/runtime/pad-test-session.ts) does the counting; nothing is stored.
import { useEffect, useRef } from 'preact/hooks';
import { PAD_FUSION_VERSION } from '../../core/pad/fusion';
import { padSiteExport, PAD_TRIAL_KINDS, type PadErrorRate, type PadTrialKind } from '../../core/pad/site-test';
import { LIVENESS_MODEL_VERSION, type KioskRuntime, type PadTestSession } from '../../runtime/screen-api';
import type { MessageKey } from '../i18n/messages';
import type { Params } from '../i18n/translate';
import { useView } from '../use-view';
import { downloadFile } from '../download-file';

interface Props {
  runtime: KioskRuntime;
  session: PadTestSession;
  siteId: string | null;
  t: (key: MessageKey, params?: Params) => string;
  onDone: () => void;
}

const percent = (v: number) => `${(v * 100).toFixed(1)}%`;

export function PadTestScreen({ runtime, session, siteId, t, onDone }: Props) {
  const videoRef = useRef<HTMLVideoElement>(null);
  const { phase, trials, summary } = useView(session.view);
  const presenting = phase.kind === 'presenting';
  // The camera shows while a trial runs (the runtime feeds its frames to the session).
  useEffect(
    () => (presenting && videoRef.current ? runtime.commands.attachCamera('enrolment', videoRef.current) : undefined),
    [presenting],
  );
  // Leaving the staff panel ends the session.
  useEffect(() => () => session.close(), [session]);

  const close = () => {
    session.close();
    onDone();
  };
  const exportNumbers = () => {
    const generatedAtMs = Date.now();
    const text = padSiteExport(trials, {
      generatedAtMs,
      siteId,
      model: LIVENESS_MODEL_VERSION,
      rule: PAD_FUSION_VERSION,
      padMode: 'site-test',
    });
    downloadFile(`pad-site-test-${new Date(generatedAtMs).toISOString().slice(0, 10)}.json`, text, 'application/json');
  };
  const row = (kind: PadTrialKind, r: PadErrorRate) => (
    <tr key={kind} data-testid="padtest-row" data-kind={kind} data-errors={r.errors} data-trials={r.trials}>
      <th scope="row">{t(`padtest.row.${kind}`)}</th>
      <td>{r.trials}</td>
      <td>{r.errors}</td>
      <td>
        {r.rate === null || r.interval === null
          ? t('padtest.none')
          : `${percent(r.rate)} (${percent(r.interval.lower)}–${percent(r.interval.upper)})`}
      </td>
    </tr>
  );

  return (
    <div class="staff-enrol padtest" data-testid="padtest" data-phase={phase.kind}>
      <header class="staff-header">
        <h2>{t('padtest.title')}</h2>
        <button type="button" onClick={close} data-testid="padtest-close">
          {t('padtest.back')}
        </button>
      </header>
      <p class="enrol-privacy">{t('padtest.intro')}</p>
      <p class="padtest-start">
        {PAD_TRIAL_KINDS.map((kind) => (
          <button key={kind} type="button" disabled={presenting} onClick={() => session.start(kind)} data-testid={`padtest-start-${kind}`}>
            {t(`padtest.start.${kind}`)}
          </button>
        ))}
      </p>
      {presenting && (
        <div class="enrol-capture">
          <video ref={videoRef} class="enrol-video" muted playsInline autoPlay />
          <p class="enrol-step" data-testid="padtest-progress" aria-live="polite">
            {t('padtest.presenting', { frames: phase.frames, needed: phase.needed })}
          </p>
        </div>
      )}
      {phase.kind === 'result' && (
        <p data-testid="padtest-result" data-result={phase.trial.result} aria-live="polite">
          {t(`padtest.result.${phase.trial.result}`)}
        </p>
      )}
      {phase.kind === 'no-face' && (
        <p class="warning" data-testid="padtest-no-face" aria-live="polite">
          {t('padtest.noFace')}
        </p>
      )}
      <table class="padtest-table" data-testid="padtest-table">
        <caption>{t('padtest.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('padtest.kind')}</th>
            <th scope="col">{t('padtest.trials')}</th>
            <th scope="col">{t('padtest.errors')}</th>
            <th scope="col">{t('padtest.rate')}</th>
          </tr>
        </thead>
        <tbody>
          {row('genuine', summary.bpcer)}
          {row('print', summary.apcer.print)}
          {row('screen', summary.apcer.screen)}
        </tbody>
      </table>
      {summary.attacksUnsure > 0 && <p>{t('padtest.unsure', { count: summary.attacksUnsure })}</p>}
      <p>
        <button type="button" disabled={trials.length === 0} onClick={exportNumbers} data-testid="padtest-export">
          {t('padtest.export')}
        </button>{' '}
        <button type="button" disabled={trials.length === 0 || presenting} onClick={() => session.clear()} data-testid="padtest-clear">
          {t('padtest.clear')}
        </button>
      </p>
    </div>
  );
}
