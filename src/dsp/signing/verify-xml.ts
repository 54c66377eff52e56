// Verifies the enveloped XML-DSig signature of a DUIS message, refusing wrapped or foreign forms.
import { createHash, timingSafeEqual, verify } from 'node:crypto';
import type { Document, Element } from '@xmldom/xmldom';
import { DS_NS, childElements } from '../duis/dom.ts';
import { DEFAULT_MAX_BYTES } from '../duis/problems.ts';
import { readSignerReference } from '../duis/signer.ts';
import { parseXmlDocument } from '../duis/xml-document.ts';
import { ALGORITHMS, exclusiveC14n, inclusiveC14n } from './c14n.ts';
import type { CertificateResolver, SigningCertificate } from './certificate.ts';

/** Why a signature was refused. */
export type SignatureFailure =
  | 'unsigned'
  | 'malformed-signature'
  | 'unknown-signer'
  | 'bad-digest'
  | 'bad-signature'
  | 'wrong-algorithm';

/** The outcome of a verification: the signer's certificate, or the reason and a detail. */
export type SignatureCheck =
  | { readonly ok: true; readonly certificate: SigningCertificate }
  | { readonly ok: false; readonly reason: SignatureFailure; readonly detail: string };

class Refusal extends Error {
  constructor(
    readonly reason: SignatureFailure,
    detail: string,
  ) {
    super(detail);
  }
}

function only(parent: Element, name: string): Element {
  const found = childElements(parent).filter(
    (c) => c.namespaceURI === DS_NS && c.localName === name,
  );
  if (found.length !== 1)
    throw new Refusal(
      'malformed-signature',
      `expected one ds:${name} in ds:${parent.localName ?? ''}, found ${found.length}`,
    );
  return found[0] as Element;
}

function algorithm(element: Element, allowed: readonly string[]): string {
  const value = element.getAttribute('Algorithm') ?? '';
  if (!allowed.includes(value))
    throw new Refusal(
      'wrong-algorithm',
      `ds:${element.localName ?? ''} Algorithm ${JSON.stringify(value)} is not accepted; expected ${allowed.join(' or ')}`,
    );
  return value;
}

/** The DUIS transform lists: enveloped alone (the reference is then C14N 1.0, XML-DSig 4.3.3.2) or with exc-c14n. */
function referenceCanonicaliser(reference: Element): (root: Element) => string {
  const transforms = childElements(only(reference, 'Transforms'));
  const names = transforms.map((t) => t.getAttribute('Algorithm') ?? '');
  if (names.length === 1 && names[0] === ALGORITHMS.enveloped) return inclusiveC14n;
  if (names.length === 2 && names[0] === ALGORITHMS.enveloped && names[1] === ALGORITHMS.excC14n)
    return exclusiveC14n;
  throw new Refusal(
    'wrong-algorithm',
    `transforms ${names.join(', ')} are not accepted; expected enveloped-signature, optionally followed by exc-c14n`,
  );
}

function parse(xml: string): Document {
  const parsed = parseXmlDocument(xml, { maxBytes: DEFAULT_MAX_BYTES });
  if (!parsed.ok)
    throw new Refusal(
      'malformed-signature',
      `the message is not acceptable XML: ${parsed.problems[0]?.message ?? ''}`,
    );
  return parsed.value;
}

function check(document: Document, resolve: CertificateResolver): SigningCertificate {
  const root = document.documentElement;
  const all = document.getElementsByTagNameNS(DS_NS, 'Signature');
  if (root === null || all.length === 0)
    throw new Refusal('unsigned', 'the message carries no ds:Signature');
  const signature = all[0] as Element;
  // Signature-wrapping defence: one signature, the root's last element child, covering the whole document.
  if (all.length > 1)
    throw new Refusal(
      'malformed-signature',
      `the message carries ${all.length} ds:Signature elements; exactly one is allowed`,
    );
  if (childElements(root).at(-1) !== signature)
    throw new Refusal(
      'malformed-signature',
      'ds:Signature must be the last child element of the root',
    );
  const signedInfo = only(signature, 'SignedInfo');
  const [c14nMethod, signatureMethod, reference, ...extra] = childElements(signedInfo);
  if (
    c14nMethod?.localName !== 'CanonicalizationMethod' ||
    signatureMethod?.localName !== 'SignatureMethod' ||
    reference?.localName !== 'Reference' ||
    extra.length > 0
  ) {
    throw new Refusal(
      'malformed-signature',
      'ds:SignedInfo must hold CanonicalizationMethod, SignatureMethod and exactly one Reference',
    );
  }
  algorithm(c14nMethod, [ALGORITHMS.excC14n]);
  algorithm(signatureMethod, [ALGORITHMS.ecdsaSha256]);
  if (reference.getAttribute('URI') !== '' || !reference.hasAttribute('URI'))
    throw new Refusal('malformed-signature', 'the Reference must have URI="" (the whole document)');
  const canonicalise = referenceCanonicaliser(reference);
  algorithm(only(reference, 'DigestMethod'), [ALGORITHMS.sha256]);
  const digestValue = Buffer.from(
    (only(reference, 'DigestValue').textContent ?? '').replace(/\s+/g, ''),
    'base64',
  );
  const problems: { path: string; message: string }[] = [];
  const signer = readSignerReference(signature, problems);
  if (signer === undefined)
    throw new Refusal('malformed-signature', problems.map((p) => p.message).join('; '));
  const certificate = resolve(signer.issuer, signer.serial);
  if (certificate === undefined)
    throw new Refusal(
      'unknown-signer',
      `no registered certificate has issuer ${signer.issuer} and serial ${signer.serial}`,
    );
  const signedBytes = Buffer.from(exclusiveC14n(signedInfo), 'utf8');
  const value = Buffer.from(
    (only(signature, 'SignatureValue').textContent ?? '').replace(/\s+/g, ''),
    'base64',
  );
  const encoding = value.length === 64 ? 'ieee-p1363' : 'der';
  let good = false;
  try {
    good = verify(
      'sha256',
      signedBytes,
      { key: certificate.publicKey, dsaEncoding: encoding },
      value,
    );
  } catch {
    good = false;
  }
  if (!good)
    throw new Refusal(
      'bad-signature',
      'the SignatureValue does not verify with the certificate named in KeyInfo',
    );
  root.removeChild(signature);
  const digest = createHash('sha256').update(canonicalise(root)).digest();
  root.appendChild(signature);
  if (digest.length !== digestValue.length || !timingSafeEqual(digest, digestValue)) {
    throw new Refusal(
      'bad-digest',
      'the document does not match the signed digest: it was changed after signing',
    );
  }
  return certificate;
}

/**
 * Verifies a DUIS XML message's enveloped signature. Accepts exactly the DUIS algorithms
 * (exc-c14n SignedInfo, ecdsa-sha256, sha256, Reference URI=""); the certificate is found by
 * the caller's `resolveCertificate(issuer, serial)` from KeyInfo/X509IssuerSerial.
 *
 * `document` is the same text already parsed (by the request parser), which saves a second
 * parse; it is left as it was found.
 */
export function verifyXmlSignature(
  xml: string,
  resolveCertificate: CertificateResolver,
  document?: Document,
): SignatureCheck {
  try {
    return { ok: true, certificate: check(document ?? parse(xml), resolveCertificate) };
  } catch (error) {
    if (error instanceof Refusal) return { ok: false, reason: error.reason, detail: error.message };
    throw error;
  }
}
