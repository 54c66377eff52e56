// `opendsp duis check FILE…`: reads DUIS requests, responses, acknowledgements and alerts offline,
// checks them against DUIS Schema V5.4 and the catalogue, and explains every failure.
import { loadCatalogue } from '../../catalogue/index.ts';
import { checkDuisFiles, renderCheckReport } from '../../dsp/duis/index.ts';
import type { Context } from '../context.ts';

/** Runs the check; resolves to true when every file passed. */
export async function duisCheckCommand(
  context: Context,
  files: readonly string[],
): Promise<boolean> {
  const results = await checkDuisFiles(files, { catalogue: loadCatalogue() });
  context.out(renderCheckReport(results));
  return results.every((r) => r.ok);
}
