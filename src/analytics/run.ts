// Produces a month's Customer Analytics Reports: facts, per-party computation, CSV and PDF files.
import { copyFile, mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Catalogue } from '../catalogue/index.ts';
import { ROLE_ABBREVIATIONS, ROLE_NAMES } from '../core/roles.ts';
import { InvalidValueError, NotFoundError } from '../core/errors.ts';
import { isEui64 } from '../core/eui64.ts';
import type { Store } from '../store/port.ts';
import { toCsv } from './csv.ts';
import { reportDatasets } from './datasets.ts';
import { loadDefinitions } from './definitions.ts';
import { reportDocument } from './document-builder.ts';
import { estateInstant, gatherFacts, reportingRoles } from './facts.ts';
import { alertExportQuery, estateExportQuery } from '../store/analytics-sql.ts';
import { loadIncidents } from './incidents.ts';
import { parseReportMonth } from './month.ts';
import { renderReportPdf } from './pdf/index.ts';
import { createPdfPool, type PdfPool } from './pdf-pool.ts';
import { createReportBuilder, reportSubjects } from './report.ts';
import type { Subject } from './report-model.ts';
import { REPORTING_ROLES } from './schema.ts';

/** Options for {@link runAnalytics}. */
export interface AnalyticsRunOptions {
  readonly store: Pick<Store, 'analyticsRows' | 'analyticsCsvFiles' | 'listUsers'>;
  readonly catalogue: Catalogue;
  /** `YYYY-MM`. */
  readonly month: string;
  /** Reports go to `<outDir>/<partyId>/`. */
  readonly outDir: string;
  /** Also published here for the Self Service Interface (`<dataDir>/reports/<partyId>/`). */
  readonly publishDir?: string;
  /** One User ID (EUI-64) or SEC Party ID; default every party in a reporting role. */
  readonly only?: string;
  readonly definitionsFile?: string;
  readonly incidentsFile?: string;
  /** Stamped in the PDFs (default now). */
  readonly generatedAt?: Date;
  readonly onProgress?: (done: number, total: number, label: string) => void;
  /** The PDF renderer (default the pdfkit one; tests give one that fails). */
  readonly renderPdf?: typeof renderReportPdf;
}

/** Wall time of one stage of the run. */
export interface StageTime {
  readonly stage: string;
  readonly ms: number;
}

/** What a run produced. */
export interface AnalyticsRunSummary {
  readonly month: string;
  readonly definitionsVersion: string;
  readonly records: number;
  readonly reports: readonly { readonly subject: Subject; readonly files: readonly string[] }[];
  readonly files: number;
  readonly bytes: number;
  readonly stages: readonly StageTime[];
}

/** Reports in a run below which worker threads cost more to start than they save. */
const POOL_MIN_REPORTS = 6;

/** A pool of PDF workers, one per core (at most four); null for a small run or one core. */
function startPool(reports: number): PdfPool | null {
  const cores = os.availableParallelism();
  return reports >= POOL_MIN_REPORTS && cores > 1 ? createPdfPool(Math.min(cores, 4)) : null;
}

/** The file name stem of a report: `CAR_<month>_<party>_<role>`. */
export function reportStem(month: string, subject: Subject): string {
  return `CAR_${month}_${subject.partyId}_${ROLE_ABBREVIATIONS[subject.role]}`;
}

function chooseSubjects(
  all: readonly Subject[],
  only: string | undefined,
  users: Awaited<ReturnType<Store['listUsers']>>,
): Subject[] {
  if (only === undefined) return [...all];
  if (isEui64(only.toUpperCase())) {
    const user = users.find((u) => u.userId === only.toUpperCase());
    if (!user) throw new NotFoundError('DCC User', only);
    if (!(REPORTING_ROLES as readonly string[]).includes(user.role)) {
      throw new InvalidValueError(
        '--user',
        only,
        `it is a ${ROLE_NAMES[user.role]} User; Customer Analytics Reports go to ${REPORTING_ROLES.map((r) => ROLE_NAMES[r]).join(', ')} Users`,
      );
    }
    return all.filter((s) => s.partyId === user.partyId && s.role === user.role);
  }
  const party = all.filter((s) => s.partyId === only);
  if (party.length === 0) {
    const known = users.some((u) => u.partyId === only);
    if (known)
      throw new InvalidValueError('--user', only, 'the party holds no User ID in a reporting role');
    throw new NotFoundError('DCC User or SEC Party', only);
  }
  return party;
}

/** Computes and writes the month's reports; nothing half-written is left in `outDir`. */
export async function runAnalytics(options: AnalyticsRunOptions): Promise<AnalyticsRunSummary> {
  const stages: StageTime[] = [];
  let t = performance.now();
  const lap = (stage: string): void => {
    const now = performance.now();
    stages.push({ stage, ms: now - t });
    t = now;
  };
  const month = parseReportMonth(options.month);
  const defs = loadDefinitions(options.catalogue, options.definitionsFile);
  const incidents = loadIncidents(options.incidentsFile);
  const users = await options.store.listUsers();
  const subjects = chooseSubjects(reportSubjects(users), options.only, users);
  lap('load definitions and Users');
  const facts = await gatherFacts({
    store: options.store,
    defs,
    month,
    onStage: (stage, ms) => stages.push({ stage, ms }),
  });
  t = performance.now();
  if (facts.records === 0) {
    throw new InvalidValueError(
      '--month',
      options.month,
      `the Service Audit Trail holds no records in ${month.title} (UK time): there is nothing to report`,
    );
  }
  const build = createReportBuilder({
    month,
    defs,
    facts,
    catalogue: options.catalogue,
    incidents,
    users,
  });
  const generatedAt = options.generatedAt ?? new Date();
  const staging = path.join(options.outDir, `.partial-${month.id}-${process.pid}`);
  const written: { subject: Subject; files: string[] }[] = [];
  let bytes = 0;
  const times = { compute: 0, csv: 0, pdf: 0 };
  await mkdir(staging, { recursive: true });
  let pool: PdfPool | null = null;
  try {
    // The two large data sets are written by the store itself, one file per party and role.
    const exportsDir = path.join(staging, '.exports');
    const exported = new Map<string, string>();
    const inventory = await options.store.analyticsCsvFiles(
      estateExportQuery(estateInstant(month), reportingRoles(defs)),
      path.join(exportsDir, 'inventory'),
    );
    for (const [key, file] of inventory) exported.set(`${key}|inventory`, file);
    const alerts = await options.store.analyticsCsvFiles(
      alertExportQuery(month),
      path.join(exportsDir, 'alerts'),
    );
    for (const [key, file] of alerts) {
      const [party, role, code] = key.split('|');
      exported.set(`${party}|${role}|alerts|${code}`, file);
    }
    lap('export data files');
    // PDFs render on worker threads while the next reports are computed (one core each).
    const loopStart = performance.now();
    pool = options.renderPdf === undefined ? startPool(subjects.length) : null;
    const render = options.renderPdf ?? pool?.render ?? renderReportPdf;
    const limit = pool ? pool.size * 2 : 1;
    const inFlight: Promise<void>[] = [];
    let done = 0;
    options.onProgress?.(0, subjects.length, 'starting');
    for (const subject of subjects) {
      const stem = reportStem(month.id, subject);
      const dir = path.join(staging, subject.partyId);
      await mkdir(dir, { recursive: true });
      let s = performance.now();
      const report = build(subject);
      const datasets = reportDatasets(report);
      const doc = reportDocument(report, (id) => `${stem}_${id}.csv`);
      times.compute += performance.now() - s;
      s = performance.now();
      const files: string[] = [];
      const dictionary = datasets.flatMap((d) =>
        d.columns.map((c) => [`${stem}_${d.id}.csv`, d.title, c.name, c.description]),
      );
      for (const d of datasets) {
        const name = `${stem}_${d.id}.csv`;
        const target = path.join(dir, name);
        const source =
          d.exported && exported.get(`${subject.partyId}|${subject.role}|${d.exported}`);
        if (source) {
          await rename(source, target);
          bytes += (await stat(target)).size;
        } else {
          const body = toCsv(
            d.columns.map((c) => c.name),
            d.rows,
          );
          await writeFile(target, body);
          bytes += Buffer.byteLength(body);
        }
        files.push(name);
      }
      const dictName = `${stem}_columns.csv`;
      const dictBody = toCsv(['file', 'data_set', 'column', 'description'], dictionary);
      await writeFile(path.join(dir, dictName), dictBody);
      bytes += Buffer.byteLength(dictBody);
      files.push(dictName, `${stem}.pdf`);
      times.csv += performance.now() - s;
      written.push({ subject, files });
      const job = render(doc, { generatedAt }).then(async (pdf) => {
        await writeFile(path.join(dir, `${stem}.pdf`), pdf);
        bytes += pdf.length;
        options.onProgress?.(
          ++done,
          subjects.length,
          `${subject.partyId} ${ROLE_ABBREVIATIONS[subject.role]}`,
        );
      });
      // A failure is reported when its turn comes; until then it must not go unhandled.
      job.catch(() => undefined);
      inFlight.push(job);
      if (inFlight.length >= limit) await inFlight.shift();
    }
    await Promise.all(inFlight);
    times.pdf = performance.now() - loopStart - times.compute - times.csv;
    stages.push(
      { stage: 'compute reports', ms: times.compute },
      { stage: 'write CSV', ms: times.csv },
      {
        stage: pool ? `render PDF (${pool.size} worker threads, beyond the above)` : 'render PDF',
        ms: times.pdf,
      },
    );
    t = performance.now();
    // Every report is complete: move them into place, PDF last, then publish for the SSI.
    for (const { subject, files } of written) {
      const target = path.join(options.outDir, subject.partyId);
      await mkdir(target, { recursive: true });
      for (const name of files)
        await rename(path.join(staging, subject.partyId, name), path.join(target, name));
      if (options.publishDir && path.resolve(options.publishDir) !== path.resolve(options.outDir)) {
        const publish = path.join(options.publishDir, subject.partyId);
        await mkdir(publish, { recursive: true });
        for (const name of files) await copyFile(path.join(target, name), path.join(publish, name));
      }
    }
    lap('move into place');
  } finally {
    await pool?.close();
    await rm(staging, { recursive: true, force: true });
  }
  return {
    month: month.id,
    definitionsVersion: defs.version,
    records: facts.records,
    reports: written,
    files: written.reduce((a, w) => a + w.files.length, 0),
    bytes,
    stages,
  };
}
