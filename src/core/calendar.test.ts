import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  BANK_HOLIDAYS_ENV,
  libraryBankHolidays,
  loadBankHolidays,
  readBankHolidayOverrides,
} from './bank-holidays.ts';
import {
  addWorkingDays,
  bankHolidays,
  createWorkingDayCalendar,
  isBankHoliday,
  isWorkingDay,
  workingDaysBetween,
} from './calendar.ts';
import { DataFileError, InvalidValueError } from './errors.ts';

const datesOf = (year: number): string[] => bankHolidays(year).map((h) => h.date);

describe('England & Wales bank holidays', () => {
  it('2019: Easter 19 and 22 April, Christmas 25 and 26 December', () => {
    expect(datesOf(2019)).toEqual([
      '2019-01-01',
      '2019-04-19',
      '2019-04-22',
      '2019-05-06',
      '2019-05-27',
      '2019-08-26',
      '2019-12-25',
      '2019-12-26',
    ]);
  });

  it('2020: VE day moved the early May holiday to Friday 8 May; Boxing Day substitute 28 Dec', () => {
    expect(isBankHoliday('2020-04-10')).toBe(true);
    expect(isBankHoliday('2020-04-13')).toBe(true);
    expect(isBankHoliday('2020-05-08')).toBe(true);
    expect(isBankHoliday('2020-05-04')).toBe(false);
    expect(isWorkingDay('2020-05-04')).toBe(true);
    expect(isBankHoliday('2020-12-28')).toBe(true);
    expect(isBankHoliday('2020-12-26')).toBe(false); // a Saturday: its substitute is the holiday
    expect(datesOf(2020)).toHaveLength(8);
  });

  it('2022: substitutes, the Platinum Jubilee and the state funeral', () => {
    expect(datesOf(2022)).toEqual([
      '2022-01-03',
      '2022-04-15',
      '2022-04-18',
      '2022-05-02',
      '2022-06-02',
      '2022-06-03',
      '2022-08-29',
      '2022-09-19',
      '2022-12-26',
      '2022-12-27',
    ]);
    expect(isWorkingDay('2022-05-30')).toBe(true); // the usual late-May Monday was moved to 2 June
  });

  it('2023: the coronation on 8 May', () => {
    expect(isBankHoliday('2023-05-08')).toBe(true);
    expect(bankHolidays(2023).find((h) => h.date === '2023-05-08')?.name).toMatch(/Coronation/);
  });

  it('2027: Christmas and Boxing Day both fall at the weekend, substitutes 27 and 28 Dec', () => {
    expect(isBankHoliday('2027-12-27')).toBe(true);
    expect(isBankHoliday('2027-12-28')).toBe(true);
    expect(isWorkingDay('2027-12-29')).toBe(true);
  });

  it('2011: the royal wedding of 29 April, which date-holidays lacks, comes from the supplement', () => {
    expect(isBankHoliday('2011-04-29')).toBe(true);
    expect(bankHolidays(2011).find((h) => h.date === '2011-04-29')?.source).toBe('supplement');
  });

  it('every year from 2015 to 2030 has at least 8 bank holidays, all on weekdays, with names', () => {
    for (let year = 2015; year <= 2030; year++) {
      const list = bankHolidays(year);
      expect(list.length, String(year)).toBeGreaterThanOrEqual(8);
      for (const h of list) {
        expect(h.date.startsWith(String(year))).toBe(true);
        expect(h.name.length).toBeGreaterThan(0);
        expect([0, 6]).not.toContain(new Date(`${h.date}T00:00:00Z`).getUTCDay());
      }
    }
  });

  it('refuses a year outside 2010–2040', () => {
    expect(() => bankHolidays(2009)).toThrow(InvalidValueError);
    expect(() => bankHolidays(2041)).toThrow(/2010 to 2040/);
  });
});

describe('working days', () => {
  it('weekends are not working days, ordinary weekdays are', () => {
    expect(isWorkingDay('2024-06-08')).toBe(false); // Saturday
    expect(isWorkingDay('2024-06-09')).toBe(false); // Sunday
    expect(isWorkingDay('2024-06-10')).toBe(true); // Monday
    expect(isWorkingDay('2024-06-14')).toBe(true); // Friday
    expect(isBankHoliday('2024-06-08')).toBe(false);
  });

  it('takes a Date as its UTC calendar date', () => {
    expect(isBankHoliday(new Date('2020-05-08T00:00:00Z'))).toBe(true);
    expect(isBankHoliday(new Date('2020-05-08T23:59:59.999Z'))).toBe(true);
    expect(isBankHoliday(new Date('2020-05-07T23:00:00Z'))).toBe(false); // 00:00 BST on the 8th
  });

  it('adds working days across Christmas, forwards and backwards', () => {
    expect(addWorkingDays('2019-12-23', 3)).toBe('2019-12-30');
    expect(addWorkingDays('2020-12-24', 1)).toBe('2020-12-29');
    expect(addWorkingDays('2020-12-29', -1)).toBe('2020-12-24');
    expect(addWorkingDays('2021-01-04', -1)).toBe('2020-12-31');
    expect(addWorkingDays('2027-12-24', 1)).toBe('2027-12-29');
  });

  it('adding 0 gives the date itself; from a weekend, ±1 is the next or previous working day', () => {
    expect(addWorkingDays('2024-06-08', 0)).toBe('2024-06-08');
    expect(addWorkingDays('2024-06-08', 1)).toBe('2024-06-10');
    expect(addWorkingDays('2024-06-08', -1)).toBe('2024-06-07');
    expect(addWorkingDays(new Date('2024-06-10T15:00:00Z'), 0)).toBe('2024-06-10');
  });

  it('10 working days after a date (the SEC "within 10 Working Days" rule)', () => {
    // 2022-08-24 Wed: 25, 26, [29 bank holiday], 30, 31, 1, 2, 5, 6, 7, 8 Sep.
    expect(addWorkingDays('2022-08-24', 10)).toBe('2022-09-08');
    // 2022-09-12 Mon: 13–16, [19 state funeral], 20–23, 26, 27.
    expect(addWorkingDays('2022-09-12', 10)).toBe('2022-09-27');
    expect(workingDaysBetween('2022-08-24', '2022-09-08')).toBe(10);
  });

  it('counts the working days after `from` up to and including `to`', () => {
    expect(workingDaysBetween('2024-06-10', '2024-06-10')).toBe(0);
    expect(workingDaysBetween('2024-06-07', '2024-06-10')).toBe(1); // Fri → Mon
    expect(workingDaysBetween('2024-06-08', '2024-06-09')).toBe(0); // Sat → Sun
    expect(workingDaysBetween('2024-06-10', '2024-06-07')).toBe(-1); // Mon → Fri before
    expect(workingDaysBetween('2024-06-10', '2024-06-08')).toBe(0); // Mon → Sat before: mirror
    expect(workingDaysBetween('2024-06-09', '2024-06-07')).toBe(-1); // Sun → Fri before
    expect(workingDaysBetween(new Date('2019-12-24T09:00:00Z'), '2019-12-27')).toBe(1);
  });

  it('2019-07-30 to 2020-01-31 matches a naive count with the holidays written out', () => {
    // By hand: Jul 1, Aug 22−1, Sep 21, Oct 23, Nov 21, Dec 22−2, Jan 23−1 = 129.
    const holidays = new Set(['2019-08-26', '2019-12-25', '2019-12-26', '2020-01-01']);
    let naive = 0;
    const end = Date.UTC(2020, 0, 31);
    for (let t = Date.UTC(2019, 6, 31); t <= end; t += 86_400_000) {
      const day = new Date(t);
      const iso = day.toISOString().slice(0, 10);
      if (day.getUTCDay() !== 0 && day.getUTCDay() !== 6 && !holidays.has(iso)) naive++;
    }
    expect(naive).toBe(129);
    expect(workingDaysBetween('2019-07-30', '2020-01-31')).toBe(naive);
    expect(workingDaysBetween('2020-01-31', '2019-07-30')).toBe(-naive);
  });

  it('addWorkingDays(a, workingDaysBetween(a, b)) is b when b is a working day, both ways', () => {
    let seed = 12_345;
    const nextDay = (): string => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return new Date(Date.UTC(2015, 0, 1) + (seed % 6_000) * 86_400_000)
        .toISOString()
        .slice(0, 10);
    };
    for (let i = 0; i < 2_000; i++) {
      const a = nextDay();
      const b = nextDay();
      const n = workingDaysBetween(a, b);
      const landed = addWorkingDays(a, n);
      if (isWorkingDay(b) || a === b) expect(landed, `${a} → ${b}`).toBe(b);
      else expect(workingDaysBetween(landed, b), `${a} → ${b}`).toBe(0);
    }
  });

  it('agrees with a day-by-day sum of isWorkingDay over a whole year', () => {
    let sum = 0;
    for (let t = Date.UTC(2022, 0, 1); t <= Date.UTC(2022, 11, 31); t += 86_400_000) {
      if (isWorkingDay(new Date(t))) sum++;
    }
    expect(workingDaysBetween('2021-12-31', '2022-12-31')).toBe(sum);
    expect(sum).toBe(260 - 10);
  });

  it('refuses dates outside 2010–2040, naming the date and the range', () => {
    expect(() => isWorkingDay('2009-12-31')).toThrow(InvalidValueError);
    expect(() => isWorkingDay('2009-12-31')).toThrow(/"2009-12-31".*2010-01-01 to 2040-12-31/);
    expect(() => workingDaysBetween('2020-01-01', '2041-01-01')).toThrow(/^to: "2041-01-01"/);
    expect(() => isBankHoliday(new Date('2045-05-01T00:00:00Z'))).toThrow(/2045-05-01/);
    expect(() => addWorkingDays('2040-12-31', 1)).toThrow(/2040-12-31 \+ 1/);
    // 2010-01-04 is the first working day of the range (1 January 2010 was a Friday holiday).
    expect(addWorkingDays('2010-01-05', -1)).toBe('2010-01-04');
    expect(() => addWorkingDays('2010-01-04', -1)).toThrow(InvalidValueError);
  });

  it('refuses malformed and impossible dates and fractional counts', () => {
    expect(() => isWorkingDay('2021-02-30')).toThrow(/no such day/);
    expect(() => isWorkingDay('2021/02/03')).toThrow(/YYYY-MM-DD/);
    expect(() => isWorkingDay(new Date(Number.NaN))).toThrow(InvalidValueError);
    expect(() => addWorkingDays('2021-02-03', 1.5)).toThrow(/whole number/);
    expect(isWorkingDay(' 2021-02-03 ')).toBe(true);
  });

  it('answers 200,000 workingDaysBetween calls well within a second', () => {
    const dates = Array.from({ length: 1_000 }, (_, i) =>
      new Date(Date.UTC(2012, 0, 1) + i * 9 * 86_400_000).toISOString().slice(0, 10),
    );
    const started = performance.now();
    let total = 0;
    for (let i = 0; i < 200_000; i++) {
      total += workingDaysBetween(dates[i % 1_000]!, dates[(i * 7) % 1_000]!);
    }
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(Number.isInteger(total)).toBe(true);
  });
});

describe('calendar sources', () => {
  const dir = mkdtempSync(join(tmpdir(), 'opendsp-calendar-'));
  const write = (name: string, content: unknown): string => {
    const file = join(dir, name);
    writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
    return file;
  };
  const govUk = (events: unknown): unknown => ({
    'england-and-wales': { division: 'england-and-wales', events },
    scotland: { division: 'scotland', events: [] },
  });

  afterEach(() => {
    Reflect.deleteProperty(process.env, BANK_HOLIDAYS_ENV);
  });

  it('date-holidays gives calendar dates whatever the process time zone', () => {
    const before = process.env['TZ'];
    try {
      process.env['TZ'] = 'America/New_York';
      const ny = libraryBankHolidays(2020, 2020).map((h) => h.date);
      process.env['TZ'] = 'Pacific/Kiritimati';
      const kiritimati = libraryBankHolidays(2020, 2020).map((h) => h.date);
      expect(ny).toContain('2020-05-08');
      expect(kiritimati).toEqual(ny);
    } finally {
      if (before === undefined) delete process.env['TZ'];
      else process.env['TZ'] = before;
    }
  });

  it('adds the dates of a gov.uk bank-holidays.json named by OPENDSP_BANK_HOLIDAYS', () => {
    process.env[BANK_HOLIDAYS_ENV] = write(
      'extra.json',
      govUk([
        { title: 'Imagined jubilee', date: '2031-06-06', notes: '', bunting: true },
        { title: 'Boxing Day', date: '2019-12-26', notes: '', bunting: true },
      ]),
    );
    const holidays = loadBankHolidays();
    const calendar = createWorkingDayCalendar({ holidays });
    expect(calendar.isBankHoliday('2031-06-06')).toBe(true);
    expect(calendar.bankHolidays(2031).find((h) => h.date === '2031-06-06')?.source).toBe(
      'override',
    );
    expect(holidays.filter((h) => h.date === '2019-12-26')).toHaveLength(1);
    expect(isBankHoliday('2031-06-06')).toBe(false); // the default calendar is unchanged
  });

  it('names the file and the entry when an override entry is wrong', () => {
    const file = write(
      'bad.json',
      govUk([
        { title: 'Fine', date: '2030-06-07' },
        { title: 'Leap', date: '2030-02-29' },
      ]),
    );
    expect(() => readBankHolidayOverrides(file)).toThrow(DataFileError);
    expect(() => readBankHolidayOverrides(file)).toThrow(
      new RegExp(`${file.replaceAll('\\', '\\\\')} is invalid:[^]*events\\.1 \\("Leap"\\)`),
    );
  });

  it('refuses a file of the wrong shape, one that is not JSON, and one that is missing', () => {
    const shape = write('shape.json', {
      'england-and-wales': { events: [{ date: '2030-01-01' }] },
    });
    expect(() => readBankHolidayOverrides(shape)).toThrow(/england-and-wales\.events\.0\.title/);
    expect(() => readBankHolidayOverrides(write('broken.json', '{"england'))).toThrow(/not JSON/);
    expect(() => readBankHolidayOverrides(join(dir, 'absent.json'))).toThrow(/cannot be read/);
    expect(() =>
      readBankHolidayOverrides(write('old.json', govUk([{ title: 'Old', date: '1999-12-31' }]))),
    ).toThrow(/supported years 2010–2040/);
  });
});
