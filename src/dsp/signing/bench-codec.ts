// Measures the DUIS codec and signatures: parses, verifications and signatures per second.
import { loadCatalogue } from '../../catalogue/index.ts';
import type { Eui64 } from '../../core/eui64.ts';
import { parseServiceRequestXml } from '../duis/parse-request-xml.ts';
import { serviceResponseToXml } from '../duis/response-xml.ts';
import { createCertificateDirectory, parseSigningCertificate } from './certificate.ts';
import { createCanonicalXmlSigner, createXmlSigner, type XmlSigningKey } from './sign-xml.ts';
import { verifyXmlSignature } from './verify-xml.ts';

/** Options of {@link benchCodec}. */
export interface CodecBenchOptions {
  /** An unsigned DUIS request (typical: an 8.8.2 Unjoin). */
  readonly request: string;
  readonly key: XmlSigningKey;
  /** Seconds per measurement (default 1). */
  readonly seconds?: number;
}

/** Operations per second of each step, on one core. */
export interface CodecBenchResult {
  readonly parsePerSecond: number;
  readonly verifyPerSecond: number;
  readonly signPerSecond: number;
  /** The DSP's own messages (a signed 4.1.1 Service Response), signed without parsing them back. */
  readonly canonicalSignPerSecond: number;
  readonly parseAndVerifyPerSecond: number;
}

/** A Service Response as the DSP writes it, for the canonical signer. */
const RESPONSE = serviceResponseToXml({
  kind: 'service-response',
  requestId: {
    originator: '90-B3-D5-1F-30-01-00-00' as Eui64,
    target: '00-DB-12-34-56-78-90-A0' as Eui64,
    counter: 1000n,
  },
  responseCode: 'I0',
  at: new Date('2026-01-01T00:00:00Z'),
  serviceReference: '4.1',
  srv: '4.1.1',
  payload: { element: 'GBCSPayload', fields: { '#text': 'AAECAwQFBgcICQoL' } },
});

function rate(seconds: number, work: () => unknown): number {
  for (let i = 0; i < 200; i += 1) work();
  let count = 0;
  const started = performance.now();
  const until = started + seconds * 1000;
  while (performance.now() < until) {
    for (let i = 0; i < 50; i += 1) work();
    count += 50;
  }
  return Math.round(count / ((performance.now() - started) / 1000));
}

/** Runs each measurement for `seconds`; throws if the sample does not parse and verify. */
export function benchCodec(options: CodecBenchOptions): CodecBenchResult {
  const seconds = options.seconds ?? 1;
  const catalogue = loadCatalogue();
  const sign = createXmlSigner(options.key);
  const signCanonical = createCanonicalXmlSigner(options.key);
  const signed = sign(options.request);
  const resolve = createCertificateDirectory([parseSigningCertificate(options.key.certificatePem)]);
  if (
    !parseServiceRequestXml(signed, { catalogue }).ok ||
    !verifyXmlSignature(signed, resolve).ok
  ) {
    throw new Error('the benchmark request does not parse and verify');
  }
  return {
    parsePerSecond: rate(seconds, () => parseServiceRequestXml(signed, { catalogue })),
    verifyPerSecond: rate(seconds, () => verifyXmlSignature(signed, resolve)),
    signPerSecond: rate(seconds, () => sign(options.request)),
    canonicalSignPerSecond: rate(seconds, () => signCanonical(RESPONSE)),
    // As the DSP does it: the parser's document is verified without a second parse.
    parseAndVerifyPerSecond: rate(seconds, () => {
      const parsed = parseServiceRequestXml(signed, { catalogue });
      verifyXmlSignature(signed, resolve, parsed.ok ? parsed.document : undefined);
    }),
  };
}
