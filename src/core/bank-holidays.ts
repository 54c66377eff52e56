// England & Wales bank holidays: from date-holidays, plus an optional gov.uk-format override file.
import { readFileSync } from 'node:fs';
import Holidays from 'date-holidays';
import { z } from 'zod';
import { parseIsoDate, type IsoDate } from './clock.ts';
import { DataFileError, InvalidValueError } from './errors.ts';

/** First and last years the working-day calendar covers. */
export const CALENDAR_FIRST_YEAR = 2010;
export const CALENDAR_LAST_YEAR = 2040;

/** Environment variable naming an optional gov.uk `bank-holidays.json` whose dates are added. */
export const BANK_HOLIDAYS_ENV = 'OPENDSP_BANK_HOLIDAYS';

/** One England & Wales bank holiday and where it came from. */
export interface BankHoliday {
  readonly date: IsoDate;
  readonly name: string;
  readonly source: 'date-holidays' | 'supplement' | 'override';
}

/**
 * One-off bank holidays in the calendar's years that date-holidays 3.37 lacks: the royal wedding
 * of 29 April 2011 (proclaimed for England & Wales; gov.uk's own file starts in 2018).
 */
export const SUPPLEMENT_BANK_HOLIDAYS: readonly BankHoliday[] = [
  { date: '2011-04-29' as IsoDate, name: 'Royal wedding', source: 'supplement' },
];

/**
 * The public holidays date-holidays knows for England & Wales in [first, last], substitute
 * days included (it keeps one-off days such as the 2023 coronation up to date on release).
 */
export function libraryBankHolidays(
  first = CALENDAR_FIRST_YEAR,
  last = CALENDAR_LAST_YEAR,
): BankHoliday[] {
  const hd = new Holidays('GB', 'ENG');
  const found: BankHoliday[] = [];
  for (let year = first; year <= last; year++) {
    for (const h of hd.getHolidays(year)) {
      if (h.type !== 'public') continue;
      // `date` is the local calendar date ("YYYY-MM-DD hh:mm:ss"); `start` would shift with BST.
      found.push({ date: h.date.slice(0, 10) as IsoDate, name: h.name, source: 'date-holidays' });
    }
  }
  return found;
}

const GovUkFile = z.object({
  'england-and-wales': z.object({
    events: z.array(z.object({ title: z.string().min(1), date: z.string() })),
  }),
});

/** Reads the England & Wales events of a gov.uk `bank-holidays.json` that is already parsed. */
export function parseBankHolidayOverrides(json: unknown, file: string): BankHoliday[] {
  const parsed = GovUkFile.safeParse(json);
  if (!parsed.success) {
    throw new DataFileError(
      file,
      parsed.error.issues.map((i) => `${i.path.join('.') || '(top level)'}: ${i.message}`),
    );
  }
  const problems: string[] = [];
  const found: BankHoliday[] = [];
  for (const [index, event] of parsed.data['england-and-wales'].events.entries()) {
    const where = `england-and-wales.events.${index} (${JSON.stringify(event.title)})`;
    try {
      const date = parseIsoDate(event.date, `${where}.date`);
      const year = Number(date.slice(0, 4));
      if (year < CALENDAR_FIRST_YEAR || year > CALENDAR_LAST_YEAR) {
        throw new InvalidValueError(
          `${where}.date`,
          date,
          `outside the supported years ${CALENDAR_FIRST_YEAR}–${CALENDAR_LAST_YEAR}`,
        );
      }
      found.push({ date, name: event.title, source: 'override' });
    } catch (error) {
      if (!(error instanceof InvalidValueError)) throw error;
      problems.push(error.message);
    }
  }
  if (problems.length > 0) throw new DataFileError(file, problems);
  return found;
}

/** Reads and checks a gov.uk `bank-holidays.json` file. */
export function readBankHolidayOverrides(file: string): BankHoliday[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new DataFileError(file, [`cannot be read: ${(error as Error).message}`], {
      cause: error,
    });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new DataFileError(file, [`is not JSON: ${(error as Error).message}`], { cause: error });
  }
  return parseBankHolidayOverrides(json, file);
}

/** The union of two lists by date, sorted; where both hold a date, the first list's entry wins. */
export function mergeBankHolidays(
  base: readonly BankHoliday[],
  extra: readonly BankHoliday[],
): BankHoliday[] {
  const byDate = new Map<string, BankHoliday>();
  for (const h of [...base, ...extra]) if (!byDate.has(h.date)) byDate.set(h.date, h);
  return [...byDate.values()].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

/**
 * The England & Wales bank holidays for the calendar: date-holidays' list and the supplement, plus the dates of
 * `overrideFile` (default: the file named by `OPENDSP_BANK_HOLIDAYS`, if set).
 */
export function loadBankHolidays(
  options: { overrideFile?: string | undefined } = {},
): BankHoliday[] {
  const file = options.overrideFile ?? process.env[BANK_HOLIDAYS_ENV];
  const base = mergeBankHolidays(libraryBankHolidays(), SUPPLEMENT_BANK_HOLIDAYS);
  return file ? mergeBankHolidays(base, readBankHolidayOverrides(file)) : base;
}
