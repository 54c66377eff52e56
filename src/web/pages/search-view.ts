// The audit-trail search page: the form, problems, a page of titles, next-page and CSV links.
import { AUDIT_OUTCOMES } from '../../audit/records.ts';
import type { SearchInput } from '../api/search-query.ts';
import { html, queryString, type SafeHtml } from './html.ts';
import { problemList } from './layout.ts';
import { titlesTable, type TitleRow } from './titles-table.ts';

/** What the search page shows. */
export interface SearchView {
  readonly input: SearchInput;
  readonly problems: readonly string[];
  /** Null before the first search (an empty form). */
  readonly rows: readonly TitleRow[] | null;
  readonly next: string | null;
}

function field(
  input: SearchInput,
  name: keyof SearchInput,
  text: { readonly label: string; readonly hint?: string },
): SafeHtml {
  const { label, hint } = text;
  const type = name === 'from' || name === 'to' ? 'date' : 'text';
  return html`<div>
    <label for="f-${name}">${label}</label>
    ${hint ? html`<span class="muted" id="h-${name}">${hint}</span>` : null}
    <input
      id="f-${name}"
      name="${name}"
      type="${type}"
      value="${input[name] ?? ''}"
      ${hint ? html`aria-describedby="h-${name}"` : null}
    />
  </div>`;
}

function outcomeField(input: SearchInput): SafeHtml {
  return html`<div>
    <label for="f-outcome">Outcome</label>
    <select id="f-outcome" name="outcome">
      <option value="">Any</option>
      ${AUDIT_OUTCOMES.map(
        (o) =>
          html`<option value="${o}" ${input.outcome === o ? html`selected` : null}>${o}</option>`,
      )}
    </select>
  </div>`;
}

/** The search form, shared by the search page and the dashboard. */
export function searchForm(input: SearchInput): SafeHtml {
  return html`<form class="search" method="get" action="/ssi/search" role="search">
    ${field(input, 'deviceId', { label: 'Device ID', hint: 'e.g. 00-DB-12-34-56-78-90-A0' })}
    ${field(input, 'mpxn', { label: 'MPAN or MPRN' })}
    ${field(input, 'requestId', { label: 'Request ID' })}
    ${field(input, 'srv', { label: 'SRV', hint: 'e.g. 8.8.1' })}
    ${field(input, 'from', { label: 'From (date)' })}
    ${field(input, 'to', { label: 'To (date, inclusive)' })} ${outcomeField(input)}
    <div class="actions"><button type="submit">Search</button></div>
  </form>`;
}

/** The body of the search page. */
export function searchBody(view: SearchView): SafeHtml {
  const { input, rows, next } = view;
  const criteria = { ...input, after: undefined, limit: undefined };
  const results =
    rows === null
      ? html`<p class="muted">
          Give at least one field and search. Without a device, MPxN or request ID the search covers
          your organisation's own records.
        </p>`
      : html`${titlesTable(rows, 'Audit-trail records, newest first')}
          <p>
            ${next ? html`<a rel="next" href="/ssi/search${queryString({ ...input, after: next })}">Next page</a> · ` : null}
            <a href="/ssi/search/export.csv${queryString(criteria)}"
              >Download these results as CSV</a
            >
          </p>`;
  return html`${problemList(view.problems)}${searchForm(input)}
    <section aria-labelledby="results">
      <h2 id="results">Results</h2>
      ${results}
    </section>`;
}
