// Access control and business validation of a Service Request against the catalogue and the SMI.
import type { Catalogue, HttpRefusalReason, RejectionReason, Srv } from '../catalogue/index.ts';
import type { SmiStatus } from '../core/devices.ts';
import { isEui64, type Eui64 } from '../core/eui64.ts';
import { ROLE_NAMES, type UserRole } from '../core/roles.ts';
import type { Device } from '../inventory/types.ts';
import type { RulesInForce } from '../rules/index.ts';
import type { ServiceRequest } from './messages.ts';
import type { SmiView } from './smi-view.ts';

/** The authenticated sender of a request: one User ID in one User Role. */
export interface Sender {
  readonly userId: Eui64;
  readonly role: UserRole;
}

/**
 * Why a request was refused: the reason (a DUIS response code, or an HTTP answer for what DUIS
 * handles before response codes; catalogue `refusals`) and readable detail naming the element.
 */
export interface Refusal {
  readonly reason: RejectionReason;
  readonly detail: string;
}

/** The answer to a refusal DUIS handles before response codes: an HTTP status and `{code, message}`. */
export interface HttpRefused {
  readonly kind: 'http-refusal';
  readonly reason: HttpRefusalReason;
  readonly at: Date;
  readonly status: number;
  /** The error registry's code (src/core/errors.ts). */
  readonly code: string;
  readonly message: string;
}

/** The DUIS web service a request was sent to (DCC Boxed's URLs), or any (opendsp's `/duis`). */
export type DuisWebService = 'serviceS' | 'serviceT' | 'serviceD';

/**
 * The web service of each Command Variant (DUIS XSD comment table; duis-parser src/cv.ts):
 * Send Command (S) for CV 1, 3, 5, 7, Transform (T) for CV 4, Non-Device Service (D) for 2, 6, 8.
 */
export const WEB_SERVICE_OF_CV: Readonly<Record<number, DuisWebService>> = {
  1: 'serviceS',
  2: 'serviceD',
  3: 'serviceS',
  4: 'serviceT',
  5: 'serviceS',
  6: 'serviceD',
  7: 'serviceS',
  8: 'serviceD',
};

const WEB_SERVICE_NAMES: Readonly<Record<DuisWebService, string>> = {
  serviceS: 'Send Command',
  serviceT: 'Transform',
  serviceD: 'Non-Device Service',
};

/** DUIS E13: the request type (its Command Variant) must be one the URL serves. */
export function checkUrl(
  request: ServiceRequest,
  service: DuisWebService | undefined,
): Refusal | undefined {
  if (service === undefined) return undefined;
  const own = WEB_SERVICE_OF_CV[request.commandVariant];
  if (own === service) return undefined;
  const served = Object.entries(WEB_SERVICE_OF_CV)
    .filter(([, s]) => s === service)
    .map(([cv]) => cv)
    .join(', ');
  return {
    reason: 'wrong-url',
    detail: `sr:Header/sr:CommandVariant: Command Variant ${request.commandVariant} is a ${own === undefined ? 'request type no URL serves' : `${WEB_SERVICE_NAMES[own]} request (/api/v1/${own})`}; /api/v1/${service} (${WEB_SERVICE_NAMES[service]}) takes Command Variants ${served}`,
  };
}

/** Everything the checks read. */
export interface CheckContext {
  readonly catalogue: Catalogue;
  readonly smi: SmiView;
  readonly rules: RulesInForce;
}

/** Statuses in which a device accepts device Service Requests. */
const ACTIVE: ReadonlySet<SmiStatus> = new Set([
  'InstalledNotCommissioned',
  'Commissioned',
  'Recovered',
]);
/** Statuses in which an Other Device may be joined (it must be on the hub's device log). */
const JOINABLE: ReadonlySet<SmiStatus> = new Set([
  'Whitelisted',
  'InstalledNotCommissioned',
  'Commissioned',
  'Recovered',
]);

const JOIN_SRVS = new Set(['8.7.1', '8.7.2']);
const UNJOIN_SRVS = new Set(['8.8.1', '8.8.2']);

/** The Other Device a join or unjoin names, from the request body. */
export function otherDeviceOf(request: ServiceRequest): string | undefined {
  const f = request.body.fields;
  for (const key of ['OtherDeviceID', 'OtherDeviceId', 'otherDeviceId', 'DeviceID']) {
    const value = f[key];
    if (typeof value === 'string') return value.toUpperCase();
  }
  return undefined;
}

/** Eligibility of the sender's role and the Command Variant, from the catalogue. */
export function checkEligibility(
  srv: Srv,
  request: ServiceRequest,
  sender: Sender,
): Refusal | undefined {
  if (!srv.eligibleRoles.includes(sender.role)) {
    const allowed = srv.eligibleRoles.map((r) => ROLE_NAMES[r]).join(', ') || 'no role';
    return {
      reason: 'role-not-eligible',
      detail: `sr:Header/sr:ServiceReferenceVariant: ${ROLE_NAMES[sender.role]} may not send SRV ${srv.srv} (${srv.name}); eligible: ${allowed}`,
    };
  }
  if (!srv.commandVariants.includes(request.commandVariant)) {
    return {
      reason: 'command-variant',
      detail: `sr:Header/sr:CommandVariant: Command Variant ${request.commandVariant} is not allowed for SRV ${srv.srv}; allowed: ${srv.commandVariants.join(', ')}`,
    };
  }
  return undefined;
}

/** The sender must hold the registration the SRV needs for the device at the time (SEC H3). */
export function checkOwnership(
  ctx: CheckContext,
  input: { srv: Srv; sender: Sender; device: Device; at: Date },
): Refusal | undefined {
  const { srv, sender, device, at } = input;
  const need = ctx.catalogue.ownership(srv.srv, sender.role);
  if (need === undefined || need === 'any-eligible') return undefined;
  const holders = ctx.smi.holdersAt(device, at);
  const holds =
    need === 'responsible-supplier'
      ? sender.role !== 'ElectricityDistributor' &&
        sender.role !== 'GasTransporter' &&
        holders[sender.role as keyof typeof holders] === sender.userId
      : holders.ElectricityDistributor === sender.userId ||
        holders.GasTransporter === sender.userId;
  if (holds) return undefined;
  const what =
    need === 'responsible-supplier'
      ? `the Responsible ${ROLE_NAMES[sender.role]}`
      : 'the Network Operator';
  return {
    reason: 'not-responsible',
    detail: `sr:Header/sr:RequestID: User ${sender.userId} is not ${what} of device ${device.id} at ${at.toISOString()}`,
  };
}

/** Business validation of a device SRV against the SMI; MP178 switches the unjoin check off. */
export function checkDevice(
  ctx: CheckContext,
  input: { srv: Srv; request: ServiceRequest; device: Device | undefined; at: Date },
): Refusal | undefined {
  const { srv, request, device } = input;
  const target = request.requestId.target;
  if (!device)
    return {
      reason: 'device-unknown',
      detail: `sr:Header/sr:RequestID: device ${target} is not in the Smart Metering Inventory`,
    };
  if (srv.targetDeviceTypes.length > 0 && !srv.targetDeviceTypes.includes(device.type)) {
    return {
      reason: 'target-type',
      detail: `sr:Header/sr:RequestID: SRV ${srv.srv} cannot target a ${device.type}; it targets ${srv.targetDeviceTypes.join(', ')}`,
    };
  }
  if (
    srv.srv === '8.1.1' ? device.status !== 'InstalledNotCommissioned' : !ACTIVE.has(device.status)
  ) {
    return {
      reason: 'device-status',
      detail: `sr:Header/sr:RequestID: device ${device.id} is ${device.status}; SRV ${srv.srv} needs it ${srv.srv === '8.1.1' ? 'InstalledNotCommissioned' : [...ACTIVE].join(' or ')}`,
    };
  }
  if (!JOIN_SRVS.has(srv.srv) && !UNJOIN_SRVS.has(srv.srv)) return undefined;
  const otherId = otherDeviceOf(request);
  if (otherId === undefined || !isEui64(otherId)) {
    return {
      reason: 'schema',
      detail: `sr:Body: SRV ${srv.srv} needs the Other Device ID (an EUI-64) in its body`,
    };
  }
  const other = ctx.smi.device(otherId as Eui64);
  if (!other)
    return {
      reason: 'device-unknown',
      detail: `sr:Body/sr:OtherDeviceID: Other Device ${otherId} is not in the Smart Metering Inventory`,
    };
  if (JOIN_SRVS.has(srv.srv)) {
    if (!JOINABLE.has(other.status)) {
      return {
        reason: 'device-status',
        detail: `sr:Body/sr:OtherDeviceID: Other Device ${otherId} is ${other.status}; a join needs it on the hub's device log`,
      };
    }
    // A repeated join passes the DSP: GBCS requires devices to accept it (MP178 §2).
    return undefined;
  }
  // MP178: from its implementation date the DSP no longer checks the SMI join for 8.8.x, so
  // Users can unjoin devices whose join response the DSP never received.
  if (ctx.rules.inForce('MP178.unjoin-without-smi-join-check', input.at)) return undefined;
  if (ctx.smi.isJoined(other.id, device.id)) return undefined;
  return {
    reason: 'join-not-found',
    detail: `According to the DCC Systems Smart Metering Inventory the 'Other Device' ${other.id} is not joined to the Business Target device ${device.id}`,
  };
}
