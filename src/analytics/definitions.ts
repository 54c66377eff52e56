// Loads the metric definitions file: validated completely on load, or refused with every problem.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Catalogue } from '../catalogue/index.ts';
import { DataFileError } from '../core/errors.ts';
import { readJsonFile } from '../core/json-file.ts';
import {
  definitionsFileSchema,
  type DefinitionsFile,
  type MetricDefinition,
  type ProcessMetric,
} from './schema.ts';

/** The folder of bundled definitions, one file per version (`1.0.0.json`, …). */
export const DEFINITIONS_DIR = fileURLToPath(new URL('./data/definitions/', import.meta.url));

/** Validated definitions, with the file they came from. */
export interface Definitions extends DefinitionsFile {
  readonly file: string;
}

function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < 3; i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** The newest definitions file in a folder (by version in the file name). */
export function latestDefinitionsFile(dir: string = DEFINITIONS_DIR): string {
  const versions = readdirSync(dir)
    .map((name) => /^(\d+\.\d+\.\d+)\.json$/.exec(name)?.[1])
    .filter((v): v is string => v !== undefined)
    .sort(compareVersions);
  const newest = versions.at(-1);
  if (newest === undefined) throw new DataFileError(dir, ['no definitions file (N.N.N.json)']);
  return path.join(dir, `${newest}.json`);
}

function where(issuePath: readonly PropertyKey[]): string {
  return issuePath.reduce<string>(
    (at, key) =>
      typeof key === 'number' ? `${at}[${key}]` : at ? `${at}.${String(key)}` : String(key),
    '',
  );
}

function srvProblems(m: MetricDefinition, at: string, catalogue: Catalogue): string[] {
  const refs: [string, string][] = [];
  if (m.kind === 'process') m.srvs.forEach((s, i) => refs.push([`${at}.srvs[${i}].srv`, s.srv]));
  if (m.kind === 'derived') {
    const p = m.params as Record<string, unknown>;
    for (const key of ['triggerSrvs', 'srvs'] as const) {
      const list = p[key];
      if (Array.isArray(list))
        list.forEach((s, i) => refs.push([`${at}.params.${key}[${i}]`, String(s)]));
    }
    if (m.measure === 'volume-comparison') {
      for (const side of ['a', 'b'] as const)
        m.params[side].srvs.forEach((s, i) => refs.push([`${at}.params.${side}.srvs[${i}]`, s]));
    }
  }
  return refs
    .filter(([, srv]) => catalogue.findSrv(srv) === undefined)
    .map(([place, srv]) => `${place}: unknown SRV ${srv} (not in the DUIS catalogue)`);
}

function alertProblems(m: MetricDefinition, at: string, known: ReadonlySet<string>): string[] {
  if (m.kind !== 'alert') return [];
  const codes: [string, string][] = [];
  const p = m.params as Record<string, unknown>;
  for (const [key, value] of Object.entries(p)) {
    if (typeof value === 'string') codes.push([`${at}.params.${key}`, value]);
    if (Array.isArray(value))
      value.forEach((c, i) => codes.push([`${at}.params.${key}[${i}]`, String(c)]));
  }
  return codes
    .filter(([, code]) => !known.has(code))
    .map(([place, code]) => `${place}: unknown alert code ${code}`);
}

function crossProblems(file: DefinitionsFile, catalogue: Catalogue, name: string): string[] {
  const problems: string[] = [];
  const versionInName = /^(\d+\.\d+\.\d+)\.json$/.exec(name)?.[1];
  if (versionInName !== undefined && versionInName !== file.version)
    problems.push(`version: ${file.version} does not match the file name ${name}`);
  const last = file.changes.at(-1);
  if (last?.version !== file.version)
    problems.push(`changes: the last entry must describe version ${file.version}`);
  file.changes.forEach((c, i) => {
    const prev = file.changes[i - 1];
    if (prev && compareVersions(c.version, prev.version) <= 0)
      problems.push(`changes[${i}].version: ${c.version} does not follow ${prev.version}`);
  });
  if (file.anonymity.minimumGroup > file.anonymity.minimumPeers)
    problems.push(
      `anonymity.minimumGroup: ${file.anonymity.minimumGroup} is more than minimumPeers (${file.anonymity.minimumPeers})`,
    );
  const processes = new Map<string, ProcessMetric>();
  const seen = new Map<string, number>();
  const known = new Set(catalogue.allAlerts().map((a) => a.code));
  file.metrics.forEach((m, i) => {
    const at = `metrics[${i}]`;
    const first = seen.get(m.id);
    if (first !== undefined)
      problems.push(`${at}.id: duplicate metric ID ${m.id} (first at metrics[${first}])`);
    else seen.set(m.id, i);
    if (m.kind === 'process') {
      processes.set(m.id, m);
      const keys = new Set<string>();
      m.srvs.forEach((s, j) => {
        const key = `${s.srv}|${s.context ?? ''}`;
        if (keys.has(key)) problems.push(`${at}.srvs[${j}]: SRV ${s.srv} is listed twice`);
        keys.add(key);
      });
    }
    problems.push(...srvProblems(m, at, catalogue), ...alertProblems(m, at, known));
  });
  file.metrics.forEach((m, i) => {
    if (m.kind !== 'derived') return;
    if (!processes.has(m.process))
      problems.push(`metrics[${i}].process: no process metric ${m.process}`);
    if ('readProcess' in m.params && !processes.has(m.params.readProcess))
      problems.push(`metrics[${i}].params.readProcess: no process metric ${m.params.readProcess}`);
  });
  return problems;
}

/** Validates parsed definitions; throws one DataFileError listing every problem. */
export function parseDefinitions(raw: unknown, file: string, catalogue: Catalogue): Definitions {
  const parsed = definitionsFileSchema.safeParse(raw);
  if (!parsed.success) {
    throw new DataFileError(
      file,
      parsed.error.issues.map((issue) => `${where(issue.path) || '(file)'}: ${issue.message}`),
    );
  }
  const problems = crossProblems(parsed.data, catalogue, path.basename(file));
  if (problems.length > 0) throw new DataFileError(file, problems);
  return { ...parsed.data, file };
}

/** Reads and validates a definitions file (default: the newest bundled version). */
export function loadDefinitions(catalogue: Catalogue, file?: string): Definitions {
  const chosen = file ?? latestDefinitionsFile();
  return parseDefinitions(readJsonFile(chosen), chosen, catalogue);
}
