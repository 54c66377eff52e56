// The SSI JSON API (/api/v1): search, device history, record, CSV export, through the same policy.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { can, type SsiAction } from '../../audit/visibility/index.ts';
import { parseEui64 } from '../../core/eui64.ts';
import { sessionOf } from '../pages/session.ts';
import { historyAs, recordAs, searchAs, type Asker, type AuditViewDeps } from './audit-views.ts';
import { EXPORT_LIMIT, exportCsv, exportFileName } from './export.ts';
import { itemJson, recordJson } from './record-json.ts';
import {
  errorResponses,
  errorSchema,
  pageQuerySchema,
  pageSchema,
  recordSchema,
  searchQuerySchema,
} from './schemas.ts';
import { parseSearch, searchInput } from './search-query.ts';

/** What the API needs. */
export interface ApiOptions {
  readonly deps: AuditViewDeps;
}

/** The asker behind a request, or null once refused (403, recorded) by the auth plugin. */
async function askerOf(
  request: FastifyRequest,
  reply: FastifyReply,
  options: ApiOptions & { readonly action: SsiAction },
): Promise<Asker | null> {
  const session = await sessionOf(request, options.deps.store);
  if (session === null) {
    // requirePerson('api') runs first; this only guards against a route without it.
    await reply.status(401).send({ code: 'UNAUTHENTICATED', message: 'Sign in first.' });
    return null;
  }
  if (!can(session.person, options.action)) {
    await request.server.ssiAuth.refuse(request, reply, options.action);
    return null;
  }
  return { deps: options.deps, users: session.users };
}

const tags = ['Service Audit Trail'];

/** Registers the API routes (each with its schema, for the OpenAPI document). */
export function registerApiRoutes(app: FastifyInstance, options: ApiOptions): void {
  const { deps } = options;
  const signedIn = app.ssiAuth.requirePerson('api');
  const asker = (request: FastifyRequest, reply: FastifyReply, action: SsiAction) =>
    askerOf(request, reply, { ...options, action });

  app.get(
    '/api/v1/audit/search',
    {
      preHandler: signedIn,
      schema: {
        tags,
        summary: 'Search the audit trail',
        description:
          'Without a device, MPxN or request ID the search covers your own records only.',
        querystring: searchQuerySchema,
        response: { 200: pageSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const who = await asker(request, reply, 'search');
      if (who === null) return reply;
      const query = parseSearch(searchInput(request.query), deps.now());
      if (query.problems.length > 0)
        return reply
          .status(400)
          .send({ code: 'INVALID_VALUE', message: query.problems.join('; ') });
      const page = await searchAs(who, query);
      return { records: page.items.map(itemJson), next: page.next };
    },
  );

  app.get<{ Params: { id: string } }>(
    '/api/v1/devices/:id/history',
    {
      preHandler: signedIn,
      schema: {
        tags,
        summary: "A device's history (MP141 titles)",
        description:
          'An unknown device and a device you may see nothing of both give an empty page.',
        params: {
          type: 'object',
          properties: { id: { type: 'string', description: 'Device ID (EUI-64)' } },
        },
        querystring: pageQuerySchema,
        response: { 200: pageSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const who = await asker(request, reply, 'view-device-history');
      if (who === null) return reply;
      const query = parseSearch(
        { ...searchInput(request.query), deviceId: request.params.id },
        deps.now(),
      );
      if (query.problems.length > 0)
        return reply
          .status(400)
          .send({ code: 'INVALID_VALUE', message: query.problems.join('; ') });
      const page = await historyAs(who, parseEui64(request.params.id), {
        limit: query.limit,
        after: query.after,
      });
      return { records: page.items.map(itemJson), next: page.next };
    },
  );

  app.get<{ Params: { key: string } }>(
    '/api/v1/records/:key',
    {
      preHandler: signedIn,
      schema: {
        tags,
        summary: 'One of your own records in full',
        description:
          'A record that does not exist and one you may not see in full give the same 404.',
        params: {
          type: 'object',
          properties: { key: { type: 'string', description: 'Record key from a search' } },
        },
        response: {
          200: recordSchema,
          ...errorResponses,
          404: { description: 'No such record, or not yours', ...errorSchema },
        },
      },
    },
    async (request, reply) => {
      const who = await asker(request, reply, 'view-record');
      if (who === null) return reply;
      const record = await recordAs(who, request.params.key);
      if (record === null)
        return reply
          .status(404)
          .send({ code: 'NOT_FOUND', message: `record ${request.params.key} was not found` });
      return recordJson(record);
    },
  );

  app.get(
    '/api/v1/audit/export.csv',
    {
      preHandler: signedIn,
      schema: {
        tags,
        summary: 'A search as CSV (RFC 4180)',
        description: `At most ${EXPORT_LIMIT} rows; more is refused with 413.`,
        querystring: searchQuerySchema,
        produces: ['text/csv'],
        response: {
          200: { description: 'CSV with a header row', type: 'string' },
          ...errorResponses,
          413: { description: 'The search matches too many records', ...errorSchema },
        },
      },
    },
    async (request, reply) => {
      const who = await asker(request, reply, 'export-csv');
      if (who === null) return reply;
      const query = parseSearch(searchInput(request.query), deps.now());
      if (query.problems.length > 0)
        return reply
          .status(400)
          .send({ code: 'INVALID_VALUE', message: query.problems.join('; ') });
      const result = await exportCsv(who, query);
      if (!result.ok) return reply.status(413).send({ code: 'TOO_LARGE', message: result.message });
      return reply
        .type('text/csv; charset=utf-8; header=present')
        .header('content-disposition', `attachment; filename="${exportFileName(deps.now())}"`)
        .send(result.csv);
    },
  );
}
