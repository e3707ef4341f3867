// When a downloaded kiosk update may take over: never while the gate is held (an enrolment) or
// within the quiet time after the last face/greeting; in the nightly window a short quiet time is enough.
import type { ActivitySnapshot } from './activity';
import type { PwaConfig } from '../config';

export type UpdateVerdict = { apply: true; reason: 'idle' | 'nightly' } | { apply: false; reason: 'held' | 'recent-activity' };

export function inNightlyWindow(localHour: number, [start, end]: readonly [number, number]): boolean {
  return start <= end ? localHour >= start && localHour < end : localHour >= start || localHour < end;
}

export function updateVerdict(
  activity: ActivitySnapshot,
  nowMs: number,
  localHour: number,
  config: Pick<PwaConfig, 'updateIdleMs' | 'nightlyIdleMs' | 'nightlyWindowHours'>,
): UpdateVerdict {
  if (activity.holds > 0) return { apply: false, reason: 'held' };
  const quietMs = activity.lastActivityMs === null ? Infinity : nowMs - activity.lastActivityMs;
  const nightly = inNightlyWindow(localHour, config.nightlyWindowHours);
  if (nightly && quietMs >= config.nightlyIdleMs) return { apply: true, reason: 'nightly' };
  if (quietMs >= config.updateIdleMs) return { apply: true, reason: 'idle' };
  return { apply: false, reason: 'recent-activity' };
}
