// The SSI read pages: dashboard, audit-trail search, device history, record, CSV export.
import type { FastifyInstance } from 'fastify';
import { historyAs, recordAs, searchAs, titleRow, type AuditViewDeps } from '../api/audit-views.ts';
import { exportCsv, exportFileName } from '../api/export.ts';
import { parseSearch, searchInput, SEARCH_PAGE } from '../api/search-query.ts';
import { countByOutcome, dashboardBody } from './dashboard-view.ts';
import { deviceBody } from './device-view.ts';
import { html } from './html.ts';
import { page, problemList } from './layout.ts';
import { recordBody } from './record-view.ts';
import { guard, sendNotFound, sendPage, sendSigned } from './respond.ts';
import { searchBody, searchForm } from './search-view.ts';

/** What the read pages need. */
export interface ReadPagesOptions {
  readonly deps: AuditViewDeps;
}

const DASHBOARD_DAYS = 30;

/** Registers the read pages under /ssi. */
export function registerReadPages(app: FastifyInstance, options: ReadPagesOptions): void {
  const { deps } = options;
  app.get('/ssi', async (request, reply) => {
    const context = await guard(request, reply, { deps, action: 'search' });
    if (context === null) return reply;
    const from = new Date(deps.now().getTime() - DASHBOARD_DAYS * 86_400_000);
    const found = await searchAs(context.asker, {
      filter: { from },
      limit: 50,
      after: undefined,
      problems: [],
    });
    const rows = found.items.map(titleRow);
    const body = dashboardBody({ rows, counts: countByOutcome(rows), days: DASHBOARD_DAYS });
    return sendSigned(reply, context, { title: 'Dashboard', html: body });
  });

  app.get('/ssi/search', async (request, reply) => {
    const context = await guard(request, reply, { deps, action: 'search' });
    if (context === null) return reply;
    const input = searchInput(request.query);
    const query = parseSearch(input, deps.now());
    const asked = Object.keys(input).length > 0;
    const ok = asked && query.problems.length === 0;
    const found = ok ? await searchAs(context.asker, query) : { items: [], next: null };
    const body = searchBody({
      input,
      problems: query.problems,
      rows: ok ? found.items.map(titleRow) : null,
      next: found.next,
    });
    const status = query.problems.length > 0 ? 400 : 200;
    return sendPage(
      reply,
      page({ title: 'Search the audit trail', signedIn: context.frame }, body),
      status,
    );
  });

  app.get('/ssi/search/export.csv', async (request, reply) => {
    const context = await guard(request, reply, { deps, action: 'export-csv' });
    if (context === null) return reply;
    const query = parseSearch(searchInput(request.query), deps.now());
    const problem = (title: string, lines: readonly string[], status: number) =>
      sendPage(
        reply,
        page(
          { title, signedIn: context.frame },
          html`<div class="error" role="alert">${lines.map((l) => html`<p>${l}</p>`)}</div>`,
        ),
        status,
      );
    if (query.problems.length > 0) return problem('Export not possible', query.problems, 400);
    const result = await exportCsv(context.asker, query);
    if (!result.ok) return problem('Export too large', [result.message], 413);
    return reply
      .type('text/csv; charset=utf-8; header=present')
      .header('content-disposition', `attachment; filename="${exportFileName(deps.now())}"`)
      .header('cache-control', 'no-store')
      .send(result.csv);
  });

  app.get<{ Params: { id: string } }>('/ssi/devices/:id', async (request, reply) => {
    const context = await guard(request, reply, { deps, action: 'view-device-history' });
    if (context === null) return reply;
    const input = { ...searchInput(request.query), deviceId: request.params.id };
    const query = parseSearch(input, deps.now());
    const id = query.filter.deviceId;
    if (id === undefined || query.problems.length > 0) {
      const body = html`${problemList(query.problems)}${searchForm({ deviceId: request.params.id })}`;
      return sendPage(reply, page({ title: 'Device history', signedIn: context.frame }, body), 400);
    }
    const found = await historyAs(context.asker, id, {
      limit: SEARCH_PAGE.default,
      after: query.after,
    });
    // An unknown device and a device with nothing visible both show an empty history.
    const body = deviceBody({ deviceId: id, rows: found.items.map(titleRow), next: found.next });
    return sendSigned(reply, context, { title: `Device ${id}`, html: body });
  });

  app.get<{ Params: { key: string } }>('/ssi/records/:key', async (request, reply) => {
    const context = await guard(request, reply, { deps, action: 'view-record' });
    if (context === null) return reply;
    const record = await recordAs(context.asker, request.params.key);
    if (record === null) return sendNotFound(reply, context.frame);
    return sendSigned(reply, context, {
      title: `${record.kind} ${record.srv ?? record.code ?? ''}`.trim(),
      html: recordBody(record),
    });
  });
}
