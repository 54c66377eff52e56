// XML canonicalisation for signatures, by xml-crypto's C14N 1.0 and exclusive C14N implementations.
import type { Element } from '@xmldom/xmldom';
import { C14nCanonicalization, ExclusiveCanonicalization } from 'xml-crypto';

/** XML-DSig algorithm identifiers DUIS signatures use (and the only ones opendsp accepts). */
export const ALGORITHMS = {
  excC14n: 'http://www.w3.org/2001/10/xml-exc-c14n#',
  c14n: 'http://www.w3.org/TR/2001/REC-xml-c14n-20010315',
  ecdsaSha256: 'http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256',
  enveloped: 'http://www.w3.org/2000/09/xmldsig#enveloped-signature',
  sha256: 'http://www.w3.org/2001/04/xmlenc#sha256',
} as const;

const exclusive = new ExclusiveCanonicalization();
const inclusive = new C14nCanonicalization();

/** Exclusive C14N without comments of an element (its visibly used namespaces only). */
export function exclusiveC14n(element: Element): string {
  // xml-crypto's d.ts names the browser DOM's Element (absent here, so untyped); xmldom nodes fit.
  return exclusive.process(element, {});
}

/** Inclusive C14N 1.0 without comments of a document's root element. */
export function inclusiveC14n(root: Element): string {
  return inclusive.process(root, {});
}
