// SSI roles: who may search, export, submit ADT files (SRO / ARO only) and manage people.
import { describe, expect, it } from 'vitest';
import { InvalidValueError } from '../../core/errors.ts';
import {
  SSI_ACTIONS,
  SSI_ROLES,
  can,
  parseSsiRole,
  type SsiAction,
  type SsiRole,
} from './ssi-roles.ts';

const allowed: Readonly<Record<SsiRole, readonly SsiAction[]>> = {
  viewer: ['search', 'view-device-history', 'view-record', 'export-csv', 'download-reports'],
  'senior-responsible-officer': SSI_ACTIONS.filter((a) => a !== 'manage-people'),
  'authorised-responsible-officer': SSI_ACTIONS.filter((a) => a !== 'manage-people'),
  'organisation-administrator': ['manage-people'],
};

describe('can', () => {
  it.each(SSI_ROLES.flatMap((role) => SSI_ACTIONS.map((action) => ({ role, action }))))(
    '$role · $action',
    ({ role, action }) => {
      expect(can({ roles: [role] }, action)).toBe(allowed[role].includes(action));
    },
  );

  it('refuses SRO / ARO functions to viewers and administrators, and everything to no role', () => {
    expect(can({ roles: ['viewer', 'organisation-administrator'] }, 'submit-adt-file')).toBe(false);
    expect(can({ roles: [] }, 'search')).toBe(false);
  });

  it('lets a person with several roles do what any of them allows', () => {
    const person = { roles: ['viewer', 'organisation-administrator'] as const };
    expect(can(person, 'manage-people') && can(person, 'export-csv')).toBe(true);
  });
});

describe('parseSsiRole', () => {
  it('reads identifiers, names and the SRO / ARO abbreviations', () => {
    expect(parseSsiRole('SRO')).toBe('senior-responsible-officer');
    expect(parseSsiRole('Authorised Responsible Officer')).toBe('authorised-responsible-officer');
    expect(parseSsiRole('viewer')).toBe('viewer');
    expect(() => parseSsiRole('superuser')).toThrow(InvalidValueError);
  });
});
