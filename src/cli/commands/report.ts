// `opendsp report analytics`: the month's Customer Analytics Reports (MP176), CSV and PDF.
import path from 'node:path';
import { runAnalytics, type AnalyticsRunSummary } from '../../analytics/run.ts';
import { loadCatalogue } from '../../catalogue/index.ts';
import { ROLE_NAMES } from '../../core/roles.ts';
import { withStore, type Context } from '../context.ts';
import { table } from '../format.ts';
import { createProgress } from '../progress.ts';

/** Raw options of `report analytics`. */
export interface AnalyticsCommandOptions {
  readonly month: string;
  readonly user?: string;
  readonly out?: string;
  readonly definitions?: string;
  readonly incidents?: string;
}

/** Renders what a run wrote and how long each stage took. */
export function renderAnalyticsRun(summary: AnalyticsRunSummary, outDir: string): string {
  const total = summary.stages.reduce((a, s) => a + s.ms, 0);
  return [
    `Customer Analytics Reports for ${summary.month} (metric definitions ${summary.definitionsVersion}) from ${summary.records.toLocaleString('en-GB')} audit records:`,
    table(
      ['party', 'role', 'files', 'PDF'],
      summary.reports.map((r) => [
        r.subject.partyId,
        ROLE_NAMES[r.subject.role],
        String(r.files.length),
        path.join(outDir, r.subject.partyId, r.files.find((f) => f.endsWith('.pdf')) ?? ''),
      ]),
    ),
    '',
    `${summary.files.toLocaleString('en-GB')} files, ${(summary.bytes / 1_048_576).toFixed(1)} MiB, in ${(total / 1000).toFixed(1)} s:`,
    table(
      ['stage', 'seconds'],
      summary.stages.map((s) => [s.stage, (s.ms / 1000).toFixed(2)]),
    ),
  ].join('\n');
}

/** Runs `opendsp report analytics`. */
export async function analyticsCommand(
  context: Context,
  raw: AnalyticsCommandOptions,
): Promise<void> {
  const publishDir = path.join(context.dataDir, 'reports');
  const outDir = path.resolve(raw.out ?? publishDir);
  await withStore(context, async (store) => {
    let progress: ReturnType<typeof createProgress> | undefined;
    const summary = await runAnalytics({
      store,
      catalogue: loadCatalogue(),
      month: raw.month,
      outDir,
      publishDir,
      ...(raw.user !== undefined ? { only: raw.user } : {}),
      ...(raw.definitions !== undefined ? { definitionsFile: path.resolve(raw.definitions) } : {}),
      ...(raw.incidents !== undefined ? { incidentsFile: path.resolve(raw.incidents) } : {}),
      onProgress: (done, total) => {
        progress ??= createProgress({
          label: 'reports',
          total,
          unit: 'reports',
          ...context.progress,
        });
        progress.update(done);
      },
    });
    progress?.stop();
    context.out(renderAnalyticsRun(summary, outDir));
  });
}
