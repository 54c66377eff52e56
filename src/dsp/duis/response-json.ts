// The JSON form of DUIS responses and alerts: same header and body as the XML, camel-case keys.
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
  readonly requestId?: RequestId;
  readonly responseId?: RequestId;
  readonly responseCode: string;
  readonly at: Date;
}

const payloadJson = (body: RequestBody | undefined) =>
  body === undefined ? {} : { payload: { [body.element]: body.fields } };

function documentJson(header: JsonHeader, body: object, options: ResponseWriteOptions): string {
  return JSON.stringify({
    schemaVersion: options.schemaVersion ?? CURRENT_SCHEMA_VERSION,
    header: {
      ...(header.requestId === undefined ? {} : { requestId: formatRequestId(header.requestId) }),
      ...(header.responseId === undefined
        ? {}
        : { responseId: formatRequestId(header.responseId) }),
      responseCode: header.responseCode,
      responseDateTime: header.at.toISOString(),
    },
    body,
  });
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
  const message = {
    ...(response.serviceReference === undefined
      ? {}
      : { serviceReference: response.serviceReference }),
    ...(response.srv === undefined ? {} : { serviceReferenceVariant: response.srv }),
    ...payloadJson(response.payload),
  };
  const reason = response.reason !== undefined && options.includeReason !== false;
  return documentJson(
    response,
    { ResponseMessage: message, ...(reason ? { reason: response.reason } : {}) },
    options,
  );
}

/** A DCC Alert as JSON: body `{ DCCAlertMessage: { dccAlertCode, payload? } }`. */
export function dccAlertToJson(alert: DccAlertMessage, options: AlertWriteOptions = {}): string {
  const responseId = alertResponseId(alert, options);
  const body = { DCCAlertMessage: { dccAlertCode: alert.code, ...payloadJson(alert.payload) } };
  return documentJson({ ...alert, responseId, responseCode: 'I0' }, body, options);
}

/** A Device Alert as JSON: body `{ DeviceAlertMessage: { alertCode, gbcsPayload } }`. */
export function deviceAlertToJson(
  alert: DeviceAlertMessage,
  options: AlertWriteOptions = {},
): string {
  const responseId = alertResponseId(alert, options);
  const body = {
    DeviceAlertMessage: { alertCode: alert.code, gbcsPayload: alert.gbcsPayload ?? '' },
  };
  return documentJson({ ...alert, responseId, responseCode: 'I0' }, body, options);
}
