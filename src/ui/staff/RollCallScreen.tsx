// The emergency roll call (the fire alarm rang): every child checked in and not checked out today at any of the site's
// tablets (this one's marks and the other tablets' as of their last sync), by group, in large print, each with a big
// "accounted for" toggle; counts per group and in total; a child who came in at another entrance shows that gate's
// name, and each other tablet shows how long ago it last synced. The ticks live only in this screen's memory (nothing
// about a child is written by ticking); "Start a new roll call" reads the list again and clears them. It reads only the
// tablet's own database, so it works with the network down. A print view (the list plainly, with the time it was made)
// and a CSV download (names and times, no ids), both only after the PIN: opened from the gate without it, the list is
// shown and nothing leaves the tablet. It never closes by itself.
import { useEffect, useState } from 'preact/hooks';
import { minutesAgo, rollCallCounts, rollCallCsv, type RollCall, type RollCallCount } from '../../core/roll-call';
import type { ChildId } from '../../core/types';
import type { KioskRuntime } from '../../runtime/screen-api';
import type { Locale, MessageKey } from '../i18n/messages';
import { formatDateTime, formatTime, type Params } from '../i18n/translate';
import './roll-call.css';
import { downloadFile } from '../download-file';

interface Props {
  runtime: KioskRuntime;
  locale: Locale;
  t: (key: MessageKey, params?: Params) => string;
  /** Opened from the gate without the PIN: the list only, no print and no file. */
  withoutPin?: boolean;
  /** Whether the PIN's staff session still lasts (asked at each print or file): a list left open prints nothing. */
  sessionLive?: () => boolean;
  onClose: () => void;
}

/** How long "Start a new roll call" waits for the second tap that clears the ticks. */
const CONFIRM_MS = 5_000;

type Loaded = { kind: 'loading' } | { kind: 'failed'; reason: string } | { kind: 'ready'; rollCall: RollCall };

export function RollCallScreen({ runtime, locale, t, withoutPin = false, sessionLive = () => true, onClose }: Props) {
  const [loaded, setLoaded] = useState<Loaded>({ kind: 'loading' });
  const [accounted, setAccounted] = useState<ReadonlySet<ChildId>>(new Set());
  const [confirming, setConfirming] = useState(false);
  const [exported, setExported] = useState<string | null>(null);

  const start = () => {
    setConfirming(false);
    setExported(null);
    setAccounted(new Set());
    runtime.commands
      .rollCall()
      .then((rollCall) => setLoaded({ kind: 'ready', rollCall }))
      .catch((error: unknown) => setLoaded({ kind: 'failed', reason: error instanceof Error ? error.message : String(error) }));
  };
  useEffect(start, []);
  useEffect(() => {
    if (!confirming) return;
    const id = setTimeout(() => setConfirming(false), CONFIRM_MS);
    return () => clearTimeout(id);
  }, [confirming]);

  const toggle = (id: ChildId) =>
    setAccounted((current) => {
      const next = new Set(current);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  // Clearing the ticks by a stray touch in an emergency would lose the count: with ticks, it takes a second tap.
  const startNew = () => (accounted.size === 0 || confirming ? start() : setConfirming(true));

  const rollCall = loaded.kind === 'ready' ? loaded.rollCall : null;
  const counts = rollCall ? rollCallCounts(rollCall.groups, accounted) : null;
  const time = (ms: number) => formatTime(locale, new Date(ms));
  const countLine = (c: RollCallCount) => t('rollcall.counts', { inside: c.inside, accounted: c.accounted, missing: c.missing });
  const countData = (c: RollCallCount) => ({ 'data-inside': c.inside, 'data-accounted': c.accounted, 'data-missing': c.missing });

  const [pinAgain, setPinAgain] = useState(false);
  /** Runs `action` only while the staff session lasts; else says to open the list again with the PIN. */
  const withSession = (action: () => void) => () => {
    if (!sessionLive()) {
      setPinAgain(true);
      return;
    }
    action();
  };
  const download = () => {
    if (!rollCall) return;
    const csv = rollCallCsv(rollCall, accounted, {
      header: {
        group: t('rollcall.csv.group'),
        child: t('rollcall.csv.child'),
        checkedInAt: t('rollcall.csv.checkedInAt'),
        accounted: t('rollcall.csv.accounted'),
        generatedAt: t('rollcall.csv.generatedAt'),
      },
      yes: t('rollcall.csv.yes'),
      no: t('rollcall.csv.no'),
      noGroup: t('rollcall.noGroup'),
      unknownChild: t('staff.unknownChild'),
      time,
      dateTime: (ms) => formatDateTime(locale, new Date(ms)),
    });
    const made = new Date(rollCall.generatedAtMs);
    const hhmm = `${String(made.getHours()).padStart(2, '0')}${String(made.getMinutes()).padStart(2, '0')}`;
    const name = `roll-call-${rollCall.dayKey}-${hhmm}.csv`;
    downloadFile(name, csv, 'text/csv;charset=utf-8');
    setExported(name);
  };

  return (
    <div class="modal rollcall-modal" data-testid="roll-call" role="dialog" aria-modal="true" aria-labelledby="rollcall-title">
      <div class="staff-panel rollcall">
        <header class="staff-header">
          <h2 id="rollcall-title">{t('rollcall.title')}</h2>
          <button type="button" class="no-print" onClick={onClose} data-testid="roll-call-close">
            {t('rollcall.close')}
          </button>
        </header>
        {loaded.kind === 'loading' && <p aria-live="polite">{t('rollcall.loading')}</p>}
        {loaded.kind === 'failed' && (
          <p class="warning" role="alert" data-testid="roll-call-failed">
            {t('rollcall.failed', { reason: loaded.reason })}
          </p>
        )}
        {rollCall && counts && (
          <>
            <p class="rollcall-made" data-testid="roll-call-made" data-at={rollCall.generatedAtMs}>
              {t('rollcall.madeAt', { time: formatDateTime(locale, new Date(rollCall.generatedAtMs)) })}
            </p>
            <div class="rollcall-others" data-testid="roll-call-others">
              {rollCall.others.receivedAtMs === null ? (
                <p data-testid="roll-call-others-none">{t('rollcall.others.none')}</p>
              ) : (
                <>
                  <p data-testid="roll-call-others-as-of" data-at={rollCall.others.receivedAtMs}>
                    {t('rollcall.others.asOf', {
                      time: formatDateTime(locale, new Date(rollCall.others.receivedAtMs)),
                      count: minutesAgo(rollCall.others.receivedAtMs, rollCall.generatedAtMs),
                    })}
                  </p>
                  {rollCall.others.tablets.length === 0 ? (
                    <p>{t('rollcall.others.alone')}</p>
                  ) : (
                    <ul class="rollcall-tablets">
                      {rollCall.others.tablets.map((tablet, i) => (
                        <li key={i} data-testid="roll-call-tablet" data-name={tablet.name}>
                          {tablet.lastSyncedAtMs === null
                            ? t('rollcall.tablet.never', { name: tablet.name })
                            : t('rollcall.tablet.synced', {
                                name: tablet.name,
                                count: minutesAgo(tablet.lastSyncedAtMs, rollCall.generatedAtMs),
                              })}
                        </li>
                      ))}
                    </ul>
                  )}
                </>
              )}
              {rollCall.others.lastTryFailed && <p class="warning">{t('rollcall.others.failed')}</p>}
            </div>
            <div class="rollcall-staff" data-testid="roll-call-staff">
              <h3>{t('rollcall.staff.title')}</h3>
              {(rollCall.staff ?? []).length === 0 ? (
                <p>{t('rollcall.staff.none')}</p>
              ) : (
                <ul>
                  {(rollCall.staff ?? []).map((s, i) => (
                    <li key={i} data-testid="roll-call-staff-member">
                      {s.gate === undefined
                        ? t('rollcall.staff.row', {
                            name: s.name,
                            group: s.group ?? t('duty.noGroup'),
                            time: formatTime(locale, new Date(s.sinceMs)),
                          })
                        : t('rollcall.staff.rowAt', {
                            name: s.name,
                            group: s.group ?? t('duty.noGroup'),
                            time: formatTime(locale, new Date(s.sinceMs)),
                            gate: s.gate,
                          })}
                    </li>
                  ))}
                </ul>
              )}
            </div>
            <section
              class="rollcall-total"
              data-testid="roll-call-total"
              {...countData(counts.total)}
              aria-labelledby="rollcall-total-title"
            >
              <h3 id="rollcall-total-title">{t('rollcall.allGroups')}</h3>
              <p class="rollcall-counts" aria-live="polite">
                {countLine(counts.total)}
              </p>
            </section>
            <div class="rollcall-actions no-print">
              <button type="button" class={confirming ? 'rollcall-confirm' : ''} onClick={startNew} data-testid="roll-call-new">
                {t(confirming ? 'rollcall.newConfirm' : 'rollcall.new')}
              </button>
              {!withoutPin && (
                <>
                  <button type="button" onClick={withSession(() => window.print())} data-testid="roll-call-print">
                    {t('rollcall.print')}
                  </button>
                  <button type="button" onClick={withSession(download)} data-testid="roll-call-export">
                    {t('rollcall.export')}
                  </button>
                </>
              )}
              {pinAgain && (
                <span class="warning" data-testid="roll-call-pin-again" role="alert">
                  {t('rollcall.pinAgain')}
                </span>
              )}
              {exported && (
                <span class="staff-ok" data-testid="roll-call-exported" aria-live="polite">
                  {t('rollcall.exported', { name: exported })}
                </span>
              )}
            </div>
            {rollCall.groups.length === 0 && (
              <p class="rollcall-empty" data-testid="roll-call-empty">
                {t('rollcall.empty')}
              </p>
            )}
            {rollCall.groups.map((g, gi) => {
              const c = counts.groups[gi]!;
              return (
                <section
                  key={g.group ?? ''}
                  class="rollcall-group"
                  data-testid="roll-call-group"
                  data-group={g.group ?? ''}
                  {...countData(c)}
                  aria-labelledby={`rollcall-g${gi}`}
                >
                  <h3 id={`rollcall-g${gi}`}>{g.group ?? t('rollcall.noGroup')}</h3>
                  <p class="rollcall-counts">{countLine(c)}</p>
                  <ul class="rollcall-children">
                    {g.children.map((child, ci) => {
                      const ticked = accounted.has(child.childId);
                      const nameId = `rollcall-n${gi}-${ci}`;
                      const tickId = `rollcall-t${gi}-${ci}`;
                      return (
                        <li
                          key={child.childId}
                          class={ticked ? 'rollcall-accounted' : ''}
                          data-testid="roll-call-child"
                          data-child-id={child.childId}
                          data-accounted={String(ticked)}
                        >
                          <span class="rollcall-name" id={nameId}>
                            {`${child.firstName} ${child.lastName}`.trim() || t('staff.unknownChild')}
                          </span>
                          <span class="rollcall-time" data-gate={child.gate ?? ''}>
                            {child.gate === undefined
                              ? t('rollcall.checkedIn', { time: time(child.checkedInAtMs) })
                              : t('rollcall.checkedInAt', { time: time(child.checkedInAtMs), gate: child.gate })}
                          </span>
                          <button
                            type="button"
                            class="rollcall-tick no-print"
                            aria-pressed={ticked}
                            aria-labelledby={`${nameId} ${tickId}`}
                            onClick={() => toggle(child.childId)}
                            data-testid="roll-call-tick"
                          >
                            <span class="rollcall-box" aria-hidden="true">
                              {ticked ? '✓' : ''}
                            </span>
                            <span id={tickId}>{t('rollcall.tick')}</span>
                          </button>
                          <span class="print-only">{t(ticked ? 'rollcall.printAccounted' : 'rollcall.printMissing')}</span>
                        </li>
                      );
                    })}
                  </ul>
                </section>
              );
            })}
          </>
        )}
        <p class="rollcall-footnote" data-testid="roll-call-footnote">
          {t('rollcall.footnote')}
        </p>
      </div>
    </div>
  );
}
