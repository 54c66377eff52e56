// Cross-field checks on SRV entries that a per-field schema cannot express.
import type { z } from 'zod';
import { findDuplicates, type Located } from './entries.ts';
import type { srvSchema } from './schema.ts';

type SrvData = z.infer<typeof srvSchema>;

/** The alert codes known to the file, by type, for checking `raisesAlerts`. */
export interface KnownAlerts {
  readonly dcc: ReadonlySet<string>;
  readonly device: ReadonlySet<string>;
}

const CRITICAL_CVS = [4, 5, 6, 7];
const NON_CRITICAL_CVS = [1, 2, 3];

function checkVariants(at: string, s: SrvData): string[] {
  const cvs = s.commandVariants;
  const field = `${at}.commandVariants`;
  if (s.kind === 'non-device') {
    return cvs.length === 1 && cvs[0] === 8
      ? []
      : [
          `${field}: a non-device SRV allows only Command Variant 8 (DCC Only), got [${cvs.join(', ')}]`,
        ];
  }
  const problems: string[] = [];
  // CV table (DUIS XSD): critical Service Requests go through Transform (CV 4), then 5/6/7.
  if (s.critical && !cvs.includes(4)) {
    problems.push(`${field}: a critical SRV must allow Command Variant 4 (Transform)`);
  }
  const allowed = s.critical ? CRITICAL_CVS : NON_CRITICAL_CVS;
  const wrong = cvs.filter((cv) => !allowed.includes(cv));
  if (wrong.length > 0) {
    const what = s.critical ? 'critical' : 'non-critical';
    problems.push(`${field}: [${wrong.join(', ')}] not allowed for a ${what} device SRV`);
  }
  return problems;
}

function checkKind(at: string, s: SrvData): string[] {
  const problems: string[] = [];
  const nonDevice = s.kind === 'non-device';
  if (nonDevice && s.targetDeviceTypes.length > 0) {
    problems.push(`${at}.targetDeviceTypes: a non-device SRV has no target device types`);
  }
  if (!nonDevice && s.targetDeviceTypes.length === 0) {
    problems.push(`${at}.targetDeviceTypes: a device SRV needs at least one target device type`);
  }
  if (s.kind === 'on-demand' && !s.onDemand) {
    problems.push(`${at}.kind: "on-demand" but onDemand is false`);
  }
  if (s.kind === 'future-dated' && s.futureDating === 'none') {
    problems.push(`${at}.kind: "future-dated" but futureDating is "none"`);
  }
  return problems;
}

function checkRoles(at: string, s: SrvData): string[] {
  const problems: string[] = [];
  const roles = new Set(s.eligibleRoles);
  if (roles.size !== s.eligibleRoles.length) {
    problems.push(`${at}.eligibleRoles: lists a role more than once`);
  }
  if (roles.size === 0 && s.eligibleRolesNote === undefined) {
    problems.push(`${at}.eligibleRolesNote: is missing; an SRV with no eligible role needs a note`);
  }
  for (const role of roles) {
    if (s.ownership[role] === undefined) {
      problems.push(`${at}.ownership.${role}: is missing for an eligible role`);
    }
  }
  for (const role of Object.keys(s.ownership)) {
    if (!(roles as ReadonlySet<string>).has(role)) {
      problems.push(`${at}.ownership.${role}: the role is not in eligibleRoles`);
    }
  }
  return problems;
}

function checkReference(at: string, s: SrvData): string[] {
  const parts = s.srv.split('.');
  const prefix = parts.length === 3 ? parts.slice(0, 2).join('.') : s.srv;
  return prefix === s.serviceReference
    ? []
    : [`${at}.serviceReference: "${s.serviceReference}" does not match the SRV prefix "${prefix}"`];
}

function checkAlerts(at: string, s: SrvData, known: KnownAlerts): string[] {
  return s.raisesAlerts.flatMap((alert, i) =>
    known[alert.type].has(alert.code)
      ? []
      : [`${at}.raisesAlerts[${i}].code: ${alert.code} is not among the ${alert.type} alerts`],
  );
}

/** Every cross-field problem of the SRV entries (duplicates, prefixes, CVs, roles, alerts). */
export function checkSrvs(srvs: readonly Located<SrvData>[], known: KnownAlerts): string[] {
  return [
    ...findDuplicates(srvs, (s) => s.srv, 'srv'),
    ...srvs.flatMap(({ at, value }) => [
      ...checkReference(at, value),
      ...checkVariants(at, value),
      ...checkKind(at, value),
      ...checkRoles(at, value),
      ...checkAlerts(at, value, known),
    ]),
  ];
}
