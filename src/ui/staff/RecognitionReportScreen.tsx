// The site's recognition report (staff panel, behind the PIN; issue 17): what this tablet's own gallery says about its
// error rates at the site's threshold, with 95% intervals, the twin candidates and weak enrolments by first name with
// what to do, the models, thresholds and date, and what the numbers can and cannot say. Computed by the runtime when
// the screen opens (runtime.commands.recognitionReport); nothing is stored or sent. "Print / save as PDF" prints the
// report alone on one page (recognition-report.css) for the site's data-protection impact assessment.
import { useEffect, useState } from 'preact/hooks';
import { formatDateTime } from '../../core/i18n';
import type { ChildId } from '../../core/types';
import type { KioskRuntime, KioskView, RecognitionReport, WeakReason } from '../../runtime/screen-api';
import type { Locale, MessageKey } from '../i18n/messages';
import type { Params } from '../i18n/translate';
import './recognition-report.css';

interface Props {
  runtime: KioskRuntime;
  view: KioskView;
  locale: Locale;
  t: (key: MessageKey, params?: Params) => string;
  onBack: () => void;
}

type State = { kind: 'computing' } | { kind: 'ready'; report: RecognitionReport } | { kind: 'failed'; reason: string };

/** A share as a percentage with 3 significant digits (0.00246 -> 0.246). */
const percent = (x: number) => (x === 0 ? 0 : Number((x * 100).toPrecision(3)));
/** A score as the thresholds are written (3 decimals). */
const score = (x: number) => Number(x.toFixed(3));

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function RecognitionReportScreen({ runtime, view, locale, t, onBack }: Props) {
  const [state, setState] = useState<State>({ kind: 'computing' });
  // Computed again when the gate's services were booted again, an enrolment changed the templates, or the recognition
  // worker came up (it names the model versions); the report on screen stays until the new one is there.
  useEffect(() => {
    let cancelled = false;
    runtime.commands
      .recognitionReport()
      .then((report) => !cancelled && setState({ kind: 'ready', report }))
      .catch(
        (error: unknown) => !cancelled && setState({ kind: 'failed', reason: error instanceof Error ? error.message : String(error) }),
      );
    return () => {
      cancelled = true;
    };
  }, [view.revision, view.recognition.kind]);

  return (
    <section class="recognition-report" data-testid="recognition-report" aria-labelledby="recognition-report-title">
      <header class="staff-header">
        <h2 id="recognition-report-title">{t('report.title')}</h2>
        <button
          type="button"
          class="report-action"
          disabled={state.kind !== 'ready'}
          onClick={() => window.print()}
          data-testid="report-print"
        >
          {t('report.print')}
        </button>
        <button type="button" class="report-action" onClick={onBack} data-testid="report-back">
          {t('report.back')}
        </button>
      </header>
      <p>{t('report.intro')}</p>
      {state.kind === 'computing' && (
        <p role="status" data-testid="report-computing">
          {t('report.computing')}
        </p>
      )}
      {state.kind === 'failed' && (
        <p class="warning" role="alert" data-testid="report-failed">
          {t('report.failed', { reason: state.reason })}
        </p>
      )}
      {state.kind === 'ready' && <ReportBody report={state.report} locale={locale} t={t} />}
    </section>
  );
}

function ReportBody({ report, locale, t }: { report: RecognitionReport; locale: Locale; t: Props['t'] }) {
  const s = report.statistics;
  const name = (id: ChildId) => report.firstNames[id] || t('staff.unknownChild');
  const flagged = new Set(report.twinFlagged);
  const rate = (r: typeof s.fpir) =>
    r.rate === null || r.interval === null
      ? { estimate: t('report.notMeasurable'), interval: t('report.notMeasurable') }
      : {
          estimate: t('report.percent', { value: percent(r.rate) }),
          interval: t('report.interval', { lower: percent(r.interval.lower), upper: percent(r.interval.upper) }),
        };
  // Outranked only by a confirmed twin: re-enrolling would not help, the gate already asks both for the bracelet.
  const confirmedTwins = (w: (typeof s.weak)[number]) =>
    w.reasons.every((r) => r === 'held-out-outranked') && w.outrankedBy !== null && flagged.has(w.childId) && flagged.has(w.outrankedBy);
  const fpir = rate(s.fpir);
  const fnir = rate(s.fnir);
  const weakText = (reason: WeakReason, w: (typeof s.weak)[number]) =>
    reason === 'few-samples'
      ? t('report.weak.few-samples', { samples: w.samples, min: s.minSamples })
      : reason === 'held-out-below-threshold'
        ? t('report.weak.held-out-below-threshold', { misses: w.misses, heldOut: w.heldOut, score: score(w.worstHeldOutScore ?? 0) })
        : t('report.weak.held-out-outranked', {
            misses: w.misses,
            heldOut: w.heldOut,
            other: w.outrankedBy === null ? t('staff.unknownChild') : name(w.outrankedBy),
          });

  return (
    <div data-testid="report-body" data-children={s.children}>
      <dl class="report-facts">
        <dt>{t('report.date')}</dt>
        <dd data-testid="report-date">{formatDateTime(locale, report.generatedAtMs)}</dd>
        <dt>{t('report.site')}</dt>
        <dd>
          {report.siteId === null
            ? t('report.site.unpaired', { device: report.deviceId })
            : t('report.site.value', { site: report.siteId, device: report.deviceId })}
        </dd>
        <dt>{t('report.app')}</dt>
        <dd>
          {report.app.version} ({report.app.build})
        </dd>
        <dt>{t('report.models')}</dt>
        <dd data-testid="report-models">
          {t('report.templateModel', { model: report.templateModelId })}
          {report.models.length === 0 ? (
            <> {t('report.models.notLoaded')}</>
          ) : (
            <ul class="report-models">
              {report.models.map((m) => (
                <li key={m.file}>{t('report.model', { file: m.file, version: m.version, sha: m.sha256.slice(0, 12) })}</li>
              ))}
            </ul>
          )}
        </dd>
        <dt>{t('report.thresholds')}</dt>
        <dd data-testid="report-thresholds">
          {t('report.thresholds.value', {
            threshold: s.matchThreshold,
            margin: s.matchMargin,
            weight: s.cohortWeight,
            size: s.cohortSize,
          })}
        </dd>
        <dt>{t('report.gallery')}</dt>
        <dd data-testid="report-gallery">
          {t('report.gallery.value', {
            count: s.children,
            samples: s.samples,
            min: s.samplesPerChild?.min ?? 0,
            max: s.samplesPerChild?.max ?? 0,
          })}
        </dd>
      </dl>
      {!report.faceMatching && <p class="warning">{t('report.paused')}</p>}
      {(report.leftOut.expired > 0 || report.leftOut.otherModel > 0 || report.leftOut.unreadable > 0) && (
        <p>{t('report.leftOut', report.leftOut)}</p>
      )}
      {s.skippedSamples > 0 && <p>{t('report.skipped', { count: s.skippedSamples })}</p>}

      {s.children === 0 ? (
        <p class="report-empty" data-testid="report-empty">
          {t('report.empty')}
        </p>
      ) : (
        <>
          <table class="report-figures" data-testid="report-figures">
            <caption>{t('report.figures')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('report.col.measure')}</th>
                <th scope="col">{t('report.col.counts')}</th>
                <th scope="col">{t('report.col.estimate')}</th>
                <th scope="col">{t('report.col.interval')}</th>
              </tr>
            </thead>
            <tbody>
              <tr data-testid="report-fpir" data-errors={s.fpir.errors} data-trials={s.fpir.trials}>
                <th scope="row">{t('report.fpir')}</th>
                <td>{t('report.counts', { errors: s.fpir.errors, trials: s.fpir.trials })}</td>
                <td>{fpir.estimate}</td>
                <td>{fpir.interval}</td>
              </tr>
              <tr data-testid="report-fnir" data-errors={s.fnir.errors} data-trials={s.fnir.trials}>
                <th scope="row">{t('report.fnir')}</th>
                <td>{t('report.counts', { errors: s.fnir.errors, trials: s.fnir.trials })}</td>
                <td>{fnir.estimate}</td>
                <td>{fnir.interval}</td>
              </tr>
            </tbody>
          </table>
          <p class="report-note">{t('report.fpir.how')}</p>
          <p class="report-note">{t('report.fnir.how')}</p>
          {s.nearestOther.length > 0 && (
            <p class="report-note">
              {t('report.nearest', {
                max: score(Math.max(...s.nearestOther.map((n) => n.score))),
                median: score(median(s.nearestOther.map((n) => n.score))),
                threshold: s.matchThreshold,
              })}
            </p>
          )}
          {s.matedWithinMargin > 0 && <p class="report-note">{t('report.withinMargin', { count: s.matedWithinMargin })}</p>}

          <h3>{t('report.twins')}</h3>
          <p class="report-note">{t('report.twins.how', { limit: score(s.matchThreshold - s.matchMargin) })}</p>
          {s.twinCandidates.length === 0 ? (
            <p data-testid="report-twins-none">{t('report.twins.none')}</p>
          ) : (
            <ul class="report-list">
              {s.twinCandidates.map((p) => (
                <li key={`${p.a}:${p.b}`} data-testid="report-twin" data-a={p.a} data-b={p.b}>
                  <strong>{t('report.twin', { a: name(p.a), b: name(p.b), score: score(p.score) })}</strong>{' '}
                  {t(flagged.has(p.a) && flagged.has(p.b) ? 'report.twin.flagged' : 'report.twin.unflagged')}
                </li>
              ))}
            </ul>
          )}

          <h3>{t('report.weak')}</h3>
          {s.weak.length === 0 ? (
            <p data-testid="report-weak-none">{t('report.weak.none')}</p>
          ) : (
            <ul class="report-list">
              {s.weak.map((w) => (
                <li key={w.childId} data-testid="report-weak" data-child-id={w.childId} data-reasons={w.reasons.join(' ')}>
                  <strong>{name(w.childId)}</strong>: {w.reasons.map((r) => weakText(r, w)).join(' ')}{' '}
                  {t(confirmedTwins(w) ? 'report.twin.flagged' : 'report.weak.reenrol')}
                </li>
              ))}
            </ul>
          )}
        </>
      )}

      <h3>{t('report.limits')}</h3>
      <p class="report-note">{t('report.limits.terms')}</p>
      <p class="report-note">{t('report.limits.samples')}</p>
      <p class="report-note">{t('report.limits.intervals')}</p>
      <p class="report-note">{t('report.limits.stored')}</p>
    </div>
  );
}
