// The Self Service Interface: sign-in (auth plugin), pages under /ssi, the JSON API under /api/v1.
import type { FastifyInstance } from 'fastify';
import type { RulesInForce } from '../../rules/rules.ts';
import type { Store } from '../../store/port.ts';
import { registerOpenApi } from '../api/openapi.ts';
import { registerApiRoutes } from '../api/routes.ts';
import { ssiAuthPlugin, type SsiAuthOptions } from '../ssi/auth-plugin.ts';
import { registerFilePages } from './file-routes.ts';
import { renderLogin } from './login-view.ts';
import { registerReadPages } from './read-routes.ts';
import { STYLESHEET, STYLESHEET_PATH } from './style.ts';

/** Options for {@link registerSsi}. */
export interface SsiOptions {
  readonly store: Store;
  readonly rules: RulesInForce;
  /** Reports are listed from `<dataDir>/reports/<partyId>/`; threshold files kept under it. */
  readonly dataDir: string;
  /** H8.16(b) retention in months (default 3, never fewer). */
  readonly retentionMonths?: number;
  /** Most rows one CSV export may hold (default 10,000). */
  readonly exportLimit?: number;
  /** Passed to the auth plugin (clock, cookie settings, lock-out policy…). */
  readonly auth?: Omit<SsiAuthOptions, 'store' | 'renderLoginPage'>;
}

/**
 * Registers the SSI on the server: the OpenAPI document and /docs at the root, then one
 * scope (no prefix, so pages and API share sign-in) with the auth plugin, pages and API.
 */
export async function registerSsi(app: FastifyInstance, options: SsiOptions): Promise<void> {
  await registerOpenApi(app);
  const clock = options.auth?.clock;
  const deps = {
    store: options.store,
    rules: options.rules,
    retentionMonths: options.retentionMonths,
    exportLimit: options.exportLimit,
    now: () => (clock ? clock.now() : new Date()),
  };
  await app.register(async (scope) => {
    await scope.register(ssiAuthPlugin, {
      ...options.auth,
      store: options.store,
      renderLoginPage: renderLogin,
    });
    scope.get(STYLESHEET_PATH, (_request, reply) =>
      reply
        .type('text/css; charset=utf-8')
        .header('cache-control', 'max-age=3600')
        .send(STYLESHEET),
    );
    scope.get('/', (_request, reply) => reply.redirect('/ssi', 303));
    registerReadPages(scope, { deps });
    await scope.register(async (files) =>
      registerFilePages(files, { deps, dataDir: options.dataDir }),
    );
    registerApiRoutes(scope, { deps });
  });
}
