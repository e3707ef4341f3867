// Staff roster (behind the PIN): the site's children as the district sends them, searchable, with face consent state,
// bracelet and template state (samples, enrolled on, valid until, or "re-enrol"). The enrol button is disabled with
// the reason whenever enrolment is not allowed (no active consent, biometrics off at the site).
import { siteDayKey } from '../../core/site-day';
import { useEffect, useState } from 'preact/hooks';
import { consentState, enrolBlock } from '../../core/consent';
import type { ChildId } from '../../core/types';
import type { KioskRuntime, KioskView, ReenrolAdvice, RosterChild, TemplateSummary } from '../../runtime/screen-api';
import type { Locale, MessageKey } from '../i18n/messages';
import { formatDate, type Params } from '../i18n/translate';

interface Props {
  runtime: KioskRuntime;
  view: KioskView;
  locale: Locale;
  t: (key: MessageKey, params?: Params) => string;
  onBack: () => void;
  onEnrol: (child: RosterChild) => void;
}

const MAX_ROWS = 80;

function driftText(a: ReenrolAdvice, t: Props['t']): string {
  return a.reason === 'scores-falling'
    ? t('roster.drift.scores', { median: a.median.toFixed(2), level: a.level.toFixed(2) })
    : t('roster.drift.bracelet', { share: Math.round(a.share * 100), count: a.arrivals });
}
const day = (d: string) => new Date(`${d}T12:00:00`);

/** "Absent today: illness" when a parent or staff reported it (the district's bundle, as of the last sync). */
function absentToday(c: RosterChild, today: string, t: Props['t']) {
  const a = c.absences?.find((x) => x.day === today);
  if (a === undefined) return null;
  const reason = t(`roster.absent.${a.reason}`) + (a.note ? ` (${a.note})` : '');
  return (
    <span class="roster-absent" data-testid="roster-absent">
      {t('roster.absent', { reason })}
    </span>
  );
}

export function RosterScreen({ runtime, view, locale, t, onBack, onEnrol }: Props) {
  const { roster, biometricsEnabled, twinFlags, revision } = view;
  const [query, setQuery] = useState('');
  const [templates, setTemplates] = useState<Map<ChildId, TemplateSummary>>(new Map());
  const [advice, setAdvice] = useState<Map<ChildId, ReenrolAdvice>>(new Map());
  // Read again whenever the gate's services were booted again or an enrolment stored templates.
  useEffect(() => {
    void runtime.commands
      .templateSummaries()
      .then(setTemplates)
      .catch(() => undefined);
    void runtime.commands
      .reenrolAdvice()
      .then(setAdvice)
      .catch(() => undefined);
  }, [revision]);

  const today = siteDayKey(Date.now());
  const matches = roster.search(query);
  const date = (ms: number) => formatDate(locale, new Date(ms));

  return (
    <div class="staff-roster" data-testid="roster">
      <header class="staff-header">
        <h2>{t('roster.title')}</h2>
        <p>{t('roster.count', { count: roster.children.length })}</p>
        <button type="button" onClick={onBack} data-testid="roster-back">
          {t('roster.back')}
        </button>
      </header>
      {!biometricsEnabled && (
        <p class="warning" data-testid="roster-biometrics-off">
          {t('roster.biometricsOff')}
        </p>
      )}
      <input
        type="search"
        class="staff-search"
        data-testid="roster-search"
        placeholder={t('staff.search')}
        aria-label={t('staff.search')}
        value={query}
        onInput={(e) => setQuery((e.currentTarget as HTMLInputElement).value)}
      />
      <ul class="staff-children">
        {matches.slice(0, MAX_ROWS).map((c) => {
          const consent = consentState(c, today);
          const block = enrolBlock(c, today, biometricsEnabled);
          const tpl = templates.get(c.id);
          return (
            <li
              key={c.id}
              data-testid="roster-child"
              data-child-id={c.id}
              data-consent={consent}
              data-template={tpl === undefined ? 'none' : tpl.expired ? 'expired' : 'enrolled'}
            >
              <span class="staff-child-name">
                {c.firstName} {c.lastName}
              </span>
              <span class="staff-child-group">{c.group}</span>
              <span class="roster-consent" data-testid="roster-consent">
                {consent === 'active'
                  ? c.faceConsentExpiresOn
                    ? t('roster.consent.active', { date: formatDate(locale, day(c.faceConsentExpiresOn)) })
                    : t('roster.consent.activeNoDate')
                  : t(`roster.consent.${consent}`)}
              </span>
              <span class="roster-bracelet">
                {c.braceletUid === null ? t('roster.noBracelet') : t('roster.bracelet', { uid: c.braceletUid })}
              </span>
              <span class="roster-template" data-testid="roster-template">
                {tpl === undefined
                  ? t('roster.template.none')
                  : tpl.expired
                    ? t('roster.template.reenrol', { date: date(tpl.expiresAtMs) })
                    : t('roster.template.enrolled', { count: tpl.samples, date: date(tpl.enrolledAtMs), until: date(tpl.expiresAtMs) })}
              </span>
              {twinFlags.has(c.id) && <span class="roster-twin">{t('roster.twin')}</span>}
              {absentToday(c, today, t)}
              {tpl !== undefined && !tpl.expired && advice.has(c.id) && (
                <span class="roster-drift warning" data-testid="roster-drift" data-reason={advice.get(c.id)!.reason}>
                  {driftText(advice.get(c.id)!, t)}
                </span>
              )}
              <span class="roster-enrol">
                <button
                  type="button"
                  disabled={block !== null}
                  onClick={() => onEnrol(c)}
                  data-testid="roster-enrol"
                  aria-describedby={block !== null ? `block-${c.id}` : undefined}
                >
                  {t(tpl === undefined ? 'roster.enrol' : 'roster.reenrol')}
                </button>
                {block !== null && (
                  <small id={`block-${c.id}`} class="roster-block" data-testid="roster-enrol-reason">
                    {t(`roster.block.${block}`)}
                  </small>
                )}
              </span>
            </li>
          );
        })}
        {matches.length === 0 && <li>{t('staff.noMatches', { query })}</li>}
      </ul>
    </div>
  );
}
