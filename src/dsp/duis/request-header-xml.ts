// Reads the Header of a DUIS XML Service Request: element order, leaf text, value types.
import type { Element } from '@xmldom/xmldom';
import { childElements, displayName, textOf } from './dom.ts';
import type { HeaderInput } from './header.ts';
import type { Problem } from './problems.ts';
import { parseRequestIdText } from './request-id.ts';
import { matchSequence, type SequenceItem } from './sequence.ts';
import { SR_NS } from './dom.ts';

const HEADER = 'sr:Request/sr:Header';
const item = (name: string, min = 1): SequenceItem => ({ ns: SR_NS, name, min, max: 1 });
// DUIS XSD Request Header sequence.
const HEADER_SEQUENCE = [
  item('RequestID'),
  item('FirstInSequence', 0),
  item('PrecedingServiceRequestID', 0),
  item('CommandVariant'),
  item('ServiceReference'),
  item('ServiceReferenceVariant'),
];

function leafText(element: Element | undefined, path: string, problems: Problem[]): string {
  if (element === undefined) return '';
  if (childElements(element).length > 0) {
    problems.push({ path, message: `${displayName(element)} must hold text, not elements` });
  }
  return textOf(element);
}

/** The header values of a request, or undefined when a required one is missing or mistyped. */
export function readXmlHeader(header: Element, problems: Problem[]): HeaderInput | undefined {
  const { found, problems: order } = matchSequence(childElements(header), HEADER_SEQUENCE, HEADER);
  problems.push(...order);
  const text = (name: string) => leafText(found.get(name)?.[0], `${HEADER}/sr:${name}`, problems);
  const first = text('FirstInSequence').trim();
  if (found.get('FirstInSequence')?.length && !['true', 'false', '1', '0'].includes(first)) {
    problems.push({ path: `${HEADER}/sr:FirstInSequence`, message: 'must be true or false' });
  }
  const preceding = found.get('PrecedingServiceRequestID')?.[0];
  const precedingId = preceding === undefined ? undefined : parseRequestIdText(textOf(preceding));
  if (precedingId !== undefined && 'reason' in precedingId) {
    problems.push({ path: `${HEADER}/sr:PrecedingServiceRequestID`, message: precedingId.reason });
  }
  const cvText = text('CommandVariant').trim();
  const missing = [
    'RequestID',
    'CommandVariant',
    'ServiceReference',
    'ServiceReferenceVariant',
  ].some((name) => found.get(name)?.length === 0);
  if (found.get('CommandVariant')?.length && !/^\d+$/.test(cvText)) {
    problems.push({
      path: `${HEADER}/sr:CommandVariant`,
      message: `${JSON.stringify(cvText)} is not a positive integer`,
    });
    return undefined;
  }
  if (missing) return undefined;
  return {
    requestId: text('RequestID'),
    commandVariant: Number(cvText),
    serviceReference: text('ServiceReference'),
    srv: text('ServiceReferenceVariant'),
  };
}
