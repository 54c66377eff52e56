// Reads the catalogue file at start-up, validates it completely and caches the default one.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DataFileError } from '../core/errors.ts';
import { createCatalogue, type Catalogue, type CatalogueConfig } from './catalogue.ts';
import { checkCodes } from './check-codes.ts';
import { checkSrvs } from './check-srvs.ts';
import { describeIssue, locateEntries, rawValues } from './entries.ts';
import {
  catalogueFileSchema,
  dccAlertSchema,
  deviceAlertSchema,
  powerEventsSchema,
  rejectionCodeSchema,
  responseCodeSchema,
  srvSchema,
} from './schema.ts';
import type { CatalogueFile } from './types.ts';

/** Where the bundled catalogue lives. */
export const DEFAULT_CATALOGUE_PATH = fileURLToPath(
  new URL('./data/catalogue.json', import.meta.url),
);

let cached: Catalogue | undefined;

/** True when the text cut at `length` is valid JSON or fails only because it ends early. */
function parsesSoFar(text: string, length: number): boolean {
  try {
    JSON.parse(text.slice(0, length));
    return true;
  } catch (error) {
    const message = String(error);
    const position = /at position (\d+)/.exec(message)?.[1];
    if (position !== undefined) return Number(position) >= length;
    return /Unexpected end|Unterminated string/.test(message);
  }
}

/** Line and column of the first character that makes the JSON invalid, found by bisection. */
function errorPlace(text: string): string {
  let good = 0;
  let bad = text.length;
  while (bad - good > 1) {
    const middle = Math.floor((good + bad) / 2);
    if (parsesSoFar(text, middle)) good = middle;
    else bad = middle;
  }
  const before = text.slice(0, bad - 1);
  const line = before.split('\n').length;
  const column = bad - 1 - before.lastIndexOf('\n');
  return `line ${line}, column ${column}`;
}

function readJson(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const problem =
      code === 'ENOENT' ? 'the file does not exist' : `cannot be read (${code ?? String(error)})`;
    throw new DataFileError(file, [problem], { cause: error });
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const where = errorPlace(text);
    throw new DataFileError(file, [`not valid JSON at ${where}: ${message}`], { cause: error });
  }
}

function semanticProblems(raw: unknown): string[] {
  const srvs = locateEntries(raw, 'srvs', srvSchema);
  const dccAlerts = locateEntries(raw, 'dccAlerts', dccAlertSchema);
  const deviceAlerts = locateEntries(raw, 'deviceAlerts', deviceAlertSchema);
  const powerEvents = powerEventsSchema.safeParse(
    typeof raw === 'object' && raw !== null
      ? (raw as { powerEvents?: unknown }).powerEvents
      : undefined,
  );
  const known = {
    dcc: new Set(dccAlerts.map((a) => a.value.code)),
    device: new Set(deviceAlerts.map((a) => a.value.code)),
  };
  return [
    ...checkSrvs(srvs, known),
    ...checkCodes({
      responseCodes: locateEntries(raw, 'responseCodes', responseCodeSchema),
      rejections: locateEntries(raw, 'opendspRejectionCodes', rejectionCodeSchema),
      dccAlerts,
      deviceAlerts,
      powerEvents: powerEvents.success ? powerEvents.data : undefined,
      serviceReferences: rawValues(raw, 'srvs', 'serviceReference'),
    }),
  ];
}

/** Validates parsed file content; throws one DataFileError listing every problem found. */
export function validateCatalogue(file: string, raw: unknown): CatalogueFile {
  const parsed = catalogueFileSchema.safeParse(raw, { reportInput: true });
  const problems = parsed.success ? [] : parsed.error.issues.map((i) => describeIssue(raw, i));
  problems.push(...semanticProblems(raw));
  if (!parsed.success || problems.length > 0) throw new DataFileError(file, problems);
  return parsed.data;
}

/**
 * Loads and validates a catalogue file (the bundled one by default). Without arguments the
 * result is cached, so the bundled file is read once per process.
 */
export function loadCatalogue(path?: string, config?: CatalogueConfig): Catalogue {
  if (path === undefined && config === undefined) {
    cached ??= loadCatalogue(DEFAULT_CATALOGUE_PATH, {});
    return cached;
  }
  const file = path ?? DEFAULT_CATALOGUE_PATH;
  return createCatalogue(file, validateCatalogue(file, readJson(file)), config);
}
