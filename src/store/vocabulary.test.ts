import { describe, expect, it } from 'vitest';
import { DEVICE_TYPES, SMETS_GENERATIONS, SMI_STATUSES } from '../core/devices.ts';
import { AUDIT_KINDS, AUDIT_OUTCOMES } from '../audit/records.ts';
import { USER_ROLES } from '../core/roles.ts';
import {
  sqlStringList,
  V1_DEVICE_TYPES,
  V1_SMETS_GENERATIONS,
  V1_SMI_STATUSES,
  V1_USER_ROLES,
  V2_AUDIT_KINDS,
  V2_AUDIT_OUTCOMES,
} from './vocabulary.ts';

describe('schema enum types', () => {
  // When this fails, src/core has grown a value: add a migration that extends the enum type.
  it('match the vocabularies of src/core', () => {
    expect(V1_DEVICE_TYPES).toEqual(DEVICE_TYPES);
    expect(V1_SMI_STATUSES).toEqual(SMI_STATUSES);
    expect(V1_SMETS_GENERATIONS).toEqual(SMETS_GENERATIONS);
    expect(V1_USER_ROLES).toEqual(USER_ROLES);
    expect(V2_AUDIT_KINDS).toEqual(AUDIT_KINDS);
    expect(V2_AUDIT_OUTCOMES).toEqual(AUDIT_OUTCOMES);
  });

  it('render as SQL string lists with quotes doubled', () => {
    expect(sqlStringList(['A', "O'B"])).toBe("('A', 'O''B')");
  });
});
