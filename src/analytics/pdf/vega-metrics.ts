// Makes Vega measure chart text with the Helvetica metrics the PDF draws it with.
//
// Without a canvas Vega guesses every glyph at 0.8 em, so labels are cut short, legends spread out
// and axis titles sit too far away. Vega lets a caller replace `textMetrics.width` (vl-convert does
// the same). vega 6.2.0 pins vega-scenegraph ~5.1.0 while vega-view wants ^5.2.1, so npm installs
// several copies: layout measures with one, the SVG renderer cuts labels with another. Every copy
// the vega packages load is given the same function.
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { textWidth } from './text-metrics.ts';

/** The part of a Vega text item the width function reads. */
interface VegaTextItem {
  readonly fontSize?: number | string;
  readonly fontWeight?: number | string;
  /** Width in points beyond which Vega cuts the text with an ellipsis. */
  readonly limit?: number;
}

/** vega-scenegraph's text metrics object, which vega-typings does not declare. */
interface VegaTextMetrics {
  width: (item: VegaTextItem, text: unknown) => number;
}

/** The vega packages that import vega-scenegraph, each possibly its own copy. */
const OWNERS = [
  'vega',
  'vega-view',
  'vega-view-transforms',
  'vega-parser',
  'vega-functions',
  'vega-label',
];

function helveticaWidth(item: VegaTextItem, text: unknown): number {
  const value = typeof text === 'string' || typeof text === 'number' ? String(text).trim() : '';
  const size = item.fontSize == null ? 11 : Number(item.fontSize) || 0;
  const weight = item.fontWeight;
  const bold = weight === 'bold' || Number(weight) >= 600;
  const width = textWidth(value, size, bold);
  // Vega asks for the width of text already cut to `limit`; never report more than the limit.
  return item.limit != null && item.limit > 0 ? Math.min(width, item.limit) : width;
}

/** Files of every vega-scenegraph copy reachable from the vega packages. */
function scenegraphFiles(): string[] {
  const vegaRequire = createRequire(createRequire(import.meta.url).resolve('vega'));
  const files = new Set<string>();
  for (const owner of OWNERS) {
    try {
      const ownerFile = owner === 'vega' ? vegaRequire.resolve('vega') : vegaRequire.resolve(owner);
      files.add(createRequire(ownerFile).resolve('vega-scenegraph'));
    } catch {
      // A package vega no longer depends on: nothing of it to patch.
    }
  }
  return [...files];
}

async function install(): Promise<void> {
  const modules = await Promise.all(
    scenegraphFiles().map(
      (file) =>
        import(pathToFileURL(file).href) as Promise<{ readonly textMetrics?: VegaTextMetrics }>,
    ),
  );
  for (const module of modules) {
    if (module.textMetrics !== undefined) module.textMetrics.width = helveticaWidth;
  }
}

let installed: Promise<void> | undefined;

/** Gives every loaded copy of vega-scenegraph the Helvetica width function (once per process). */
export function useHelveticaInVega(): Promise<void> {
  installed ??= install();
  return installed;
}
