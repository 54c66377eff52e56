// The rules in force (src/rules) derived from the register's implementation dates.
import type { Rule, RuleId } from '../rules/index.ts';
import { implementationDate } from './implementation-date.ts';
import type { Register } from './schema.ts';

/** What each rule switches: the modification it belongs to and the behaviour it changes. */
const RULE_SOURCES = {
  'MP141.ssi-titles-for-owners': {
    modification: 'MP141',
    title: 'SRV Visibility for Devices on SSI',
    behaviour:
      'Supplier Parties and Network Operators see, on the Self Service Interface, the titles of every Service Request and Service Response about a HAN Device they own or that is on their network, whoever sent it, including those from before a Change of Supplier.',
  },
  'MP178.unjoin-without-smi-join-check': {
    modification: 'MP178',
    title: 'Remove DSP validation of SMI join status for Unjoin SRVs',
    behaviour:
      "For SRVs 8.8.1 and 8.8.2 the DSP no longer checks the Smart Metering Inventory join status, so it no longer returns E080801 ('Other Device' not joined to the Business Target Device).",
  },
} as const satisfies Record<RuleId, { modification: string; title: string; behaviour: string }>;

/**
 * One Rule per RuleId with `effectiveFrom` the modification's implementation date in the
 * register (null while it is undecided), so moving a date in the register moves the behaviour.
 */
export function rulesFromRegister(register: Register): Rule[] {
  return (Object.keys(RULE_SOURCES) as RuleId[]).map((id) => {
    const source = RULE_SOURCES[id];
    const date = implementationDate(register, source.modification);
    return {
      id,
      modification: source.modification,
      title: source.title,
      behaviour: source.behaviour,
      effectiveFrom: date?.date ?? null,
      basis:
        date === null
          ? `Modification Register: ${source.modification} has no approval yet`
          : `Modification Register: ${date.basis}`,
    };
  });
}
