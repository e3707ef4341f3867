// Staff panel (after the PIN): search the roster and mark a child in or out by hand (method `staff`, the same
// durable event path as faces and bracelets), see today's events and correct a wrong one with a correcting event;
// open the roster (consent and template state) and enrol a child's face; open the emergency roll call with one touch
// and choose whether the gate offers it without the PIN. The runtime's commands record and audit hand
// marks, corrections and PIN changes; each names the member of staff on duty chosen under "made by". Closes itself after two minutes without a touch, so it is never left open.
import { pinProblem } from '../../core/staff-pin-rules';
import { useEffect, useState } from 'preact/hooks';
import type { AttendanceEvent, Direction } from '../../core/attendance-rules';
import type { ChildId } from '../../core/types';
import {
  childStates,
  presentCount,
  todayRows,
  type EnrolmentSession,
  type KioskRuntime,
  type PadTestSession,
  type KioskView,
} from '../../runtime/screen-api';
import type { Locale, MessageKey } from '../i18n/messages';
import { formatTime, type Params } from '../i18n/translate';
import { DutyBoard } from './DutyBoard';
import { EnrolScreen } from './EnrolScreen';
import { MarkedBy } from './MarkedBy';
import { PadTestScreen } from './PadTestScreen';
import { RecognitionReportScreen } from './RecognitionReportScreen';
import { RosterScreen } from './RosterScreen';

interface Props {
  runtime: KioskRuntime;
  view: KioskView;
  locale: Locale;
  t: (key: MessageKey, params?: Params) => string;
  onClose: () => void;
  /** Opens the bracelet readers screen (the gate provides it). */
  onOpenReaders?: () => void;
  /** Opens the diagnostics screen (the gate provides it). */
  onOpenDiagnostics?: () => void;
  /** Opens the emergency roll call (the gate provides it). */
  onOpenRollCall?: () => void;
}

type Panel =
  | { kind: 'marks' }
  | { kind: 'roster' }
  | { kind: 'enrol'; session: EnrolmentSession }
  | { kind: 'report' }
  | { kind: 'padtest'; session: PadTestSession };

const MAX_ROWS = 60;

type Feedback = { key: MessageKey; params?: Params; warning: boolean } | null;

export function StaffPanel({ runtime, view, locale, t, onClose, onOpenReaders, onOpenDiagnostics, onOpenRollCall }: Props) {
  const { commands } = runtime;
  const { staff } = runtime.config;
  const { roster } = view;
  const [query, setQuery] = useState('');
  const [events, setEvents] = useState<AttendanceEvent[]>([]);
  const [feedback, setFeedback] = useState<Feedback>(null);
  const [busy, setBusy] = useState(false);
  const [newPin, setNewPin] = useState<string | null>(null);
  const [currentPin, setCurrentPin] = useState('');
  const [touchedAt, setTouchedAt] = useState(Date.now());
  const [panel, setPanel] = useState<Panel>({ kind: 'marks' });
  // Who makes this session's hand marks and corrections (src/ui/staff/MarkedBy.tsx); undefined until chosen.
  const [markedBy, setMarkedBy] = useState<string | null | undefined>(undefined);
  const [dutyVersion, setDutyVersion] = useState(0);

  const reload = async () => setEvents(await commands.todayEvents());
  useEffect(() => {
    void reload();
    const id = setInterval(() => void reload(), staff.eventsRefreshMs);
    return () => clearInterval(id);
  }, []);
  useEffect(() => {
    const id = setTimeout(onClose, staff.idleCloseMs);
    return () => clearTimeout(id);
  }, [touchedAt]);

  const name = (id: ChildId) => {
    const c = roster.get(id);
    return c ? `${c.firstName} ${c.lastName}`.trim() : t('staff.unknownChild');
  };
  const time = (ms: number) => formatTime(locale, new Date(ms));
  const run = async (action: () => Promise<Feedback>) => {
    if (busy) return;
    setBusy(true);
    try {
      setFeedback(await action());
      await reload();
    } finally {
      setBusy(false);
    }
  };

  const mark = (childId: ChildId, direction: Direction) =>
    run(async (): Promise<Feedback> => {
      const r = await commands.markByStaff(childId, direction, markedBy ?? null);
      if (r.kind === 'recorded') return { key: `staff.saved.${r.event.direction}`, params: { name: name(childId) }, warning: false };
      if (r.kind === 'already') return { key: `staff.already.${r.direction}`, params: { name: name(childId) }, warning: false };
      if (r.kind === 'awaiting-pickup') return { key: 'pickup.staff.awaiting', params: { name: name(childId) }, warning: false };
      return { key: 'staff.notSaved', params: { reason: r.message }, warning: true };
    });
  const correct = (eventId: string, direction: Direction | null) =>
    run(async (): Promise<Feedback> => {
      const r = await commands.correct(eventId, direction, markedBy ?? null);
      if (r.kind === 'recorded') return { key: 'staff.corrected', warning: false };
      return { key: 'staff.notSaved', params: { reason: r.kind === 'failed' ? r.message : r.reason }, warning: true };
    });
  const changePin = (current: string, pin: string) =>
    run(async (): Promise<Feedback> => {
      const r = await commands.changePin(current, pin);
      if (r.kind === 'invalid')
        return { key: pinProblem(pin) === 'guessable' ? 'staff.pin.guessable' : 'staff.pin.invalid', warning: true };
      if (r.kind === 'wrong') return { key: 'staff.pin.currentWrong', warning: true };
      if (r.kind === 'locked')
        return { key: 'staff.pin.currentLocked', params: { time: formatTime(locale, new Date(r.lockedUntilMs)) }, warning: true };
      setNewPin(null);
      setCurrentPin('');
      return { key: 'staff.pin.changed', warning: false };
    });

  const setRollCallWithoutPin = (on: boolean) =>
    run(async (): Promise<Feedback> => {
      try {
        await commands.setRollCallWithoutPin(on);
        return null;
      } catch (error) {
        return { key: 'staff.notSaved', params: { reason: error instanceof Error ? error.message : String(error) }, warning: true };
      }
    });

  const states = childStates(events);
  const matches = roster.search(query);
  const rows = todayRows(events);

  return (
    <div
      class="modal"
      data-testid="staff-panel"
      role="dialog"
      aria-modal="true"
      aria-label={t('staff.title')}
      onPointerDown={() => setTouchedAt(Date.now())}
      onKeyDown={() => setTouchedAt(Date.now())}
    >
      {panel.kind === 'roster' && (
        <div class="staff-panel">
          <RosterScreen
            runtime={runtime}
            view={view}
            locale={locale}
            t={t}
            onBack={() => setPanel({ kind: 'marks' })}
            onEnrol={(child) => setPanel({ kind: 'enrol', session: commands.startEnrolment(child, markedBy ?? null) })}
          />
        </div>
      )}
      {panel.kind === 'enrol' && (
        <div class="staff-panel">
          <EnrolScreen
            runtime={runtime}
            view={view}
            session={panel.session}
            t={t}
            onDone={() => {
              setTouchedAt(Date.now());
              setPanel({ kind: 'roster' });
            }}
          />
        </div>
      )}
      {panel.kind === 'report' && (
        <div class="staff-panel">
          <RecognitionReportScreen runtime={runtime} view={view} locale={locale} t={t} onBack={() => setPanel({ kind: 'marks' })} />
        </div>
      )}
      {panel.kind === 'padtest' && (
        <div class="staff-panel">
          <PadTestScreen
            runtime={runtime}
            session={panel.session}
            siteId={view.sync?.siteId ?? null}
            t={t}
            onDone={() => setPanel({ kind: 'marks' })}
          />
        </div>
      )}
      {panel.kind === 'marks' && (
        <div class="staff-panel">
          {onOpenRollCall && (
            <button type="button" class="staff-rollcall-button" onClick={onOpenRollCall} data-testid="staff-roll-call">
              {t('rollcall.open')}
            </button>
          )}
          <header class="staff-header">
            <h2>{t('staff.title')}</h2>
            <p data-testid="staff-present">{t('staff.present', { count: presentCount(states) })}</p>
            {onOpenReaders && (
              <button type="button" onClick={onOpenReaders} data-testid="staff-readers">
                {t('readers.open')}
              </button>
            )}
            <button type="button" onClick={() => setPanel({ kind: 'roster' })} data-testid="staff-roster">
              {t('roster.open')}
            </button>
            <button type="button" onClick={() => setPanel({ kind: 'report' })} data-testid="staff-report">
              {t('report.open')}
            </button>
            <button
              type="button"
              onClick={() => setPanel({ kind: 'padtest', session: commands.startPadTest() })}
              data-testid="staff-padtest"
            >
              {t('padtest.open')}
            </button>
            {onOpenDiagnostics && (
              <button type="button" onClick={onOpenDiagnostics} data-testid="staff-diagnostics">
                {t('diag.title')}
              </button>
            )}
            <button type="button" onClick={onClose} data-testid="staff-close">
              {t('staff.close')}
            </button>
          </header>
          <DutyBoard
            runtime={runtime}
            groups={[...new Set(roster.children.map((c) => c.group).filter((g) => g !== ''))].sort((a, b) => a.localeCompare(b))}
            locale={locale}
            t={t}
            refreshMs={staff.eventsRefreshMs}
            onDutyChange={() => setDutyVersion((v) => v + 1)}
          />
          <MarkedBy
            runtime={runtime}
            t={t}
            value={markedBy}
            onChange={setMarkedBy}
            refreshMs={staff.eventsRefreshMs}
            dutyVersion={dutyVersion}
          />
          {feedback && (
            <p class={feedback.warning ? 'warning' : 'staff-ok'} data-testid="staff-feedback" aria-live="polite">
              {t(feedback.key, feedback.params)}
            </p>
          )}
          <input
            type="search"
            class="staff-search"
            data-testid="staff-search"
            placeholder={t('staff.search')}
            aria-label={t('staff.search')}
            value={query}
            onInput={(e) => setQuery((e.currentTarget as HTMLInputElement).value)}
          />
          <ul class="staff-children">
            {matches.slice(0, MAX_ROWS).map((c) => {
              const s = states.get(c.id);
              return (
                <li key={c.id} data-testid="staff-child" data-child-id={c.id}>
                  <span class="staff-child-name">
                    {c.firstName} {c.lastName}
                  </span>
                  <span class="staff-child-group">{c.group}</span>
                  <span class="staff-child-state">
                    {s === undefined
                      ? t('staff.state.none')
                      : t(s.direction === 'in' ? 'staff.state.in' : 'staff.state.out', { time: time(s.atMs) })}
                  </span>
                  <button type="button" disabled={busy} onClick={() => void mark(c.id, 'in')} data-testid="staff-check-in">
                    {t('staff.checkIn')}
                  </button>
                  <button type="button" disabled={busy} onClick={() => void mark(c.id, 'out')} data-testid="staff-check-out">
                    {t('staff.checkOut')}
                  </button>
                </li>
              );
            })}
            {matches.length === 0 && <li>{t('staff.noMatches', { query })}</li>}
          </ul>
          <h3>{t('staff.today')}</h3>
          <ul class="staff-events">
            {rows.length === 0 && <li>{t('staff.noEvents')}</li>}
            {rows.slice(0, MAX_ROWS).map(({ event, direction, corrected }) => (
              <li
                key={event.id}
                data-testid="staff-event"
                data-event-id={event.id}
                data-direction={direction ?? 'removed'}
                class={corrected ? 'corrected' : ''}
              >
                <span>
                  {direction === null
                    ? t('staff.event.removed', { time: time(event.atMs), name: name(event.childId) })
                    : t(direction === 'in' ? 'staff.event.in' : 'staff.event.out', {
                        time: time(event.atMs),
                        name: name(event.childId),
                        method: t(`staff.method.${event.method}`),
                      })}
                  {event.staffMember !== undefined && (
                    <span class="staff-event-by" data-testid="staff-event-by">
                      {' · '}
                      {t('duty.markedBy.row', { staff: event.staffMember.name })}
                    </span>
                  )}
                </span>
                {direction !== null && (
                  <span class="staff-event-actions">
                    <button type="button" disabled={busy} onClick={() => void correct(event.id, null)} data-testid="staff-correct-remove">
                      {t('staff.correct.remove')}
                    </button>
                    <button
                      type="button"
                      disabled={busy}
                      onClick={() => void correct(event.id, direction === 'in' ? 'out' : 'in')}
                      data-testid="staff-correct-flip"
                    >
                      {t(direction === 'in' ? 'staff.correct.toOut' : 'staff.correct.toIn')}
                    </button>
                  </span>
                )}
              </li>
            ))}
          </ul>
          <label class="staff-setting">
            <input
              type="checkbox"
              checked={view.settings.rollCallWithoutPin}
              disabled={busy}
              onChange={(e) => void setRollCallWithoutPin((e.currentTarget as HTMLInputElement).checked)}
              data-testid="roll-call-without-pin"
            />{' '}
            {t('rollcall.withoutPin')}
          </label>
          <p class="readers-hint">{t('rollcall.withoutPin.note')}</p>
          <div class="staff-pin-change">
            {newPin === null ? (
              <button type="button" class="link" onClick={() => setNewPin('')}>
                {t('staff.pin.change')}
              </button>
            ) : (
              <form
                onSubmit={(e) => {
                  e.preventDefault();
                  void changePin(currentPin, newPin);
                }}
              >
                <PinField label={t('staff.pin.current')} value={currentPin} testId="staff-pin-current" onChange={setCurrentPin} />
                <PinField label={t('staff.pin.new')} value={newPin} testId="staff-pin-new" onChange={setNewPin} />
                <button type="submit" disabled={busy}>
                  {t('staff.pin.ok')}
                </button>
                <button type="button" class="link" onClick={() => setNewPin(null)}>
                  {t('staff.cancel')}
                </button>
              </form>
            )}
          </div>
        </div>
      )}
    </div>
  );
}

/** A labelled PIN field of the change-PIN form (digits, hidden as typed). */
function PinField({ label, value, testId, onChange }: { label: string; value: string; testId: string; onChange: (pin: string) => void }) {
  return (
    <label>
      {label}{' '}
      <input
        type="password"
        inputMode="numeric"
        autocomplete="off"
        value={value}
        maxLength={8}
        data-testid={testId}
        onInput={(e) => onChange((e.currentTarget as HTMLInputElement).value)}
      />
    </label>
  );
}
