// Names places in the catalogue file (`srvs[17] (8.8.1).eligibleRoles[0]`) for error messages.
import type { z } from 'zod';

/** An entry of one list of the file that passed its own schema, with its label. */
export interface Located<T> {
  /** Where it is, e.g. `srvs[17] (8.8.1)`. */
  readonly at: string;
  readonly value: T;
}

const ID_FIELDS = ['srv', 'reason', 'code', 'cv'] as const;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Label of element `index` of list `section`, with its key when it has one. */
export function entryLabel(section: string, index: number, element: unknown): string {
  if (isRecord(element)) {
    for (const field of ID_FIELDS) {
      const id = element[field];
      if (typeof id === 'string' || typeof id === 'number') return `${section}[${index}] (${id})`;
    }
  }
  return `${section}[${index}]`;
}

function pathText(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out;
}

/** Turns a schema issue into a problem line naming the entry and the field. */
export function describeIssue(raw: unknown, issue: z.core.$ZodIssue): string {
  const [section, index, ...rest] = issue.path;
  let place: string;
  if (typeof section === 'string' && typeof index === 'number' && isRecord(raw)) {
    const list = raw[section];
    const element = Array.isArray(list) ? (list as unknown[])[index] : undefined;
    place = entryLabel(section, index, element) + (rest.length > 0 ? `.${pathText(rest)}` : '');
  } else {
    place = issue.path.length > 0 ? pathText(issue.path) : '(top level)';
  }
  const missing = issue.code === 'invalid_type' && 'input' in issue && issue.input === undefined;
  const message = missing ? `is missing (${issue.message})` : issue.message;
  return `${place}: ${message}`;
}

/** The string values of `field` across list `section`, whether or not the entries are valid. */
export function rawValues(raw: unknown, section: string, field: string): Set<string> {
  const list = isRecord(raw) ? raw[section] : undefined;
  const out = new Set<string>();
  if (!Array.isArray(list)) return out;
  for (const element of list as unknown[]) {
    const value = isRecord(element) ? element[field] : undefined;
    if (typeof value === 'string') out.add(value);
  }
  return out;
}

/** The elements of list `section` that pass `schema`, each labelled; others are skipped. */
export function locateEntries<T>(
  raw: unknown,
  section: string,
  schema: z.ZodType<T>,
): Located<T>[] {
  const list = isRecord(raw) ? raw[section] : undefined;
  if (!Array.isArray(list)) return [];
  const out: Located<T>[] = [];
  (list as unknown[]).forEach((element, index) => {
    const parsed = schema.safeParse(element);
    if (parsed.success) out.push({ at: entryLabel(section, index, element), value: parsed.data });
  });
  return out;
}

/** Reports every key seen more than once, naming both places. */
export function findDuplicates<T>(
  entries: readonly Located<T>[],
  key: (value: T) => string,
  field: string,
): string[] {
  const seen = new Map<string, string>();
  const problems: string[] = [];
  for (const entry of entries) {
    const k = key(entry.value);
    const first = seen.get(k);
    if (first === undefined) seen.set(k, entry.at);
    else problems.push(`${entry.at}.${field}: duplicate ${JSON.stringify(k)}, already at ${first}`);
  }
  return problems;
}
