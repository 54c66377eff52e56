import { describe, expect, it } from 'vitest';
import type { Eui64 } from '../../core/eui64.ts';
import {
  formatRequestId,
  type DccAlertMessage,
  type DeviceAlertMessage,
  type RequestId,
  type ServiceResponse,
} from '../messages.ts';
import { dccAlertToJson, deviceAlertToJson, serviceResponseToJson } from './response-json.ts';
import { DEFAULT_DSP_ID } from './response-xml.ts';

const user = '90-B3-D5-1F-30-01-00-00' as Eui64;
const device = '00-DB-12-34-56-78-90-A4' as Eui64;
const requestId: RequestId = { originator: user, target: device, counter: 18446744073709551615n };
const responseId: RequestId = { originator: device, target: user, counter: 7n };
const at = new Date('2026-03-02T10:00:00.123Z');

/** The documented shape, written through JSON.stringify: what the direct writer must match. */
function reference(
  header: { requestId?: RequestId; responseId?: RequestId; responseCode: string },
  body: object,
  schemaVersion = '5.4',
): string {
  return JSON.stringify({
    schemaVersion,
    header: {
      ...(header.requestId ? { requestId: formatRequestId(header.requestId) } : {}),
      ...(header.responseId ? { responseId: formatRequestId(header.responseId) } : {}),
      responseCode: header.responseCode,
      responseDateTime: at.toISOString(),
    },
    body,
  });
}

const responses: ServiceResponse[] = [
  { kind: 'service-response', responseCode: 'E1', at },
  { kind: 'service-response', responseCode: 'E1', at, reason: 'no "quotes" \\ or\nbreaks' },
  { kind: 'service-response', responseCode: 'E1', at, reason: 'emoji 😀, lone \ud800, tab\t' },
  {
    kind: 'service-response',
    requestId,
    responseId,
    responseCode: 'I0',
    at,
    serviceReference: '8.8',
    srv: '8.8.1',
    payload: { element: 'DSPInventory', fields: { Device: [{ DeviceID: device }, { n: 1 }] } },
  },
  { kind: 'service-response', requestId, responseCode: 'I99', at, srv: '4.1.1' },
  {
    kind: 'service-response',
    responseCode: 'I0',
    at,
    payload: { element: 'GBCSPayload', fields: { GBCSPayload: 'AAE=' } },
  },
];

describe('DUIS JSON responses and alerts', () => {
  it.each(responses)('writes a Service Response as JSON.stringify would (%#)', (response) => {
    const message = {
      ...(response.serviceReference === undefined
        ? {}
        : { serviceReference: response.serviceReference }),
      ...(response.srv === undefined ? {} : { serviceReferenceVariant: response.srv }),
      ...(response.payload === undefined
        ? {}
        : { payload: { [response.payload.element]: response.payload.fields } }),
    };
    const withReason = {
      ResponseMessage: message,
      ...(response.reason ? { reason: response.reason } : {}),
    };
    const header = { ...response };
    expect(serviceResponseToJson(response)).toBe(reference(header, withReason));
    expect(serviceResponseToJson(response, { includeReason: false, schemaVersion: '5.1' })).toBe(
      reference(header, { ResponseMessage: message }, '5.1'),
    );
    expect(JSON.parse(serviceResponseToJson(response))).toHaveProperty('header.responseCode');
  });

  it('writes DCC Alerts with and without a payload as JSON.stringify would', () => {
    const alert: DccAlertMessage = { kind: 'dcc-alert', code: 'N13', at, recipient: user };
    const dspId = { originator: DEFAULT_DSP_ID, target: user, counter: BigInt(at.getTime()) };
    expect(dccAlertToJson(alert)).toBe(
      reference(
        { responseId: dspId, responseCode: 'I0' },
        { DCCAlertMessage: { dccAlertCode: 'N13' } },
      ),
    );
    const fields = { CommandRequestID: formatRequestId(requestId), DeviceID: device };
    const withPayload = { ...alert, requestId, payload: { element: 'CommandFailure', fields } };
    expect(dccAlertToJson(withPayload, { counter: 5n })).toBe(
      reference(
        { requestId, responseId: { ...dspId, counter: 5n }, responseCode: 'I0' },
        { DCCAlertMessage: { dccAlertCode: 'N13', payload: { CommandFailure: fields } } },
      ),
    );
  });

  it('writes Device Alerts as JSON.stringify would, an absent GBCS payload as ""', () => {
    const alert: DeviceAlertMessage = {
      kind: 'device-alert',
      code: '8F12',
      at,
      recipient: user,
      deviceId: device,
    };
    const id = { originator: device, target: user, counter: BigInt(at.getTime()) };
    expect(deviceAlertToJson(alert)).toBe(
      reference(
        { responseId: id, responseCode: 'I0' },
        { DeviceAlertMessage: { alertCode: '8F12', gbcsPayload: '' } },
      ),
    );
    expect(deviceAlertToJson({ ...alert, requestId, gbcsPayload: 'qg==' })).toBe(
      reference(
        { requestId, responseId: id, responseCode: 'I0' },
        { DeviceAlertMessage: { alertCode: '8F12', gbcsPayload: 'qg==' } },
      ),
    );
  });
});
