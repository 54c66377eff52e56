import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCatalogue } from '../catalogue/index.ts';
import { InvalidValueError, NotFoundError } from '../core/errors.ts';
import { createDuckDbStore } from '../store/index.ts';
import type { Store } from '../store/port.ts';
import { latestDefinitionsFile } from './definitions.ts';
import { runAnalytics, type AnalyticsRunOptions } from './run.ts';
import { seedFixture, U } from './testing.ts';

const catalogue = loadCatalogue();
const poppler = ((): boolean => {
  try {
    execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
    execFileSync('pdftoppm', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

let dir: string;
let store: Store;
const GENERATED = new Date('2023-06-02T08:00:00Z');

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'opendsp-analytics-'));
  store = await createDuckDbStore({ path: path.join(dir, 'fixture.duckdb') });
  await store.migrate();
  await seedFixture(store);
});
afterAll(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

function options(out: string, extra: Partial<AnalyticsRunOptions> = {}): AnalyticsRunOptions {
  return {
    store,
    catalogue,
    month: '2023-05',
    outDir: path.join(dir, out),
    generatedAt: GENERATED,
    ...extra,
  };
}

async function filesUnder(root: string): Promise<string[]> {
  if (!existsSync(root)) return [];
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => path.relative(root, path.join(e.parentPath, e.name)));
}

describe('opendsp report analytics (runAnalytics)', () => {
  it('writes one PDF and documented CSV files per party and role, and publishes them for the SSI', async () => {
    const summary = await runAnalytics(options('all', { publishDir: path.join(dir, 'published') }));
    expect(summary.reports.map((r) => `${r.subject.partyId} ${r.subject.role}`)).toEqual([
      'AAA ExportSupplier',
      'AAA GasSupplier',
      'AAA ImportSupplier',
      'BBB ExportSupplier',
      'BBB ImportSupplier',
      'CCC ImportSupplier',
      'DDD ImportSupplier',
      'NNN ElectricityDistributor',
    ]);
    const files = await filesUnder(path.join(dir, 'all'));
    expect(files).toContain(path.join('AAA', 'CAR_2023-05_AAA_IS.pdf'));
    expect(files).toContain(path.join('NNN', 'CAR_2023-05_NNN_ED_ed-unrestored-outages.csv'));
    expect(files.some((f) => f.includes('.partial'))).toBe(false);
    expect((await filesUnder(path.join(dir, 'published'))).sort()).toEqual(files.sort());
    expect(summary.stages.some((s) => s.stage.startsWith('render PDF'))).toBe(true);
  });

  it('writes RFC 4180 CSV: a header, CRLF line ends, quotes only where needed', async () => {
    const csv = await readFile(
      path.join(dir, 'all', 'AAA', 'CAR_2023-05_AAA_IS_processes.csv'),
      'utf8',
    );
    const lines = csv.split('\r\n');
    expect(lines[0]).toMatch(
      /^process_id,process,requests,failures,success_rate,industry_success_rate,rtt_best_ms/,
    );
    expect(csv.includes('\n') && !/[^\r]\n/.test(csv)).toBe(true);
    expect(lines).toContain(
      'meter-reads,Meter Reads,4,1,0.75,0.833333,1000,8000,4000,3000,500,9000,3400,2000',
    );
    const dictionary = await readFile(
      path.join(dir, 'all', 'AAA', 'CAR_2023-05_AAA_IS_columns.csv'),
      'utf8',
    );
    expect(dictionary).toContain(
      'CAR_2023-05_AAA_IS_processes.csv,Each business process over the month,rtt_median_ms,',
    );
    // A field with a comma is quoted.
    expect(dictionary).toMatch(/"[^"\r\n]*,[^"\r\n]*"/);
  });

  it.skipIf(!poppler)(
    'puts the key figures in the PDF text and renders every page with content',
    async () => {
      const file = path.join(dir, 'all', 'AAA', 'CAR_2023-05_AAA_IS.pdf');
      const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
      expect(text).toContain('Customer Analytics Report');
      expect(text).toContain('May 2023');
      expect(text).toContain('Metric definitions version 1.0.0');
      expect(text).toMatch(/Meter Reads[\s\S]*75\.0%/);
      expect(text).toMatch(/Peer A/);
      expect(text).not.toMatch(/Party BBB|Party CCC|Party DDD/);
      const pages = Number(
        /Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))?.[1],
      );
      expect(pages).toBeGreaterThan(5);
      const prefix = path.join(dir, 'page');
      execFileSync('pdftoppm', ['-r', '12', '-gray', file, prefix]);
      const images = (await readdir(dir)).filter((f) => f.startsWith('page') && f.endsWith('.pgm'));
      expect(images).toHaveLength(pages);
      for (const image of images) {
        const pgm = await readFile(path.join(dir, image));
        // A binary PGM: "P5", width, height, 255, then one byte per pixel (255 is white).
        const header = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(pgm.subarray(0, 40).toString('latin1'));
        const [width, height] = [Number(header?.[1]), Number(header?.[2])];
        const pixels = pgm.subarray(pgm.length - width * height);
        // Content above the footer (the bottom tenth of the page holds only the page number).
        const body = pixels.subarray(0, width * Math.floor(height * 0.9));
        const dark = body.filter((v) => v < 200).length;
        expect(dark, `${image} has nothing above its footer`).toBeGreaterThan(20);
      }
    },
  );

  it('refuses a month with no data, writing nothing', async () => {
    await expect(runAnalytics(options('empty', { month: '2023-09' }))).rejects.toThrow(
      new InvalidValueError(
        '--month',
        '2023-09',
        'the Service Audit Trail holds no records in September 2023 (UK time): there is nothing to report',
      ),
    );
    expect(await filesUnder(path.join(dir, 'empty'))).toEqual([]);
  });

  it('refuses a User not in a reporting role, and an unknown User or party', async () => {
    await expect(runAnalytics(options('gt', { only: U.G_GT }))).rejects.toThrow(
      /it is a Gas Transporter User; Customer Analytics Reports go to Import Supplier, Export Supplier, Gas Supplier, Electricity Distributor Users/,
    );
    await expect(
      runAnalytics(options('gt', { only: '90-B3-D5-1F-30-00-01-99' })),
    ).rejects.toBeInstanceOf(NotFoundError);
    await expect(runAnalytics(options('gt', { only: 'ZZZ' }))).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await expect(runAnalytics(options('gt', { only: 'GGG' }))).rejects.toThrow(
      /holds no User ID in a reporting role/,
    );
    await expect(runAnalytics(options('gt', { month: '2023-13' }))).rejects.toThrow(
      /--month.*expected a month as YYYY-MM/,
    );
  });

  it('reports one User ID: its party in its role only', async () => {
    const summary = await runAnalytics(options('one', { only: U.B_IS }));
    expect(summary.reports.map((r) => `${r.subject.partyId} ${r.subject.role}`)).toEqual([
      'BBB ImportSupplier',
    ]);
  });

  it('leaves no partial report when a report fails half-way', async () => {
    let calls = 0;
    const failing: AnalyticsRunOptions['renderPdf'] = () =>
      ++calls === 3
        ? Promise.reject(new Error('disk full'))
        : Promise.resolve(Buffer.from('%PDF-1.7\n'));
    await expect(runAnalytics(options('partial', { renderPdf: failing }))).rejects.toThrow(
      'disk full',
    );
    expect(await filesUnder(path.join(dir, 'partial'))).toEqual([]);
  });

  it('refuses an invalid definitions file before reading anything', async () => {
    const bad = path.join(dir, 'bad-defs', '1.0.0.json');
    await mkdir(path.dirname(bad), { recursive: true });
    const file = JSON.parse(await readFile(latestDefinitionsFile(), 'utf8')) as {
      metrics: { id: string }[];
    };
    file.metrics[1]!.id = file.metrics[0]!.id;
    await writeFile(bad, JSON.stringify(file));
    await expect(runAnalytics(options('bad', { definitionsFile: bad }))).rejects.toThrow(
      /duplicate metric ID install-and-commission/,
    );
    expect(await filesUnder(path.join(dir, 'bad'))).toEqual([]);
  });

  it('reports a metric added through a new definitions version, and says which version', async () => {
    const file = JSON.parse(await readFile(latestDefinitionsFile(), 'utf8')) as Record<
      string,
      unknown
    > & { metrics: unknown[]; changes: unknown[] };
    file['version'] = '1.1.0';
    file.changes.push({
      version: '1.1.0',
      date: '2023-06-01',
      summary: 'Adds Decommissioning (8.3).',
    });
    file.metrics.push({
      kind: 'process',
      id: 'decommissioning',
      name: 'Decommissioning',
      roles: ['ImportSupplier'],
      srvs: [{ srv: '8.3', label: 'Decommission Device' }],
    });
    const next = path.join(dir, 'defs', '1.1.0.json');
    await mkdir(path.dirname(next), { recursive: true });
    await writeFile(next, JSON.stringify(file));
    const summary = await runAnalytics(options('v110', { definitionsFile: next, only: 'AAA' }));
    expect(summary.definitionsVersion).toBe('1.1.0');
    const csv = await readFile(
      path.join(dir, 'v110', 'AAA', 'CAR_2023-05_AAA_IS_processes.csv'),
      'utf8',
    );
    expect(csv).toContain('decommissioning,Decommissioning,0,0,');
    if (poppler) {
      const text = execFileSync(
        'pdftotext',
        [path.join(dir, 'v110', 'AAA', 'CAR_2023-05_AAA_IS.pdf'), '-'],
        { encoding: 'utf8' },
      );
      expect(text).toContain('Metric definitions version 1.1.0');
      expect(text).toContain('Decommissioning');
    }
  });
});
