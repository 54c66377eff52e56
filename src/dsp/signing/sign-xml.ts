// Signs a DUIS XML document with an enveloped XML-DSig signature (exc-c14n, ecdsa-sha256).
import { createHash, createPrivateKey, sign, type KeyObject } from 'node:crypto';
import { InvalidValueError } from '../../core/errors.ts';
import { DS_NS, childElements } from '../duis/dom.ts';
import { escapeText } from '../duis/xml-writer.ts';
import { parseDom, parseXmlDocument } from '../duis/xml-document.ts';
import { ALGORITHMS, exclusiveC14n } from './c14n.ts';
import { parseSigningCertificate, type SigningCertificate } from './certificate.ts';

/** The signer's key pair: a P-256 private key and its certificate, both PEM. */
export interface XmlSigningKey {
  readonly privateKeyPem: string;
  readonly certificatePem: string;
}

/** Documents the DSP signs are its own; this bound only guards against runaway input. */
const MAX_SIGNED_BYTES = 16 * 1024 * 1024;
const ROOT_END = /<\/([^\s>]+)\s*>\s*(?:<!--[\s\S]*?-->\s*)*$/;

function signedInfoXml(digest: string): string {
  const a = ALGORITHMS;
  return (
    `<ds:SignedInfo><ds:CanonicalizationMethod Algorithm="${a.excC14n}"/>` +
    `<ds:SignatureMethod Algorithm="${a.ecdsaSha256}"/><ds:Reference URI="">` +
    `<ds:Transforms><ds:Transform Algorithm="${a.enveloped}"/>` +
    `<ds:Transform Algorithm="${a.excC14n}"/></ds:Transforms>` +
    `<ds:DigestMethod Algorithm="${a.sha256}"/><ds:DigestValue>${digest}</ds:DigestValue>` +
    `</ds:Reference></ds:SignedInfo>`
  );
}

/** Stands in for the digest while the canonical SignedInfo is worked out (not base64). */
const DIGEST_SLOT = '#digest#';

/**
 * The exc-c14n form of {@link signedInfoXml} as it sits in the signature, split around its
 * digest: it differs between documents only there, so it is canonicalised once, by the same
 * canonicaliser verifiers use, and filled in per document.
 */
const CANONICAL_SIGNED_INFO = ((): readonly [string, string] => {
  const fragment = parseDom(
    `<ds:Signature xmlns:ds="${DS_NS}">${signedInfoXml(DIGEST_SLOT)}</ds:Signature>`,
  );
  const element = fragment.ok ? fragment.value.documentElement?.firstChild : null;
  if (!fragment.ok || element === null || element === undefined) {
    throw new Error('internal: the SignedInfo template did not parse');
  }
  const parts = exclusiveC14n(element as Parameters<typeof exclusiveC14n>[0]).split(DIGEST_SLOT);
  if (parts.length !== 2) throw new Error('internal: the SignedInfo template lost its digest');
  return [parts[0] ?? '', parts[1] ?? ''];
})();

/**
 * Returns a signer for one key: each call returns the document with a `ds:Signature` appended
 * as the last child of its root, as DUIS signing tools write it: one Reference URI=""
 * (enveloped-signature + exc-c14n), sha256 digest, ecdsa-sha256 SignatureValue as base64 of raw
 * r‖s, KeyInfo X509IssuerSerial (decimal serial). The original text is kept byte for byte; the
 * signature is inserted before the root's end tag. The key and certificate are parsed once.
 */
export function createXmlSigner(key: XmlSigningKey): (xml: string) => string {
  const signer = loadKey(key);
  return (xml) => signWith(xml, signer);
}

/**
 * As {@link createXmlSigner}, for documents whose root element is already in exclusive-c14n
 * form once its comments are taken out, as the DSP's own writer (duis/response-xml.ts) writes
 * them: the digest is taken over that text, so the document is not parsed back and
 * canonicalised. Only for documents from that writer; canonical.test.ts checks, for every
 * kind of message it writes, that this text is what the canonicaliser gives.
 */
export function createCanonicalXmlSigner(key: XmlSigningKey): (xml: string) => string {
  const signer = loadKey(key);
  return (xml) => {
    const { canonical, endTag } = canonicalRoot(xml);
    return insertSignature(xml, endTag, signatureFor(digestOf(canonical), signer));
  };
}

interface LoadedKey {
  readonly certificate: SigningCertificate;
  readonly privateKey: KeyObject;
}

/** Parses the key and certificate once; the key must be P-256. */
function loadKey(key: XmlSigningKey): LoadedKey {
  const certificate = parseSigningCertificate(key.certificatePem);
  const privateKey = createPrivateKey(key.privateKeyPem);
  if (privateKey.asymmetricKeyDetails?.namedCurve !== 'prime256v1') {
    throw new InvalidValueError(
      'privateKey',
      privateKey.asymmetricKeyType,
      'must be an ECDSA P-256 key',
    );
  }
  return { certificate, privateKey };
}

const XML_DECLARATION = /^\uFEFF?(?:<\?xml\s[^?]*\?>)?\s*/;
const COMMENT = /<!--[\s\S]*?-->/g;

/**
 * The root element's text without comments, and where its end tag starts. The writer's text is
 * trusted to be canonical otherwise; the end tag must close the root.
 */
export function canonicalRoot(xml: string): { canonical: string; endTag: RegExpExecArray } {
  const start = XML_DECLARATION.exec(xml)?.[0].length ?? 0;
  const name = /^<([^\s/>]+)/.exec(xml.slice(start, start + 200))?.[1];
  const end = ROOT_END.exec(xml);
  if (name === undefined || end?.[1] !== name) {
    throw new InvalidValueError(
      'xml',
      xml.slice(0, 40),
      'cannot find the end tag of the root element',
    );
  }
  const text = xml.slice(start, end.index + `</${name}>`.length);
  return { canonical: text.includes('<!--') ? text.replace(COMMENT, '') : text, endTag: end };
}

function digestOf(canonical: string): string {
  return createHash('sha256').update(canonical).digest('base64');
}

function signWith(xml: string, key: LoadedKey): string {
  const parsed = parseXmlDocument(xml, { maxBytes: MAX_SIGNED_BYTES });
  if (!parsed.ok) {
    throw new InvalidValueError(
      'xml',
      xml.slice(0, 40),
      parsed.problems.map((p) => p.message).join('; '),
    );
  }
  const root = parsed.value.documentElement;
  const end = ROOT_END.exec(xml);
  if (root === null || end?.[1] !== root.tagName) {
    throw new InvalidValueError(
      'xml',
      xml.slice(0, 40),
      'cannot find the end tag of the root element',
    );
  }
  if (childElements(root).some((c) => c.namespaceURI === DS_NS && c.localName === 'Signature')) {
    throw new InvalidValueError('xml', root.tagName, 'the document is already signed');
  }
  return insertSignature(xml, end, signatureFor(digestOf(exclusiveC14n(root)), key));
}

/** The ds:Signature element for a document digest. */
function signatureFor(digest: string, key: LoadedKey): string {
  const canonical = CANONICAL_SIGNED_INFO[0] + digest + CANONICAL_SIGNED_INFO[1];
  const value = sign('sha256', Buffer.from(canonical, 'utf8'), {
    key: key.privateKey,
    dsaEncoding: 'ieee-p1363',
  });
  return (
    `<ds:Signature xmlns:ds="${DS_NS}">${signedInfoXml(digest)}` +
    `<ds:SignatureValue>${value.toString('base64')}</ds:SignatureValue>` +
    `<ds:KeyInfo><ds:X509Data><ds:X509IssuerSerial>` +
    `<ds:X509IssuerName>${escapeText(key.certificate.issuer)}</ds:X509IssuerName>` +
    `<ds:X509SerialNumber>${key.certificate.serial}</ds:X509SerialNumber>` +
    `</ds:X509IssuerSerial></ds:X509Data></ds:KeyInfo></ds:Signature>`
  );
}

/** The document with the signature as the root's last child, the original text kept. */
function insertSignature(xml: string, endTag: RegExpExecArray, signature: string): string {
  return xml.slice(0, endTag.index) + signature + xml.slice(endTag.index);
}

/** Signs one document (see {@link createXmlSigner}; use that to sign many with one key). */
export function signXml(xml: string, key: XmlSigningKey): string {
  return createXmlSigner(key)(xml);
}
