// Rules in force: the behaviours modifications switch, by date.
export {
  RULE_IDS,
  createRulesInForce,
  loadRules,
  ukMidnight,
  type Rule,
  type RuleId,
  type RulesInForce,
} from './rules.ts';
