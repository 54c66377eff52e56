// The England & Wales working-day calendar (SEC "Working Day"), with O(1) day counting.
import {
  CALENDAR_FIRST_YEAR as FIRST_YEAR,
  CALENDAR_LAST_YEAR as LAST_YEAR,
  loadBankHolidays,
  type BankHoliday,
} from './bank-holidays.ts';
import { parseIsoDate, type IsoDate } from './clock.ts';
import { InvalidValueError } from './errors.ts';

/**
 * A calendar date: `YYYY-MM-DD` (checked on every call), or a Date standing for its UTC
 * calendar date. Nothing here reads the local time zone.
 */
export type CalendarDate = IsoDate | string | Date;

/** Working days in England & Wales: Monday to Friday, except bank holidays. */
export interface WorkingDayCalendar {
  /** First and last dates the calendar covers; any other date is refused. */
  readonly firstDate: IsoDate;
  readonly lastDate: IsoDate;
  /** True on a weekday bank holiday (a holiday falling at a weekend is replaced by its substitute). */
  isBankHoliday(date: CalendarDate): boolean;
  /** True on a Monday to Friday that is not a bank holiday. */
  isWorkingDay(date: CalendarDate): boolean;
  /**
   * The nth working day after `date` when n ≥ 1, the |n|th working day before it when n ≤ −1,
   * and `date` itself (working day or not) when n = 0.
   */
  addWorkingDays(date: CalendarDate, n: number): IsoDate;
  /**
   * The working days after `from` (excluded) up to and including `to`: the count the SEC Change
   * Status Report gives for DCC assessment durations. Equal dates give 0. When `to` is before
   * `from` the count runs backwards, as a mirror image: minus the working days from `to`
   * (included) up to `from` (excluded). Either way `addWorkingDays(from, n)` is `to` whenever
   * `to` is a working day.
   */
  workingDaysBetween(from: CalendarDate, to: CalendarDate): number;
  /** The bank holidays of a year, in date order. */
  bankHolidays(year: number): readonly BankHoliday[];
}

const DAY_MS = 86_400_000;
const T0 = Date.UTC(FIRST_YEAR, 0, 1);
const YEARS = LAST_YEAR - FIRST_YEAR + 1;
/** Day index of the 1st of each month from January of FIRST_YEAR, plus one past the end. */
const MONTH_START = new Int32Array(YEARS * 12 + 1);
const MONTH_LENGTH = new Uint8Array(YEARS * 12);
for (let k = 0; k < YEARS * 12; k++) {
  const start = Date.UTC(FIRST_YEAR, k, 1);
  MONTH_START[k] = (start - T0) / DAY_MS;
  MONTH_LENGTH[k] = (Date.UTC(FIRST_YEAR, k + 1, 1) - start) / DAY_MS;
}
MONTH_START[YEARS * 12] = (Date.UTC(LAST_YEAR + 1, 0, 1) - T0) / DAY_MS;
const DAYS = MONTH_START[YEARS * 12] ?? 0;
const FIRST_DATE = `${FIRST_YEAR}-01-01` as IsoDate;
const LAST_DATE = `${LAST_YEAR}-12-31` as IsoDate;

function outOfRange(field: string, value: unknown): InvalidValueError {
  return new InvalidValueError(
    field,
    value,
    `outside the working-day calendar, which covers ${FIRST_DATE} to ${LAST_DATE}`,
  );
}

/** The number written by `length` ASCII digits at `at`, or −1. */
function digitsAt(text: string, at: number, length: number): number {
  let value = 0;
  for (let i = at; i < at + length; i++) {
    const c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    value = value * 10 + c;
  }
  return value;
}

/** Days since FIRST_DATE; the hot path of every call, so it avoids regexes and Date objects. */
function dayIndex(date: CalendarDate, field: string): number {
  if (date instanceof Date) {
    const t = date.getTime();
    if (Number.isNaN(t)) throw new InvalidValueError(field, 'Invalid Date', 'not a real time');
    const index = Math.floor((t - T0) / DAY_MS);
    if (index < 0 || index >= DAYS) throw outOfRange(field, date.toISOString().slice(0, 10));
    return index;
  }
  if (date.length === 10 && date.charCodeAt(4) === 45 && date.charCodeAt(7) === 45) {
    const y = digitsAt(date, 0, 4);
    const m = digitsAt(date, 5, 2);
    const d = digitsAt(date, 8, 2);
    if (y >= 0 && m >= 1 && m <= 12 && d >= 1) {
      const k = (y - FIRST_YEAR) * 12 + m - 1;
      if (d <= 31 && (y < FIRST_YEAR || y > LAST_YEAR)) throw outOfRange(field, date);
      if (d <= (MONTH_LENGTH[k] ?? 0)) return (MONTH_START[k] ?? 0) + d - 1;
    }
  }
  const iso = parseIsoDate(date, field); // throws the precise reason for a malformed date
  if (iso !== date) return dayIndex(iso, field);
  throw outOfRange(field, date);
}

/** Builds a calendar from a list of bank holidays (see {@link loadBankHolidays}). */
export function createWorkingDayCalendar(options: {
  holidays: readonly BankHoliday[];
}): WorkingDayCalendar {
  const isoOf: IsoDate[] = [];
  const working = new Uint8Array(DAYS);
  for (let i = 0; i < DAYS; i++) {
    const at = new Date(T0 + i * DAY_MS);
    isoOf.push(at.toISOString().slice(0, 10) as IsoDate);
    const weekday = at.getUTCDay();
    working[i] = weekday === 0 || weekday === 6 ? 0 : 1;
  }
  const holidayAt = new Map<number, BankHoliday>();
  const byYear = new Map<number, BankHoliday[]>();
  for (const holiday of options.holidays) {
    const index = dayIndex(holiday.date, `bank holiday ${JSON.stringify(holiday.name)}`);
    if (working[index] === 0 || holidayAt.has(index)) continue;
    working[index] = 0;
    holidayAt.set(index, holiday);
  }
  for (const index of [...holidayAt.keys()].sort((a, b) => a - b)) {
    const holiday = holidayAt.get(index);
    const year = Number(isoOf[index]?.slice(0, 4));
    if (holiday) byYear.set(year, [...(byYear.get(year) ?? []), holiday]);
  }
  // cumulative[i] = working days in [FIRST_DATE, day i]; nth[c] = index of the c-th working day.
  const cumulative = new Int32Array(DAYS);
  const nth = new Int32Array(DAYS + 1).fill(-1);
  let count = 0;
  for (let i = 0; i < DAYS; i++) {
    if (working[i] === 1) nth[++count] = i;
    cumulative[i] = count;
  }
  const at = (i: number): number => cumulative[i] ?? 0;
  const before = (i: number): number => at(i) - (working[i] ?? 0);

  return {
    firstDate: FIRST_DATE,
    lastDate: LAST_DATE,
    isBankHoliday: (date) => holidayAt.has(dayIndex(date, 'date')),
    isWorkingDay: (date) => working[dayIndex(date, 'date')] === 1,
    addWorkingDays(date, n) {
      const from = dayIndex(date, 'date');
      if (!Number.isSafeInteger(n)) {
        throw new InvalidValueError('working days', n, 'expected a whole number');
      }
      if (n === 0) return isoOf[from] as IsoDate;
      const target = n > 0 ? at(from) + n : before(from) + n + 1;
      const index = target >= 1 && target <= count ? (nth[target] ?? -1) : -1;
      if (index < 0) {
        throw outOfRange(
          'working days',
          `${isoOf[from] ?? ''} ${n < 0 ? '-' : '+'} ${Math.abs(n)}`,
        );
      }
      return isoOf[index] as IsoDate;
    },
    workingDaysBetween(from, to) {
      const a = dayIndex(from, 'from');
      const b = dayIndex(to, 'to');
      return b >= a ? at(b) - at(a) : before(b) - before(a);
    },
    bankHolidays(year) {
      if (!Number.isInteger(year) || year < FIRST_YEAR || year > LAST_YEAR) {
        throw new InvalidValueError(
          'year',
          year,
          `expected a year from ${FIRST_YEAR} to ${LAST_YEAR}`,
        );
      }
      return Object.freeze([...(byYear.get(year) ?? [])]);
    },
  };
}

let englandAndWales: WorkingDayCalendar | undefined;

/**
 * The England & Wales calendar, built on first use from date-holidays and the file named by
 * `OPENDSP_BANK_HOLIDAYS`, if set.
 */
export function englandAndWalesCalendar(): WorkingDayCalendar {
  englandAndWales ??= createWorkingDayCalendar({ holidays: loadBankHolidays() });
  return englandAndWales;
}

/** Whether a date is an England & Wales bank holiday (on a weekday). */
export function isBankHoliday(date: CalendarDate): boolean {
  return englandAndWalesCalendar().isBankHoliday(date);
}

/** Whether a date is an England & Wales working day. */
export function isWorkingDay(date: CalendarDate): boolean {
  return englandAndWalesCalendar().isWorkingDay(date);
}

/** See {@link WorkingDayCalendar.addWorkingDays}. */
export function addWorkingDays(date: CalendarDate, n: number): IsoDate {
  return englandAndWalesCalendar().addWorkingDays(date, n);
}

/** See {@link WorkingDayCalendar.workingDaysBetween}. */
export function workingDaysBetween(from: CalendarDate, to: CalendarDate): number {
  return englandAndWalesCalendar().workingDaysBetween(from, to);
}

/** The England & Wales bank holidays of a year, with their names, in date order. */
export function bankHolidays(year: number): readonly BankHoliday[] {
  return englandAndWalesCalendar().bankHolidays(year);
}
