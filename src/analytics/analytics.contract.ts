// Hand-computed answers for every metric kind on the May 2023 fixture, run on each engine.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCatalogue } from '../catalogue/index.ts';
import type { Store } from '../store/port.ts';
import type { StoreHarness } from '../store/store.contract.ts';
import { loadDefinitions } from './definitions.ts';
import { alertExportQuery, estateExportQuery } from '../store/analytics-sql.ts';
import { estateInstant, gatherFacts, type MonthFacts } from './facts.ts';
import { parseReportMonth } from './month.ts';
import { createReportBuilder, reportSubjects } from './report.ts';
import type { AnalyticsReport, ProcessReport } from './report-model.ts';
import { runAnalytics } from './run.ts';
import { E, M, seedFixture, U } from './testing.ts';

const catalogue = loadCatalogue();
const defs = loadDefinitions(catalogue);
const month = parseReportMonth('2023-05');

function processOf(report: AnalyticsReport, id: string): ProcessReport {
  const p = report.processes.find((x) => x.metric.id === id);
  if (!p) throw new Error(`no process ${id} in the report`);
  return p;
}

/** Runs the hand-computed checks against an engine. */
export function describeAnalyticsContract(engine: string, harness: StoreHarness): void {
  describe(`Customer Analytics figures on the hand-built month: ${engine}`, () => {
    let store: Store;
    let facts: MonthFacts;
    let report: (party: string, role: string) => AnalyticsReport;

    beforeAll(async () => {
      store = await harness.open();
      await store.migrate();
      await seedFixture(store);
      facts = await gatherFacts({ store, defs, month });
      const users = await store.listUsers();
      const build = createReportBuilder({ month, defs, facts, catalogue, incidents: [], users });
      const subjects = reportSubjects(users);
      report = (party, role) => {
        const s = subjects.find((x) => x.partyId === party && x.role === role);
        if (!s) throw new Error(`no subject ${party} ${role}`);
        return build(s);
      };
    });
    afterAll(async () => harness.dispose(store));

    it('counts the records of the UK month only (23:30 UTC on 30 April is 1 May; on 31 May it is June)', () => {
      // 24 exchanges of 3 records = 72, 8 alerts; outside May (UK): the 4.6.1 at 31 May 23:30Z
      // (3 records), the three April exchanges (9) and the N16 of 28 April (1).
      expect(facts.records).toBe(72 + 8 - 3 - 9 - 1);
    });

    it('gives best, worst, mean and an odd median of round-trip times (A: 1000, 3000, 8000)', () => {
      const reads = processOf(report('AAA', 'ImportSupplier'), 'meter-reads');
      expect(reads.volume).toBe(4);
      expect(reads.failures).toBe(1);
      expect(reads.successRate.you).toBeCloseTo(0.75, 10);
      expect(reads.rtt.you).toEqual({ best: 1000, worst: 8000, mean: 4000, median: 3000 });
    });

    it('gives an even median as the mean of the middle two (B: 1000, 2000, 6000, 9000; N13 is a failure)', () => {
      const reads = processOf(report('BBB', 'ImportSupplier'), 'meter-reads');
      expect(reads.volume).toBe(5);
      expect(reads.rtt.you).toEqual({ best: 1000, worst: 9000, mean: 4500, median: 4000 });
      expect(reads.codes.map((c) => [c.code, c.failures])).toEqual([['N13', 1]]);
    });

    it('gives the industry over every party in the role (10 of 12; median of 10 values is 2000)', () => {
      const reads = processOf(report('AAA', 'ImportSupplier'), 'meter-reads');
      expect(reads.successRate.industry).toBeCloseTo(10 / 12, 10);
      // 500 1000 1000 1500 2000 2000 3000 6000 8000 9000
      expect(reads.rtt.industry).toEqual({ best: 500, worst: 9000, mean: 3400, median: 2000 });
    });

    it('shows three other parties one by one, labelled, never named', () => {
      const c = processOf(report('AAA', 'ImportSupplier'), 'meter-reads').successRate;
      expect(c.note).toBeNull();
      expect(c.peers.map((p) => p.label)).toEqual(['Peer A', 'Peer B', 'Peer C']);
      expect(c.peers.map((p) => p.value).sort()).toEqual([0.8, 1, 1]);
      expect(JSON.stringify(c)).not.toMatch(/BBB|CCC|DDD/);
    });

    it('labels a peer the same way in every section of one report', () => {
      const r = report('AAA', 'ImportSupplier');
      const reads = processOf(r, 'meter-reads').successRate.peers;
      const cos = processOf(r, 'change-of-supplier-gain').successRate.peers;
      // B (0.8 in Meter Reads) is the only party with Change of Supplier requests.
      const labelOfB = reads.find((p) => p.value === 0.8)?.label;
      expect(cos).toEqual([]); // one other party only: withheld (see below)
      expect(labelOfB).toMatch(/^Peer [ABC]$/);
    });

    it('withholds peers and the industry when only one other party had data', () => {
      const c = processOf(report('AAA', 'ImportSupplier'), 'read-registers').successRate;
      expect(c.you).toBe(1);
      expect(c.industry).toBeNull();
      expect(c.peers).toEqual([]);
      expect(c.merged).toBeNull();
      expect(c.note).toMatch(/Only 1 other party had data .*withheld/);
    });

    it('merges two other parties into "Other Users" (2 successes of 3)', () => {
      const c = processOf(report('CCC', 'ImportSupplier'), 'read-registers').successRate;
      expect(c.you).toBeNull();
      expect(c.merged?.value).toBeCloseTo(2 / 3, 10);
      expect(c.merged?.parties).toBe(2);
      expect(c.industry).toBeCloseTo(2 / 3, 10);
    });

    it('reports zero volumes as zero, with no rates', () => {
      const p = processOf(report('AAA', 'ImportSupplier'), 'prepayment');
      expect(p.volume).toBe(0);
      expect(p.successRate.you).toBeNull();
      expect(p.rtt.you).toEqual({ best: null, worst: null, mean: null, median: null });
      expect(p.days.every((d) => d.volume === 0 && d.failureRate === null)).toBe(true);
    });

    it('puts requests on UK days: A on 1 May (2, none failed, mean 2 s) and 2 May (2, half failed)', () => {
      const days = processOf(report('AAA', 'ImportSupplier'), 'meter-reads').days;
      expect(days).toHaveLength(31);
      expect(days[0]).toMatchObject({ day: '2023-05-01', volume: 2, failureRate: 0, meanMs: 2000 });
      expect(days[1]).toMatchObject({
        day: '2023-05-02',
        volume: 2,
        failureRate: 0.5,
        meanMs: 8000,
      });
      expect(days[30]).toMatchObject({ day: '2023-05-31', volume: 0 });
    });

    it('splits by meter type, region and SMETS version', () => {
      const splits = processOf(report('AAA', 'ImportSupplier'), 'meter-reads').splits.filter(
        (s) => s.day === null,
      );
      expect(splits.map((s) => [s.split, s.value, s.volume])).toEqual([
        ['SMETS', 'SMETS2', 4],
        ['meter type', 'ESME', 4],
        ['region', '12', 4],
      ]);
    });

    it('predicts installs from history, with May bank holidays as non-working days', () => {
      const d = processOf(report('AAA', 'ImportSupplier'), 'install-and-commission').derived.find(
        (x) => x.metric.id === 'install-volume-forecast',
      );
      // History 6 Mar – 30 Apr 2023: 56 days, 16 weekend days + Good Friday + Easter Monday = 18
      // non-working; both installs fell on non-working days (Easter Monday, a Sunday): 2/18.
      // May has 8 weekend days and 3 bank holidays (1, 8 and 29 May): 11 × 2/18 predicted.
      const may1 = d?.rows[0];
      expect(may1?.[0]).toBe('2023-05-01');
      expect(may1?.[1]).toBe('no');
      expect(Number(may1?.[3])).toBeCloseTo(2 / 18, 3);
      expect(Number(d?.rows[1]?.[3])).toBe(0); // 2 May, a working day: none in history
      expect(d?.figures.find((f) => f.label === 'Predicted')?.value).toBe((22 / 18).toFixed(1));
      expect(d?.figures.find((f) => f.label === 'Installs this month')?.value).toBe('1');
    });

    it('finds installs with no read within 30 days among those whose window closed in May', () => {
      const d = processOf(report('AAA', 'ImportSupplier'), 'install-and-commission').derived.find(
        (x) => x.metric.id === 'install-no-read-30d',
      );
      // 2 Apr (no read by 2 May), then 10 Apr (read on 20 Apr); 20 May's window is still open.
      expect(d?.rows.map((r) => r[3])).toEqual(['no', 'yes']);
      expect(d?.comparison?.you).toBe(0.5);
    });

    it('handles a Change of Supplier mid-month: context, reads before, old supplier, estates', async () => {
      const b = report('BBB', 'ImportSupplier');
      expect(processOf(b, 'change-of-supplier-gain').volume).toBe(2); // 6.23 and 1.1.1 on 16 May
      expect(processOf(b, 'tariff-updates').volume).toBe(1); // 1.1.1 on 20 May (routine)
      const derived = processOf(b, 'change-of-supplier-gain').derived;
      expect(derived.find((x) => x.metric.id === 'cos-gain-read-before')?.rows).toEqual([
        [expect.any(String), '2023-05-15', 'yes'],
      ]);
      expect(
        derived.find((x) => x.metric.id === 'cos-gain-old-supplier-install')?.rows[0]?.[2],
      ).toBe('8.14.1');
      const dir = await mkdtemp(path.join(os.tmpdir(), 'opendsp-estate-'));
      try {
        const files = await store.analyticsCsvFiles(
          estateExportQuery(estateInstant(month), ['ImportSupplier']),
          dir,
        );
        const of = async (party: string): Promise<string[]> =>
          (await readFile(files.get(`${party}|ImportSupplier`) ?? '', 'utf8'))
            .split('\r\n')
            .slice(1, -1)
            .map((line) => line.split(',')[0] ?? '');
        expect(await of('BBB')).toEqual([E[1], E[4]]);
        expect(await of('AAA')).toEqual([E[0], E[5]]);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
      expect(b.inventory.devices).toBe(2);
    });

    it('exports the inventory and alert data files as RFC 4180 CSV, one per party and role', async () => {
      const dir = await mkdtemp(path.join(os.tmpdir(), 'opendsp-export-'));
      try {
        const files = await store.analyticsCsvFiles(
          estateExportQuery(estateInstant(month), ['ImportSupplier', 'ElectricityDistributor']),
          path.join(dir, 'inventory'),
        );
        expect([...files.keys()].sort()).toEqual([
          'AAA|ImportSupplier',
          'BBB|ImportSupplier',
          'CCC|ImportSupplier',
          'DDD|ImportSupplier',
          'NNN|ElectricityDistributor',
        ]);
        const b = await readFile(files.get('BBB|ImportSupplier') ?? '', 'utf8');
        expect(b).toBe(
          'device_id,device_type,manufacturer,model,firmware_version,smets,region,mpxn,status\r\n' +
            `${E[1]},ESME,Acme Meters,E-100,1.0,SMETS2,12,${M[1]},Commissioned\r\n` +
            `${E[4]},ESME,Acme Meters,E-100,1.0,SMETS1,12,${M[4]},Commissioned\r\n`,
        );
        const alerts = await store.analyticsCsvFiles(
          alertExportQuery(month),
          path.join(dir, 'alerts'),
        );
        expect([...alerts.keys()].sort()).toEqual([
          'BBB|ImportSupplier|N13',
          'NNN|ElectricityDistributor|8F35',
          'NNN|ElectricityDistributor|N16',
          'NNN|ElectricityDistributor|N42',
          'NNN|ElectricityDistributor|N999',
        ]);
        const n999 = (
          await readFile(alerts.get('NNN|ElectricityDistributor|N999') ?? '', 'utf8')
        ).split('\r\n');
        expect(n999[0]).toBe(
          'sent_at,request_id,srv,device_id,mpxn,outcome,delivery_ms,meter_type,manufacturer,model,firmware_version,region,smets',
        );
        expect(n999[1]).toBe(
          `2023-05-05T10:00:00.000Z,,,${E[0]},${M[0]},success,2000,ESME,Acme Meters,E-100,1.0,12,SMETS2`,
        );
        expect(n999).toHaveLength(4); // header, two outages, and the empty string after the last CRLF
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    });

    it('compares firmware shares per model against the industry', () => {
      const model = report('AAA', 'ImportSupplier').inventory.models[0];
      expect(model?.model).toBe('Acme Meters E-100');
      // A: e1 (1.0), e6 (2.0). Industry IS estate: e1..e6, one on 2.0.
      const v2 = model?.firmware.find((f) => f.version === '2.0')?.share;
      expect(v2?.you).toBe(0.5);
      expect(v2?.industry).toBeCloseTo(1 / 6, 10);
    });

    it('gives network operators their outages, follow-ups and N13 breakdown', () => {
      const n = report('NNN', 'ElectricityDistributor');
      expect(n.alerts?.total).toBe(7);
      const measure = (id: string) => n.alerts?.measures.find((m) => m.metric.id === id);
      expect(measure('ed-unrestored-outages')?.rows.map((r) => r[0])).toEqual([E[2]]);
      expect(measure('ed-n42-after-n16')?.rows).toEqual([
        ['Party AAA', 1, 1, 0, 0],
        ['Party BBB', 1, 0, 1, 0],
      ]);
      expect(measure('ed-n13-n55-by-device')?.rows).toEqual([
        ['N13', 'ESME', 'Acme Meters', 'E-100', '1.0', 1],
      ]);
    });

    it('runs the whole month: every report with its data files', async () => {
      const dir = await mkdtemp(path.join(os.tmpdir(), 'opendsp-run-'));
      try {
        const summary = await runAnalytics({
          store,
          catalogue,
          month: '2023-05',
          outDir: dir,
          // The PDF renderer is the same on every engine (run.test.ts covers it).
          renderPdf: () => Promise.resolve(Buffer.from('%PDF-1.7\n')),
        });
        expect(summary.reports).toHaveLength(8);
        expect(summary.records).toBe(67);
        const inventory = await readFile(
          path.join(dir, 'NNN', 'CAR_2023-05_NNN_ED_inventory.csv'),
          'utf8',
        );
        expect(inventory.split('\r\n')).toHaveLength(8); // header, six devices, the end
        const n13 = await readFile(
          path.join(dir, 'BBB', 'CAR_2023-05_BBB_IS_alerts-N13.csv'),
          'utf8',
        );
        expect(n13).toContain(`2023-05-05T10:01:00.000Z,${U.B_IS}:${E[1]}:`);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    });

    it('withholds the Export Supplier comparison: one other party in the role', () => {
      const a = report('AAA', 'ExportSupplier');
      expect(a.alerts?.failureRate.industry ?? null).toBeNull();
    });
  });
}
