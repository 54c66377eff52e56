// A reporting month: `YYYY-MM`, its UK-time window and its calendar days.
import { ukMidnight } from '../core/clock.ts';
import { InvalidValueError } from '../core/errors.ts';

/** One calendar month as reported: UK midnight on its first day to UK midnight after its last. */
export interface ReportMonth {
  /** `YYYY-MM`. */
  readonly id: string;
  /** e.g. "June 2023". */
  readonly title: string;
  readonly from: Date;
  readonly to: Date;
  /** Its days, `YYYY-MM-DD`, in order. */
  readonly days: readonly string[];
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** The days from `first` for `count` days, as `YYYY-MM-DD` (calendar arithmetic, no time zone). */
export function daysFrom(first: string, count: number): string[] {
  const start = Date.UTC(
    Number(first.slice(0, 4)),
    Number(first.slice(5, 7)) - 1,
    Number(first.slice(8, 10)),
  );
  return Array.from({ length: count }, (_, i) =>
    new Date(start + i * 86_400_000).toISOString().slice(0, 10),
  );
}

/** Parses `YYYY-MM`; anything else is an InvalidValueError naming the field. */
export function parseReportMonth(text: string, field = '--month'): ReportMonth {
  const match = /^(\d{4})-(\d{2})$/.exec(text);
  const year = Number(match?.[1]);
  const month = Number(match?.[2]);
  if (!match || month < 1 || month > 12 || year < 2000 || year > 2100) {
    throw new InvalidValueError(field, text, 'expected a month as YYYY-MM, e.g. 2023-06');
  }
  const next = month === 12 ? `${year + 1}-01` : `${year}-${pad(month + 1)}`;
  const length = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const title = new Date(Date.UTC(year, month - 1, 1)).toLocaleString('en-GB', {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
  return {
    id: text,
    title,
    from: ukMidnight(`${text}-01`),
    to: ukMidnight(`${next}-01`),
    days: daysFrom(`${text}-01`, length),
  };
}
