// Guided face enrolment of one child (behind the PIN, with the child in front of the tablet), as the runtime's session
// (src/runtime/enrolment-session.ts) tells it: the camera, the pose asked for, progress, why a frame was rejected, and
// the result (enrolled, refused with the reason, or a possible twin for staff to confirm). Closing the screen ends the
// session, which wipes the embeddings.
import { useEffect, useRef } from 'preact/hooks';
import type { ChildId } from '../../core/types';
import type { CaptureState, EnrolmentSession, KioskRuntime, KioskView } from '../../runtime/screen-api';
import type { MessageKey } from '../i18n/messages';
import type { Params } from '../i18n/translate';
import { useView } from '../use-view';

interface Props {
  runtime: KioskRuntime;
  view: KioskView;
  session: EnrolmentSession;
  t: (key: MessageKey, params?: Params) => string;
  onDone: () => void;
}

export function EnrolScreen({ runtime, view, session, t, onDone }: Props) {
  const videoRef = useRef<HTMLVideoElement>(null);
  const { child, capture: state, phase } = useView(session.view);
  const capturing = phase.kind === 'capturing';
  // The camera shows here while the capture runs (the runtime feeds its frames to the session).
  useEffect(() => (capturing && videoRef.current ? runtime.commands.attachCamera('enrolment', videoRef.current) : undefined), [capturing]);
  // Closing the staff panel (idle) ends the session too: every embedding is wiped.
  useEffect(() => () => session.close(), [session]);
  const { cameraError } = view;

  const name = (id: ChildId) => {
    const c = view.roster.get(id);
    return c ? `${c.firstName} ${c.lastName}`.trim() : id;
  };
  const retry = () => session.retry();
  const close = () => {
    session.close();
    onDone();
  };

  const result = phase.kind === 'result' ? phase.result : null;
  const otherId = result?.kind === 'refused' ? result.otherChildId : undefined;
  return (
    <div
      class="staff-enrol"
      data-testid="enrol"
      data-phase={phase.kind}
      data-result={result?.kind === 'refused' ? result.reason : (result?.kind ?? '')}
    >
      <header class="staff-header">
        <h2>{t('enrol.title', { name: `${child.firstName} ${child.lastName}`.trim() })}</h2>
        <button type="button" onClick={close} data-testid="enrol-close">
          {t(phase.kind === 'result' ? 'enrol.close' : 'enrol.cancel')}
        </button>
      </header>
      <p class="enrol-privacy">{t('enrol.privacy')}</p>
      {phase.kind === 'capturing' && (
        <div class="enrol-capture">
          <video ref={videoRef} class="enrol-video" muted playsInline autoPlay />
          <p class="enrol-step" data-testid="enrol-step">
            {t(`enrol.step.${state.step}`)}
          </p>
          <progress max={state.needed} value={state.count} data-testid="enrol-progress" />
          <p data-testid="enrol-count">{t('enrol.progress', { count: state.count, needed: state.needed })}</p>
          <p class={state.feedback === 'accepted' ? 'staff-ok' : 'warning'} data-testid="enrol-feedback" aria-live="polite">
            {cameraError ? t(cameraError) : state.timedOut ? t('enrol.timedOut') : feedbackText(state, t)}
          </p>
          {state.timedOut && (
            <button type="button" onClick={retry} data-testid="enrol-retry">
              {t('enrol.retry')}
            </button>
          )}
        </div>
      )}
      {phase.kind === 'saving' && <p>{t('enrol.saving')}</p>}
      {result !== null && (
        <div class="enrol-result" data-testid="enrol-result">
          {result.kind === 'enrolled' && (
            <p class="staff-ok">
              {result.twinOf !== undefined
                ? t('enrol.twinDone', { name: name(child.id), other: name(result.twinOf) })
                : t('enrol.done', { name: name(child.id), count: result.templates })}
            </p>
          )}
          {result.kind === 'failed' && <p class="warning">{t('enrol.failed', { reason: result.message })}</p>}
          {result.kind === 'refused' && result.reason === 'looks-like-other-child' && otherId !== undefined && (
            <>
              <p class="warning" data-testid="enrol-duplicate">
                {t('enrol.duplicate', { other: name(otherId) })}
              </p>
              <button type="button" onClick={close} data-testid="enrol-wrong-child">
                {t('enrol.duplicate.wrong')}
              </button>
              <button type="button" onClick={() => session.confirmTwin(otherId)} data-testid="enrol-confirm-twins">
                {t('enrol.duplicate.twins')}
              </button>
            </>
          )}
          {result.kind === 'refused' && result.reason !== 'looks-like-other-child' && (
            <>
              <p class="warning">{t(`enrol.refused.${result.reason}`)}</p>
              <button type="button" onClick={retry} data-testid="enrol-retry">
                {t('enrol.retry')}
              </button>
            </>
          )}
        </div>
      )}
    </div>
  );
}

function feedbackText(state: CaptureState, t: (key: MessageKey, params?: Params) => string): string {
  const f = state.feedback;
  if (f === 'accepted' || f === 'no-face' || f === 'many-faces' || f === 'turn-more' || f === 'wait') return t(`enrol.feedback.${f}`);
  return t(`quality.${f}`);
}
