// The incident register: Category 1 and 2 incidents the business-process reports highlight.
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { toUkDate } from '../core/clock.ts';
import { DataFileError } from '../core/errors.ts';
import { readJsonFile } from '../core/json-file.ts';
import { daysFrom } from './month.ts';

/** The bundled register. */
export const INCIDENTS_FILE = fileURLToPath(new URL('./data/incidents.json', import.meta.url));

const instant = z.iso.datetime({ offset: true });
const fileSchema = z.strictObject({
  note: z.string().optional(),
  incidents: z.array(
    z.strictObject({
      id: z.string().min(1),
      category: z.union([z.literal(1), z.literal(2)]),
      title: z.string().min(1),
      from: instant,
      to: instant,
    }),
  ),
});

/** One incident. */
export interface Incident {
  readonly id: string;
  readonly category: 1 | 2;
  readonly title: string;
  readonly from: Date;
  readonly to: Date;
}

/** Reads and checks an incident register (default: the bundled one). */
export function loadIncidents(file: string = INCIDENTS_FILE): Incident[] {
  const parsed = fileSchema.safeParse(readJsonFile(file));
  if (!parsed.success) {
    throw new DataFileError(
      file,
      parsed.error.issues.map((i) => `${i.path.join('.') || '(file)'}: ${i.message}`),
    );
  }
  const problems: string[] = [];
  const incidents = parsed.data.incidents.map((i, n) => {
    const from = new Date(i.from);
    const to = new Date(i.to);
    if (to <= from) problems.push(`incidents.${n}.to: ${i.to} is not after ${i.from}`);
    return { ...i, from, to };
  });
  if (problems.length > 0) throw new DataFileError(file, problems);
  return incidents;
}

/**
 * How much more often requests fail during an incident, for generated traffic that should show
 * it: five times for Category 1, two and a half for Category 2 (opendsp's choice).
 */
export function failureMultiplier(incident: Incident): number {
  return incident.category === 1 ? 5 : 2.5;
}

/** The UK days (YYYY-MM-DD) an incident touches, within the given days. */
export function incidentDays(incident: Incident, days: readonly string[]): string[] {
  const first = toUkDate(incident.from);
  const last = toUkDate(new Date(incident.to.getTime() - 1));
  const span = Math.round((Date.parse(last) - Date.parse(first)) / 86_400_000) + 1;
  const inside = new Set(days);
  return daysFrom(first, span).filter((d) => inside.has(d));
}
