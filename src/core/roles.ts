// DCC User Roles (SEC Section A definitions), with the abbreviations DUIS material uses.
import { InvalidValueError } from './errors.ts';

/** The User Roles a DCC User can hold, plus the DCC itself for DCC-only work. */
export const USER_ROLES = [
  'ImportSupplier',
  'ExportSupplier',
  'GasSupplier',
  'ElectricityDistributor',
  'GasTransporter',
  'OtherUser',
  'RegisteredSupplierAgent',
  'DCC',
] as const;

/** One User Role. */
export type UserRole = (typeof USER_ROLES)[number];

/** Abbreviation used in the DUIS request matrix for each role. */
export const ROLE_ABBREVIATIONS: Readonly<Record<UserRole, string>> = {
  ImportSupplier: 'IS',
  ExportSupplier: 'ES',
  GasSupplier: 'GS',
  ElectricityDistributor: 'ED',
  GasTransporter: 'GT',
  OtherUser: 'OU',
  RegisteredSupplierAgent: 'RSA',
  DCC: 'DCC',
};

/** Human name of each role, as the SEC writes it. */
export const ROLE_NAMES: Readonly<Record<UserRole, string>> = {
  ImportSupplier: 'Import Supplier',
  ExportSupplier: 'Export Supplier',
  GasSupplier: 'Gas Supplier',
  ElectricityDistributor: 'Electricity Distributor',
  GasTransporter: 'Gas Transporter',
  OtherUser: 'Other User',
  RegisteredSupplierAgent: 'Registered Supplier Agent',
  DCC: 'DCC',
};

/** Roles that are Responsible Supplier roles for a supply point. */
export const SUPPLIER_ROLES = ['ImportSupplier', 'ExportSupplier', 'GasSupplier'] as const;
/** A Responsible Supplier role. */
export type SupplierRole = (typeof SUPPLIER_ROLES)[number];

/** Roles that are Network Operator roles for a supply point. */
export const NETWORK_OPERATOR_ROLES = ['ElectricityDistributor', 'GasTransporter'] as const;
/** A Network Operator role. */
export type NetworkOperatorRole = (typeof NETWORK_OPERATOR_ROLES)[number];

/** Roles registered against a supply point (who supplies it, whose network it is on). */
export type RegistrationRole = SupplierRole | NetworkOperatorRole;
/** All registration roles. */
export const REGISTRATION_ROLES: readonly RegistrationRole[] = [
  ...SUPPLIER_ROLES,
  ...NETWORK_OPERATOR_ROLES,
];

const BY_ABBREVIATION = new Map<string, UserRole>(
  USER_ROLES.map((role) => [ROLE_ABBREVIATIONS[role], role]),
);

/** Parses a role from its name (`ImportSupplier`, `Import Supplier`) or abbreviation (`IS`). */
export function parseUserRole(text: string, field = 'User Role'): UserRole {
  const compact = text.replaceAll(/[\s_-]/g, '');
  const byName = USER_ROLES.find((role) => role.toLowerCase() === compact.toLowerCase());
  if (byName) return byName;
  const byAbbreviation = BY_ABBREVIATION.get(compact.toUpperCase());
  if (byAbbreviation) return byAbbreviation;
  throw new InvalidValueError(
    field,
    text,
    `expected one of ${USER_ROLES.join(', ')} or ${Object.values(ROLE_ABBREVIATIONS).join(', ')}`,
  );
}

/** True when the role is one of the Responsible Supplier roles. */
export function isSupplierRole(role: UserRole): role is SupplierRole {
  return (SUPPLIER_ROLES as readonly UserRole[]).includes(role);
}

/** True when the role is a Network Operator role. */
export function isNetworkOperatorRole(role: UserRole): role is NetworkOperatorRole {
  return (NETWORK_OPERATOR_ROLES as readonly UserRole[]).includes(role);
}
