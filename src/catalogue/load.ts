// Reads the catalogue file at start-up, validates it completely and caches the default one.
import { fileURLToPath } from 'node:url';
import { DataFileError } from '../core/errors.ts';
import { readJsonFile as readJson } from '../core/json-file.ts';
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
      rejections: locateEntries(raw, 'refusals', rejectionCodeSchema),
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
