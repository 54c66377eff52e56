// Times the PDF renderer: `npx tsx src/analytics/pdf/measure.ts [reports] [requestTypes]`.
//
// Renders `reports` sample reports (default 40, one per User) of 2 × `requestTypes` + 3 charts
// each (default 24 → 51 charts) and prints ms per chart (Vega to SVG, SVG into the PDF), ms per
// report and PDF size. Not a test: timings depend on the machine.
import PDFDocument from 'pdfkit';
import type { DocBlock } from '../document.ts';
import { chartSvg, type ChartBlock } from './chart-svg.ts';
import { drawChart } from './draw-chart.ts';
import { renderReportPdf } from './render-report-pdf.ts';
import { createSampleReport } from './sample-report.ts';

const reports = Number(process.argv[2] ?? 40);
const requestTypes = Number(process.argv[3] ?? 24);
const generatedAt = new Date('2023-07-03T06:00:00Z');

function charts(seed: number): ChartBlock[] {
  const blocks = createSampleReport({ requestTypes, seed }).sections.flatMap((s): DocBlock[] => [
    ...s.blocks,
    ...(s.subsections ?? []).flatMap((x) => x.blocks),
  ]);
  return blocks.filter((b): b is ChartBlock => b.kind === 'bar-chart' || b.kind === 'line-chart');
}

async function stages(seed: number): Promise<{ svg: number; draw: number; count: number }> {
  const blocks = charts(seed);
  let start = performance.now();
  const svgs: string[] = [];
  for (const block of blocks) svgs.push(await chartSvg(block));
  const svg = performance.now() - start;
  const doc = new PDFDocument({ size: 'A4', margin: 50 });
  doc.on('data', () => undefined);
  start = performance.now();
  for (const text of svgs) drawChart(doc, text);
  const draw = performance.now() - start;
  doc.end();
  return { svg, draw, count: blocks.length };
}

const coldStart = performance.now();
await renderReportPdf(createSampleReport({ requestTypes, seed: 999 }), { generatedAt });
const cold = performance.now() - coldStart;

const times: number[] = [];
let bytes = 0;
// CPU time as well as wall time: on a shared machine the wall time includes other processes' turns.
const cpuBefore = process.cpuUsage();
const all = performance.now();
for (let seed = 1; seed <= reports; seed++) {
  const start = performance.now();
  const pdf = await renderReportPdf(createSampleReport({ requestTypes, seed }), { generatedAt });
  times.push(performance.now() - start);
  bytes += pdf.length;
}
const total = performance.now() - all;
const cpu = process.cpuUsage(cpuBefore);
const cpuMs = (cpu.user + cpu.system) / 1000;

// Once everything is warm: the two chart stages on their own.
const split = { svg: 0, draw: 0, count: 0 };
for (let seed = 1; seed <= 5; seed++) {
  const s = await stages(seed);
  split.svg += s.svg;
  split.draw += s.draw;
  split.count += s.count;
}
times.sort((a, b) => a - b);
const perReportCharts = charts(1).length;
const fmt = (n: number): string => n.toFixed(1);
console.log(`first report (cold start, includes loading and compiling): ${fmt(cold)} ms`);
console.log(
  `per chart: ${fmt(split.svg / split.count)} ms Vega → SVG, ${fmt(split.draw / split.count)} ms SVG → PDF (svg-to-pdfkit)`,
);
console.log(
  `${reports} reports × ${perReportCharts} charts: ${fmt(total)} ms in all; per report median ${fmt(times[Math.floor(times.length / 2)] ?? 0)} ms, max ${fmt(times.at(-1) ?? 0)} ms; ${fmt(total / (reports * perReportCharts))} ms per chart overall`,
);
console.log(
  `CPU time: ${fmt(cpuMs)} ms in all, ${fmt(cpuMs / reports)} ms per report, ${fmt(cpuMs / (reports * perReportCharts))} ms per chart (GC threads included)`,
);
console.log(`PDF size: ${fmt(bytes / reports / 1024)} KiB per report on average`);
