// Writes DUIS XML text: escaping, `sr:` elements, and fields back to elements.
//
// What it writes is already in exclusive-c14n form once comments are taken out (the form the
// DSP's signature digests): empty elements as start and end tags, attributes in name order,
// text and attribute values escaped exactly as C14N escapes them, every element in the `sr:`
// namespace declared once on the root. So the DSP signs its own messages without parsing them
// back (createCanonicalXmlSigner); signing/canonical.test.ts checks the form for each kind of
// message.
import type { RequestBody } from '../messages.ts';

/** Escapes element text as C14N writes it: `&`, `<`, `>` and CR. */
export function escapeText(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('\r', '&#xD;');
}

/**
 * Escapes an attribute value as C14N writes it: `&`, `<`, `"`, TAB, LF and CR (written as
 * references, these also survive a parser's attribute-value normalisation).
 */
export function escapeAttribute(value: string): string {
  return value
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('"', '&quot;')
    .replaceAll('\t', '&#x9;')
    .replaceAll('\n', '&#xA;')
    .replaceAll('\r', '&#xD;');
}

/** `<sr:name>text</sr:name>`, the text escaped. */
export function srText(name: string, text: string): string {
  return `<sr:${name}>${escapeText(text)}</sr:${name}>`;
}

/** `<sr:name>inner</sr:name>` with already-written inner XML (empty stays a start-end pair). */
export function srElement(name: string, inner: string): string {
  return `<sr:${name}>${inner}</sr:${name}>`;
}

/** Writes a comment whose text cannot end it early (`--` is not allowed inside comments). */
export function xmlComment(text: string): string {
  const safe = text.replace(/-(?=-)/g, '- ').replace(/-$/, '- ');
  return `<!-- ${safe} -->`;
}

/** A leaf value as text: strings as they are, numbers and booleans written, others as JSON. */
function scalar(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') {
    return value.toString();
  }
  return value === undefined ? '' : JSON.stringify(value);
}

function valueToXml(name: string, value: unknown): string {
  if (Array.isArray(value)) return value.map((v) => valueToXml(name, v)).join('');
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    // Unprefixed attributes: C14N orders them by name (code point order, as sort() does).
    const attributes = entries
      .filter(([key]) => key.startsWith('@'))
      .map(([key, v]): [string, string] => [key.slice(1), scalar(v)])
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([key, v]) => ` ${key}="${escapeAttribute(v)}"`)
      .join('');
    const text = entries.find(([key]) => key === '#text')?.[1];
    const inner =
      text === undefined
        ? fieldsToXml(Object.fromEntries(entries.filter(([k]) => !k.startsWith('@'))))
        : escapeText(scalar(text));
    return `<sr:${name}${attributes}>${inner}</sr:${name}>`;
  }
  if (value === null || value === undefined) return srElement(name, '');
  return srText(name, scalar(value));
}

/** The inverse of `elementToFields`: objects nest, arrays repeat, `@x` are attributes. */
export function fieldsToXml(fields: Readonly<Record<string, unknown>>): string {
  return Object.entries(fields)
    .map(([name, value]) => valueToXml(name, value))
    .join('');
}

/** A payload element with its fields. */
export function bodyToXml(body: RequestBody): string {
  return srElement(body.element, fieldsToXml(body.fields));
}
