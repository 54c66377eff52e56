import { describe, expect, it } from 'vitest';
import { createRulesInForce, loadRules } from '../rules/index.ts';
import { loadRegister } from './load-register.ts';
import { rulesFromRegister } from './rules-from-register.ts';

const register = loadRegister();

describe('rules from the register', () => {
  it('gives MP141 3 November 2022 (decided 24 November 2021) and MP178 27 June 2024 (June 2024 SEC Release)', () => {
    const fromRegister = rulesFromRegister(register);
    expect(fromRegister.find((r) => r.id === 'MP141.ssi-titles-for-owners')?.effectiveFrom).toBe(
      '2022-11-03',
    );
    expect(
      fromRegister.find((r) => r.id === 'MP178.unjoin-without-smi-join-check')?.effectiveFrom,
    ).toBe('2024-06-27');
    // The rules the pipeline and the portal use by default are these.
    expect(
      loadRules()
        .all()
        .map((r) => r.effectiveFrom),
    ).toEqual(fromRegister.map((r) => r.effectiveFrom));
  });

  it('moves MP141 to 29 June 2023 when the register records a later approval', () => {
    const moved = structuredClone(register);
    const mp141 = moved.proposals.find((p) => p.id === 'MP141');
    const vote = mp141?.events.findLast((e) => e.kind === 'change-board-vote');
    if (vote?.kind === 'change-board-vote') vote.date = '2022-03-01';
    const rules = createRulesInForce(rulesFromRegister(moved));
    expect(rules.rule('MP141.ssi-titles-for-owners').effectiveFrom).toBe('2023-06-29');
    expect(rules.inForce('MP141.ssi-titles-for-owners', new Date('2022-11-03T00:00:00Z'))).toBe(
      false,
    );
  });

  it('leaves a rule out of force while its modification is not approved', () => {
    const undecided = structuredClone(register);
    const mp141 = undecided.proposals.find((p) => p.id === 'MP141');
    if (mp141) mp141.events = mp141.events.filter((e) => e.kind !== 'change-board-vote');
    const rule = rulesFromRegister(undecided).find((r) => r.modification === 'MP141');
    expect(rule?.effectiveFrom).toBeNull();
    expect(rule?.basis).toMatch(/no approval/);
  });
});
