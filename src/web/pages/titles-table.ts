// The table of audit-trail titles shared by the dashboard, search and device history pages.
import { ROLE_NAMES } from '../../core/roles.ts';
import type { AuditTitle } from '../../audit/records.ts';
import { recordKey } from '../api/record-json.ts';
import { html, type SafeHtml } from './html.ts';

/** A row as the pages show it: the title, and whether the detail may be opened. */
export interface TitleRow {
  readonly title: AuditTitle;
  /** True when the viewer may see the record's detail (one of its own records). */
  readonly own: boolean;
}

/** A time as the pages write it: UTC, to the second. */
export function showTime(at: Date): string {
  return `${at.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

/** The table, or an empty-state sentence when there are no rows. */
export function titlesTable(rows: readonly TitleRow[], caption: string): SafeHtml {
  if (rows.length === 0) return html`<p class="notice">No records found.</p>`;
  return html`<table>
    <caption class="muted">
      ${caption}
    </caption>
    <thead>
      <tr>
        <th scope="col">Time</th>
        <th scope="col">Kind</th>
        <th scope="col">SRV</th>
        <th scope="col">Device</th>
        <th scope="col">Request ID</th>
        <th scope="col">Code</th>
        <th scope="col">Outcome</th>
        <th scope="col">Sent by (role)</th>
      </tr>
    </thead>
    <tbody>
      ${rows.map(({ title: t, own }) => {
        const time = showTime(t.at);
        return html`<tr>
          <td>${own ? html`<a href="/ssi/records/${recordKey(t)}">${time}</a>` : time}</td>
          <td>${t.kind}</td>
          <td>
            ${t.srv ?? '–'} ${t.srvName ? html`<span class="muted">${t.srvName}</span>` : null}
          </td>
          <td>
            ${t.deviceId ? html`<a href="/ssi/devices/${t.deviceId}">${t.deviceId}</a>` : '–'}
          </td>
          <td>${t.requestId ?? '–'}</td>
          <td>${t.code ?? '–'}</td>
          <td>${t.outcome}</td>
          <td>${t.originatorRole ? ROLE_NAMES[t.originatorRole] : '–'}</td>
        </tr>`;
      })}
    </tbody>
  </table>`;
}
