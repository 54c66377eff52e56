// Loads and validates the Modification Register file: all of it or nothing.
import { readFileSync } from 'node:fs';
import { DataFileError } from '../core/errors.ts';
import { registerFileSchema, type Proposal, type ProposalEvent, type Register } from './schema.ts';

/** The register as of 7 February 2020 (seed 003) plus MP141, MP176 and MP178. */
export const DEFAULT_REGISTER_PATH = new URL('./data/register.json', import.meta.url);

/** Orders a day or a month against another at the precision both share; negative if a < b. */
export function compareWhen(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  return a.slice(0, n) < b.slice(0, n) ? -1 : a.slice(0, n) > b.slice(0, n) ? 1 : 0;
}

/** The dates of an event, first to last, with their field names. */
export function eventDates(e: ProposalEvent): [string, string][] {
  switch (e.kind) {
    case 'consultation':
      return [['opens', e.opens], ...(e.closes ? [['closes', e.closes] as [string, string]] : [])];
    case 'assessment':
      return (['requested', 'accepted', 'returned'] as const).flatMap((f) => {
        const v = e[f];
        return v === undefined ? [] : [[f, v] as [string, string]];
      });
    case 'milestone':
    case 'csc-decision':
    case 'working-group':
    case 'change-board-vote':
    case 'authority-decision':
    case 'stage-change':
      return [['date', e.date]];
  }
}

function checkProposal(p: Proposal, at: string, releases: ReadonlySet<string>): string[] {
  const problems: string[] = [];
  for (const f of ['targetRelease', 'implementedIn'] as const) {
    const r = p[f];
    if (r !== undefined && !releases.has(r)) problems.push(`${at}.${f}: no release ${r}`);
  }
  const impl = p.implementation;
  if (impl?.kind === 'release-if-decided-by') {
    const refs = [...impl.options, ...(impl.fallback.kind === 'release' ? [impl.fallback] : [])];
    refs.forEach((o) => {
      if (!releases.has(o.release)) problems.push(`${at}.implementation: no release ${o.release}`);
    });
  }
  p.events.forEach((e, j) => {
    const dates = eventDates(e);
    dates.forEach(([field, value], k) => {
      const where = `${at}.events[${j}] (${e.kind}).${field}`;
      if (p.raised !== null && compareWhen(value, p.raised) < 0) {
        problems.push(`${where}: ${value} is before the proposal was raised (${p.raised})`);
      }
      const prev = dates[k - 1];
      if (prev && compareWhen(value, prev[1]) < 0) {
        problems.push(`${where}: ${value} is before ${prev[0]} ${prev[1]}`);
      }
    });
  });
  return problems;
}

/** Checks what the schema cannot: unique ids, references that exist, dates in order. */
export function checkRegister(register: Register): string[] {
  const problems: string[] = [];
  const releases = new Set<string>();
  register.releases.forEach((r, i) => {
    if (releases.has(r.id)) problems.push(`releases[${i}] (${r.id}).id: listed twice`);
    releases.add(r.id);
  });
  const ids = new Set<string>();
  register.proposals.forEach((p, i) => {
    const at = `proposals[${i}] (${p.id})`;
    if (ids.has(p.id)) problems.push(`${at}.id: listed twice`);
    ids.add(p.id);
    problems.push(...checkProposal(p, at, releases));
  });
  return problems;
}

function issuePath(json: unknown, path: readonly PropertyKey[]): string {
  const parts = path.map((k) => (typeof k === 'number' ? `[${k}]` : `.${String(k)}`));
  if (path[0] === 'proposals' && typeof path[1] === 'number' && typeof json === 'object') {
    const list = (json as { proposals?: unknown }).proposals;
    const entry = Array.isArray(list) ? (list[path[1]] as { id?: unknown } | undefined) : undefined;
    if (typeof entry?.id === 'string') parts[1] = `${parts[1] ?? ''} (${entry.id})`;
  }
  return parts.join('').replace(/^\./, '') || '(root)';
}

/** Parses and validates register JSON; `file` names the source in errors. */
export function parseRegister(json: unknown, file: string): Register {
  const parsed = registerFileSchema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${issuePath(json, i.path)}: ${i.message}`);
    throw new DataFileError(file, problems);
  }
  const problems = checkRegister(parsed.data);
  if (problems.length > 0) throw new DataFileError(file, problems);
  return parsed.data;
}

/** Loads the register file; a DataFileError names the file, the entry and the field. */
export function loadRegister(path: URL | string = DEFAULT_REGISTER_PATH): Register {
  const file = typeof path === 'string' ? path : path.pathname;
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new DataFileError(file, [message], { cause: error });
  }
  return parseRegister(json, file);
}
