import { describe, expect, it } from 'vitest';
import type { BarDatum, LineDatum } from '../document.ts';
import { NO_DATA_NOTE, chartSvg, type ChartBlock } from './chart-svg.ts';
import { seriesColours } from './theme.ts';

const SERIES = ['Peer B', 'Industry', 'You', 'Peer A'];

type Bar = Extract<ChartBlock, { kind: 'bar-chart' }>;
type Line = Extract<ChartBlock, { kind: 'line-chart' }>;

function bar(overrides: Partial<Bar> = {}): Bar {
  const data: BarDatum[] = ['Success', 'Late', 'Failed'].flatMap((category, c) =>
    SERIES.map((series, s) => ({ category, series, value: 1000 * (c + 1) + 10 * s })),
  );
  return {
    kind: 'bar-chart',
    title: 'Service Requests by outcome',
    xTitle: 'Outcome',
    yTitle: 'Requests',
    data,
    ...overrides,
  };
}

function line(overrides: Partial<Line> = {}): Line {
  const data: LineDatum[] = Array.from({ length: 30 }, (_, d) =>
    SERIES.map((series, s) => ({
      x: `2023-06-${String(d + 1).padStart(2, '0')}`,
      series,
      value: series === 'You' && d === 14 ? null : 90 + s + Math.sin(d),
    })),
  ).flat();
  return {
    kind: 'line-chart',
    title: 'Failures per day',
    yTitle: 'Failures (%)',
    data,
    bands: [{ from: '2023-06-12', to: '2023-06-14', label: 'INC0042 Category 2' }],
    ...overrides,
  };
}

/** The text of every SVG text element, in document order. */
function texts(svg: string): string[] {
  return [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1] ?? '');
}

/** Where a text element sits in the whole SVG, adding up the translations of its groups. */
function positionOf(svg: string, wanted: string): { x: number; y: number } | undefined {
  const translate = (attributes: string): [number, number] => {
    const m = /transform="translate\(([-\d.e]+),([-\d.e]+)\)/.exec(attributes);
    return m === null ? [0, 0] : [Number(m[1]), Number(m[2])];
  };
  const stack: [number, number][] = [[0, 0]];
  const tags = /<g(\s[^>]*?)?(\/)?>|<\/g>|<text([^>]*)>([^<]*)<\/text>/g;
  for (const [tag, groupAttributes, empty, textAttributes, text] of svg.matchAll(tags)) {
    const [x, y] = stack.at(-1) ?? [0, 0];
    if (tag === '</g>') stack.pop();
    else if (textAttributes !== undefined) {
      const [dx, dy] = translate(textAttributes);
      if (text === wanted) return { x: x + dx, y: y + dy };
    } else if (empty === undefined) {
      const [dx, dy] = translate(groupAttributes ?? '');
      stack.push([x + dx, y + dy]);
    }
  }
  return undefined;
}

describe('chartSvg', () => {
  it('draws a bar chart with its title, axis titles and every series in the legend, You first', async () => {
    const svg = await chartSvg(bar());
    expect(svg.startsWith('<svg')).toBe(true);
    const text = texts(svg);
    expect(text).toContain('Service Requests by outcome');
    expect(text).toEqual(
      expect.arrayContaining(['Outcome', 'Requests', 'Success', 'Late', 'Failed']),
    );
    const legend = text.filter((t) => SERIES.includes(t));
    expect(legend).toEqual(['You', 'Industry', 'Peer A', 'Peer B']);
  });

  it('colours You strongly and Industry grey, whatever order the data come in', async () => {
    const svg = await chartSvg(bar());
    const [you, industry] = seriesColours(['You', 'Industry']);
    expect(svg).toContain(`fill="${you}"`);
    expect(svg).toContain(`fill="${industry}"`);
  });

  it('keeps long model names whole by laying the bars down the page', async () => {
    const models = [
      'EX-100 1.2.3',
      'Acme SMETS2 Comms Hub 4.5.6',
      'Gizmo Meter 3.0.0',
      'EX-200 2.0.1',
    ];
    const data = models.flatMap((category) =>
      ['You', 'Industry'].map((series) => ({ category, series, value: 3 })),
    );
    const text = texts(await chartSvg(bar({ data })));
    expect(text).toEqual(expect.arrayContaining(models));
  });

  it('draws a daily line chart with its title, y title, legend, date labels and incident band', async () => {
    const svg = await chartSvg(line());
    const text = texts(svg);
    expect(text).toContain('Failures per day');
    expect(text).toContain('Failures (%)');
    expect(text).toContain('INC0042 Category 2');
    expect(text).toEqual(expect.arrayContaining(['You', 'Industry', 'Peer A', 'Peer B']));
    expect(text.some((t) => /^\s?\d{1,2} Jun$/.test(t))).toBe(true);
  });

  it('leaves a gap in a line where a value is null', async () => {
    const [you] = seriesColours(['You']);
    const svg = await chartSvg(line());
    const path = new RegExp(`<path[^>]*d="([^"]*)"[^>]*stroke="${you}"`).exec(svg)?.[1] ?? '';
    expect(path.match(/M/g)?.length).toBe(2);
  });

  it('keeps the title in place when a chart draws empty groups (no bands, a series of nulls)', async () => {
    const data = line().data.map((d) => (d.series === 'You' ? { ...d, value: null } : d));
    const svg = await chartSvg(line({ data, bands: [] }));
    const title = positionOf(svg, 'Failures per day');
    expect(title?.y).toBeGreaterThan(0);
    expect(title?.y).toBeLessThan(20);
  });

  it('gives all-zero data a readable 0 to 1 scale', async () => {
    const data = ['2023-06-01', '2023-06-02'].flatMap((x) =>
      ['You', 'Industry'].map((series) => ({ x, series, value: 0 })),
    );
    const text = texts(await chartSvg(line({ data, bands: [] })));
    expect(text).toEqual(expect.arrayContaining(['0.0', '1.0']));
    expect(text.some((t) => t.includes('0.000'))).toBe(false);
  });

  it('draws a note instead of an empty chart', async () => {
    for (const block of [
      bar({ data: [] }),
      line({ data: [] }),
      line({ data: [{ x: '2023-06-01', series: 'You', value: null }] }),
    ]) {
      const text = texts(await chartSvg(block));
      expect(text).toContain(NO_DATA_NOTE);
    }
  });

  it('does not reuse one chart’s title or data in the next chart of the same shape', async () => {
    await chartSvg(line({ title: 'First chart' }));
    const text = texts(await chartSvg(line({ title: 'Second chart', bands: [] })));
    expect(text).toContain('Second chart');
    expect(text).not.toContain('First chart');
    expect(text).not.toContain('INC0042 Category 2');
  });

  it('renders charts of one shape concurrently without mixing them up', async () => {
    const titles = Array.from({ length: 6 }, (_, i) => `Chart ${i}`);
    const svgs = await Promise.all(titles.map((title) => chartSvg(bar({ title }))));
    svgs.forEach((svg, i) => {
      expect(texts(svg)).toContain(`Chart ${i}`);
    });
  });
});
