// The computed content of one report: figures per metric for one SEC Party in one User Role.
import type { AnalyticsRow } from '../store/analytics-port.ts';
import type { Incident } from './incidents.ts';
import type { ReportMonth } from './month.ts';
import type { Comparison } from './peers.ts';
import type { AlertMetric, DerivedMetric, ProcessMetric, ReportingRole } from './schema.ts';

/** Who a report is for: a SEC Party acting in one reporting role, with its User IDs there. */
export interface Subject {
  readonly partyId: string;
  readonly partyName: string;
  readonly role: ReportingRole;
  readonly userIds: readonly string[];
}

/** Round-trip (or delivery) times in milliseconds. */
export interface TimeStats {
  readonly best: number | null;
  readonly worst: number | null;
  readonly mean: number | null;
  readonly median: number | null;
}

/** Volume, failure rate and mean time: the recipient's and the whole role's. */
export interface Figures {
  readonly volume: number;
  readonly failureRate: number | null;
  readonly meanMs: number | null;
  readonly industryVolume: number;
  readonly industryFailureRate: number | null;
  readonly industryMeanMs: number | null;
}

/** One day of a process or of alerts. */
export interface DayFigures extends Figures {
  readonly day: string;
  /** IDs of Category 1 / 2 incidents that touched the day. */
  readonly incidents: readonly string[];
}

/** One value of a split (meter type, region, SMETS version) over the month, or one of its days. */
export interface SplitFigures extends Figures {
  readonly split: string;
  readonly value: string;
  readonly day: string | null;
}

/** Failures by response or alert code over the month. */
export interface CodeFigures {
  readonly code: string;
  readonly meaning: string;
  readonly failures: number;
  /** Share of the recipient's failures in the process. */
  readonly share: number;
  readonly industryShare: number | null;
}

/** A derived measure's result: headline figures, optional comparison, rows for its data file. */
export interface DerivedResult {
  readonly metric: DerivedMetric;
  readonly figures: readonly { readonly label: string; readonly value: string }[];
  readonly comparison: Comparison | null;
  /** What the comparison compares, e.g. "Share of installs with no read (%)". */
  readonly comparisonLabel: string | null;
  /** Daily series for a chart (series name → value), when the measure is daily. */
  readonly daily: readonly {
    readonly day: string;
    readonly series: string;
    readonly value: number | null;
  }[];
  readonly method: string;
  readonly columns: readonly { readonly name: string; readonly description: string }[];
  readonly rows: readonly (readonly (string | number | null)[])[];
}

/** One Table 1 business process. */
export interface ProcessReport {
  readonly metric: ProcessMetric;
  readonly volume: number;
  readonly failures: number;
  readonly successRate: Comparison;
  readonly rtt: { readonly you: TimeStats; readonly industry: TimeStats | null };
  readonly days: readonly DayFigures[];
  readonly splits: readonly SplitFigures[];
  readonly codes: readonly CodeFigures[];
  /** Every failure with its signifiers (the data file). */
  readonly failureRows: readonly AnalyticsRow[];
  readonly derived: readonly DerivedResult[];
}

/** Alerts of one code over the month. */
export interface AlertCodeFigures {
  readonly code: string;
  readonly meaning: string;
  readonly alerts: number;
  readonly failures: number;
  readonly delivery: TimeStats;
  readonly industryAlerts: number;
  readonly industryFailureRate: number | null;
  readonly industryMeanMs: number | null;
}

/** A network-operator alert measure (breakdown, follow-up, unrestored outages). */
export interface AlertMeasure {
  readonly metric: AlertMetric;
  readonly figures: readonly { readonly label: string; readonly value: string }[];
  readonly chart: readonly {
    readonly category: string;
    readonly series: string;
    readonly value: number;
  }[];
  readonly columns: readonly { readonly name: string; readonly description: string }[];
  readonly rows: readonly (readonly (string | number | null)[])[];
}

/** The alert section. */
export interface AlertReport {
  readonly total: number;
  readonly failureRate: Comparison;
  readonly days: readonly DayFigures[];
  readonly codes: readonly AlertCodeFigures[];
  readonly measures: readonly AlertMeasure[];
}

/** Devices of one model and the recipient's firmware shares against the industry and peers. */
export interface ModelFirmware {
  readonly model: string;
  readonly devices: number;
  readonly firmware: readonly {
    readonly version: string;
    readonly devices: number;
    readonly share: Comparison;
  }[];
}

/** The end-of-month inventory snapshot. */
export interface InventoryReport {
  readonly at: Date;
  readonly devices: number;
  /** Device type → model → firmware version → devices. */
  readonly byType: ReadonlyMap<string, ReadonlyMap<string, ReadonlyMap<string, number>>>;
  readonly models: readonly ModelFirmware[];
}

/** One whole report. */
export interface AnalyticsReport {
  readonly subject: Subject;
  readonly month: ReportMonth;
  readonly definitionsVersion: string;
  readonly anonymity: {
    readonly minimumPeers: number;
    readonly minimumGroup: number;
    readonly rule: string;
  };
  readonly contextRules: readonly string[];
  readonly incidents: readonly Incident[];
  readonly inventory: InventoryReport;
  readonly processes: readonly ProcessReport[];
  readonly alerts: AlertReport | null;
}
