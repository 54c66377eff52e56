// Parses DUIS XML `sr:Response` documents back into ServiceResponse / alert messages.
import type { Element } from '@xmldom/xmldom';
import type { Eui64 } from '../../core/eui64.ts';
import type { OutboundMessage, RequestBody, RequestId } from '../messages.ts';
import { parseDateTimeText } from './body.ts';
import { SR_NS, childElements, displayName, elementToFields, isSr, textOf } from './dom.ts';
import { DEFAULT_MAX_BYTES, type Problem } from './problems.ts';
import { parseRequestIdText } from './request-id.ts';
import { matchSequence, type SequenceItem } from './sequence.ts';
import { parseXmlDocument } from './xml-document.ts';

/** A parsed response or alert, or every problem found. */
export type ResponseParseResult =
  | { readonly ok: true; readonly message: OutboundMessage; readonly schemaVersion: string }
  | { readonly ok: false; readonly problems: readonly Problem[] };

const H = 'sr:Response/sr:Header';
const seq = (names: [string, number][]): SequenceItem[] =>
  names.map(([name, min]) => ({ ns: SR_NS, name, min, max: 1 }));
const HEADER = seq([
  ['RequestID', 0],
  ['ResponseID', 0],
  ['ResponseCode', 1],
  ['ResponseDateTime', 1],
]);

interface Context {
  readonly problems: Problem[];
  readonly requestId?: RequestId;
  readonly responseId?: RequestId;
  readonly code: string;
  readonly at: Date;
}

function idOf(element: Element | undefined, path: string, problems: Problem[]) {
  if (element === undefined) return undefined;
  const parsed = parseRequestIdText(textOf(element));
  if ('reason' in parsed) problems.push({ path, message: parsed.reason });
  return 'id' in parsed ? parsed.id : undefined;
}

const child = (parent: Element, name: string) => childElements(parent).find((c) => isSr(c, name));
/**
 * A payload element in the message model's form. `GBCSPayload` and `DSPScheduleID` are of simple
 * type in the XSD (ResponseMessage, line 4880): their text becomes the field of the same name, as
 * the DSP's modules build them and the writer reads them.
 */
const payloadOf = (element: Element | undefined): RequestBody | undefined => {
  if (element === undefined) return undefined;
  const name = element.localName ?? '';
  if ((name === 'GBCSPayload' || name === 'DSPScheduleID') && childElements(element).length === 0) {
    return { element: name, fields: { [name]: textOf(element).trim() } };
  }
  return { element: name, fields: elementToFields(element) };
};

function commentReason(element: Element): string | undefined {
  for (let node = element.firstChild; node !== null; node = node.nextSibling) {
    const text = node.nodeType === 8 ? (node.nodeValue ?? '').trim() : '';
    if (text.startsWith('opendsp reason: ')) return text.slice('opendsp reason: '.length);
  }
  return undefined;
}

function messageOf(body: Element, ctx: Context): OutboundMessage | undefined {
  const [content] = childElements(body);
  const { requestId, responseId, code, at } = ctx;
  const ids = requestId === undefined ? {} : { requestId };
  if (content !== undefined && isSr(content, 'ResponseMessage')) {
    const [sr, srv] = [
      child(content, 'ServiceReference'),
      child(content, 'ServiceReferenceVariant'),
    ];
    const payload = childElements(content).filter((c) => c !== sr && c !== srv)[0];
    const reason = commentReason(content);
    return {
      kind: 'service-response',
      ...ids,
      ...(responseId === undefined ? {} : { responseId }),
      responseCode: code,
      at,
      ...(sr === undefined ? {} : { serviceReference: textOf(sr).trim() }),
      ...(srv === undefined ? {} : { srv: textOf(srv).trim() }),
      ...(reason === undefined ? {} : { reason }),
      ...(payload === undefined ? {} : { payload: payloadOf(payload) }),
    };
  }
  if (responseId === undefined) {
    ctx.problems.push({ path: `${H}/sr:ResponseID`, message: 'an alert must carry a ResponseID' });
    return undefined;
  }
  if (content !== undefined && isSr(content, 'DCCAlertMessage')) {
    const alertCode = textOf(child(content, 'DCCAlertCode') ?? content).trim();
    const alert = child(content, 'DCCAlert');
    const payload = alert === undefined ? undefined : payloadOf(childElements(alert)[0]);
    const device = payload?.fields['DeviceID'];
    return {
      kind: 'dcc-alert',
      code: alertCode,
      at,
      recipient: responseId.target,
      ...ids,
      ...(typeof device === 'string' ? { deviceId: device as Eui64 } : {}),
      ...(payload === undefined ? {} : { payload }),
    };
  }
  if (content !== undefined && isSr(content, 'DeviceAlertMessage')) {
    const gbcs = child(content, 'GBCSPayload');
    return {
      kind: 'device-alert',
      code: textOf(child(content, 'AlertCode') ?? content).trim(),
      at,
      recipient: responseId.target,
      deviceId: responseId.originator,
      ...ids,
      ...(gbcs === undefined || textOf(gbcs) === '' ? {} : { gbcsPayload: textOf(gbcs).trim() }),
    };
  }
  const found = content === undefined ? 'nothing' : displayName(content);
  ctx.problems.push({
    path: 'sr:Response/sr:Body',
    message: `expected ResponseMessage, DCCAlertMessage or DeviceAlertMessage; found ${found}`,
  });
  return undefined;
}

/** Parses a DUIS `sr:Response` (service response, DCC alert or device alert). */
export function parseResponseXml(text: string, maxBytes = DEFAULT_MAX_BYTES): ResponseParseResult {
  const parsed = parseXmlDocument(text, { maxBytes });
  if (!parsed.ok) return parsed;
  const root = parsed.value.documentElement;
  if (root === null || !isSr(root, 'Response')) {
    return {
      ok: false,
      problems: [
        { path: '(document)', message: `the root element must be Response in namespace ${SR_NS}` },
      ],
    };
  }
  const problems: Problem[] = [];
  const header = child(root, 'Header');
  const body = child(root, 'Body');
  if (header === undefined || body === undefined) {
    return {
      ok: false,
      problems: [{ path: 'sr:Response', message: 'Header and Body are required' }],
    };
  }
  const { found, problems: order } = matchSequence(childElements(header), HEADER, H);
  problems.push(...order);
  const requestId = idOf(found.get('RequestID')?.[0], `${H}/sr:RequestID`, problems);
  const responseId = idOf(found.get('ResponseID')?.[0], `${H}/sr:ResponseID`, problems);
  const code = textOf(found.get('ResponseCode')?.[0] ?? header).trim();
  const at = parseDateTimeText(textOf(found.get('ResponseDateTime')?.[0] ?? header));
  if (at === undefined)
    problems.push({ path: `${H}/sr:ResponseDateTime`, message: 'not an xs:dateTime' });
  if (problems.length > 0 || at === undefined) return { ok: false, problems };
  const ctx = {
    problems,
    code,
    at,
    ...(requestId ? { requestId } : {}),
    ...(responseId ? { responseId } : {}),
  };
  const message = messageOf(body, ctx);
  if (message === undefined || problems.length > 0) return { ok: false, problems };
  return { ok: true, message, schemaVersion: root.getAttribute('schemaVersion') ?? '' };
}
