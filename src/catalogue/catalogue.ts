// The validated catalogue as an immutable object with lookups by SRV, code and reason.
import { InvalidValueError } from '../core/errors.ts';
import type { UserRole } from '../core/roles.ts';
import { missReason } from './near.ts';
import type {
  Alert,
  CatalogueFile,
  OwnershipRequirement,
  PowerEvents,
  RejectionCode,
  RejectionReason,
  ResponseCode,
  Srv,
} from './types.ts';

/** Settings that the public material does not give, supplied at start-up. */
export interface CatalogueConfig {
  /** Target Response Time in seconds per SRV (e.g. `{ "8.2": 10 }`); overrides the file. */
  readonly targetResponseTimes?: Readonly<Record<string, number>>;
}

/** The SRV catalogue: SRVs, response codes, alert codes and opendsp's rejection codes. */
export interface Catalogue {
  /** Version of the data file. */
  readonly version: string;
  /** The file it was loaded from. */
  readonly file: string;
  /** Power outage and restoration alert entries (MP176 outage reporting). */
  readonly powerEvents: PowerEvents;
  /** The SRV with this reference (e.g. "8.8.1"); throws InvalidValueError naming near matches. */
  srv(ref: string): Srv;
  /** The SRV with this reference, or undefined. */
  findSrv(ref: string): Srv | undefined;
  /** Every SRV, in the file's order. */
  allSrvs(): readonly Srv[];
  /** The response code (e.g. "E080801"); throws InvalidValueError when unknown. */
  responseCode(code: string): ResponseCode;
  /** Every response code, in the file's order. */
  allResponseCodes(): readonly ResponseCode[];
  /** A DCC alert ("N24") or device alert ("8F66", "0x8F66"); throws when unknown. */
  alert(code: string): Alert;
  /** Every alert code, DCC alerts first. */
  allAlerts(): readonly Alert[];
  /** The response code opendsp answers with for this rejection reason. */
  rejectionCode(reason: RejectionReason): RejectionCode;
  /** True when the role may send the SRV (eligible roles of the DUIS matrix). */
  isEligible(srv: string, role: UserRole): boolean;
  /** The registration the role must hold to the Business Target; undefined if not eligible. */
  ownership(srv: string, role: UserRole): OwnershipRequirement | undefined;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

function withTimes(data: CatalogueFile, config: CatalogueConfig): CatalogueFile['srvs'] {
  const times = config.targetResponseTimes ?? {};
  const known = data.srvs.map((s) => s.srv);
  for (const [ref, seconds] of Object.entries(times)) {
    const field = `targetResponseTimes[${JSON.stringify(ref)}]`;
    if (!known.includes(ref)) throw new InvalidValueError(field, ref, missReason(ref, known));
    if (!Number.isFinite(seconds) || seconds <= 0) {
      throw new InvalidValueError(field, seconds, 'expected a positive number of seconds');
    }
  }
  return data.srvs.map((s) => {
    const seconds = times[s.srv];
    if (seconds === undefined) return s;
    return { ...s, targetResponseTime: { seconds, note: 'Set in config.' } };
  });
}

const normaliseAlert = (code: string) => code.trim().toUpperCase().replace(/^0X/, '');

/** Builds the lookup object over validated file data; the data is copied and frozen. */
export function createCatalogue(
  file: string,
  data: CatalogueFile,
  config: CatalogueConfig = {},
): Catalogue {
  const srvs: readonly Srv[] = deepFreeze(withTimes(structuredClone(data), config));
  const codes: readonly ResponseCode[] = deepFreeze(structuredClone(data.responseCodes));
  const alerts: readonly Alert[] = deepFreeze([
    ...data.dccAlerts.map((a) => ({ ...structuredClone(a), kind: 'dcc-alert' as const })),
    ...data.deviceAlerts.map((a) => ({ ...structuredClone(a), kind: 'device-alert' as const })),
  ]);
  const rejections: readonly RejectionCode[] = deepFreeze(
    structuredClone(data.opendspRejectionCodes),
  );
  const srvByRef = new Map(srvs.map((s) => [s.srv, s]));
  const codeByName = new Map(codes.map((c) => [c.code, c]));
  const alertByCode = new Map(alerts.map((a) => [a.code, a]));
  const rejectionByReason = new Map(rejections.map((r) => [r.reason, r]));

  const srv = (ref: string): Srv => {
    const found = srvByRef.get(ref.trim());
    if (found === undefined)
      throw new InvalidValueError('SRV', ref, missReason(ref, [...srvByRef.keys()]));
    return found;
  };
  return Object.freeze({
    version: data.version,
    file,
    powerEvents: deepFreeze(structuredClone(data.powerEvents)),
    srv,
    findSrv: (ref: string) => srvByRef.get(ref.trim()),
    allSrvs: () => srvs,
    responseCode(code: string): ResponseCode {
      const found = codeByName.get(code.trim().toUpperCase());
      if (found !== undefined) return found;
      throw new InvalidValueError('response code', code, missReason(code, [...codeByName.keys()]));
    },
    allResponseCodes: () => codes,
    alert(code: string): Alert {
      const found = alertByCode.get(normaliseAlert(code));
      if (found !== undefined) return found;
      throw new InvalidValueError('alert code', code, missReason(code, [...alertByCode.keys()]));
    },
    allAlerts: () => alerts,
    rejectionCode(reason: RejectionReason): RejectionCode {
      const found = rejectionByReason.get(reason);
      if (found === undefined) throw new InvalidValueError('rejection reason', reason, 'unknown');
      return found;
    },
    isEligible: (ref: string, role: UserRole) => srv(ref).eligibleRoles.includes(role),
    ownership: (ref: string, role: UserRole) => srv(ref).ownership[role],
  });
}
