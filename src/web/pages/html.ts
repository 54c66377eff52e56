// Typed HTML templates: every interpolated value is escaped unless it is already SafeHtml.

/** HTML text known to be safe to send: built only by {@link html} or {@link joinHtml}. */
export class SafeHtml {
  readonly text: string;

  constructor(text: string) {
    this.text = text;
  }

  toString(): string {
    return this.text;
  }
}

/** A value a template may hold: text and numbers are escaped, SafeHtml is kept, null is empty. */
export type HtmlValue = SafeHtml | string | number | bigint | boolean | null | undefined;

const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for use in element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}

function render(value: HtmlValue | readonly HtmlValue[]): string {
  if (Array.isArray(value)) return value.map((v: HtmlValue) => render(v)).join('');
  if (value instanceof SafeHtml) return value.text;
  if (value === null || value === undefined || value === false) return '';
  return escapeHtml(String(value));
}

/** Tagged template: `html\`<p>${name}</p>\`` escapes `name`; arrays are joined. */
export function html(
  strings: TemplateStringsArray,
  ...values: readonly (HtmlValue | readonly HtmlValue[])[]
): SafeHtml {
  let out = strings[0] ?? '';
  values.forEach((value, i) => {
    out += render(value) + (strings[i + 1] ?? '');
  });
  return new SafeHtml(out);
}

/** Joins fragments into one. */
export function joinHtml(parts: readonly SafeHtml[]): SafeHtml {
  return new SafeHtml(parts.map((p) => p.text).join(''));
}

/** A URL query string from the given fields, leaving out empty ones (values are encoded). */
export function queryString(fields: Readonly<Record<string, string | undefined | null>>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(fields)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, value);
  }
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}
