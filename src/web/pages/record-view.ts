// The record page (one of the organisation's own records, in full) and the shared "not found" body.
import { ROLE_NAMES } from '../../core/roles.ts';
import type { VisibleRecord } from '../../audit/visibility/redact.ts';
import { html, type SafeHtml } from './html.ts';
import { showTime } from './titles-table.ts';

/** The body of the record page. */
export function recordBody(record: VisibleRecord): SafeHtml {
  const rows: [string, string | null][] = [
    ['Kind', record.kind],
    ['Time', showTime(record.at)],
    ['Request ID', record.requestId],
    ['Device', record.deviceId],
    ['MPxN', record.mpxn],
    ['SRV', record.srv === null ? null : `${record.srv} ${record.srvName ?? ''}`.trim()],
    ['Code', record.code],
    ['Outcome', record.outcome],
    ['Sent by (role)', record.originatorRole ? ROLE_NAMES[record.originatorRole] : null],
    ['Originator', record.originatorId],
    ['Recipient', record.recipientId],
    ['Round trip', record.roundTripMs === null ? null : `${record.roundTripMs} ms`],
  ];
  return html`<dl>
      ${rows.map(
        ([k, v]) =>
          html`<dt><strong>${k}</strong></dt>
            <dd>${v ?? '–'}</dd>`,
      )}
    </dl>
    <h2>Metadata</h2>
    <pre>${JSON.stringify(record.metadata, null, 2)}</pre>
    <h2>Message${record.format ? ` (${record.format.toUpperCase()})` : ''}</h2>
    ${record.payload === null ? html`<p class="muted">No message text.</p>` : html`<pre>${record.payload}</pre>`}
    ${record.deviceId ? html`<p><a href="/ssi/devices/${record.deviceId}">History of this device</a></p>` : null}`;
}

/**
 * The one "not found" body: the same for a record or device that does not exist and for one
 * the person may not see, so a page never tells the two apart.
 */
export function notFoundBody(): SafeHtml {
  return html`<p>We could not find that page or record, or you do not have access to it.</p>
    <p><a href="/ssi/search">Search the audit trail</a></p>`;
}
