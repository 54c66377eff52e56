// The validated catalogue as an immutable object with lookups by SRV, code and reason.
import { InvalidValueError } from '../core/errors.ts';
import type { UserRole } from '../core/roles.ts';
import { missReason } from './near.ts';
import type {
  Alert,
  CatalogueFile,
  DuisRefusalReason,
  HttpRefusal,
  HttpRefusalReason,
  OwnershipRequirement,
  PowerEvents,
  RejectionCode,
  ResponseCode,
  Srv,
} from './types.ts';

/** Settings that the public material does not give, supplied at start-up. */
export interface CatalogueConfig {
  /** Target Response Time in seconds per SRV (e.g. `{ "8.2": 10 }`); overrides the file. */
  readonly targetResponseTimes?: Readonly<Record<string, number>>;
}

/** The SRV catalogue: SRVs, response codes, alert codes and the answer to each refusal. */
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
  /** The DUIS response code (and its text) a refusal for this reason carries. */
  rejectionCode(reason: DuisRefusalReason): RejectionCode;
  /** The HTTP answer to a failure DUIS handles before response codes (schema, signature, …). */
  httpRefusal(reason: HttpRefusalReason): HttpRefusal;
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
  const codeText = new Map(data.responseCodes.map((c) => [c.code, c.description]));
  const rejectionByReason = new Map<string, RejectionCode>();
  const httpByReason = new Map<string, HttpRefusal>();
  // The file was validated (check-codes): DUIS reasons carry a code with known text, the others
  // an HTTP answer with an assumption.
  for (const r of data.refusals) {
    if (r.code !== undefined && r.source !== undefined) {
      const meaning = codeText.get(r.code) ?? r.check;
      rejectionByReason.set(
        r.reason,
        Object.freeze({ ...r, code: r.code, meaning, source: r.source }) as RejectionCode,
      );
    } else if (r.http !== undefined && r.assumption !== undefined) {
      httpByReason.set(
        r.reason,
        Object.freeze({
          reason: r.reason,
          check: r.check,
          status: r.http.status,
          error: r.http.error,
          ...(r.source === undefined ? {} : { source: r.source }),
          assumption: r.assumption,
        }) as HttpRefusal,
      );
    }
  }
  const srvByRef = new Map(srvs.map((s) => [s.srv, s]));
  const codeByName = new Map(codes.map((c) => [c.code, c]));
  const alertByCode = new Map(alerts.map((a) => [a.code, a]));

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
    rejectionCode(reason: DuisRefusalReason): RejectionCode {
      const found = rejectionByReason.get(reason);
      if (found === undefined) throw new InvalidValueError('DUIS refusal', reason, 'unknown');
      return found;
    },
    httpRefusal(reason: HttpRefusalReason): HttpRefusal {
      const found = httpByReason.get(reason);
      if (found === undefined) throw new InvalidValueError('HTTP refusal', reason, 'unknown');
      return found;
    },
    isEligible: (ref: string, role: UserRole) => srv(ref).eligibleRoles.includes(role),
    ownership: (ref: string, role: UserRole) => srv(ref).ownership[role],
  });
}
