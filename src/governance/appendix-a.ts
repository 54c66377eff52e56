// Appendix A of the Change Status Report: DCC Preliminary and Impact Assessments in working days.
import { workingDaysBetween } from '../core/calendar.ts';
import { parseIsoDate } from '../core/clock.ts';
import { InvalidValueError } from '../core/errors.ts';
import { compareWhen, eventDates } from './load-register.ts';
import type { Register } from './schema.ts';

/** One DCC assessment row of Appendix A. */
export interface AssessmentRow {
  readonly proposal: string;
  readonly type: 'PA' | 'IA';
  readonly accepted: string | null;
  readonly returned: string | null;
  readonly targetWorkingDays: number | null;
  /** Working days after the accepted date up to and including the report date (or the return). */
  readonly duration: number | null;
  /** The figure the source report prints for this row, when it has one. */
  readonly printedDuration: number | null;
}

/** Appendix A as at a report date. */
export interface AppendixA {
  readonly asOf: string;
  readonly open: readonly AssessmentRow[];
  /** Returned in the financial year (1 April to 31 March) of the report date, up to it. */
  readonly completedInYear: readonly AssessmentRow[];
  /** Returned in the month the report covers: the month before the report date (January 2020's is dated 7 February 2020). */
  readonly completedInMonth: readonly AssessmentRow[];
  readonly financialYear: string;
  /** The month the report covers (YYYY-MM). */
  readonly reportMonth: string;
}

/** The rounded mean duration of rows of one type (null when none has a duration). */
export function averageDuration(rows: readonly AssessmentRow[], type: 'PA' | 'IA'): number | null {
  const days = rows.flatMap((r) => (r.type === type && r.duration !== null ? [r.duration] : []));
  return days.length === 0 ? null : Math.round(days.reduce((a, b) => a + b, 0) / days.length);
}

/** The earliest date anywhere in the register. */
export function earliestDate(register: Register): string | null {
  const all = register.proposals.flatMap((p) => [
    ...(p.raised === null ? [] : [p.raised]),
    ...p.events.flatMap((e) => eventDates(e).map(([, d]) => d)),
  ]);
  return all.reduce<string | null>((m, d) => (m === null || compareWhen(d, m) < 0 ? d : m), null);
}

function rows(register: Register): AssessmentRow[] {
  return register.proposals.flatMap((p) =>
    p.events.flatMap((e) =>
      e.kind === 'assessment'
        ? [
            {
              proposal: p.id,
              type: e.type,
              accepted: e.accepted ?? null,
              returned: e.returned ?? null,
              targetWorkingDays: e.targetWorkingDays ?? null,
              duration: null,
              printedDuration: e.printedDuration ?? null,
            },
          ]
        : [],
    ),
  );
}

/**
 * Computes Appendix A as at `asOf`. Durations use the England & Wales working-day calendar:
 * working days after the accepted date up to and including the report date.
 */
export function computeAppendixA(register: Register, asOf: string): AppendixA {
  const day = parseIsoDate(asOf, 'asOf');
  const first = earliestDate(register);
  if (first === null || compareWhen(day, first) < 0) {
    throw new InvalidValueError(
      'asOf',
      asOf,
      `before any data in the register (${first ?? 'none'})`,
    );
  }
  const year = Number(day.slice(0, 4)) - (day.slice(5, 7) < '04' ? 1 : 0);
  const fyStart = `${year}-04-01`;
  const prev = new Date(Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 2, 1));
  const month = prev.toISOString().slice(0, 7);
  const all = rows(register).filter((r) => r.accepted === null || r.accepted <= day);
  const open = all
    .filter((r) => r.accepted !== null && (r.returned === null || compareWhen(r.returned, day) > 0))
    .map((r) => ({ ...r, duration: workingDaysBetween(r.accepted ?? day, day) }));
  const done = all
    .filter((r) => r.returned !== null && compareWhen(r.returned, day) <= 0)
    .map((r) => ({
      ...r,
      duration:
        r.accepted !== null && r.returned?.length === 10
          ? workingDaysBetween(r.accepted, r.returned)
          : null,
    }));
  return {
    asOf: day,
    open,
    completedInYear: done.filter((r) => compareWhen(r.returned ?? '', fyStart) >= 0),
    completedInMonth: done.filter((r) => r.returned?.slice(0, 7) === month),
    reportMonth: month,
    financialYear: `${year}/${String(year + 1).slice(2)}`,
  };
}
