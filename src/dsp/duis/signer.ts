// Reads who signed a DUIS XML message: ds:KeyInfo/ds:X509Data/ds:X509IssuerSerial.
import type { Element } from '@xmldom/xmldom';
import type { SignerReference } from '../messages.ts';
import { DS_NS, childElements } from './dom.ts';
import type { Problem } from './problems.ts';

const PATH = 'sr:Request/ds:Signature/ds:KeyInfo/ds:X509Data/ds:X509IssuerSerial';

function dsChild(parent: Element | undefined, name: string): Element | undefined {
  if (parent === undefined) return undefined;
  return childElements(parent).find((c) => c.namespaceURI === DS_NS && c.localName === name);
}

/** The issuer and decimal serial a `ds:Signature` names; records a problem when absent. */
export function readSignerReference(
  signature: Element,
  problems: Problem[],
): SignerReference | undefined {
  const serialData = dsChild(
    dsChild(dsChild(signature, 'KeyInfo'), 'X509Data'),
    'X509IssuerSerial',
  );
  const issuer = dsChild(serialData, 'X509IssuerName')?.textContent?.trim() ?? '';
  const serial = dsChild(serialData, 'X509SerialNumber')?.textContent?.trim() ?? '';
  if (serialData === undefined) {
    problems.push({
      path: PATH,
      message: 'the signature must name its certificate by X509IssuerSerial',
    });
    return undefined;
  }
  if (issuer === '')
    problems.push({ path: `${PATH}/ds:X509IssuerName`, message: 'missing or empty' });
  if (!/^\d+$/.test(serial)) {
    problems.push({
      path: `${PATH}/ds:X509SerialNumber`,
      message: 'must be a decimal serial number',
    });
  }
  if (issuer === '' || !/^\d+$/.test(serial)) return undefined;
  return { issuer, serial: BigInt(serial).toString() };
}
