// SEC H8.16(b) retention: how far back before the viewing time a viewer may look.
import { InvalidValueError } from '../../core/errors.ts';

/** H8.16(b): own records stay visible for no less than three months before each access. */
export const MIN_RETENTION_MONTHS = 3;
/** The retention used when none is configured: the SEC minimum. */
export const DEFAULT_RETENTION_MONTHS = MIN_RETENTION_MONTHS;

/** The records a viewer may see, by time: `from` and `to` (the viewing time) both inclusive. */
export interface ViewWindow {
  readonly from: Date;
  readonly to: Date;
}

/** A retention setting, checked: a whole number of months, never below the SEC minimum. */
export function checkRetentionMonths(months: number = DEFAULT_RETENTION_MONTHS): number {
  if (!Number.isInteger(months)) {
    throw new InvalidValueError('retentionMonths', months, 'expected a whole number of months');
  }
  if (months < MIN_RETENTION_MONTHS) {
    throw new InvalidValueError(
      'retentionMonths',
      months,
      `SEC H8.16(b) requires at least ${MIN_RETENTION_MONTHS} months`,
    );
  }
  return months;
}

/**
 * The instant `months` calendar months before `now` (UTC), the day clamped to the end of a
 * shorter month: 31 May less three months is 28 (or 29) February, not 3 March.
 */
export function monthsBefore(now: Date, months: number): Date {
  const year = now.getUTCFullYear();
  const month = now.getUTCMonth() - months;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return new Date(
    Date.UTC(
      year,
      month,
      Math.min(now.getUTCDate(), lastDay),
      now.getUTCHours(),
      now.getUTCMinutes(),
      now.getUTCSeconds(),
      now.getUTCMilliseconds(),
    ),
  );
}

/**
 * The window of records visible at `now`: from `retentionMonths` before it up to `now`. A
 * record after `now` has not happened yet at the viewing time, so it is outside too.
 */
export function viewWindow(now: Date, retentionMonths?: number): ViewWindow {
  if (Number.isNaN(now.getTime())) throw new InvalidValueError('now', now, 'not a valid instant');
  return { from: monthsBefore(now, checkRetentionMonths(retentionMonths)), to: now };
}

/** True when the instant lies inside the window (both ends inclusive). */
export function inWindow(window: ViewWindow, at: Date): boolean {
  const t = at.getTime();
  return t >= window.from.getTime() && t <= window.to.getTime();
}
