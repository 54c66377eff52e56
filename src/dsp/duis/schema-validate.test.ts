// Every kind of XML message the DSP emits, rendered and signed as the DSP sends it, validates
// against Smart DCC's DUIS Schema V5.4; and the schema check itself finds what it should.
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCatalogue } from '../../catalogue/index.ts';
import type { Eui64 } from '../../core/eui64.ts';
import {
  formatRequestId,
  responseIdOf,
  type OutboundMessage,
  type RequestId,
  type ServiceResponse,
} from '../messages.ts';
import { createRenderer } from '../render.ts';
import { handleSimulatedDay } from '../testing.ts';
import { createCertificateDirectory, parseSigningCertificate } from '../signing/certificate.ts';
import { createCanonicalXmlSigner } from '../signing/sign-xml.ts';
import { TEST_KEY } from '../signing/test-keys.ts';
import { verifyXmlSignature } from '../signing/verify-xml.ts';
import { loadDuisSchema, type DuisSchema, type SchemaProblem } from './schema-validate.ts';

const user = '90-B3-D5-1F-30-01-00-00' as Eui64;
const device = '00-DB-12-34-56-78-90-A4' as Eui64;
const dcc = '90-B3-D5-1F-30-00-00-02' as Eui64;
const at = new Date('2026-03-02T10:00:00.123Z');
const deviceRequest: RequestId = { originator: user, target: device, counter: 1000n };
const nonDeviceRequest: RequestId = { originator: user, target: dcc, counter: 1001n };
const catalogue = loadCatalogue();
// As the DSP signs: `serve` passes the canonical signer to the renderer.
const renderer = createRenderer({ signXml: createCanonicalXmlSigner(TEST_KEY), memo: false });
const xmlOf = (message: OutboundMessage): string => renderer.render(message, 'xml').body;
const certificates = createCertificateDirectory([parseSigningCertificate(TEST_KEY.certificatePem)]);
/** What the DSP sends as a DUIS message (refusals DUIS handles at the HTTP level are not). */
const isOutbound = (message: { readonly kind: string }): message is OutboundMessage =>
  ['service-response', 'dcc-alert', 'device-alert'].includes(message.kind);

const deviceAnswer = (code: string, extra: Partial<ServiceResponse> = {}): ServiceResponse => ({
  kind: 'service-response',
  requestId: deviceRequest,
  responseId: responseIdOf(deviceRequest),
  responseCode: code,
  at,
  serviceReference: '4.1',
  srv: '4.1.1',
  ...extra,
});

/** One message of each kind and code path, built as the DSP's modules build them. */
const MESSAGES: Record<string, OutboundMessage> = {
  'acknowledgement I99': deviceAnswer('I99'),
  'device Service Response with its GBCS payload (dispatch.ts form)': deviceAnswer('I0', {
    payload: { element: 'GBCSPayload', fields: { GBCSPayload: '3QAAAAAAAFURAAAAAN8JAgAAAYKs' } },
  }),
  'device refusal with RequestID and ResponseID': deviceAnswer('E080801', {
    serviceReference: '8.8',
    srv: '8.8.1',
    reason: 'Other Device not joined to the Business Target Device -- see <SMI>',
  }),
  'Pre-Command for a critical SRV (CV 4)': deviceAnswer('I0', {
    serviceReference: '11.1',
    srv: '11.1',
    payload: { element: 'PreCommand', fields: { GBCSPayload: 'cHJlLWNvbW1hbmQ=' } },
  }),
  '8.2 Read Inventory with DSPInventory (non-device.ts form)': {
    kind: 'service-response',
    requestId: nonDeviceRequest,
    responseCode: 'I0',
    at,
    serviceReference: '8.2',
    srv: '8.2',
    payload: {
      element: 'DSPInventory',
      fields: {
        Device: [
          {
            DeviceID: device,
            DeviceType: 'ESME',
            DeviceStatus: 'Commissioned',
            DeviceManufacturer: '1234',
            DeviceModel: 'E1-0042',
            DeviceFirmwareVersion: '01020304',
            SMETSCHTSVersion: 'SMETS2',
            ImportMPxN: '1012345678901',
          },
        ],
      },
    },
  },
  'non-device I0 with no payload (8.14.1)': {
    kind: 'service-response',
    requestId: nonDeviceRequest,
    responseCode: 'I0',
    at,
    serviceReference: '8.14',
    srv: '8.14.1',
  },
  'non-device refusal (RequestID only)': {
    kind: 'service-response',
    requestId: nonDeviceRequest,
    responseCode: 'E19',
    at,
    serviceReference: '8.2',
    srv: '8.2',
    reason: 'no device matches 00-DB-12-34-56-78-90-FF',
  },
  'DCC Alert N13 CommandFailure (dispatch.ts form)': {
    kind: 'dcc-alert',
    code: 'N13',
    at,
    recipient: user,
    deviceId: device,
    requestId: deviceRequest,
    payload: {
      element: 'CommandFailure',
      fields: { CommandRequestID: formatRequestId(deviceRequest), DeviceID: device },
    },
  },
  'device alert with GBCS payload': {
    kind: 'device-alert',
    code: '8F35',
    at,
    recipient: user,
    deviceId: device,
    requestId: deviceRequest,
    gbcsPayload: 'AAECAwQFBgcICQoL',
  },
  'device alert without a GBCS payload': {
    kind: 'device-alert',
    code: '8F3F',
    at,
    recipient: user,
    deviceId: device,
  },
};

let schema: DuisSchema;
beforeAll(async () => {
  schema = await loadDuisSchema();
});

/** Each text's problems, as `line: message` strings (empty when valid). */
async function problemsOf(texts: readonly string[]): Promise<string[][]> {
  const results = await schema.validate(texts);
  return results.map((list) => list.map((p) => `${p.line ?? '?'}: ${p.message}`));
}

describe('the DSP writes DUIS Schema V5.4 valid XML', () => {
  it('for every kind of message and code path, signed', async () => {
    const names = Object.keys(MESSAGES);
    const texts = Object.values(MESSAGES).map(xmlOf);
    // The signature sits where the XSD puts it (last child of the root) and verifies.
    for (const text of texts) {
      expect(text).toMatch(/<\/ds:Signature><\/sr:Response>\n$/);
      expect(verifyXmlSignature(text, certificates)).toMatchObject({ ok: true });
    }
    const problems = await problemsOf(texts);
    expect(Object.fromEntries(names.map((n, i) => [n, problems[i]]))).toEqual(
      Object.fromEntries(names.map((n) => [n, []])),
    );
  });

  it('for every response code the catalogue holds (each an XSD ResponseCode)', async () => {
    const codes = catalogue.allResponseCodes().map((c) => c.code);
    const texts = codes.map((code) => xmlOf(deviceAnswer(code)));
    const problems = await problemsOf(texts);
    const invalid = codes.filter((_, i) => (problems[i] ?? []).length > 0);
    expect(invalid).toEqual([]);
  });

  it('for every DCC Alert code the catalogue holds', async () => {
    const codes = catalogue
      .allAlerts()
      .filter((a) => a.kind === 'dcc-alert')
      .map((a) => a.code);
    const texts = codes.map((code) =>
      xmlOf({
        kind: 'dcc-alert',
        code,
        at,
        recipient: user,
        payload: {
          element: 'CommandFailure',
          fields: { CommandRequestID: formatRequestId(deviceRequest), DeviceID: device },
        },
      }),
    );
    const problems = await problemsOf(texts);
    expect(codes.filter((_, i) => (problems[i] ?? []).length > 0)).toEqual([]);
  });

  describe('every distinct message of a day of simulated traffic', () => {
    const distinct = new Map<string, string>();
    beforeAll(async () => {
      const from = new Date('2026-01-05T00:00:00Z');
      await handleSimulatedDay({ devices: 400, seed: 7, from }, (handled) => {
        for (const message of [handled.reply, ...handled.outbound]) {
          // An HTTP-level refusal (replay, schema) is no DUIS message: nothing to validate.
          if (!isOutbound(message)) continue;
          // One of each shape: kind, code, SRV and payload element.
          const key =
            message.kind === 'service-response'
              ? `${message.responseCode} ${message.srv ?? '-'} ${message.payload?.element ?? '-'}`
              : `${message.kind} ${message.code} ${message.kind === 'dcc-alert' ? (message.payload?.element ?? '-') : '-'}`;
          if (!distinct.has(key)) distinct.set(key, xmlOf(message));
        }
      });
    }, 120_000);

    it('validates, and each signature verifies', async () => {
      expect(distinct.size).toBeGreaterThan(20);
      for (const text of distinct.values()) {
        expect(verifyXmlSignature(text, certificates)).toMatchObject({ ok: true });
      }
      const keys = [...distinct.keys()];
      const problems = await problemsOf([...distinct.values()]);
      const invalid = Object.fromEntries(
        keys.flatMap((k, i) => ((problems[i] ?? []).length > 0 ? [[k, problems[i]]] : [])),
      );
      expect(invalid).toEqual({});
    });
  });
});

describe('loadDuisSchema().validate', () => {
  it('refuses a Service Response without ServiceReference (why unreadable requests get HTTP answers)', async () => {
    // DUIS requires ServiceReference and ServiceReferenceVariant in every ResponseMessage (XSD
    // line 4880): a request read too little to know them has no valid DUIS answer, so the DSP
    // answers it at the HTTP level (service.ts) and never writes this document.
    const unreadable = xmlOf({ kind: 'service-response', responseCode: 'E1', at });
    const [problems] = await problemsOf([unreadable]);
    expect(problems).toEqual([
      "2: Element 'sr:ResponseMessage': Missing child element(s). Expected is ( sr:ServiceReference ).",
    ]);
  });

  it('names the line and the rule a document breaks, and tells documents apart', async () => {
    const good = xmlOf(MESSAGES['acknowledgement I99'] as OutboundMessage);
    const bad = good
      .replace('schemaVersion="5.4"', '')
      .replace('<sr:ResponseCode>I99</sr:ResponseCode>', '\n<sr:ResponseCode>X1</sr:ResponseCode>');
    const [first, second, third] = await schema.validate([good, bad, '<a><b></a>']);
    expect(first).toEqual([]);
    const found = (list: readonly SchemaProblem[] | undefined, line: number, text: string) =>
      (list ?? []).some((p) => p.line === line && p.message.includes(text));
    expect(found(second, 2, "'schemaVersion' is required")).toBe(true);
    expect(found(second, 3, "'X1' is not one of the")).toBe(true);
    expect(third).toHaveLength(1);
    expect(found(third, 1, 'Opening and ending tag mismatch')).toBe(true);
  });
});
