import { describe, expect, it } from 'vitest';
import { NotFoundError } from '../core/errors.ts';
import { implementationDate } from './implementation-date.ts';
import { loadRegister } from './load-register.ts';

const register = loadRegister();

describe('implementation-date rules', () => {
  it('MP141: 3 November 2022 if decided by 3 February 2022 (its vote was 24 November 2021)', () => {
    expect(implementationDate(register, 'MP141')?.date).toBe('2022-11-03');
    expect(implementationDate(register, 'MP141', '2022-02-03')?.date).toBe('2022-11-03');
  });

  it('MP141: 29 June 2023 if decided after 3 February 2022, none after 29 September 2023', () => {
    expect(implementationDate(register, 'MP141', '2022-02-04')?.release).toBe('2023-06');
    expect(implementationDate(register, 'MP141', '2023-09-30')).toBeNull();
  });

  it('MP176: the February 2023 Release if approved by 23 August 2022, else 10 working days after', () => {
    expect(implementationDate(register, 'MP176', '2022-08-23')?.date).toBe('2023-02-23');
    // 24 Aug 2022 + 10 working days, skipping the August bank holiday (29 Aug 2022).
    expect(implementationDate(register, 'MP176', '2022-08-24')?.date).toBe('2022-09-08');
    expect(implementationDate(register, 'MP176')).toBeNull();
  });

  it('MP178: approved on 21 June 2023 for the June 2024 SEC Release (27 June 2024)', () => {
    const d = implementationDate(register, 'MP178');
    expect(d?.date).toBe('2024-06-27');
    expect(d?.release).toBe('2024-06');
    expect(d?.basis).toMatch(/June 2024 SEC Release; target release, approved 2023-06-21/);
  });

  it('MP097: approved on 22 January 2020 for the February 2020 SEC Release', () => {
    expect(implementationDate(register, 'MP097')?.date).toBe('2020-02-27');
    expect(() => implementationDate(register, 'MP999')).toThrow(NotFoundError);
  });
});
