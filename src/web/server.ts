// The HTTP face of the DSP: the DUIS endpoint, message pull, and DCC administration routes.
import Fastify, { type FastifyInstance } from 'fastify';
import { OpendspError } from '../core/errors.ts';
import type { DspRuntime } from '../dsp/runtime.ts';
import type { Store } from '../store/port.ts';
import { adminRoutes } from './admin-routes.ts';
import { registerDuisRoutes } from './duis-routes.ts';
import { registerPullRoutes } from './pull-routes.ts';
import { registerRegisterPages } from './register/routes.ts';
import { registerSsi, type SsiOptions } from './pages/index.ts';

/** Options for {@link createServer}. */
export interface ServerOptions {
  readonly dsp: DspRuntime;
  readonly store: Store;
  /** Bearer token for the /admin routes (the DCC's own operations). */
  readonly adminToken: string;
  /** Largest HTTP body accepted (default 1 MiB; DUIS messages above 256 KiB get a DUIS refusal). */
  readonly bodyLimit?: number;
  readonly logger?: boolean;
  /** The Self Service Interface (pages, JSON API, /docs); left out when absent. */
  readonly ssi?: Omit<SsiOptions, 'store' | 'rules'>;
}

/** Builds the Fastify server (not yet listening). */
export function createServer(options: ServerOptions): FastifyInstance {
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: options.bodyLimit ?? 1_048_576,
  });
  // DUIS bodies are kept as text: signatures cover the exact bytes and the audit trail keeps them.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(
    ['application/xml', 'text/xml', 'application/json'],
    { parseAs: 'string' },
    (_request, body, done) => {
      done(null, body);
    },
  );
  app.setErrorHandler((error, _request, reply) => {
    if (error instanceof OpendspError) {
      return reply.status(error.status).send({ code: error.code, message: error.message });
    }
    const status =
      typeof (error as { statusCode?: unknown }).statusCode === 'number'
        ? (error as { statusCode: number }).statusCode
        : 500;
    const message = error instanceof Error ? error.message : String(error);
    return reply.status(status).send({
      code: status === 413 ? 'TOO_LARGE' : status >= 500 ? 'INTERNAL' : 'BAD_REQUEST',
      message,
    });
  });
  app.get('/health', () => ({ status: 'ok', devices: options.dsp.devices }));
  registerDuisRoutes(app, options.dsp);
  registerPullRoutes(app, { dsp: options.dsp, store: options.store });
  void app.register(adminRoutes, { dsp: options.dsp, token: options.adminToken });
  if (options.ssi) {
    void app.register(registerSsi, {
      ...options.ssi,
      store: options.store,
      rules: options.dsp.rules,
    });
    registerRegisterPages(app, { dataDir: options.ssi.dataDir });
  }
  return app;
}
