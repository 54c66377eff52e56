// Compiled, parsed Vega views kept per chart shape, so each chart only feeds data and renders.
//
// Compiling a Vega-Lite spec and parsing the Vega output costs more than rendering a chart, and
// a report draws dozens of charts of a handful of shapes. A shape is compiled once; its views are
// pooled, each used by one render at a time, so concurrent reports never share a view mid-render.
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { useHelveticaInVega } from './vega-metrics.ts';

/** Sets a view's signals and data sets for one chart; rendering follows. */
export type FeedView = (view: vega.View) => void;

interface Template {
  readonly runtime: vega.Runtime;
  readonly idle: vega.View[];
}

/** Distinct shapes kept; a report uses a handful, a run over all Users a few dozen. */
const MAX_TEMPLATES = 64;
const templates = new Map<string, Template>();

function template(key: string, build: () => TopLevelSpec): Template {
  const found = templates.get(key);
  if (found !== undefined) return found;
  // Quiet: Vega-Lite warns that step-sized bars drop "fit" on that axis, which is intended.
  const spec = compile(build(), { logger: vega.logger(vega.Error) }).spec;
  const made: Template = { runtime: vega.parse(spec), idle: [] };
  templates.set(key, made);
  if (templates.size > MAX_TEMPLATES) {
    const [oldestKey, oldest] = templates.entries().next().value ?? [];
    if (oldestKey !== undefined) templates.delete(oldestKey);
    for (const view of oldest?.idle ?? []) view.finalize();
  }
  return made;
}

/**
 * Renders a chart to SVG text: the view for `key` (built from `build()` the first time) is fed
 * by `feed` and drawn headless, with no canvas.
 */
export async function renderChartSvg(
  key: string,
  build: () => TopLevelSpec,
  feed: FeedView,
): Promise<string> {
  await useHelveticaInVega();
  const shape = template(key, build);
  const view =
    shape.idle.pop() ?? new vega.View(shape.runtime, { renderer: 'none' }).logLevel(vega.Error);
  try {
    feed(view);
    const svg = await view.toSVG();
    shape.idle.push(view);
    return svg;
  } catch (error) {
    view.finalize();
    throw error;
  }
}
