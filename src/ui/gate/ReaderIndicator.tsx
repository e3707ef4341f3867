// The bracelet readers' status for staff, small in the corner of the gate: one dot per reader (green ready, amber
// reconnecting, red disconnected or refused) and "n of m readers ready". Nothing when no reader was added.
import type { ReaderStatus } from '../../runtime/screen-api';
import type { MessageKey } from '../i18n/messages';
import type { Params } from '../i18n/translate';

interface Props {
  statuses: readonly ReaderStatus[];
  t: (key: MessageKey, params?: Params) => string;
}

export function ReaderIndicator({ statuses, t }: Props) {
  if (statuses.length === 0) return null;
  const ready = statuses.filter((s) => s.state === 'connected' || s.state === 'listening').length;
  const worst = statuses.some((s) => s.state === 'disconnected' || s.state === 'unsupported' || s.state === 'refused')
    ? 'disconnected'
    : statuses.some((s) => s.state === 'reconnecting')
      ? 'reconnecting'
      : 'connected';
  const label = t('readers.indicator', { count: ready, total: statuses.length });
  return (
    <div class="reader-indicator" data-testid="reader-status" data-state={worst} title={label} aria-label={label} role="status">
      {statuses.map((s) => (
        <span key={s.reader.id} class={`reader-dot reader-dot-${s.state}`} data-state={s.state} title={t(`readers.state.${s.state}`)} />
      ))}
      <span class="reader-indicator-text">{label}</span>
    </div>
  );
}
