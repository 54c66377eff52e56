// What the pipeline reports for the Service Audit Trail: one event per message in or out.
import type { Eui64 } from '../core/eui64.ts';
import type { Mpxn } from '../core/mpxn.ts';
import type { Sender } from './checks.ts';
import type { OutboundMessage, RequestId, ServiceRequest } from './messages.ts';

/** The outcome a trail event records. */
export type Outcome = 'success' | 'failure' | 'pending';

/** One message the DSP received or sent, with what the audit trail needs to record it. */
export interface TrailEvent {
  readonly kind: 'request' | 'acknowledgement' | 'response' | 'alert';
  readonly at: Date;
  readonly requestId?: RequestId;
  /** For requests: who sent it. */
  readonly sender?: Sender;
  /** For responses and alerts: the User it went to. */
  readonly recipient?: Eui64;
  /** The Business Target device (or the device an alert is about). */
  readonly deviceId?: Eui64;
  /** The device's supply point at the time. */
  readonly mpxn?: Mpxn | null;
  readonly srv?: string;
  /** Response code (responses) or alert code (alerts). */
  readonly code?: string;
  readonly outcome: Outcome;
  /** Round-trip time from receipt of the request to this response, in milliseconds. */
  readonly rttMs?: number;
  /** Readable reason of a refusal. */
  readonly reason?: string;
  /**
   * A request refused at the HTTP level (no DUIS response code: schema, signature, replay): the
   * reason, status and error code of the answer, kept in the record's metadata.
   */
  readonly http?: { readonly refusal: string; readonly status: number; readonly code: string };
  /** The message itself (the audit detail). */
  readonly message: ServiceRequest | OutboundMessage;
}
