import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DataFileError } from '../core/errors.ts';
import { loadRules, ukMidnight } from './rules.ts';

describe('rules in force', () => {
  const rules = loadRules();

  it('switches MP178 on at 00:00 UK time on its implementation date (BST applies in June)', () => {
    const id = 'MP178.unjoin-without-smi-join-check';
    expect(rules.rule(id).effectiveFrom).toBe('2024-06-27');
    expect(rules.inForce(id, new Date('2024-06-26T22:59:59.999Z'))).toBe(false);
    expect(rules.inForce(id, new Date('2024-06-26T23:00:00.000Z'))).toBe(true);
  });

  it('switches MP141 on at 00:00 on 3 November 2022 (GMT)', () => {
    const id = 'MP141.ssi-titles-for-owners';
    expect(rules.inForce(id, new Date('2022-11-02T23:59:59.999Z'))).toBe(false);
    expect(rules.inForce(id, new Date('2022-11-03T00:00:00.000Z'))).toBe(true);
  });

  it('moves the behaviour when the date moves, and never applies a rule without a date', () => {
    const id = 'MP178.unjoin-without-smi-join-check';
    const earlier = rules.withDate(id, '2023-01-10');
    expect(earlier.inForce(id, new Date('2023-01-10T00:00:00Z'))).toBe(true);
    expect(rules.inForce(id, new Date('2023-01-10T00:00:00Z'))).toBe(false);
    expect(rules.withDate(id, null).inForce(id, new Date('2099-01-01T00:00:00Z'))).toBe(false);
  });

  it('computes UK midnight in both seasons', () => {
    expect(ukMidnight('2023-01-15').toISOString()).toBe('2023-01-15T00:00:00.000Z');
    expect(ukMidnight('2023-07-15').toISOString()).toBe('2023-07-14T23:00:00.000Z');
  });

  it('refuses a bad rules file naming the file, the entry and the field', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'opendsp-rules-'));
    const file = path.join(dir, 'rules.json');
    writeFileSync(
      file,
      JSON.stringify({
        version: '1',
        rules: [
          {
            id: 'MP141.ssi-titles-for-owners',
            modification: 'MP141',
            title: 't',
            behaviour: 'b',
            effectiveFrom: '3 Nov 2022',
            basis: 'x',
          },
        ],
      }),
    );
    expect(() => loadRules(file)).toThrow(DataFileError);
    expect(() => loadRules(file)).toThrow(
      /rules\[0\] \(MP141.ssi-titles-for-owners\)\.effectiveFrom: "3 Nov 2022" is not YYYY-MM-DD/,
    );
    expect(() => loadRules(file)).toThrow(/no entry for MP178.unjoin-without-smi-join-check/);
    expect(() => loadRules(path.join(dir, 'missing.json'))).toThrow(/missing.json is invalid/);
  });
});
