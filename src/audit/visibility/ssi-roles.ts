// Self Service Interface roles of people and what each may do (SRO / ARO functions per DP108).
import { InvalidValueError } from '../../core/errors.ts';

import { SSI_ROLES, type SsiRole } from '../../store/ssi-port.ts';

/** The SSI roles a person can hold, as the store keeps them (a person may hold several). */
export { SSI_ROLES, type SsiRole };

/** Human names of the SSI roles. */
export const SSI_ROLE_NAMES: Readonly<Record<SsiRole, string>> = {
  viewer: 'Viewer',
  'senior-responsible-officer': 'Senior Responsible Officer',
  'authorised-responsible-officer': 'Authorised Responsible Officer',
  'organisation-administrator': 'Organisation administrator',
};

/** What a person can ask the SSI to do. */
export const SSI_ACTIONS = [
  'search',
  'view-device-history',
  'view-record',
  'export-csv',
  'download-reports',
  'submit-adt-file',
  'submit-exit-quarantine-file',
  'manage-people',
] as const;
/** One SSI action. */
export type SsiAction = (typeof SSI_ACTIONS)[number];

const READERS: readonly SsiRole[] = [
  'viewer',
  'senior-responsible-officer',
  'authorised-responsible-officer',
];
/** SEC Appendix AA procedures only SROs and AROs may carry out (DP108, DP109). */
const OFFICERS: readonly SsiRole[] = [
  'senior-responsible-officer',
  'authorised-responsible-officer',
];

/**
 * The roles allowed each action. The organisation administrator manages accounts only: it
 * reads no audit data and submits nothing unless the person also holds another role (so
 * looking after accounts does not by itself give sight of the organisation's traffic).
 */
export const SSI_PERMISSIONS: Readonly<Record<SsiAction, readonly SsiRole[]>> = {
  search: READERS,
  'view-device-history': READERS,
  'view-record': READERS,
  'export-csv': READERS,
  'download-reports': READERS,
  'submit-adt-file': OFFICERS,
  'submit-exit-quarantine-file': OFFICERS,
  'manage-people': ['organisation-administrator'],
};

/** A person as far as permissions go: the SSI roles they hold. */
export interface SsiPerson {
  readonly roles: readonly SsiRole[];
}

/** True when one of the person's roles allows the action. */
export function can(person: SsiPerson, action: SsiAction): boolean {
  const allowed = SSI_PERMISSIONS[action];
  return person.roles.some((role) => allowed.includes(role));
}

/** Parses an SSI role from its identifier, its name or the abbreviation SRO / ARO. */
export function parseSsiRole(text: string): SsiRole {
  const key = text
    .trim()
    .toLowerCase()
    .replaceAll(/[\s_]+/g, '-');
  const short: Readonly<Record<string, SsiRole>> = {
    sro: 'senior-responsible-officer',
    aro: 'authorised-responsible-officer',
    admin: 'organisation-administrator',
  };
  const found = SSI_ROLES.find((role) => role === key) ?? short[key];
  if (found === undefined) {
    throw new InvalidValueError('SSI role', text, `expected one of ${SSI_ROLES.join(', ')}`);
  }
  return found;
}
