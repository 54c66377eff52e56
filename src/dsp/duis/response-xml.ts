// Writes DUIS XML `sr:Response` documents: Service Responses, DCC Alerts and Device Alerts.
import type { Eui64 } from '../../core/eui64.ts';
import {
  formatRequestId,
  type DccAlertMessage,
  type DeviceAlertMessage,
  type RequestId,
  type ServiceResponse,
} from '../messages.ts';
import { SR_NS } from './dom.ts';
import { CURRENT_SCHEMA_VERSION } from './problems.ts';
import { bodyToXml, escapeAttribute, srElement, srText, xmlComment } from './xml-writer.ts';

/** Options of the response writers. */
export interface ResponseWriteOptions {
  /** `schemaVersion` to write (default 5.4). */
  readonly schemaVersion?: string;
  /** Write opendsp's readable rejection reason as an XML comment (default true). */
  readonly includeReason?: boolean;
}

/** Options of the alert writers: the ResponseID is `sender:recipient:counter`. */
export interface AlertWriteOptions extends ResponseWriteOptions {
  /** The DSP's own EUI-64, sender of DCC Alerts (default: the RTDS test-data DCC ID). */
  readonly dspId?: Eui64;
  /** ResponseID counter (default: the alert time in milliseconds, as DCC Boxed does). */
  readonly counter?: bigint;
}

/** The DCC's ID in DCC's Reference Test Data Set (non-device requests are addressed to it). */
export const DEFAULT_DSP_ID = '90-B3-D5-1F-30-00-00-02' as Eui64;

interface HeaderParts {
  readonly requestId?: RequestId;
  readonly responseId?: RequestId;
  readonly code: string;
  readonly at: Date;
}

function headerXml(parts: HeaderParts): string {
  return srElement(
    'Header',
    [
      parts.requestId === undefined ? '' : srText('RequestID', formatRequestId(parts.requestId)),
      parts.responseId === undefined ? '' : srText('ResponseID', formatRequestId(parts.responseId)),
      srText('ResponseCode', parts.code),
      srText('ResponseDateTime', parts.at.toISOString()),
    ].join(''),
  );
}

function documentXml(header: string, body: string, options: ResponseWriteOptions): string {
  const version = escapeAttribute(options.schemaVersion ?? CURRENT_SCHEMA_VERSION);
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<sr:Response xmlns:sr="${SR_NS}" schemaVersion="${version}">` +
    `${header}${srElement('Body', body)}</sr:Response>\n`
  );
}

/** A Service Response (or I99 acknowledgement) as a DUIS `sr:Response` with a ResponseMessage. */
export function serviceResponseToXml(
  response: ServiceResponse,
  options: ResponseWriteOptions = {},
): string {
  const reason =
    response.reason !== undefined && options.includeReason !== false
      ? xmlComment(`opendsp reason: ${response.reason}`)
      : '';
  // DUIS requires ServiceReference and SRV; they are left out only when the request was unreadable.
  const message = [
    reason,
    response.serviceReference === undefined
      ? ''
      : srText('ServiceReference', response.serviceReference),
    response.srv === undefined ? '' : srText('ServiceReferenceVariant', response.srv),
    response.payload === undefined ? '' : bodyToXml(response.payload),
  ].join('');
  const header = headerXml({ ...response, code: response.responseCode });
  return documentXml(header, srElement('ResponseMessage', message), options);
}

/**
 * The ResponseID of an alert: sender:recipient:counter, where the sender is the device for a
 * Device Alert and the DSP for a DCC Alert, and the counter defaults to the alert time in ms
 * (as DCC Boxed samples do).
 */
export function alertResponseId(
  alert: DccAlertMessage | DeviceAlertMessage,
  options: AlertWriteOptions,
): RequestId {
  return {
    originator: alert.kind === 'device-alert' ? alert.deviceId : (options.dspId ?? DEFAULT_DSP_ID),
    target: alert.recipient,
    counter: options.counter ?? BigInt(alert.at.getTime()),
  };
}

/** A DCC Alert as a DUIS `sr:Response` with a DCCAlertMessage (ResponseID dspId:recipient:n). */
export function dccAlertToXml(alert: DccAlertMessage, options: AlertWriteOptions = {}): string {
  const responseId = alertResponseId(alert, options);
  const payload = alert.payload === undefined ? '' : bodyToXml(alert.payload);
  const message = srText('DCCAlertCode', alert.code) + srElement('DCCAlert', payload);
  const header = headerXml({ ...alert, responseId, code: 'I0' });
  return documentXml(header, srElement('DCCAlertMessage', message), options);
}

/** A Device Alert as a DUIS `sr:Response` with a DeviceAlertMessage (ResponseID device:recipient:n). */
export function deviceAlertToXml(
  alert: DeviceAlertMessage,
  options: AlertWriteOptions = {},
): string {
  const responseId = alertResponseId(alert, options);
  const message = srText('AlertCode', alert.code) + srText('GBCSPayload', alert.gbcsPayload ?? '');
  const header = headerXml({ ...alert, responseId, code: 'I0' });
  return documentXml(header, srElement('DeviceAlertMessage', message), options);
}
