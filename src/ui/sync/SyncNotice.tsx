// A staff notice above the gate when district sync needs a person or face matching is paused. Shows nothing while all
// is well, and never anything about individual children.
import type { SyncView } from '../../runtime/screen-api';
import type { MessageKey } from '../i18n/messages';
import { syncProblemKey } from '../i18n/sync.messages';
import type { Params } from '../i18n/translate';

interface Props {
  view: SyncView | null;
  t: (key: MessageKey, params?: Params) => string;
}

export function SyncNotice({ view, t }: Props) {
  if (view === null) return null;
  const lines: { key: string; text: string }[] = [];
  if (!view.face.allowed) {
    lines.push(
      view.face.reason === 'offline-too-long'
        ? { key: 'face', text: t('sync.faceStopped.offline', { date: new Date(view.face.sinceMs ?? 0).toLocaleString() }) }
        : { key: 'face', text: t('sync.faceStopped.biometricsOff') },
    );
  }
  const problem = view.status.problem;
  if (problem !== null) {
    const key = syncProblemKey(problem.code);
    lines.push({ key: 'problem', text: key ? t(key) : t('sync.problem.other', { code: problem.code }) });
  }
  if (lines.length === 0) return null;
  return (
    <div class="warning sync-notice" data-testid="sync-notice" role="status">
      {lines.map((l) => (
        <p key={l.key} data-testid={`sync-notice-${l.key}`}>
          {l.text}
        </p>
      ))}
    </div>
  );
}
