// The JSON form of DUIS responses and alerts: same header and body as the XML, camel-case keys.
//
// The text is written directly rather than by JSON.stringify over a nested object: every
// response and alert is rendered for the audit trail, and building the object first cost more
// than the rest of the record (measured, bench/in-process.ts). The output is byte for byte what
// JSON.stringify gives for the documented shape (pinned by response-json.test.ts).
import {
  formatRequestId,
  type DccAlertMessage,
  type DeviceAlertMessage,
  type RequestBody,
  type RequestId,
  type ServiceResponse,
} from '../messages.ts';
import { CURRENT_SCHEMA_VERSION } from './problems.ts';
import {
  alertResponseId,
  type AlertWriteOptions,
  type ResponseWriteOptions,
} from './response-xml.ts';

interface JsonHeader {
  readonly requestId?: RequestId | undefined;
  readonly responseId?: RequestId | undefined;
  readonly responseCode: string;
  readonly at: Date;
}

/**
 * A JSON string literal. Codes, RequestIDs and SRVs need no escaping: they are quoted as they
 * are; anything with a quote, backslash, control character or surrogate goes through
 * JSON.stringify, which escapes them.
 */
function str(text: string): string {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 || c === 0x22 || c === 0x5c || (c >= 0xd800 && c <= 0xdfff)) {
      return JSON.stringify(text);
    }
  }
  return `"${text}"`;
}

/** `,"payload":{"<Element>":fields}`, or nothing. */
function payloadJson(body: RequestBody | undefined): string {
  return body === undefined ? '' : `,"payload":{${str(body.element)}:${fieldsJson(body.fields)}}`;
}

/** Fields as JSON: flat string fields (the common GBCS payload) written directly. */
function fieldsJson(fields: Readonly<Record<string, unknown>>): string {
  if (Array.isArray(fields)) return JSON.stringify(fields);
  let text = '';
  for (const key of Object.keys(fields)) {
    const value = fields[key];
    if (typeof value !== 'string') return JSON.stringify(fields);
    text += `${text === '' ? '' : ','}${str(key)}:${str(value)}`;
  }
  return `{${text}}`;
}

/** `{ schemaVersion, header: { requestId?, responseId?, responseCode, responseDateTime }, body }`. */
function documentJson(header: JsonHeader, body: string, options: ResponseWriteOptions): string {
  const version = str(options.schemaVersion ?? CURRENT_SCHEMA_VERSION);
  const requestId =
    header.requestId === undefined ? '' : `"requestId":${str(formatRequestId(header.requestId))},`;
  const responseId =
    header.responseId === undefined
      ? ''
      : `"responseId":${str(formatRequestId(header.responseId))},`;
  return (
    `{"schemaVersion":${version},"header":{${requestId}${responseId}` +
    `"responseCode":${str(header.responseCode)},` +
    `"responseDateTime":"${header.at.toISOString()}"},"body":${body}}`
  );
}

/**
 * A Service Response as JSON: `{ schemaVersion, header: { requestId?, responseId?, responseCode,
 * responseDateTime }, body: { ResponseMessage: { serviceReference?, serviceReferenceVariant?,
 * payload?: { <Element>: fields } }, reason? } }`.
 */
export function serviceResponseToJson(
  response: ServiceResponse,
  options: ResponseWriteOptions = {},
): string {
  let message = '';
  if (response.serviceReference !== undefined) {
    message = `"serviceReference":${str(response.serviceReference)}`;
  }
  if (response.srv !== undefined) {
    message += `${message === '' ? '' : ','}"serviceReferenceVariant":${str(response.srv)}`;
  }
  const payload = payloadJson(response.payload);
  if (payload !== '') message = message === '' ? payload.slice(1) : message + payload;
  const reason =
    response.reason !== undefined && options.includeReason !== false
      ? `,"reason":${str(response.reason)}`
      : '';
  return documentJson(response, `{"ResponseMessage":{${message}}${reason}}`, options);
}

/** A DCC Alert as JSON: body `{ DCCAlertMessage: { dccAlertCode, payload? } }`. */
export function dccAlertToJson(alert: DccAlertMessage, options: AlertWriteOptions = {}): string {
  const responseId = alertResponseId(alert, options);
  const body = `{"DCCAlertMessage":{"dccAlertCode":${str(alert.code)}${payloadJson(alert.payload)}}}`;
  return documentJson(
    { requestId: alert.requestId, responseId, responseCode: 'I0', at: alert.at },
    body,
    options,
  );
}

/** A Device Alert as JSON: body `{ DeviceAlertMessage: { alertCode, gbcsPayload } }`. */
export function deviceAlertToJson(
  alert: DeviceAlertMessage,
  options: AlertWriteOptions = {},
): string {
  const responseId = alertResponseId(alert, options);
  const body =
    `{"DeviceAlertMessage":{"alertCode":${str(alert.code)},` +
    `"gbcsPayload":${str(alert.gbcsPayload ?? '')}}}`;
  return documentJson(
    { requestId: alert.requestId, responseId, responseCode: 'I0', at: alert.at },
    body,
    options,
  );
}
