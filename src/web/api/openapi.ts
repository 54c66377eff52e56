// The OpenAPI document of the SSI API (generated from the route schemas) and its browser at /docs.
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { SESSION_COOKIE } from '../ssi/auth-types.ts';

/** Where the API browser is served. */
export const DOCS_PATH = '/docs';

/**
 * Registers the document generator (before the routes it describes) and the browser. Only
 * routes with tags are described: the DUIS endpoint has its own specification.
 */
export async function registerOpenApi(app: FastifyInstance): Promise<void> {
  await app.register(swagger, {
    hideUntagged: true,
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'opendsp Self Service Interface API',
        version: '1.0.0',
        description:
          'The Service Audit Trail as a DCC User sees it: its own records in full (SEC H8.16(b)) and, under MP141, the titles of records about devices it supplies or whose network it operates. Sign in at /login; the session cookie authenticates these calls (they only read, so need no CSRF token).',
      },
      components: {
        securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE } },
      },
      security: [{ session: [] }],
    },
  });
  await app.register(swaggerUi, { routePrefix: DOCS_PATH, staticCSP: true });
}
