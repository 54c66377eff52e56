// Time in the month-trail generator: UK calendar days, local hours, daily shapes and incidents.
import { isBankHoliday } from '../core/calendar.ts';

/** One hour and one day in milliseconds. */
export const HOUR_MS = 3_600_000;
/** One day in milliseconds (a UK calendar day is 23 or 25 hours twice a year). */
export const DAY_MS = 86_400_000;

/** Relative request traffic per UK hour: overnight read collection, daytime operations. */
export const DIURNAL = [
  3, 3, 3, 3, 2.5, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1.5, 2, 2.5,
] as const;

/** Instant (UTC ms) of 01:00 UTC on the last Sunday of a month (month 0-based). */
function lastSundayOneAm(year: number, month: number): number {
  const last = Date.UTC(year, month + 1, 0, 1);
  return last - new Date(last).getUTCDay() * DAY_MS;
}

const summer = new Map<number, readonly [number, number]>();

/**
 * Offset of UK civil time from UTC at an instant, in ms: British Summer Time runs from 01:00
 * UTC on the last Sunday of March to 01:00 UTC on the last Sunday of October (Summer Time
 * Order 2002).
 */
export function ukOffsetMs(t: number): number {
  const year = new Date(t).getUTCFullYear();
  let range = summer.get(year);
  if (range === undefined) {
    range = [lastSundayOneAm(year, 2), lastSundayOneAm(year, 9)];
    summer.set(year, range);
  }
  return t >= range[0] && t < range[1] ? HOUR_MS : 0;
}

/** The UK hour of the day (0–23) at an instant. */
export function ukHour(t: number): number {
  return Math.floor((t + ukOffsetMs(t)) / HOUR_MS) % 24;
}

/** One UK calendar day: its midnight and the next, and what kind of day it is. */
export interface UkDay {
  readonly start: number;
  readonly end: number;
  /** `YYYY-MM-DD`. */
  readonly date: string;
  /** 0 Sunday … 6 Saturday. */
  readonly weekday: number;
  readonly bankHoliday: boolean;
}

/** UTC instant of UK midnight at the start of the calendar date with this UTC-midnight value. */
function ukMidnight(utcMidnight: number): number {
  // The clocks change at 01:00 UTC, so the offset an hour before UTC midnight is the offset
  // in force at local midnight.
  return utcMidnight - ukOffsetMs(utcMidnight - HOUR_MS);
}

/** The UK calendar date (as its UTC midnight) that an instant falls on. */
function dateOf(t: number): number {
  const local = t + ukOffsetMs(t);
  return local - (((local % DAY_MS) + DAY_MS) % DAY_MS);
}

/** The UK days overlapping [from, to), plus `before` whole days before `from`'s day. */
export function ukDays(range: { readonly from: number; readonly to: number }, before = 0): UkDay[] {
  const days: UkDay[] = [];
  for (let d = dateOf(range.from) - before * DAY_MS; ukMidnight(d) < range.to; d += DAY_MS) {
    const date = new Date(d).toISOString().slice(0, 10);
    days.push({
      start: ukMidnight(d),
      end: ukMidnight(d + DAY_MS),
      date,
      weekday: new Date(d).getUTCDay(),
      bankHoliday: isBankHoliday(date),
    });
  }
  return days;
}

/** True on a Monday to Friday that is not an England & Wales bank holiday. */
export function isWorkingUkDay(day: UkDay): boolean {
  return day.weekday !== 0 && day.weekday !== 6 && !day.bankHoliday;
}

/** A period in which Devices fail and go unanswered more often (a Category 1 or 2 Incident). */
export interface TrailIncident {
  readonly from: Date;
  readonly to: Date;
  /** Multiplies failure and no-response rates while it lasts. */
  readonly failureMultiplier: number;
}

/** The product of the multipliers of the incidents in force at `t` (1 outside them all). */
export function incidentFactor(incidents: readonly TrailIncident[], t: number): number {
  let f = 1;
  for (const i of incidents)
    if (t >= i.from.getTime() && t < i.to.getTime()) f *= i.failureMultiplier;
  return f;
}
