// Anomaly Detection Threshold files (SEC Appendix AA; DP108/DP109): checked, then kept with who and when.
import { randomUUID } from 'node:crypto';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseCsv } from '../api/csv.ts';

/** The columns an ADT file must have, in this order. */
export const THRESHOLD_COLUMNS = ['srv', 'period', 'threshold'] as const;
/** Periods a threshold may count Service Requests over. */
export const THRESHOLD_PERIODS = ['hour', 'day'] as const;
/** Most rows one file may hold, and its largest size in bytes. */
export const THRESHOLD_LIMITS = { rows: 5_000, bytes: 512 * 1024 } as const;

/** One threshold: at most `threshold` requests of the SRV per period before the DCC quarantines. */
export interface Threshold {
  readonly srv: string;
  readonly period: (typeof THRESHOLD_PERIODS)[number];
  readonly threshold: number;
}

/** A stored submission. */
export interface ThresholdSubmission {
  readonly id: string;
  readonly organisationId: string;
  readonly submittedBy: { readonly personId: string; readonly name: string };
  readonly submittedAt: string;
  readonly fileName: string;
  readonly thresholds: readonly Threshold[];
}

/** The file read as thresholds, or the problems found (each names its line). */
export type ThresholdCheck =
  | { readonly ok: true; readonly thresholds: readonly Threshold[] }
  | { readonly ok: false; readonly problems: readonly string[] };

function checkRow(fields: readonly string[], line: number): Threshold | string {
  if (fields.length !== THRESHOLD_COLUMNS.length) {
    return `line ${line}: expected ${THRESHOLD_COLUMNS.length} fields, found ${fields.length}`;
  }
  const [srv = '', period = '', count = ''] = fields.map((f) => f.trim());
  if (!/^\d{1,2}\.\d{1,2}(\.\d{1,2})?$/.test(srv)) {
    return `line ${line}: srv "${srv}" is not a Service Reference Variant such as 4.1.1`;
  }
  const knownPeriod = THRESHOLD_PERIODS.find((p) => p === period);
  if (knownPeriod === undefined) {
    return `line ${line}: period "${period}" must be one of ${THRESHOLD_PERIODS.join(', ')}`;
  }
  if (!/^\d{1,9}$/.test(count)) {
    return `line ${line}: threshold "${count}" must be a whole number from 0 to 999999999`;
  }
  return { srv, period: knownPeriod, threshold: Number(count) };
}

/** Checks an ADT CSV file: the header, each row's fields, and no SRV and period given twice. */
export function checkThresholdFile(text: string): ThresholdCheck {
  if (Buffer.byteLength(text) > THRESHOLD_LIMITS.bytes) {
    return { ok: false, problems: [`the file is larger than ${THRESHOLD_LIMITS.bytes} bytes`] };
  }
  const rows = parseCsv(text.replace(/^\uFEFF/, '')).filter((r) => r.some((f) => f.trim()));
  const [header, ...body] = rows;
  const expected = THRESHOLD_COLUMNS.join(',');
  if (header?.map((h) => h.trim().toLowerCase()).join(',') !== expected) {
    return { ok: false, problems: [`line 1: the header must be exactly "${expected}"`] };
  }
  if (body.length === 0) return { ok: false, problems: ['the file has no thresholds'] };
  if (body.length > THRESHOLD_LIMITS.rows) {
    return { ok: false, problems: [`the file has more than ${THRESHOLD_LIMITS.rows} rows`] };
  }
  const problems: string[] = [];
  const thresholds: Threshold[] = [];
  const seen = new Set<string>();
  body.forEach((fields, i) => {
    const checked = checkRow(fields, i + 2);
    if (typeof checked === 'string') return void problems.push(checked);
    const key = `${checked.srv}/${checked.period}`;
    if (seen.has(key))
      problems.push(`line ${i + 2}: ${checked.srv} per ${checked.period} is repeated`);
    seen.add(key);
    thresholds.push(checked);
  });
  return problems.length > 0
    ? { ok: false, problems: problems.slice(0, 20) }
    : { ok: true, thresholds };
}

/** Where an organisation's submissions are kept. */
function folder(dataDir: string, organisationId: string): string {
  return path.join(dataDir, 'thresholds', encodeURIComponent(organisationId));
}

/** Stores a checked submission as one JSON file; returns it. */
export async function saveThresholds(
  dataDir: string,
  submission: Omit<ThresholdSubmission, 'id'>,
): Promise<ThresholdSubmission> {
  const stored: ThresholdSubmission = { id: randomUUID(), ...submission };
  const dir = folder(dataDir, submission.organisationId);
  await mkdir(dir, { recursive: true });
  const stamp = submission.submittedAt.replace(/[:.]/g, '-');
  await writeFile(path.join(dir, `${stamp}-${stored.id}.json`), JSON.stringify(stored, null, 2));
  return stored;
}

/** An organisation's submissions, newest first (none when the folder is absent). */
export async function listThresholds(
  dataDir: string,
  organisationId: string,
): Promise<ThresholdSubmission[]> {
  const dir = folder(dataDir, organisationId);
  const names = await readdir(dir).catch(() => [] as string[]);
  const files = names
    .filter((n) => n.endsWith('.json'))
    .sort()
    .reverse();
  const read = files.map(
    async (n) => JSON.parse(await readFile(path.join(dir, n), 'utf8')) as ThresholdSubmission,
  );
  return Promise.all(read);
}
