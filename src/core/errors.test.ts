import { describe, expect, it } from 'vitest';
import {
  ConflictError,
  DataFileError,
  ERROR_CODES,
  IllegalTransitionError,
  InvalidValueError,
  NotFoundError,
  OpendspError,
  showValue,
  StorageError,
} from './errors.ts';

describe('InvalidValueError', () => {
  it('names the field, the value and the reason', () => {
    const error = new InvalidValueError('MPAN core', '123', 'an MPAN core has 13 digits');
    expect(error.message).toBe('MPAN core: "123" is not valid: an MPAN core has 13 digits');
    expect(error).toMatchObject({ field: 'MPAN core', value: '123', code: 'INVALID_VALUE' });
    expect(error.name).toBe('InvalidValueError');
    expect(error).toBeInstanceOf(OpendspError);
    expect(error).toBeInstanceOf(Error);
  });

  it('cuts long values', () => {
    const error = new InvalidValueError('note', 'x'.repeat(500), 'too long');
    expect(error.message).toBe(`note: "${'x'.repeat(76)}... is not valid: too long`);
  });
});

describe('showValue', () => {
  it('quotes strings, keeps them on one line and cuts them at 80 characters', () => {
    expect(showValue('a\nb')).toBe('"a\\nb"');
    expect(showValue('y'.repeat(100))).toHaveLength(80);
  });

  it('shows numbers as written, NaN and bigints included', () => {
    expect(showValue(42)).toBe('42');
    expect(showValue(Number.NaN)).toBe('NaN');
    expect(showValue(-Infinity)).toBe('-Infinity');
    expect(showValue(12n)).toBe('12');
  });

  it('shows objects, undefined, symbols and functions without throwing', () => {
    expect(showValue({ a: 1 })).toBe('{"a":1}');
    expect(showValue(null)).toBe('null');
    expect(showValue(undefined)).toBe('nothing');
    expect(showValue(Symbol('s'))).toBe('Symbol(s)');
    expect(
      showValue(function f() {
        return 1;
      }),
    ).toBe('function f');
    const circular: Record<string, unknown> = {};
    circular['self'] = circular;
    expect(showValue(circular)).toBe('[object Object]');
  });
});

describe('error registry', () => {
  it('maps every code to an HTTP status and a meaning', () => {
    for (const [code, entry] of Object.entries(ERROR_CODES)) {
      expect(entry.status, code).toBeGreaterThanOrEqual(400);
      expect(entry.status, code).toBeLessThan(600);
      expect(entry.meaning.length, code).toBeGreaterThan(0);
    }
  });

  it('gives each error class its code and status', () => {
    const cases: [OpendspError, string, number][] = [
      [new InvalidValueError('f', 1, 'r'), 'INVALID_VALUE', 400],
      [new NotFoundError('Device', '00-11'), 'NOT_FOUND', 404],
      [new IllegalTransitionError('device', 'Pending', 'Recovered', []), 'ILLEGAL_TRANSITION', 409],
      [new ConflictError('taken'), 'CONFLICT', 409],
      [new DataFileError('x.json', ['bad']), 'DATA_FILE', 500],
      [new StorageError('duckdb', 'locked'), 'STORAGE', 503],
    ];
    for (const [error, code, status] of cases) {
      expect(error.code).toBe(code);
      expect(error.status).toBe(status);
      expect(error.status).toBe(ERROR_CODES[error.code].status);
    }
  });

  it('writes messages that say what went wrong', () => {
    expect(new NotFoundError('Device', 'AB').message).toBe('Device "AB" was not found');
    expect(new IllegalTransitionError('device', 'Pending', 'Recovered', []).message).toBe(
      'device: cannot go from Pending to Recovered; from Pending the allowed steps are none (it is final)',
    );
    expect(new StorageError('postgres', 'refused').message).toBe('postgres: refused');
  });

  it('lists at most 20 problems of a data file, then says how many more', () => {
    const problems = Array.from({ length: 23 }, (_, i) => `row ${i}: bad`);
    const error = new DataFileError('register.csv', problems);
    expect(error.message.split('\n')).toHaveLength(22);
    expect(error.message).toMatch(/^register\.csv is invalid:\n {2}- row 0: bad/);
    expect(error.message).toMatch(/\.\.\. and 3 more$/);
    expect(error.problems).toHaveLength(23);
  });
});
