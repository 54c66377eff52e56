// What each device SRV does to a Device, and the response codes a Device's refusal maps to.
import { InvalidValueError } from '../core/errors.ts';
import type { Catalogue } from '../catalogue/index.ts';

/** The part of a Command the simulator models beyond "read and answer". */
export type SrvEffect =
  | 'plain'
  | 'join'
  | 'unjoin'
  | 'device-log'
  | 'read-log'
  | 'activate-firmware'
  | 'read-firmware'
  | 'enable-supply'
  | 'disable-supply'
  | 'arm-supply'
  | 'read-supply';

const EFFECTS: Readonly<Record<string, SrvEffect>> = {
  '8.7.1': 'join',
  '8.7.2': 'join',
  '8.8.1': 'unjoin',
  '8.8.2': 'unjoin',
  '8.11': 'device-log',
  '8.9': 'read-log',
  '11.3': 'activate-firmware',
  '11.2': 'read-firmware',
  '7.1': 'enable-supply',
  '7.2': 'disable-supply',
  '7.3': 'arm-supply',
  '7.4': 'read-supply',
};

/**
 * Response codes for a Device's refusal. DUIS's texts for these codes are not in our sources,
 * so these are opendsp's choices: the x01 codes of a Service Reference are DSP validation
 * (E080801 is quoted by MP178), so the x21 codes of 8.7 and 8.8 are read as the Device-level
 * ones (inferred); other SRVs, 8.11 included, use the generic E100.
 */
export const DEVICE_FAILURE_CODES = {
  /** The Device refused a join (8.7.x). */
  join: 'E080721',
  /** The Other Device is not in the Device's own log (8.8.x). */
  unjoin: 'E080821',
  /** Any other Device error. */
  generic: 'E100',
} as const;

/** What the simulator needs to know about one SRV. */
export interface SrvTraits {
  readonly srv: string;
  readonly effect: SrvEffect;
  /** The Device may hold the Command and raise 8F66 / 8F67 when it runs it. */
  readonly deviceFutureDated: boolean;
  /** The CHF raises 8F12 when the Command changes its Device Log. */
  readonly raisesDeviceLogAlert: boolean;
  /** The code a Device's refusal of this SRV carries. */
  readonly failureCode: string;
}

function failureCodeOf(effect: SrvEffect): string {
  if (effect === 'join') return DEVICE_FAILURE_CODES.join;
  if (effect === 'unjoin') return DEVICE_FAILURE_CODES.unjoin;
  return DEVICE_FAILURE_CODES.generic;
}

/** Reads (and memoises) SRV traits from the catalogue; non-device SRVs are refused. */
export function createSrvTraits(catalogue: Pick<Catalogue, 'findSrv'>): (srv: string) => SrvTraits {
  const memo = new Map<string, SrvTraits>();
  return (ref) => {
    const known = memo.get(ref);
    if (known !== undefined) return known;
    const srv = catalogue.findSrv(ref);
    if (srv === undefined) throw new InvalidValueError('srv', ref, 'not in the SRV catalogue');
    if (srv.kind === 'non-device' || srv.kind === 'dcc-only') {
      throw new InvalidValueError('srv', ref, `a ${srv.kind} SRV never reaches a Device`);
    }
    const effect = EFFECTS[srv.srv] ?? 'plain';
    const raises = (code: string): boolean => srv.raisesAlerts.some((a) => a.code === code);
    const traits: SrvTraits = {
      srv: srv.srv,
      effect,
      deviceFutureDated: raises('8F66'),
      raisesDeviceLogAlert: raises('8F12'),
      failureCode: failureCodeOf(effect),
    };
    memo.set(ref, traits);
    return traits;
  };
}
