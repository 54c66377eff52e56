// Writes DUIS XML `sr:Response` documents: Service Responses, DCC Alerts and Device Alerts.
import type { Eui64 } from '../../core/eui64.ts';
import {
  formatRequestId,
  type DccAlertMessage,
  type DeviceAlertMessage,
  type RequestBody,
  type RequestId,
  type ServiceResponse,
} from '../messages.ts';
import { SR_NS } from './dom.ts';
import { CURRENT_SCHEMA_VERSION } from './problems.ts';
import { escapeAttribute, fieldsToXml, srElement, srText, xmlComment } from './xml-writer.ts';

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

/**
 * The child order of the payload types the DSP writes, as DUIS Schema V5.4 sequences them
 * (`sr:Device` line 3955, `sr:PreCommand` line 4224, `sr:CommandFailure` line 4347). The
 * message model keeps fields by name; the XSD wants this order, so the writer applies it.
 * Fields a sequence does not name keep their place after the named ones (and fail validation,
 * which the schema test would show).
 */
const SEQUENCES: Readonly<Record<string, readonly string[]>> = {
  Device: [
    'DeviceID',
    'DeviceType',
    'DeviceStatus',
    'DeviceManufacturer',
    'DeviceModel',
    'SMETSCHTSVersion',
    'DeviceFirmwareVersion',
    'DeviceFirmwareVersionStatus',
    'CPLStatus',
    'DateCommissioned',
    'ImportMPxN',
    'SecondaryImportMPAN',
    'ExportMPAN',
    'ESMEVariant',
    'UPRN',
    'PropertyFilter',
    'CSPRegion',
    'DeviceGBCSVersion',
    'HANVariant',
    'S1SP',
    'Connectivity',
  ],
  PreCommand: ['GBCSVersion', 'GBCSPayload'],
  CommandFailure: ['CommandRequestID', 'DSPScheduleID', 'DeviceID'],
};

/**
 * ResponseMessage payloads of simple type (`GBCSPayload` xs:base64Binary, `DSPScheduleID`
 * sr:scheduleID; XSD line 4880): the element holds text. The model carries the text as the
 * field of the same name (`{ element: 'GBCSPayload', fields: { GBCSPayload: '…' } }`).
 */
const SIMPLE_PAYLOADS = new Set(['GBCSPayload', 'DSPScheduleID']);

/**
 * `sr:PreCommand` requires `GBCSVersion` before the payload (XSD line 4224). Where the model
 * does not say which, the writer gives the GBCS version of DCC Boxed's own devices
 * (`DeviceGBCSVersion` 4.2 in the signing tool's read-inventory-response-5.4.xml sample).
 */
export const DEFAULT_PRE_COMMAND_GBCS_VERSION = '4.2';

/** Fields reordered, at every depth, into the sequence the XSD gives their element. */
function inSchemaOrder(name: string, value: unknown): unknown {
  if (Array.isArray(value)) return value.map((v) => inSchemaOrder(name, v));
  if (value === null || typeof value !== 'object') return value;
  const fields = value as Record<string, unknown>;
  const order = SEQUENCES[name] ?? [];
  const rank = (key: string) => {
    const i = order.indexOf(key);
    return i === -1 ? order.length : i;
  };
  // Attributes (`@x`) and text (`#text`) keep their own places in the writer; sort is stable.
  const keys = Object.keys(fields).sort((a, b) => rank(a) - rank(b));
  return Object.fromEntries(keys.map((key) => [key, inSchemaOrder(key, fields[key])]));
}

/** A ResponseMessage or DCCAlert payload element, as the XSD types it. */
function payloadToXml(payload: RequestBody): string {
  const { element } = payload;
  if (SIMPLE_PAYLOADS.has(element)) {
    const text = payload.fields[element] ?? payload.fields['#text'];
    const written =
      typeof text === 'string' || typeof text === 'number' || typeof text === 'bigint'
        ? text.toString()
        : '';
    return srText(element, written);
  }
  const fields =
    element === 'PreCommand' && payload.fields['GBCSVersion'] === undefined
      ? { GBCSVersion: DEFAULT_PRE_COMMAND_GBCS_VERSION, ...payload.fields }
      : payload.fields;
  const ordered = inSchemaOrder(element, fields) as Record<string, unknown>;
  return srElement(element, fieldsToXml(ordered));
}

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
    response.payload === undefined ? '' : payloadToXml(response.payload),
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
  const payload = alert.payload === undefined ? '' : payloadToXml(alert.payload);
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
