// Writes DUIS XML text: escaping, `sr:` elements, and fields back to elements.
import type { RequestBody } from '../messages.ts';

/** Escapes text for element content and attribute values. */
export function escapeXml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll('\r', '&#13;');
}

/** `<sr:name>text</sr:name>`, the text escaped. */
export function srText(name: string, text: string): string {
  return `<sr:${name}>${escapeXml(text)}</sr:${name}>`;
}

/** `<sr:name>inner</sr:name>` with already-written inner XML. */
export function srElement(name: string, inner: string): string {
  return inner === '' ? `<sr:${name}/>` : `<sr:${name}>${inner}</sr:${name}>`;
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
    const attributes = entries
      .filter(([key]) => key.startsWith('@'))
      .map(([key, v]) => ` ${key.slice(1)}="${escapeXml(scalar(v))}"`)
      .join('');
    const text = entries.find(([key]) => key === '#text')?.[1];
    const inner =
      text === undefined
        ? fieldsToXml(Object.fromEntries(entries.filter(([k]) => !k.startsWith('@'))))
        : escapeXml(scalar(text));
    return inner === ''
      ? `<sr:${name}${attributes}/>`
      : `<sr:${name}${attributes}>${inner}</sr:${name}>`;
  }
  if (value === null || value === undefined) return `<sr:${name}/>`;
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
