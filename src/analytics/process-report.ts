// Business-process figures (MP176 Table 1): success against peers, RTT, daily splits, failures.
import { DUIS_REFUSAL_REASONS, type Catalogue } from '../catalogue/index.ts';
import type { AnalyticsRow } from '../store/analytics-port.ts';
import type { Definitions } from './definitions.ts';
import { computeDerived } from './derived.ts';
import type { MonthFacts } from './facts.ts';
import { incidentDays, type Incident } from './incidents.ts';
import type { ReportMonth } from './month.ts';
import { compare, type PeerLabels, type Ratio } from './peers.ts';
import type {
  CodeFigures,
  DayFigures,
  Figures,
  ProcessReport,
  SplitFigures,
  Subject,
  TimeStats,
} from './report-model.ts';
import { groupBy, num, numOrNull, rate, text } from './rows.ts';
import type { DerivedMetric, ProcessMetric } from './schema.ts';

/** What every section's computation shares. */
export interface ReportContext {
  readonly subject: Subject;
  readonly month: ReportMonth;
  readonly defs: Definitions;
  readonly facts: MonthFacts;
  readonly labels: PeerLabels;
  readonly catalogue: Catalogue;
  readonly incidents: readonly Incident[];
  /** Party names by party ID (for suppliers named in network-operator reports). */
  readonly partyNames: ReadonlyMap<string, string>;
}

/** Sums by key (a day, or split|value|day) and party; party '' is the whole role. */
type Rollup = Map<string, Map<string, Sums>>;

/** Facts indexed and rolled up once per month, shared by every report. */
export interface ProcessIndex {
  readonly stats: Map<string, AnalyticsRow[]>;
  /** By process|role: daily sums. */
  readonly days: Map<string, Rollup>;
  /** By process|role: sums per split value, for the month (`split|value|`) and each day. */
  readonly splits: Map<string, Rollup>;
  readonly failures: Map<string, AnalyticsRow[]>;
}

const SPLITS = [
  ['meter type', 'meter_type'],
  ['region', 'region'],
  ['SMETS', 'smets'],
] as const;

/** The sums of one key, by party. */
function partiesOf(rollup: Rollup, key: string): Map<string, Sums> {
  let parties = rollup.get(key);
  if (!parties) {
    parties = new Map();
    rollup.set(key, parties);
  }
  return parties;
}

/** Adds a row to its party's sums and to the role's ('' party). */
function addTo(parties: Map<string, Sums>, party: string, r: AnalyticsRow): void {
  for (const p of [party, '']) {
    let sums = parties.get(p);
    if (!sums) {
      sums = empty();
      parties.set(p, sums);
    }
    add(sums, r);
  }
}

const key = (processId: string, role: string): string => `${processId}|${role}`;

/** Indexes the process facts by process and role. */
export function indexProcesses(facts: MonthFacts): ProcessIndex {
  const by = (rows: readonly AnalyticsRow[]): Map<string, AnalyticsRow[]> =>
    groupBy(rows, (r) => key(text(r, 'process_id'), text(r, 'role')));
  const days = new Map<string, Rollup>();
  const splits = new Map<string, Rollup>();
  for (const [k, rows] of by(facts.processDaily)) {
    const d: Rollup = new Map();
    const sp: Rollup = new Map();
    for (const r of rows) {
      const party = text(r, 'party_id');
      const day = text(r, 'day');
      addTo(partiesOf(d, day), party, r);
      for (const [split, column] of SPLITS) {
        addTo(partiesOf(sp, `${split}|${text(r, column)}|`), party, r);
        addTo(partiesOf(sp, `${split}|${text(r, column)}|${day}`), party, r);
      }
    }
    days.set(k, d);
    splits.set(k, sp);
  }
  return { stats: by(facts.processStats), days, splits, failures: by(facts.processFailures) };
}

function timeStats(row: AnalyticsRow | undefined): TimeStats {
  return {
    best: row ? numOrNull(row, 'rtt_best') : null,
    worst: row ? numOrNull(row, 'rtt_worst') : null,
    mean: row ? numOrNull(row, 'rtt_mean') : null,
    median: row ? numOrNull(row, 'rtt_median') : null,
  };
}

interface Sums {
  volume: number;
  ok: number;
  rttSum: number;
  rttCount: number;
}
const empty = (): Sums => ({ volume: 0, ok: 0, rttSum: 0, rttCount: 0 });
function add(s: Sums, r: AnalyticsRow): void {
  s.volume += num(r, 'requests');
  s.ok += num(r, 'successes');
  s.rttSum += num(r, 'rtt_sum');
  s.rttCount += num(r, 'rtt_count');
}
const failureRate = (s: Sums): number | null => rate(s.volume - s.ok, s.volume);
const meanMs = (s: Sums): number | null => rate(s.rttSum, s.rttCount);

/** The days of the month with their incident IDs. */
export function incidentsByDay(ctx: ReportContext): Map<string, string[]> {
  const byDay = new Map<string, string[]>();
  for (const incident of ctx.incidents) {
    for (const day of incidentDays(incident, ctx.month.days)) {
      byDay.set(day, [...(byDay.get(day) ?? []), incident.id]);
    }
  }
  return byDay;
}

/** The recipient's and the role's figures from their sums. */
function figures(you: Sums, all: Sums): Figures {
  return {
    volume: you.volume,
    failureRate: failureRate(you),
    meanMs: meanMs(you),
    industryVolume: all.volume,
    industryFailureRate: failureRate(all),
    industryMeanMs: meanMs(all),
  };
}

function dailyFigures(ctx: ReportContext, rollup: Rollup | undefined): DayFigures[] {
  const incidents = incidentsByDay(ctx);
  return ctx.month.days.map((day) => {
    const y = rollup?.get(day)?.get(ctx.subject.partyId) ?? empty();
    const a = rollup?.get(day)?.get('') ?? empty();
    return { day, ...figures(y, a), incidents: incidents.get(day) ?? [] };
  });
}

function splitFigures(ctx: ReportContext, rollup: Rollup | undefined): SplitFigures[] {
  const out: SplitFigures[] = [];
  for (const [k, parties] of rollup ?? []) {
    const y = parties.get(ctx.subject.partyId);
    if (!y) continue;
    const a = parties.get('') ?? empty();
    const [split = '', value = '', day = ''] = k.split('|');
    out.push({ split, value, day: day === '' ? null : day, ...figures(y, a) });
  }
  const key = (f: SplitFigures): string => `${f.split}|${f.value}|${f.day ?? ''}`;
  return out.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

function codeFigures(ctx: ReportContext, rows: readonly AnalyticsRow[]): CodeFigures[] {
  const you = new Map<string, number>();
  const all = new Map<string, number>();
  for (const r of rows) {
    const code = text(r, 'code');
    all.set(code, (all.get(code) ?? 0) + num(r, 'failures'));
    if (text(r, 'party_id') === ctx.subject.partyId)
      you.set(code, (you.get(code) ?? 0) + num(r, 'failures'));
  }
  const youTotal = [...you.values()].reduce((a, b) => a + b, 0);
  const allTotal = [...all.values()].reduce((a, b) => a + b, 0);
  return [...you]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([code, failures]) => ({
      code,
      meaning: codeMeaning(ctx.catalogue, code),
      failures,
      share: failures / youTotal,
      industryShare: rate(all.get(code) ?? 0, allTotal),
    }));
}

const meanings = new WeakMap<Catalogue, Map<string, string>>();

/** The catalogue's meaning of a response, rejection or alert code, or that it is not published. */
export function codeMeaning(catalogue: Catalogue, code: string): string {
  let map = meanings.get(catalogue);
  if (!map) {
    map = new Map<string, string>();
    for (const c of catalogue.allResponseCodes()) if (c.description) map.set(c.code, c.description);
    for (const a of catalogue.allAlerts()) if (a.meaning) map.set(a.code, a.meaning);
    for (const reason of DUIS_REFUSAL_REASONS) {
      const r = catalogue.rejectionCode(reason);
      map.set(r.code, r.meaning);
    }
    meanings.set(catalogue, map);
  }
  return map.get(code) ?? 'meaning not published';
}

/** Computes one process's figures for the report's subject. */
export function processReport(
  ctx: ReportContext,
  index: ProcessIndex,
  metric: ProcessMetric,
): ProcessReport {
  const k = key(metric.id, ctx.subject.role);
  const stats = index.stats.get(k) ?? [];
  const own = stats.find((r) => text(r, 'party_id') === ctx.subject.partyId);
  const industryRow = stats.find((r) => r['party_id'] === null);
  const values = new Map<string, Ratio>(
    stats
      .filter((r) => r['party_id'] !== null)
      .map((r) => [text(r, 'party_id'), { num: num(r, 'successes'), den: num(r, 'requests') }]),
  );
  const successRate = compare({
    recipient: ctx.subject.partyId,
    values,
    labels: ctx.labels,
    anonymity: ctx.defs.anonymity,
  });
  const failureRows = (index.failures.get(k) ?? []).filter(
    (r) => text(r, 'party_id') === ctx.subject.partyId,
  );
  return {
    metric,
    volume: own ? num(own, 'requests') : 0,
    failures: own ? num(own, 'requests') - num(own, 'successes') : 0,
    successRate,
    rtt: {
      you: timeStats(own),
      industry: successRate.industry === null ? null : timeStats(industryRow),
    },
    days: dailyFigures(ctx, index.days.get(k)),
    splits: splitFigures(ctx, index.splits.get(k)),
    codes: codeFigures(ctx, index.failures.get(k) ?? []),
    failureRows,
    derived: ctx.defs.metrics
      .filter((m): m is DerivedMetric => m.kind === 'derived' && m.process === metric.id)
      .map((m) => computeDerived(ctx, m)),
  };
}
