import { describe, expect, it } from 'vitest';
import { IllegalTransitionError, InvalidValueError, NotFoundError } from '../core/errors.ts';
import { governanceAdvance, governanceList, governanceReport, governanceShow } from './cli.ts';
import { checkRegister, loadRegister } from './load-register.ts';

const register = loadRegister();

describe('governance CLI functions', () => {
  it('lists proposals filtered by stage, path and text', () => {
    expect(governanceList(register, { stage: 'pending-implementation' }).split('\n')).toHaveLength(
      5,
    );
    expect(governanceList(register, { path: 'Authority-determined' })).toMatch(/^MP079\tauthority/);
    expect(governanceList(register, { text: 'gemma' })).toMatch(/^DP107\t/);
    expect(governanceList(register, { text: 'nothing like this' })).toBe('');
  });

  it('shows a proposal with its timeline in date order', () => {
    const text = governanceShow(register, 'MP141');
    expect(text).toContain('Proposer: Clive Hallam (DCC)');
    expect(text).toMatch(/2021-03-05 {2}DCC Preliminary Assessment requested\n {2}2021-04-09/);
    expect(text).toContain('2021-11-24  Change Board vote: approved (planned)');
    expect(() => governanceShow(register, 'MP000')).toThrow(NotFoundError);
  });

  it('advances MP079 from the Authority to approved, recording the step, without changing the input', () => {
    const next = governanceAdvance(register, 'MP079', { to: 'approved', date: '2020-02-20' });
    const mp079 = next.proposals.find((p) => p.id === 'MP079');
    expect(mp079?.stage).toBe('approved');
    expect(mp079?.events.at(-1)).toEqual({
      kind: 'stage-change',
      date: '2020-02-20',
      from: 'authority',
      to: 'approved',
    });
    expect(register.proposals.find((p) => p.id === 'MP079')?.stage).toBe('authority');
    expect(checkRegister(next)).toEqual([]);
  });

  it('refuses an illegal step, an unknown stage, and a date before the last change', () => {
    expect(() =>
      governanceAdvance(register, 'DP112', { to: 'implemented', date: '2020-02-20' }),
    ).toThrow(IllegalTransitionError);
    expect(() =>
      governanceAdvance(register, 'MP097', { to: 'approved', date: '2020-02-20' }),
    ).toThrow(/MP097: cannot go from pending-implementation to approved/);
    expect(() => governanceAdvance(register, 'DP112', { to: 'limbo', date: '2020-02-20' })).toThrow(
      InvalidValueError,
    );
    expect(() =>
      governanceAdvance(register, 'DP112', { to: 'development', date: '2020-01-01' }),
    ).toThrow(/last changed on 2020-01-28/);
  });

  it('renders the report as at a date', () => {
    expect(governanceReport(register, { asOf: '2020-02-07', format: 'html' })).toMatch(
      /^<!doctype html>/,
    );
  });
});
