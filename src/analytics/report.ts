// Assembles each report of a month from the shared facts: inventory, processes, alerts.
import type { Catalogue } from '../catalogue/index.ts';
import type { DccUser } from '../inventory/types.ts';
import { alertReport } from './alert-report.ts';
import type { Definitions } from './definitions.ts';
import type { MonthFacts } from './facts.ts';
import type { Incident } from './incidents.ts';
import { countEstates, inventoryReport } from './inventory-report.ts';
import type { ReportMonth } from './month.ts';
import { createPeerLabels } from './peers.ts';
import { indexProcesses, processReport, type ReportContext } from './process-report.ts';
import type { AnalyticsReport, Subject } from './report-model.ts';
import { groupBy } from './rows.ts';
import { REPORTING_ROLES, type ProcessMetric, type ReportingRole } from './schema.ts';

/** Every SEC Party in a reporting role, with its User IDs there, ordered by party and role. */
export function reportSubjects(users: readonly DccUser[]): Subject[] {
  const groups = groupBy(
    users.filter((u) => (REPORTING_ROLES as readonly string[]).includes(u.role)),
    (u) => `${u.partyId}|${u.role}`,
  );
  return [...groups.values()]
    .map((us) => ({
      partyId: us[0]?.partyId ?? '',
      partyName: us[0]?.partyName ?? '',
      role: us[0]?.role as ReportingRole,
      userIds: us.map((u) => u.userId).sort(),
    }))
    .sort((a, b) => a.partyId.localeCompare(b.partyId) || a.role.localeCompare(b.role));
}

/** What building the month's reports needs. */
export interface BuildOptions {
  readonly month: ReportMonth;
  readonly defs: Definitions;
  readonly facts: MonthFacts;
  readonly catalogue: Catalogue;
  readonly incidents: readonly Incident[];
  readonly users: readonly DccUser[];
}

/** Builds reports one subject at a time, sharing the month's indexes. */
export function createReportBuilder(options: BuildOptions): (subject: Subject) => AnalyticsReport {
  const { month, defs, facts, catalogue, users } = options;
  const index = indexProcesses(facts);
  const estates = countEstates(facts.estateCounts);
  const partyNames = new Map(users.map((u) => [u.partyId, u.partyName]));
  const incidents = options.incidents.filter((i) => i.to > month.from && i.from < month.to);
  return (subject) => {
    const ctx: ReportContext = {
      subject,
      month,
      defs,
      facts,
      catalogue,
      incidents,
      partyNames,
      labels: createPeerLabels(
        { month: month.id, recipient: subject.partyId, role: subject.role },
        users.filter((u) => u.role === subject.role).map((u) => u.partyId),
      ),
    };
    const processes = defs.metrics.filter(
      (m): m is ProcessMetric => m.kind === 'process' && m.roles.includes(subject.role),
    );
    return {
      subject,
      month,
      definitionsVersion: defs.version,
      anonymity: defs.anonymity,
      contextRules: [defs.contexts.install.description, defs.contexts['cos-gain'].description],
      incidents,
      inventory: inventoryReport(ctx, estates),
      processes: processes.map((p) => processReport(ctx, index, p)),
      alerts: alertReport(ctx),
    };
  };
}
