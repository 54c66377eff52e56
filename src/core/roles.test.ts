import { describe, expect, it } from 'vitest';
import {
  isNetworkOperatorRole,
  isSupplierRole,
  parseUserRole,
  REGISTRATION_ROLES,
  ROLE_ABBREVIATIONS,
  ROLE_NAMES,
  USER_ROLES,
} from './roles.ts';

describe('User Roles', () => {
  it('has a distinct abbreviation and a name for every role', () => {
    const abbreviations = USER_ROLES.map((r) => ROLE_ABBREVIATIONS[r]);
    expect(new Set(abbreviations).size).toBe(USER_ROLES.length);
    for (const role of USER_ROLES) expect(ROLE_NAMES[role].length).toBeGreaterThan(0);
  });

  it('parses names, spaced names and abbreviations in any case', () => {
    expect(parseUserRole('ImportSupplier')).toBe('ImportSupplier');
    expect(parseUserRole('import supplier')).toBe('ImportSupplier');
    expect(parseUserRole('Registered_Supplier-Agent')).toBe('RegisteredSupplierAgent');
    expect(parseUserRole('ed')).toBe('ElectricityDistributor');
    expect(parseUserRole('RSA')).toBe('RegisteredSupplierAgent');
    expect(parseUserRole('dcc')).toBe('DCC');
    for (const role of USER_ROLES) {
      expect(parseUserRole(ROLE_NAMES[role])).toBe(role);
      expect(parseUserRole(ROLE_ABBREVIATIONS[role])).toBe(role);
    }
  });

  it('refuses an unknown role, listing the choices', () => {
    expect(() => parseUserRole('Meter Operator', 'role')).toThrow(
      /^role: "Meter Operator" is not valid: expected one of ImportSupplier, .* or IS, ES/,
    );
  });

  it('splits registration roles into suppliers and network operators', () => {
    expect(REGISTRATION_ROLES).toEqual([
      'ImportSupplier',
      'ExportSupplier',
      'GasSupplier',
      'ElectricityDistributor',
      'GasTransporter',
    ]);
    for (const role of USER_ROLES) {
      const registration = (REGISTRATION_ROLES as readonly string[]).includes(role);
      expect(isSupplierRole(role) || isNetworkOperatorRole(role)).toBe(registration);
      expect(isSupplierRole(role) && isNetworkOperatorRole(role)).toBe(false);
    }
    expect(isSupplierRole('GasSupplier')).toBe(true);
    expect(isNetworkOperatorRole('GasTransporter')).toBe(true);
    expect(isSupplierRole('OtherUser')).toBe(false);
  });
});
