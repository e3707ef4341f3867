// The staff panel's "made by" choice: which member of staff on duty at this tablet makes the hand marks and corrections
// of this PIN session (the event carries their duty sign-in and typed name to the district register and its integrity
// signals). With one member on duty it is them; with several, each chooses themselves; "nobody named" is always there.
import { useEffect, useState } from 'preact/hooks';
import type { KioskRuntime, StaffDutyRecord } from '../../runtime/screen-api';
import type { MessageKey } from '../i18n/messages';
import type { Params } from '../i18n/translate';

interface Props {
  runtime: KioskRuntime;
  t: (key: MessageKey, params?: Params) => string;
  /** The chosen duty sign-in's id; null: nobody named; undefined: not chosen yet. */
  value: string | null | undefined;
  onChange(dutyId: string | null | undefined): void;
  /** Re-read every this many ms, and whenever this changes (a sign-in or sign-out on the duty board). */
  refreshMs: number;
  dutyVersion: number;
}

export function MarkedBy({ runtime, t, value, onChange, refreshMs, dutyVersion }: Props) {
  const [staff, setStaff] = useState<StaffDutyRecord[]>([]);
  useEffect(() => {
    const reload = async () => setStaff(await runtime.commands.onDutyHere().catch(() => []));
    void reload();
    const id = setInterval(() => void reload(), refreshMs);
    return () => clearInterval(id);
  }, [dutyVersion]);
  useEffect(() => {
    // One member on duty and nobody chosen yet: them. A chosen member who signed out: choose again.
    if (value === undefined && staff.length === 1) onChange(staff[0]!.id);
    else if (typeof value === 'string' && staff.length > 0 && !staff.some((s) => s.id === value)) onChange(undefined);
  }, [staff, value]);
  const selected = typeof value === 'string' && staff.some((s) => s.id === value) ? value : '';
  return (
    <div class="marked-by" data-testid="marked-by">
      <label>
        {t('duty.markedBy')}{' '}
        <select
          value={selected}
          data-testid="marked-by-select"
          onChange={(e) => {
            const v = (e.currentTarget as HTMLSelectElement).value;
            onChange(v === '' ? null : v);
          }}
        >
          <option value="">{t('duty.markedBy.nobody')}</option>
          {staff.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </select>
      </label>
      <p class="readers-hint">{t('duty.markedBy.note')}</p>
    </div>
  );
}
