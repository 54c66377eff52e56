import { describe, expect, it } from 'vitest';
import { DataFileError, IllegalTransitionError } from '../core/errors.ts';
import { checkTransition } from './lifecycle.ts';
import { loadRegister, parseRegister } from './load-register.ts';

const register = loadRegister();
const clone = (): { proposals: Record<string, unknown>[] } & Record<string, unknown> =>
  JSON.parse(JSON.stringify(register)) as { proposals: Record<string, unknown>[] };

describe('the Modification Register file', () => {
  it('holds every DP and MP the January 2020 report names, plus MP141, MP176 and MP178', () => {
    const ids = register.proposals.map((p) => p.id);
    for (const id of ['DP094', 'DP113', 'SECMP0015', 'MP079', 'MP097', 'MP141', 'MP176', 'MP178']) {
      expect(ids).toContain(id);
    }
    expect(register.proposals.find((p) => p.id === 'DP107')?.proposer).toBe('Gemma Slaney');
  });

  it('refuses an unknown stage, naming the file, the entry and the field', () => {
    const bad = clone();
    (bad.proposals[3] as { stage: string }).stage = 'limbo';
    expect(() => parseRegister(bad, 'reg.json')).toThrow(DataFileError);
    expect(() => parseRegister(bad, 'reg.json')).toThrow(
      /reg\.json.*\n.*proposals\[3\] \(DP098\)\.stage/,
    );
  });

  it('refuses a missing field and a vote before the proposal was raised', () => {
    const bad = clone();
    delete bad.proposals[0]?.['title'];
    expect(() => parseRegister(bad, 'r.json')).toThrow(/proposals\[0\] \(DP094\)\.title/);
    const early = clone();
    const mp141 = early.proposals.find((p) => p['id'] === 'MP141') as {
      events: { date?: string }[];
    };
    const vote = mp141.events.at(-1);
    if (vote) vote.date = '2019-01-01';
    expect(() => parseRegister(early, 'r.json')).toThrow(
      /\(MP141\)\.events\[\d+\] \(change-board-vote\)\.date: 2019-01-01 is before the proposal was raised/,
    );
  });

  it('refuses dates out of order within an event, and a missing file, naming the file', () => {
    const bad = clone();
    const mp141 = bad.proposals.find((p) => p['id'] === 'MP141') as {
      events: { kind: string; opens?: string; closes?: string }[];
    };
    const consultation = mp141.events.find((e) => e.kind === 'consultation');
    if (consultation) consultation.closes = '2021-05-01';
    expect(() => parseRegister(bad, 'r.json')).toThrow(
      /\(MP141\)\.events\[\d+\] \(consultation\)\.closes: 2021-05-01 is before opens 2021-05-17/,
    );
    expect(() => loadRegister('/nonexistent/register.json')).toThrow(
      /\/nonexistent\/register\.json is invalid/,
    );
  });

  it('refuses a reference to a release that does not exist', () => {
    const bad = clone();
    (bad.proposals[19] as { targetRelease?: string }).targetRelease = '2099-01';
    expect(() => parseRegister(bad, 'r.json')).toThrow(/targetRelease: no release 2099-01/);
  });
});

describe('the lifecycle transition table', () => {
  it('lets a Self-Governance modification be approved at the Change Board', () => {
    expect(() => {
      checkTransition({ id: 'MP097', stage: 'change-board', path: 'Self-Governance' }, 'approved');
    }).not.toThrow();
  });

  it('sends an Authority-determined modification to the Authority, not to approval', () => {
    const mp = { id: 'MP079', stage: 'change-board', path: 'Authority-determined' } as const;
    expect(() => {
      checkTransition(mp, 'approved');
    }).toThrow(IllegalTransitionError);
    expect(() => {
      checkTransition(mp, 'authority');
    }).not.toThrow();
  });

  it('refuses to implement a proposal that is still being refined, and to leave a final stage', () => {
    const mp = { id: 'MP077', stage: 'refinement', path: null } as const;
    expect(() => {
      checkTransition(mp, 'implemented');
    }).toThrow(/MP077: cannot go from refinement to implemented/);
    expect(() => {
      checkTransition({ id: 'X', stage: 'withdrawn', path: null }, 'raised');
    }).toThrow(/it is final/);
  });
});
