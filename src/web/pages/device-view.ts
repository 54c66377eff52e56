// The device history page (MP141): titles of every record about a device the organisation may see.
import { html, queryString, type SafeHtml } from './html.ts';
import { titlesTable, type TitleRow } from './titles-table.ts';

/** What the device history page shows. */
export interface DeviceView {
  readonly deviceId: string;
  readonly rows: readonly TitleRow[];
  readonly next: string | null;
}

/** The body of the device history page. */
export function deviceBody(view: DeviceView): SafeHtml {
  return html`<p>
      Every record about device <strong>${view.deviceId}</strong> that your organisation may see:
      your own records, and under MP141 the titles of other Users' records while you are (or were)
      the device's Responsible Supplier or Network Operator. Other Users are shown by role only.
    </p>
    ${titlesTable(view.rows, `History of ${view.deviceId}, newest first`)}
    <p>
      ${
        view.next
          ? html`<a
                rel="next"
                href="/ssi/devices/${view.deviceId}${queryString({ after: view.next })}"
                >Next page</a
              >
              · `
          : null
      }
      <a href="/ssi/search/export.csv${queryString({ deviceId: view.deviceId })}"
        >Download as CSV</a
      >
    </p>`;
}
