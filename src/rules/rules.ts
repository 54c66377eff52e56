// Rules in force: which modification switches which behaviour, and from when.
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { parseIsoDate, ukMidnight } from '../core/clock.ts';
import { DataFileError, InvalidValueError } from '../core/errors.ts';
import { loadRegister } from '../governance/load-register.ts';
import { rulesFromRegister } from '../governance/rules-from-register.ts';

/** The behaviours a modification switches, each named after the modification. */
export const RULE_IDS = [
  'MP141.ssi-titles-for-owners',
  'MP178.unjoin-without-smi-join-check',
] as const;
/** One rule's identifier. */
export type RuleId = (typeof RULE_IDS)[number];

/** A rule and the date it takes effect. */
export interface Rule {
  readonly id: RuleId;
  readonly modification: string;
  readonly title: string;
  readonly behaviour: string;
  /** First day the rule applies (from 00:00 UK time); null when the modification is not in force. */
  readonly effectiveFrom: string | null;
  /** Where the date comes from. */
  readonly basis: string;
}

/** Answers whether a rule applies at an instant. */
export interface RulesInForce {
  /** True when the rule has taken effect at `at`. */
  inForce(id: RuleId, at: Date): boolean;
  /** The rule's record. */
  rule(id: RuleId): Rule;
  /** All rules. */
  all(): readonly Rule[];
  /** A copy with one rule's date changed (null: never in force), for what-if runs and tests. */
  withDate(id: RuleId, effectiveFrom: string | null): RulesInForce;
}

const ruleSchema = z.object({
  id: z.enum(RULE_IDS),
  modification: z.string().min(1),
  title: z.string().min(1),
  behaviour: z.string().min(1),
  effectiveFrom: z.string().nullable(),
  basis: z.string().min(1),
});
const fileSchema = z.object({
  version: z.string(),
  note: z.string().optional(),
  rules: z.array(ruleSchema),
});

export { ukMidnight };

/** Builds the rules-in-force view over a list of rules; every RuleId must be present once. */
export function createRulesInForce(rules: readonly Rule[]): RulesInForce {
  const byId = new Map<RuleId, Rule>();
  for (const rule of rules) byId.set(rule.id, rule);
  const starts = new Map<RuleId, number>();
  for (const rule of rules) {
    if (rule.effectiveFrom !== null) starts.set(rule.id, ukMidnight(rule.effectiveFrom).getTime());
  }
  const rule = (id: RuleId): Rule => {
    const found = byId.get(id);
    if (!found)
      throw new InvalidValueError(
        'rule',
        id,
        `no such rule; known rules are ${RULE_IDS.join(', ')}`,
      );
    return found;
  };
  return {
    inForce(id, at) {
      rule(id);
      const start = starts.get(id);
      return start !== undefined && at.getTime() >= start;
    },
    rule,
    all: () => [...byId.values()],
    withDate(id, effectiveFrom) {
      if (effectiveFrom !== null) parseIsoDate(effectiveFrom, `${id} effectiveFrom`);
      return createRulesInForce(
        [...byId.values()].map((r) => (r.id === id ? { ...r, effectiveFrom } : r)),
      );
    },
  };
}

/**
 * The rules in force. Without a path they come from the Modification Register (the bundled
 * one; `rulesInForceFor(dataDir)` in src/governance reads a data directory's own copy), so
 * moving an implementation date in the register moves the behaviour. With a path, a rules
 * file is read and validated instead (for what-if runs); problems name the file, the entry and
 * the field.
 */
export function loadRules(path?: URL | string): RulesInForce {
  if (path === undefined) return createRulesInForce(rulesFromRegister(loadRegister()));
  const file = typeof path === 'string' ? path : path.pathname;
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new DataFileError(file, [error instanceof Error ? error.message : String(error)], {
      cause: error,
    });
  }
  const parsed = fileSchema.safeParse(json);
  if (!parsed.success) {
    throw new DataFileError(
      file,
      parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`),
    );
  }
  const problems: string[] = [];
  const seen = new Set<string>();
  parsed.data.rules.forEach((r, i) => {
    if (seen.has(r.id)) problems.push(`rules[${i}] (${r.id}).id: listed twice`);
    seen.add(r.id);
    if (r.effectiveFrom !== null && !/^\d{4}-\d{2}-\d{2}$/.test(r.effectiveFrom)) {
      problems.push(
        `rules[${i}] (${r.id}).effectiveFrom: ${JSON.stringify(r.effectiveFrom)} is not YYYY-MM-DD`,
      );
    }
  });
  for (const id of RULE_IDS) if (!seen.has(id)) problems.push(`rules: no entry for ${id}`);
  if (problems.length > 0) throw new DataFileError(file, problems);
  return createRulesInForce(parsed.data.rules);
}
