// `opendsp simulate`: drives a month (or any span) of realistic traffic through the pipeline.
import { loadCatalogue } from '../../catalogue/index.ts';
import { ConflictError } from '../../core/errors.ts';
import { runSimulation, type SimulationSummary } from '../../dsp/simulation.ts';
import { rulesInForceFor } from '../../governance/index.ts';
import { parseDecimal, parseTimeOption, parseWholeNumber } from '../args.ts';
import { withStore, type Context } from '../context.ts';
import { table } from '../format.ts';
import { createProgress } from '../progress.ts';

/** Raw options of the simulate command. */
export interface SimulateCommandOptions {
  readonly days: string;
  readonly rate: string;
  readonly seed: string;
  readonly from: string;
}

/** Renders the summary: totals, the MP178 split, and outcomes by SRV and response code. */
export function renderSimulation(summary: SimulationSummary, limit = 30): string {
  const rate = Math.round(summary.requests / summary.seconds);
  const u = summary.unjoins;
  const rows = summary.outcomes
    .slice(0, limit)
    .map((o) => [o.srv, o.code, o.count.toLocaleString('en-GB')]);
  return [
    `Simulated ${summary.requests.toLocaleString('en-GB')} Service Requests in ${summary.seconds.toFixed(1)} s (${rate.toLocaleString('en-GB')}/s); ` +
      `${summary.auditRecords.toLocaleString('en-GB')} audit records and ${summary.smiChanges.toLocaleString('en-GB')} SMI changes written.`,
    '',
    `Unjoins (8.8.x) before MP178: ${u.before.requests.toLocaleString('en-GB')}, refused with E080801: ${u.before.e080801.toLocaleString('en-GB')}`,
    `Unjoins (8.8.x) after MP178:  ${u.after.requests.toLocaleString('en-GB')}, refused with E080801: ${u.after.e080801.toLocaleString('en-GB')}`,
    '',
    `Outcomes by SRV and response code (top ${Math.min(limit, summary.outcomes.length)} of ${summary.outcomes.length}; N13 = no response from the device):`,
    table(['SRV', 'code', 'count'], rows),
  ].join('\n');
}

/** Runs `opendsp simulate`. */
export async function simulateCommand(
  context: Context,
  raw: SimulateCommandOptions,
): Promise<void> {
  const days = parseWholeNumber('--days', raw.days, { min: 1, max: 366 });
  const seed = parseWholeNumber('--seed', raw.seed, { min: 0, max: 2 ** 31 - 1 });
  const from = parseTimeOption('--from', raw.from);
  const rate = parseDecimal('--rate', raw.rate, {
    above: 0,
    max: 1_000,
    what: 'Service Requests per device per day (GB average about 0.6)',
  });
  await withStore(context, async (store) => {
    const estate = await store.loadEstate();
    if (estate.devices.length === 0) {
      throw new ConflictError(
        `${store.location} holds no estate; run opendsp seed --devices N first`,
      );
    }
    const progress = createProgress({
      label: 'simulating',
      total: days * 24,
      unit: 'hours',
      ...context.progress,
    });
    const summary = await runSimulation({
      estate,
      store,
      catalogue: loadCatalogue(),
      rules: rulesInForceFor(context.dataDir),
      seed,
      from,
      days,
      rate,
      onProgress: (hours) => {
        progress.update(hours);
      },
    });
    progress.stop();
    context.out(renderSimulation(summary));
  });
}
