// Time as the domain sees it: an injectable clock and ISO date helpers.
import { InvalidValueError } from './errors.ts';

/** Source of the current time; tests and simulations give their own. */
export interface Clock {
  now(): Date;
}

/** The machine's clock. */
export const systemClock: Clock = { now: () => new Date() };

/** A clock that stays where it is set and moves only when told. */
export function createFixedClock(
  start: Date,
): Clock & { set(at: Date): void; advance(ms: number): void } {
  let current = start.getTime();
  return {
    now: () => new Date(current),
    set: (at) => {
      current = at.getTime();
    },
    advance: (ms) => {
      current += ms;
    },
  };
}

/** A calendar date written `YYYY-MM-DD`. */
export type IsoDate = string & { readonly __brand: 'IsoDate' };

/** Parses `YYYY-MM-DD`, refusing impossible dates such as 2021-02-30. */
export function parseIsoDate(text: string, field = 'date'): IsoDate {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  if (!m) throw new InvalidValueError(field, text, 'expected a date written YYYY-MM-DD');
  const [, y, mo, d] = m;
  // setUTCFullYear, not Date.UTC: Date.UTC reads years 0–99 as 1900–1999.
  const date = new Date(0);
  date.setUTCFullYear(Number(y), Number(mo) - 1, Number(d));
  if (date.getUTCMonth() !== Number(mo) - 1 || date.getUTCDate() !== Number(d)) {
    throw new InvalidValueError(field, text, 'there is no such day in the calendar');
  }
  return text.trim() as IsoDate;
}

/** The calendar date (UTC) of an instant. */
export function toIsoDate(at: Date): IsoDate {
  return at.toISOString().slice(0, 10) as IsoDate;
}

/** The UK (Europe/London) calendar date of an instant. */
export function toUkDate(at: Date): IsoDate {
  return at.toLocaleDateString('en-CA', { timeZone: 'Europe/London' }) as IsoDate;
}

/** Parses an ISO 8601 instant (`2024-03-01T10:00:00Z`) or a bare date (midnight UTC). */
export function parseInstant(text: string, field = 'time'): Date {
  const t = text.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(t)) return new Date(`${parseIsoDate(t, field)}T00:00:00Z`);
  const m =
    /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.exec(t);
  if (!m) {
    throw new InvalidValueError(
      field,
      text,
      'expected an ISO 8601 time with a zone, e.g. 2024-03-01T10:00:00Z',
    );
  }
  // The Date parser rolls 2021-02-30 over into March, so the day is checked on its own.
  parseIsoDate(m[1] ?? '', field);
  const at = new Date(t);
  if (Number.isNaN(at.getTime())) throw new InvalidValueError(field, text, 'not a real time');
  return at;
}

/** Midnight in the UK (Europe/London) at the start of a calendar date, as an instant. */
export function ukMidnight(isoDate: string): Date {
  const utcMidnight = new Date(`${parseIsoDate(isoDate)}T00:00:00Z`);
  const london = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/London',
    hour: 'numeric',
    hourCycle: 'h23',
  });
  const hour = Number(london.format(utcMidnight));
  // In British Summer Time, 00:00 UTC is 01:00 in London: local midnight was an hour earlier.
  return new Date(utcMidnight.getTime() - hour * 3_600_000);
}
