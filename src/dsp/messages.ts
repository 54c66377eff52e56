// The messages of the DSP in their parsed, format-neutral form (DUIS XML and JSON map to these).
import type { Eui64 } from '../core/eui64.ts';

/** A DUIS RequestID: `originator:target:counter` (User ID, device or DCC ID, uint64 counter). */
export interface RequestId {
  readonly originator: Eui64;
  readonly target: Eui64;
  /** 0 … 18446744073709551615; must increase per originator (replays are refused). */
  readonly counter: bigint;
}

/** The wire format a User used; replies go back in the same format. */
export type WireFormat = 'xml' | 'json';

/** The SRV-specific part of a Service Request body: its element name and its fields. */
export interface RequestBody {
  /** DUIS body element, e.g. `JoinService`, `ReadInventory`. */
  readonly element: string;
  /**
   * Child elements by local name; nested elements become nested objects, repeated ones arrays,
   * text becomes strings. E.g. for 8.8.x `{ OtherDeviceID: '00-DB-…' }`.
   */
  readonly fields: Readonly<Record<string, unknown>>;
}

/** Where a signature came from: the certificate it names (XML KeyInfo) or the JWS key ID. */
export interface SignerReference {
  /** Issuer distinguished name as written in the message, e.g. `CN=Z1,OU=07`. */
  readonly issuer: string;
  /** Certificate serial number in decimal. */
  readonly serial: string;
}

/** A Service Request as the DSP receives it, after parsing and schema checks. */
export interface ServiceRequest {
  readonly kind: 'service-request';
  readonly requestId: RequestId;
  /** DUIS Command Variant 1–8. */
  readonly commandVariant: number;
  /** e.g. `8.8` */
  readonly serviceReference: string;
  /** e.g. `8.8.1` */
  readonly srv: string;
  readonly body: RequestBody;
  /** Future-dated execution time (`ExecutionDateTime`), when present. */
  readonly executionDateTime?: Date;
  readonly format: WireFormat;
  /** The message exactly as received (audit detail). */
  readonly raw: string;
  /** Present when the message carried a signature (checked by authentication, not parsing). */
  readonly signer?: SignerReference;
}

/** DUIS response codes are strings such as `I0`, `I99`, `E080801`. */
export type ResponseCodeText = string;

/** A Service Response (or the synchronous acknowledgement, code I99) to one request. */
export interface ServiceResponse {
  readonly kind: 'service-response';
  /** The request it answers; absent only when the request could not be parsed at all. */
  readonly requestId?: RequestId;
  /** `target:originator:counter` of the request (DUIS ResponseID); absent for non-device SRVs. */
  readonly responseId?: RequestId;
  readonly responseCode: ResponseCodeText;
  readonly at: Date;
  readonly serviceReference?: string;
  readonly srv?: string;
  /** Readable reason for a rejection (opendsp's own; DUIS carries only the code). */
  readonly reason?: string;
  /** Optional payload element, e.g. `{ element: 'DSPInventory', fields: {...} }`, `PreCommand`. */
  readonly payload?: RequestBody;
}

/** A DCC Alert (N-code) sent to a User. */
export interface DccAlertMessage {
  readonly kind: 'dcc-alert';
  readonly code: string;
  readonly at: Date;
  /** The User it is sent to. */
  readonly recipient: Eui64;
  readonly deviceId?: Eui64;
  /** The request that caused it, where there is one. */
  readonly requestId?: RequestId;
  /** The DCCAlert payload element, e.g. `{ element: 'PowerOutageEvent', fields: {...} }`. */
  readonly payload?: RequestBody;
}

/** A Device Alert (GBCS hex alert code, e.g. `8F12`) passed on to a User. */
export interface DeviceAlertMessage {
  readonly kind: 'device-alert';
  /** Four hex digits, upper case, no `0x`. */
  readonly code: string;
  readonly at: Date;
  readonly recipient: Eui64;
  readonly deviceId: Eui64;
  readonly requestId?: RequestId;
  /** Base64 GBCS payload as the device sent it (simulated). */
  readonly gbcsPayload?: string;
}

/** Anything the DSP sends to a User. */
export type OutboundMessage = ServiceResponse | DccAlertMessage | DeviceAlertMessage;

/** The last counter formatted: a request's ID, ResponseID and alerts share it. */
let lastCounter = -1n;
let lastCounterText = '';

/** Formats a RequestID as DUIS writes it. */
export function formatRequestId(id: RequestId): string {
  if (id.counter !== lastCounter) {
    lastCounter = id.counter;
    lastCounterText = id.counter.toString();
  }
  return `${id.originator}:${id.target}:${lastCounterText}`;
}

/** The DUIS ResponseID of a request: target and originator swapped, same counter. */
export function responseIdOf(id: RequestId): RequestId {
  return { originator: id.target, target: id.originator, counter: id.counter };
}

/** The Service Response that refuses a request: its code and a readable reason. */
export function refusalOf(
  request: ServiceRequest,
  refusal: { readonly code: ResponseCodeText; readonly at: Date; readonly reason: string },
): ServiceResponse {
  return {
    kind: 'service-response',
    requestId: request.requestId,
    responseCode: refusal.code,
    at: refusal.at,
    serviceReference: request.serviceReference,
    srv: request.srv,
    reason: refusal.reason,
  };
}
