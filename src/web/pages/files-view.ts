// The downloads page and the SRO/ARO Anomaly Detection Threshold page.
import { html, type SafeHtml } from './html.ts';
import { problemList } from './layout.ts';
import type { ReportFile } from './downloads.ts';
import { THRESHOLD_COLUMNS, THRESHOLD_PERIODS, type ThresholdSubmission } from './thresholds.ts';
import { showTime } from './titles-table.ts';

/** The body of the downloads page. */
export function downloadsBody(files: readonly ReportFile[]): SafeHtml {
  if (files.length === 0) {
    return html`<p class="notice">
      No reports yet. Monthly Customer Analytics reports (MP176) appear here once
      <code>opendsp report analytics</code> has produced them for your organisation.
    </p>`;
  }
  return html`<table>
    <caption class="muted">
      Report files for your organisation, newest first
    </caption>
    <thead>
      <tr>
        <th scope="col">File</th>
        <th scope="col">Size</th>
        <th scope="col">Produced</th>
      </tr>
    </thead>
    <tbody>
      ${files.map(
        (f) =>
          html`<tr>
            <td><a href="/ssi/downloads/${encodeURIComponent(f.name)}" download>${f.name}</a></td>
            <td>${f.bytes.toLocaleString('en-GB')} bytes</td>
            <td>${showTime(f.modified)}</td>
          </tr>`,
      )}
    </tbody>
  </table>`;
}

/** What the thresholds page shows. */
export interface ThresholdsView {
  readonly csrfToken: string;
  readonly problems: readonly string[];
  readonly accepted: ThresholdSubmission | null;
  readonly history: readonly ThresholdSubmission[];
}

/** The body of the Anomaly Detection Threshold page (SRO and ARO only, DP108). */
export function thresholdsBody(view: ThresholdsView): SafeHtml {
  const accepted = view.accepted
    ? html`<div class="notice" role="status">
        File ${view.accepted.fileName} accepted: ${view.accepted.thresholds.length} thresholds.
      </div>`
    : null;
  return html`${problemList(view.problems)}${accepted}
    <p>
      Submit your organisation's Anomaly Detection Threshold file (SEC Appendix AA; DP109 moves it
      from email to the SSI). A CSV file with the header
      <code>${THRESHOLD_COLUMNS.join(',')}</code>; period is ${THRESHOLD_PERIODS.join(' or ')};
      threshold is a whole number of Service Requests.
    </p>
    <form method="post" action="/ssi/thresholds" enctype="multipart/form-data">
      <input type="hidden" name="csrf" value="${view.csrfToken}" />
      <label for="f-file">Threshold file (CSV)</label>
      <input id="f-file" name="file" type="file" accept=".csv,text/csv" required />
      <p><button type="submit">Submit thresholds</button></p>
    </form>
    <h2>Submitted files</h2>
    ${
      view.history.length === 0
        ? html`<p class="muted">None yet.</p>`
        : html`<table>
            <thead>
              <tr>
                <th scope="col">Submitted</th>
                <th scope="col">By</th>
                <th scope="col">File</th>
                <th scope="col">Thresholds</th>
              </tr>
            </thead>
            <tbody>
              ${view.history.map(
                (s) =>
                  html`<tr>
                    <td>${showTime(new Date(s.submittedAt))}</td>
                    <td>${s.submittedBy.name}</td>
                    <td>${s.fileName}</td>
                    <td>${s.thresholds.length}</td>
                  </tr>`,
              )}
            </tbody>
          </table>`
    }`;
}
