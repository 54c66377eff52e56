// The dashboard: the organisation's recent records and their counts by outcome.
import { AUDIT_OUTCOMES, type AuditOutcome } from '../../audit/records.ts';
import { html, type SafeHtml } from './html.ts';
import { searchForm } from './search-view.ts';
import { titlesTable, type TitleRow } from './titles-table.ts';

/** What the dashboard shows. */
export interface DashboardView {
  readonly rows: readonly TitleRow[];
  /** Counts of the recent records by outcome. */
  readonly counts: Readonly<Record<AuditOutcome, number>>;
  readonly days: number;
}

/** Counts rows by outcome. */
export function countByOutcome(rows: readonly TitleRow[]): Record<AuditOutcome, number> {
  const counts: Record<AuditOutcome, number> = { success: 0, failure: 0, pending: 0 };
  for (const row of rows) counts[row.title.outcome] += 1;
  return counts;
}

/** The body of the dashboard. */
export function dashboardBody(view: DashboardView): SafeHtml {
  return html`<section aria-labelledby="counts">
      <h2 id="counts">Your last ${view.rows.length} records (past ${view.days} days) by outcome</h2>
      <ul class="counts">
        ${AUDIT_OUTCOMES.map((o) => html`<li><strong>${view.counts[o]}</strong>${o}</li>`)}
      </ul>
    </section>
    <section aria-labelledby="find">
      <h2 id="find">Search</h2>
      ${searchForm({})}
    </section>
    <section aria-labelledby="recent">
      <h2 id="recent">Recent records</h2>
      ${titlesTable(view.rows, 'Your most recent records, newest first')}
    </section>`;
}
