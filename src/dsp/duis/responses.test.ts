import { describe, expect, it } from 'vitest';
import type { Eui64 } from '../../core/eui64.ts';
import type {
  DccAlertMessage,
  DeviceAlertMessage,
  RequestId,
  ServiceResponse,
} from '../messages.ts';
import { parseResponseXml } from './parse-response-xml.ts';
import { dccAlertToJson, deviceAlertToJson, serviceResponseToJson } from './response-json.ts';
import { dccAlertToXml, deviceAlertToXml, serviceResponseToXml } from './response-xml.ts';

const user = '90-B3-D5-1F-30-01-00-00' as Eui64;
const device = '00-DB-12-34-56-78-90-A4' as Eui64;
const requestId: RequestId = { originator: user, target: device, counter: 1000n };
const at = new Date('2026-03-02T10:00:00.123Z');

describe('DUIS responses and alerts', () => {
  it('round-trips a Service Response with payload and reason', () => {
    const response: ServiceResponse = {
      kind: 'service-response',
      requestId,
      responseId: { originator: device, target: user, counter: 1000n },
      responseCode: 'E080801',
      at,
      serviceReference: '8.8',
      srv: '8.8.2',
      reason: 'Other Device not joined to Business Target Device',
      payload: {
        element: 'DSPInventory',
        fields: {
          Device: [{ DeviceID: device, DeviceStatus: 'Commissioned' }, { DeviceID: user }],
        },
      },
    };
    const xml = serviceResponseToXml(response);
    expect(xml).toContain(
      '<sr:Response xmlns:sr="http://www.dccinterface.co.uk/ServiceUserGateway" schemaVersion="5.4">',
    );
    expect(xml).toMatch(
      /<sr:Header><sr:RequestID>.*<\/sr:RequestID><sr:ResponseID>.*<sr:ResponseCode>E080801<\/sr:ResponseCode><sr:ResponseDateTime>2026-03-02T10:00:00.123Z</,
    );
    expect(parseResponseXml(xml)).toEqual({ ok: true, message: response, schemaVersion: '5.4' });
  });

  it('keeps a reason containing "--" well-formed (comment text cannot hold "--")', () => {
    const xml = serviceResponseToXml({
      kind: 'service-response',
      responseCode: 'E1',
      at,
      reason: 'a -- b-',
    });
    expect(parseResponseXml(xml)).toMatchObject({ ok: true, message: { reason: 'a - - b-' } });
  });

  it('round-trips an I99 acknowledgement without ResponseID or payload', () => {
    const ack: ServiceResponse = {
      kind: 'service-response',
      requestId,
      responseCode: 'I99',
      at,
      serviceReference: '8.2',
      srv: '8.2',
    };
    expect(parseResponseXml(serviceResponseToXml(ack, { schemaVersion: '5.3' }))).toEqual({
      ok: true,
      message: ack,
      schemaVersion: '5.3',
    });
  });

  it('round-trips a DCC Alert (ResponseID DSP:recipient:counter)', () => {
    const alert: DccAlertMessage = {
      kind: 'dcc-alert',
      code: 'N24',
      at,
      recipient: user,
      requestId,
      deviceId: device,
      payload: {
        element: 'UpdateHANDeviceLogResult',
        fields: {
          DeviceID: device,
          UpdateHANDeviceLogServiceRequestID:
            '90-B3-D5-1F-30-01-00-00:00-DB-12-34-56-78-90-A4:1000',
        },
      },
    };
    const xml = dccAlertToXml(alert);
    expect(xml).toContain(
      `<sr:ResponseID>90-B3-D5-1F-30-00-00-02:${user}:${at.getTime()}</sr:ResponseID>`,
    );
    expect(xml).toContain(
      '<sr:DCCAlertMessage><sr:DCCAlertCode>N24</sr:DCCAlertCode><sr:DCCAlert><sr:UpdateHANDeviceLogResult>',
    );
    expect(parseResponseXml(xml)).toEqual({ ok: true, message: alert, schemaVersion: '5.4' });
  });

  it('round-trips a Device Alert (ResponseID device:recipient:counter)', () => {
    const alert: DeviceAlertMessage = {
      kind: 'device-alert',
      code: '8F12',
      at,
      recipient: user,
      deviceId: device,
      gbcsPayload: 'AAEC',
    };
    const xml = deviceAlertToXml(alert, { counter: 7n });
    expect(xml).toContain(`<sr:ResponseID>${device}:${user}:7</sr:ResponseID>`);
    expect(xml).toContain(
      '<sr:DeviceAlertMessage><sr:AlertCode>8F12</sr:AlertCode><sr:GBCSPayload>AAEC</sr:GBCSPayload>',
    );
    expect(parseResponseXml(xml)).toEqual({ ok: true, message: alert, schemaVersion: '5.4' });
  });

  it('writes the JSON equivalents', () => {
    const response: ServiceResponse = {
      kind: 'service-response',
      requestId,
      responseCode: 'I0',
      at,
      serviceReference: '8.2',
      srv: '8.2',
      payload: { element: 'DSPInventory', fields: { Device: { DeviceID: device } } },
    };
    expect(JSON.parse(serviceResponseToJson(response))).toEqual({
      schemaVersion: '5.4',
      header: {
        requestId: `${user}:${device}:1000`,
        responseCode: 'I0',
        responseDateTime: at.toISOString(),
      },
      body: {
        ResponseMessage: {
          serviceReference: '8.2',
          serviceReferenceVariant: '8.2',
          payload: { DSPInventory: { Device: { DeviceID: device } } },
        },
      },
    });
    const dcc = JSON.parse(
      dccAlertToJson({ kind: 'dcc-alert', code: 'N13', at, recipient: user }, { counter: 1n }),
    ) as { header: unknown; body: unknown };
    expect(dcc.body).toEqual({ DCCAlertMessage: { dccAlertCode: 'N13' } });
    const dev = JSON.parse(
      deviceAlertToJson({
        kind: 'device-alert',
        code: '8F66',
        at,
        recipient: user,
        deviceId: device,
      }),
    ) as { body: unknown };
    expect(dev.body).toEqual({ DeviceAlertMessage: { alertCode: '8F66', gbcsPayload: '' } });
  });

  it('refuses responses that are not DUIS', () => {
    expect(parseResponseXml('<a/>').ok).toBe(false);
    const noCode = serviceResponseToXml({
      kind: 'service-response',
      responseCode: 'I0',
      at,
    }).replace(/<sr:ResponseCode>I0<\/sr:ResponseCode>/, '');
    expect(parseResponseXml(noCode)).toMatchObject({
      ok: false,
      problems: [{ message: 'ResponseCode is missing' }],
    });
  });
});
