// The staff panel's board (after the PIN): the late pickup alert (children still inside after the site's closing time),
// staff on duty at this tablet with sign-in and sign-out, those on duty at the site's other entrances (as of the last
// sync), and each group's children inside against its staff on duty anywhere on site. Staff share one PIN, so a sign-in
// is the name the person types; its audit entry carries the name to the district and the site's other tablets.
import { useEffect, useState } from 'preact/hooks';
import { MAX_DUTY_NAME, type DutyBoard as Board, type KioskRuntime } from '../../runtime/screen-api';
import type { Locale, MessageKey } from '../i18n/messages';
import { formatTime, type Params } from '../i18n/translate';

interface Props {
  runtime: KioskRuntime;
  groups: readonly string[];
  locale: Locale;
  t: (key: MessageKey, params?: Params) => string;
  /** Re-read every this many ms (the staff panel's events refresh). */
  refreshMs: number;
  /** Someone signed in or out here (the staff panel's "made by" choice re-reads). */
  onDutyChange?: () => void;
}

export function DutyBoard({ runtime, groups, locale, t, refreshMs, onDutyChange }: Props) {
  const { commands } = runtime;
  const [board, setBoard] = useState<Board | null>(null);
  const [name, setName] = useState('');
  const [group, setGroup] = useState('');
  const [problem, setProblem] = useState<MessageKey | null>(null);
  const reload = async () => setBoard(await commands.dutyBoard().catch(() => null));
  useEffect(() => {
    void reload();
    const id = setInterval(() => void reload(), refreshMs);
    return () => clearInterval(id);
  }, []);
  const time = (ms: number) => formatTime(locale, new Date(ms));
  const groupName = (g: string | null) => g ?? t('duty.noGroup');

  const signIn = async () => {
    const r = await commands.signInDuty(name, group === '' ? null : group);
    if (r.kind === 'refused') setProblem(`duty.refused.${r.reason}`);
    else {
      setProblem(null);
      setName('');
    }
    await reload();
    onDutyChange?.();
  };

  return (
    <section class="duty-board" data-testid="duty-board" aria-label={t('duty.title')}>
      {board !== null && board.late.length > 0 && board.closingTime !== null && (
        <div class="late-pickup" data-testid="late-pickup" role="alert">
          <h3>{t('late.title', { time: board.closingTime })}</h3>
          <ul>
            {board.late.flatMap((g) =>
              g.children.map((c) => (
                <li key={c.childId} data-testid="late-child" data-child-id={c.childId}>
                  {t('late.row', { name: `${c.firstName} ${c.lastName}`.trim(), group: g.group ?? t('rollcall.noGroup') })}
                </li>
              )),
            )}
          </ul>
        </div>
      )}
      <h3>{t('duty.title')}</h3>
      <p class="readers-hint">{t('duty.note')}</p>
      {board !== null && board.onDuty.length === 0 && <p>{t('duty.none')}</p>}
      <ul data-testid="duty-list">
        {board?.onDuty.map((r) => (
          <li key={r.id}>
            {t('duty.row', { name: r.name, group: groupName(r.group), time: time(r.signedInAtMs) })}{' '}
            <button
              type="button"
              class="link"
              data-testid="duty-sign-out"
              onClick={() =>
                void commands
                  .signOutDuty(r.id)
                  .then(reload)
                  .then(() => onDutyChange?.())
              }
            >
              {t('duty.signOut')}
            </button>
          </li>
        ))}
      </ul>
      {board !== null && board.elsewhere.length > 0 && (
        <>
          <h4>{t('duty.elsewhere.title')}</h4>
          <ul data-testid="duty-elsewhere">
            {board.elsewhere.map((r, i) => (
              <li key={i}>
                {t('duty.rowAt', { name: r.name, group: groupName(r.group), time: time(r.signedInAtMs), gate: r.deviceName })}
              </li>
            ))}
          </ul>
        </>
      )}
      <div class="duty-form">
        <label>
          {t('duty.name')}{' '}
          <input
            type="text"
            value={name}
            maxLength={MAX_DUTY_NAME}
            data-testid="duty-name"
            onInput={(e) => setName((e.currentTarget as HTMLInputElement).value)}
          />
        </label>{' '}
        <label>
          {t('duty.group')}{' '}
          <select value={group} data-testid="duty-group" onChange={(e) => setGroup((e.currentTarget as HTMLSelectElement).value)}>
            <option value="">{t('duty.noGroup')}</option>
            {groups.map((g) => (
              <option key={g} value={g}>
                {g}
              </option>
            ))}
          </select>
        </label>{' '}
        <button type="button" data-testid="duty-sign-in" onClick={() => void signIn()}>
          {t('duty.signIn')}
        </button>
        {problem && (
          <p class="warning" aria-live="polite" data-testid="duty-problem">
            {t(problem)}
          </p>
        )}
      </div>
      {board !== null && board.staffing.length > 0 && (
        <>
          <h3>{t('duty.ratio.title')}</h3>
          <ul data-testid="duty-ratios">
            {board.staffing.map((g) => (
              <li key={g.group}>
                {g.childrenPerStaff === null
                  ? t('duty.ratio.noStaff', { group: g.group, children: g.children })
                  : t('duty.ratio.row', { group: g.group, children: g.children, staff: g.staff, ratio: g.childrenPerStaff })}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
