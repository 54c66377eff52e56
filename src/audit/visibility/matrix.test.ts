// The authorisation matrix: every User Role × record kind × relationship × MP141 date, exactly.
import { describe, expect, it } from 'vitest';
import {
  USER_ROLES,
  isNetworkOperatorRole,
  isSupplierRole,
  type RegistrationRole,
  type UserRole,
} from '../../core/roles.ts';
import type { Registration } from '../../inventory/types.ts';
import { loadRules } from '../../rules/rules.ts';
import { AUDIT_KINDS, type AuditKind, type AuditRecord } from '../records.ts';
import { createVisibilityPolicy, type Visibility } from './policy.ts';
import * as f from './visibility.fixtures.ts';

const ROLES = USER_ROLES.filter((role) => role !== 'DCC');
const RELATIONSHIPS = [
  'own',
  'owner-before-cos',
  'old-owner-after-cos',
  'new-owner-pre-cos',
  'network-operator',
  'unrelated-supplier',
  'other-user',
] as const;
type Relationship = (typeof RELATIONSHIPS)[number];
const MP141 = ['before-mp141', 'after-mp141'] as const;

interface Scenario {
  readonly record: AuditRecord;
  readonly registrations: readonly Registration[];
}

const gas = (role: UserRole): boolean => role === 'GasSupplier' || role === 'GasTransporter';
/** The role the viewer is registered in: its own, or (OU, RSA) the supply point's supplier role. */
const ownerRole = (role: UserRole): RegistrationRole =>
  isSupplierRole(role) || isNetworkOperatorRole(role) ? role : 'ImportSupplier';
const operatorRole = (role: UserRole): RegistrationRole =>
  gas(role) ? 'GasTransporter' : 'ElectricityDistributor';

/** Builds the registrations and the record of one relationship, by hand. */
function scenario(role: UserRole, kind: AuditKind, relationship: Relationship): Scenario {
  const mpxn = gas(role) ? f.MPRN : f.MPAN;
  const elsewhere = gas(role) ? f.MPRN_2 : f.MPAN_2;
  const held = ownerRole(role);
  const span = (from: Date, to?: Date) => ({ mpxn, from, to: to ?? null });
  const operator = f.registration(operatorRole(role), f.OPERATOR, span(f.T.registered));
  const byOther = (at: Date) =>
    f.record({ kind, at, originatorId: f.OTHER, originatorRole: 'GasSupplier', mpxn });
  const changeOfSupplier = (before: typeof f.VIEWER, after: typeof f.VIEWER) => [
    f.registration(held, before, span(f.T.registered, f.T.cos)),
    f.registration(held, after, span(f.T.cos)),
    ...(held === operator.role ? [] : [operator]),
  ];
  switch (relationship) {
    case 'own':
      // Own, on a supply point the viewer has nothing to do with; a reply or alert about a
      // request another User sent, so that User's ID is in the record to be hidden.
      return {
        registrations: [operator, f.registration(held, f.THIRD, span(f.T.registered))],
        record: f.record({
          kind,
          at: f.T.afterCos,
          originatorId: kind === 'request' ? f.VIEWER : f.OTHER,
          originatorRole: kind === 'request' ? role : 'OtherUser',
          recipientId: f.VIEWER,
          mpxn,
        }),
      };
    case 'owner-before-cos':
      return { registrations: changeOfSupplier(f.VIEWER, f.THIRD), record: byOther(f.T.beforeCos) };
    case 'old-owner-after-cos':
      return { registrations: changeOfSupplier(f.VIEWER, f.THIRD), record: byOther(f.T.afterCos) };
    case 'new-owner-pre-cos':
      return { registrations: changeOfSupplier(f.THIRD, f.VIEWER), record: byOther(f.T.beforeCos) };
    case 'network-operator':
      return {
        registrations: [
          f.registration(operatorRole(role), f.VIEWER, span(f.T.registered)),
          f.registration(
            gas(role) ? 'GasSupplier' : 'ImportSupplier',
            f.THIRD,
            span(f.T.registered),
          ),
        ],
        record: byOther(f.T.beforeCos),
      };
    case 'unrelated-supplier':
      return {
        registrations: [
          operator,
          f.registration(held, f.THIRD, span(f.T.registered)),
          f.registration(held, f.VIEWER, { mpxn: elsewhere, from: f.T.registered }),
        ],
        record: byOther(f.T.beforeCos),
      };
    case 'other-user':
      return {
        registrations: [operator, f.registration(held, f.THIRD, span(f.T.registered))],
        record: byOther(f.T.beforeCos),
      };
  }
}

/** The level each case must get: the whole policy, written as a table. */
function expected(role: UserRole, relationship: Relationship, mp141: boolean): Visibility['level'] {
  if (relationship === 'own') return 'full';
  if (!mp141) return 'none';
  switch (relationship) {
    case 'owner-before-cos':
      return isSupplierRole(role) || isNetworkOperatorRole(role) ? 'title' : 'none';
    case 'new-owner-pre-cos':
      return isSupplierRole(role) ? 'title' : 'none';
    case 'network-operator':
      return isNetworkOperatorRole(role) ? 'title' : 'none';
    case 'old-owner-after-cos':
    case 'unrelated-supplier':
    case 'other-user':
      return 'none';
  }
}

const rules = loadRules();
const cases = ROLES.flatMap((role) =>
  AUDIT_KINDS.flatMap((kind) =>
    RELATIONSHIPS.flatMap((relationship) =>
      MP141.map((when) => ({ role, kind, relationship, when })),
    ),
  ),
);

describe('authorisation matrix', () => {
  it('walks 7 User Roles × 4 record kinds × 7 relationships × 2 MP141 dates', () => {
    expect(cases).toHaveLength(7 * 4 * 7 * 2);
  });

  it.each(cases)('$role · $kind · $relationship · $when', ({ role, kind, relationship, when }) => {
    const { record, registrations } = scenario(role, kind, relationship);
    const after = when === 'after-mp141';
    const policy = createVisibilityPolicy({
      viewer: { userId: f.VIEWER, role },
      now: after ? f.T.nowAfterMp141 : f.T.nowBeforeMp141,
      rules,
      registrationsFor: f.historyOf(registrations),
    });
    const seen = policy.view(record);
    expect(seen.level).toBe(expected(role, relationship, after));
    const text = f.serialise(seen);
    for (const id of f.FOREIGN_IDS) expect(f.mentions(text, id)).toBe(false);
    if (seen.level === 'full') {
      expect(seen.record.payload).toContain(f.SECRET);
      expect(text).toContain(f.VIEWER);
    } else {
      expect(text).not.toContain(f.SECRET);
      expect(text).not.toMatch(/payload|metadata|originatorId|recipientId/);
    }
    if (seen.level === 'title') expect(seen.title.originatorRole).toBe('GasSupplier');
  });
});
