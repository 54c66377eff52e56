// The DSP signs its own messages without parsing them back (createCanonicalXmlSigner), trusting
// that the DUIS response writer's text is already in exclusive-c14n form once comments are taken
// out. These tests hold the writer to that, on hand-made edge cases and on every message a day
// of simulated traffic produces, and check the signatures verify as any other would.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Eui64 } from '../../core/eui64.ts';
import { parseDom } from '../duis/xml-document.ts';
import { dccAlertToXml, deviceAlertToXml, serviceResponseToXml } from '../duis/response-xml.ts';
import { createRenderer } from '../render.ts';
import { handleSimulatedDay } from '../testing.ts';
import { exclusiveC14n } from './c14n.ts';
import { createCertificateDirectory, parseSigningCertificate } from './certificate.ts';
import { canonicalRoot, createCanonicalXmlSigner, createXmlSigner } from './sign-xml.ts';
import { TEST_KEY } from './test-keys.ts';
import { verifyXmlSignature } from './verify-xml.ts';

const user = '90-B3-D5-1F-30-01-00-00' as Eui64;
const device = '00-DB-12-34-56-78-90-A4' as Eui64;
const at = new Date('2026-03-02T10:00:00.123Z');
const awkward = 'a & b < c > d "e" \'f\'\r\n\tg -- h --> i <!-- j ü € 𝄞';

/** What the canonicaliser makes of the document's root element. */
function canonicalised(xml: string): string {
  const parsed = parseDom(xml);
  if (!parsed.ok || parsed.value.documentElement === null) {
    throw new Error(`not well-formed: ${xml.slice(0, 80)}`);
  }
  return exclusiveC14n(parsed.value.documentElement);
}

const EDGE_CASES: Record<string, string> = {
  'acknowledgement without payload': serviceResponseToXml({
    kind: 'service-response',
    requestId: { originator: user, target: device, counter: 7n },
    responseCode: 'I99',
    at,
    serviceReference: '4.1',
    srv: '4.1.1',
  }),
  'refusal of an unreadable message, reason full of markup': serviceResponseToXml({
    kind: 'service-response',
    responseCode: 'E1',
    at,
    reason: awkward,
  }),
  'response with nested, repeated, empty and attributed fields': serviceResponseToXml({
    kind: 'service-response',
    requestId: { originator: user, target: device, counter: 18446744073709551615n },
    responseId: { originator: device, target: user, counter: 18446744073709551615n },
    responseCode: 'I0',
    at,
    serviceReference: '8.2',
    srv: '8.2',
    reason: 'ok -',
    payload: {
      element: 'DSPInventory',
      fields: {
        Device: [
          { DeviceID: device, DeviceStatus: 'Commissioned', Empty: null, Blank: '' },
          { '@z': 'last', '@a': awkward, '@m': 3, '#text': awkward },
          { Nested: { Deeper: [1, true, { '@x': '\t\n\r' }] } },
        ],
      },
    },
  }),
  'DCC alert with a payload': dccAlertToXml({
    kind: 'dcc-alert',
    code: 'N42',
    recipient: user,
    at,
    payload: { element: 'PowerOutageAlert', fields: { Reason: awkward, Blank: null } },
  }),
  'DCC alert without a payload': dccAlertToXml({
    kind: 'dcc-alert',
    code: 'N13',
    recipient: user,
    at,
  }),
  'device alert': deviceAlertToXml({
    kind: 'device-alert',
    code: '8F35',
    deviceId: device,
    recipient: user,
    at,
    gbcsPayload: 'AAECAwQFBgcICQoL',
  }),
};

describe('the DUIS response writer writes canonical XML', () => {
  it.each(Object.entries(EDGE_CASES))('%s', (_name, xml) => {
    expect(canonicalRoot(xml).canonical).toBe(canonicalised(xml));
  });

  describe('every message of a day of simulated traffic', () => {
    const rendered: string[] = [];
    const codes = new Set<string>();
    beforeAll(async () => {
      const renderer = createRenderer({ memo: false });
      const from = new Date('2026-01-05T00:00:00Z');
      await handleSimulatedDay({ devices: 2_000, seed: 5, from }, (handled) => {
        // An HTTP-level refusal (schema, replay) has no DUIS message to render; count it all the same.
        if (handled.reply.kind === 'http-refusal') codes.add(`HTTP ${handled.reply.status}`);
        const replies = handled.reply.kind === 'http-refusal' ? [] : [handled.reply];
        for (const message of [...replies, ...handled.outbound]) {
          codes.add(message.kind === 'service-response' ? message.responseCode : message.code);
          rendered.push(renderer.render(message, 'xml').body);
        }
      });
    });

    it('is canonical once its comments are taken out', () => {
      // Enough variety to mean something: acknowledgements, responses, refusals and alerts.
      expect(rendered.length).toBeGreaterThan(5_000);
      expect(codes.size).toBeGreaterThanOrEqual(10);
      const wrong = rendered.filter((xml) => canonicalRoot(xml).canonical !== canonicalised(xml));
      expect(wrong).toEqual([]);
    });
  });
});

describe('createCanonicalXmlSigner', () => {
  const resolve = createCertificateDirectory([parseSigningCertificate(TEST_KEY.certificatePem)]);
  const fast = createCanonicalXmlSigner(TEST_KEY);
  const full = createXmlSigner(TEST_KEY);
  const digest = (xml: string): string | undefined =>
    /<ds:DigestValue>([^<]+)<\/ds:DigestValue>/.exec(xml)?.[1];

  it.each(Object.entries(EDGE_CASES))('signs %s as the full signer does', (_name, xml) => {
    const signed = fast(xml);
    expect(verifyXmlSignature(signed, resolve)).toMatchObject({ ok: true });
    expect(digest(signed)).toBe(digest(full(xml)));
    // The text is kept byte for byte around the inserted signature.
    expect(signed.replace(/<ds:Signature[\s\S]*<\/ds:Signature>/, '')).toBe(xml);
  });

  it('refuses text whose root is not closed', () => {
    expect(() => fast('<?xml version="1.0"?>\n<sr:Response>')).toThrow(
      /cannot find the end tag of the root element/,
    );
  });
});
