// Small DOM helpers for DUIS documents: element children, names, text and field mapping.
import type { Element, Node } from '@xmldom/xmldom';

/** DUIS namespaces (DUIS XSD targetNamespace and XML-DSig). */
export const SR_NS = 'http://www.dccinterface.co.uk/ServiceUserGateway';
export const DS_NS = 'http://www.w3.org/2000/09/xmldsig#';

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;
const CDATA_NODE = 4;

/** The element children of a node, in order. */
export function childElements(node: Node): Element[] {
  const out: Element[] = [];
  for (let child = node.firstChild; child !== null; child = child.nextSibling) {
    if (child.nodeType === ELEMENT_NODE) out.push(child as Element);
  }
  return out;
}

/** True when the element has text (other than white space) beside its child elements. */
export function hasMixedText(element: Element): boolean {
  for (let child = element.firstChild; child !== null; child = child.nextSibling) {
    const isText = child.nodeType === TEXT_NODE || child.nodeType === CDATA_NODE;
    if (isText && (child.nodeValue ?? '').trim() !== '') return true;
  }
  return false;
}

/** The prefixed name used in problem paths: `sr:` for DUIS, `ds:` for XML-DSig, else `{ns}`. */
export function displayName(element: Element): string {
  if (element.namespaceURI === SR_NS) return `sr:${element.localName ?? ''}`;
  if (element.namespaceURI === DS_NS) return `ds:${element.localName ?? ''}`;
  const ns = element.namespaceURI === null ? '' : `{${element.namespaceURI}}`;
  return `${ns}${element.localName ?? element.tagName}`;
}

/** True when the element is `sr:<localName>`. */
export function isSr(element: Element, localName: string): boolean {
  return element.namespaceURI === SR_NS && element.localName === localName;
}

/** The element's text content. */
export function textOf(element: Element): string {
  return element.textContent ?? '';
}

function addField(fields: Record<string, unknown>, name: string, value: unknown): void {
  const existing = fields[name];
  if (existing === undefined) fields[name] = value;
  else if (Array.isArray(existing)) existing.push(value);
  else fields[name] = [existing, value];
}

/**
 * An element's content as fields (messages.ts `RequestBody.fields`): child elements by local
 * name, nested ones as objects, repeated ones as arrays, leaf text as strings. Attributes
 * become `@name` keys; a leaf with attributes keeps its text under `#text`.
 */
export function elementToFields(element: Element, skip?: Element): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  for (const child of childElements(element)) {
    if (child === skip) continue;
    addField(fields, child.localName ?? child.tagName, elementValue(child));
  }
  return fields;
}

function elementValue(element: Element): unknown {
  const attributes: Record<string, string> = {};
  for (const attribute of Array.from(element.attributes)) {
    if (attribute.name === 'xmlns' || attribute.name.startsWith('xmlns:')) continue;
    attributes[`@${attribute.localName ?? attribute.name}`] = attribute.value;
  }
  const hasAttributes = Object.keys(attributes).length > 0;
  if (childElements(element).length > 0) return { ...attributes, ...elementToFields(element) };
  return hasAttributes ? { ...attributes, '#text': textOf(element) } : textOf(element);
}
