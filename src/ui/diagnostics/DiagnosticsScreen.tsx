// Diagnostics for staff and support (after the PIN): camera frame rate, recognition backend and threads, isolation,
// the model files with versions and sha256 (and whether each is stored for offline use), gallery, outbox, last sync,
// storage, readers, offline start and app version; a JSON export with no personal data; the low-storage warning.
// Refreshes itself every few seconds while open; closes after two idle minutes like the staff panel.
import { useEffect, useState } from 'preact/hooks';
import { diagnosticsFile, type DiagnosticsReport, type KioskRuntime, type KioskView } from '../../runtime/screen-api';
import { formatBytes } from '../i18n/format-bytes';
import type { Locale, MessageKey } from '../i18n/messages';
import { formatDate, formatTime, type Params } from '../i18n/translate';
import './diagnostics.css';
import { downloadFile } from '../download-file';

interface Props {
  runtime: KioskRuntime;
  view: KioskView;
  locale: Locale;
  t: (key: MessageKey, params?: Params) => string;
  onBack: () => void;
  /** No staff touch for the staff idle time: the screen closes (default: as Back). */
  onIdle?: () => void;
}

export function DiagnosticsScreen({ runtime, view, locale, t, onBack, onIdle = onBack }: Props) {
  const { staff } = runtime.config;
  const { cameraError } = view;
  const [report, setReport] = useState<DiagnosticsReport | null>(null);
  const [cached, setCached] = useState<Record<string, boolean>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [exported, setExported] = useState<string | null>(null);
  const [tick, setTick] = useState(0);
  const [touchedAt, setTouchedAt] = useState(Date.now());

  useEffect(() => {
    let cancelled = false;
    runtime.commands
      .diagnostics()
      .then(({ report: r, offline }) => {
        if (cancelled) return;
        setReport(r);
        setCached(offline);
        setFailure(null);
      })
      .catch((error: unknown) => {
        if (!cancelled) setFailure(error instanceof Error ? error.message : String(error));
      });
    return () => {
      cancelled = true;
    };
  }, [tick]);

  useEffect(() => {
    const id = setInterval(() => setTick((n) => n + 1), staff.diagnosticsRefreshMs);
    return () => clearInterval(id);
  }, []);
  useEffect(() => {
    const id = setTimeout(onIdle, staff.idleCloseMs - (Date.now() - touchedAt));
    return () => clearTimeout(id);
  }, [touchedAt]);

  const exportJson = () => {
    if (!report) return;
    const { name, json } = diagnosticsFile(report);
    downloadFile(name, json, 'application/json');
    setExported(name);
  };

  const yesNo = (v: boolean | null) => t(v === null ? 'diag.unknown' : v ? 'diag.yes' : 'diag.no');
  const when = (isoTime: string | null) =>
    isoTime === null ? t('diag.sync.never') : `${formatDate(locale, new Date(isoTime))} ${formatTime(locale, new Date(isoTime))}`;

  return (
    <div
      class="modal"
      data-testid="diagnostics"
      role="dialog"
      aria-modal="true"
      aria-label={t('diag.title')}
      onPointerDown={() => setTouchedAt(Date.now())}
      onKeyDown={() => setTouchedAt(Date.now())}
    >
      <div class="staff-panel diagnostics">
        <header class="staff-header">
          <h2>{t('diag.title')}</h2>
          <button type="button" onClick={() => setTick((n) => n + 1)} data-testid="diag-refresh">
            {t('diag.refresh')}
          </button>
          <button type="button" disabled={!report} onClick={exportJson} data-testid="diag-export">
            {t('diag.export')}
          </button>
          <button type="button" onClick={onBack} data-testid="diag-back">
            {t('readers.back')}
          </button>
        </header>
        {exported && (
          <p class="staff-ok" data-testid="diag-exported" aria-live="polite">
            {t('diag.exported', { file: exported })}
          </p>
        )}
        {failure && (
          <p class="warning" data-testid="diag-failed">
            {t('diag.failed', { reason: failure })}
          </p>
        )}
        {!report && !failure && <p>{t('diag.collecting')}</p>}
        {report && (
          <dl class="diag-list">
            <dt>{t('diag.app')}</dt>
            <dd data-testid="diag-app">
              {report.app.version} ({report.app.build})
            </dd>
            <dt>{t('diag.sw')}</dt>
            <dd
              data-testid="diag-sw"
              data-state={report.app.serviceWorker}
              class={report.app.serviceWorker === 'failed' || report.app.serviceWorker === 'unsupported' ? 'warning' : ''}
            >
              {t(`diag.sw.${report.app.serviceWorker}`)}
            </dd>
            <dt>{t('diag.webgpuRuntime')}</dt>
            <dd
              data-testid="diag-webgpu-runtime"
              data-state={report.app.webgpuRuntime}
              class={report.app.webgpuRuntime === 'failed' ? 'warning' : ''}
            >
              {t(`diag.webgpuRuntime.${report.app.webgpuRuntime}`)}
            </dd>
            <dt>{t('diag.district')}</dt>
            <dd>{report.app.districtOrigin ?? t('diag.district.none')}</dd>

            <dt>{t('diag.camera')}</dt>
            <dd data-testid="diag-camera" data-state={report.camera.state} data-fps={report.camera.measuredFps ?? ''}>
              {report.camera.state === 'running'
                ? t('diag.camera.fps', {
                    fps: report.camera.measuredFps ?? 0,
                    width: report.camera.width ?? 0,
                    height: report.camera.height ?? 0,
                  })
                : cameraError
                  ? t(cameraError)
                  : t('diag.camera.off')}
            </dd>
            <dt>{t('diag.backend')}</dt>
            <dd data-testid="diag-backend" data-backend={report.recognition.detectorBackend ?? ''}>
              {report.recognition.detectorBackend
                ? t('diag.backend.value', {
                    detector: report.recognition.detectorBackend,
                    embedder: report.recognition.embedderBackend ?? '',
                  })
                : t('diag.backend.unreported', { gpu: yesNo('gpu' in navigator) })}
            </dd>
            <dt>{t('diag.threads')}</dt>
            <dd data-testid="diag-threads">{report.recognition.threads ?? t('diag.unknown')}</dd>
            <dt>{t('diag.isolated')}</dt>
            <dd data-testid="diag-isolated" class={report.browser.crossOriginIsolated ? '' : 'warning'}>
              {yesNo(report.browser.crossOriginIsolated)}
            </dd>

            <dt>{t('diag.models')}</dt>
            <dd>
              <ul class="diag-models">
                {report.recognition.models.map((m) => (
                  <li
                    key={m.id}
                    data-testid="diag-model"
                    data-file={m.file}
                    data-sha256={m.sha256}
                    data-offline={String(cached[m.file] === true)}
                  >
                    {t('diag.model', { file: m.file, package: m.package, version: m.version, sha: m.sha256 })}
                    {' · '}
                    <span class={cached[m.file] ? '' : 'warning'}>{t(cached[m.file] ? 'diag.model.offline' : 'diag.model.online')}</span>
                  </li>
                ))}
              </ul>
            </dd>

            <dt>{t('diag.gallery')}</dt>
            <dd data-testid="diag-gallery" data-children={report.gallery.children}>
              {t('diag.gallery.value', { count: report.gallery.children, templates: report.gallery.templates })}
              {' · '}
              {report.gallery.version === null
                ? t('diag.gallery.noVersion')
                : t('diag.gallery.version', { version: report.gallery.version })}
            </dd>
            <dt>{t('diag.outbox')}</dt>
            <dd data-testid="diag-outbox" data-depth={report.outbox.depth}>
              {t('diag.outbox.count', { count: report.outbox.depth })}
              {report.outbox.oldestQueuedAt && <> · {t('diag.outbox.oldest', { time: when(report.outbox.oldestQueuedAt) })}</>}
            </dd>
            <dt>{t('diag.sync')}</dt>
            <dd data-testid="diag-sync">
              {report.sync.paired ? t('diag.sync.last', { time: when(report.sync.lastSuccessAt) }) : t('diag.sync.notPaired')}
              {report.sync.problemCode && <span class="warning"> · {t('diag.sync.problem', { code: report.sync.problemCode })}</span>}
            </dd>

            <dt>{t('diag.storage')}</dt>
            <dd data-testid="diag-storage" data-level={report.storage.level}>
              {report.storage.usageBytes !== null && report.storage.quotaBytes !== null
                ? t('diag.storage.usage', {
                    used: formatBytes(locale, report.storage.usageBytes),
                    quota: formatBytes(locale, report.storage.quotaBytes),
                  })
                : t('diag.unknown')}
              {' · '}
              <span class={report.storage.persisted ? '' : 'warning'} data-testid="diag-persisted">
                {t(report.storage.persisted ? 'diag.storage.persisted' : 'diag.storage.notPersisted')}
              </span>
              {report.storage.level === 'low' && (
                <p class="warning" role="alert" data-testid="diag-storage-low">
                  {t('kiosk.storageLow', {
                    free: formatBytes(locale, Math.max(0, report.storage.quotaBytes! - report.storage.usageBytes!)),
                  })}
                </p>
              )}
            </dd>

            <dt>{t('diag.readers')}</dt>
            <dd data-testid="diag-readers">
              {report.readers.length === 0 ? (
                t('diag.readers.none')
              ) : (
                <ul class="diag-models">
                  {report.readers.map((r, k) => (
                    <li key={k}>
                      {t(`readers.profile.${r.profile}` as MessageKey)}: {t(`readers.state.${r.state}` as MessageKey)}
                    </li>
                  ))}
                </ul>
              )}
            </dd>
            <dt>{t('diag.screen')}</dt>
            <dd>
              {t('diag.screen.state', { fullscreen: yesNo(report.screen.fullscreen), wakeLock: yesNo(report.screen.wakeLock === 'held') })}
            </dd>
          </dl>
        )}
      </div>
    </div>
  );
}
