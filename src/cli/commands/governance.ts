// `opendsp governance list|show|advance|report`: the SEC Modification Register from the command line.
import { writeFile } from 'node:fs/promises';
import { parseIsoDate } from '../../core/clock.ts';
import { InvalidValueError } from '../../core/errors.ts';
import {
  governanceAdvance,
  governanceList,
  governanceReport,
  governanceShow,
  loadRegisterFor,
  renderChangeStatusReportPdf,
  saveRegisterFor,
  type ListFilter,
} from '../../governance/index.ts';
import type { Context } from '../context.ts';

/** Runs `governance list`. */
export function listCommand(context: Context, filter: ListFilter): void {
  context.out(governanceList(loadRegisterFor(context.dataDir), filter));
}

/** Runs `governance show <id>`. */
export function showCommand(context: Context, id: string): void {
  context.out(governanceShow(loadRegisterFor(context.dataDir), id));
}

/** Runs `governance advance <id> --to STAGE --date DATE`; the register is saved whole or not at all. */
export async function advanceCommand(
  context: Context,
  id: string,
  step: { readonly to: string; readonly date: string },
): Promise<void> {
  const next = governanceAdvance(loadRegisterFor(context.dataDir), id, step);
  const file = await saveRegisterFor(context.dataDir, next);
  context.out(`${id} moved to ${step.to} on ${step.date}; register saved to ${file}`);
}

/** Runs `governance report --as-of DATE --format md|html|pdf [--out FILE]`. */
export async function reportCommand(
  context: Context,
  options: { readonly asOf: string; readonly format: string; readonly out?: string },
): Promise<void> {
  const asOf = parseIsoDate(options.asOf, '--as-of');
  if (options.format === 'pdf') {
    if (options.out === undefined) {
      throw new InvalidValueError('--out', '', 'a PDF report needs --out FILE');
    }
    const pdf = await renderChangeStatusReportPdf(loadRegisterFor(context.dataDir), asOf);
    await writeFile(options.out, pdf);
    context.out(`Change Status Report as of ${asOf} written to ${options.out}`);
    return;
  }
  if (options.format !== 'md' && options.format !== 'html') {
    throw new InvalidValueError('--format', options.format, 'expected md, html or pdf');
  }
  const text = governanceReport(loadRegisterFor(context.dataDir), { asOf, format: options.format });
  if (options.out === undefined) {
    context.out(text);
    return;
  }
  await writeFile(options.out, text);
  context.out(`Change Status Report as of ${asOf} written to ${options.out}`);
}
