// The HTTP face of the DSP: the DUIS endpoint, message pull, and DCC administration routes.
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { ERROR_CODES, InvalidValueError, OpendspError, type ErrorCode } from '../core/errors.ts';
import type { DspRuntime } from '../dsp/runtime.ts';
import type { Store } from '../store/port.ts';
import { adminRoutes } from './admin-routes.ts';
import { DUIS_URLS, registerDuisRoutes } from './duis-routes.ts';
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
  /** Time limits of connections and requests (each defaults to {@link DEFAULT_HTTP_TIMEOUTS}). */
  readonly timeouts?: Partial<HttpTimeouts>;
  readonly logger?: boolean;
  /** The Self Service Interface (pages, JSON API, /docs); left out when absent. */
  readonly ssi?: Omit<SsiOptions, 'store' | 'rules'>;
}

/** Time limits of the HTTP server, in milliseconds. */
export interface HttpTimeouts {
  /** From a request's first byte to the end of its headers (Node `headersTimeout`): slow-loris on headers. */
  readonly headersMs: number;
  /** From a request's first byte to the end of its body (`requestTimeout`): slow bodies. */
  readonly requestMs: number;
  /** A connection with no traffic either way is closed (Fastify `connectionTimeout`). */
  readonly idleMs: number;
  /** An idle keep-alive connection between requests is closed (`keepAliveTimeout`). */
  readonly keepAliveMs: number;
  /** Requests one connection may carry; 0 for no limit (`maxRequestsPerSocket`). */
  readonly maxRequestsPerSocket: number;
}

/**
 * The defaults: a whole request (1 MiB at most) arrives in 30 s, its headers in 10 s; an idle
 * connection lasts 60 s, an idle keep-alive one 5 s. Requests per connection are not limited:
 * DUIS Users pipeline many requests on one connection (the benchmark holds one per User), and
 * the timeouts above already bound what one connection can hold.
 */
export const DEFAULT_HTTP_TIMEOUTS: HttpTimeouts = {
  headersMs: 10_000,
  requestMs: 30_000,
  idleMs: 60_000,
  keepAliveMs: 5_000,
  maxRequestsPerSocket: 0,
};

/** The timeouts with defaults filled in, checked (Node needs headers within the request's time). */
function timeoutsOf(given: Partial<HttpTimeouts> | undefined): HttpTimeouts {
  const timeouts = { ...DEFAULT_HTTP_TIMEOUTS, ...given };
  for (const [name, value] of Object.entries(timeouts)) {
    const least = name === 'maxRequestsPerSocket' ? 0 : 1;
    if (!Number.isSafeInteger(value) || value < least) {
      throw new InvalidValueError(`timeouts.${name}`, value, `expected a whole number >= ${least}`);
    }
  }
  if (timeouts.headersMs > timeouts.requestMs) {
    throw new InvalidValueError('timeouts.headersMs', timeouts.headersMs, 'it exceeds requestMs');
  }
  return timeouts;
}

/** The Content-Security-Policy of everything but /docs: the SSI pages load one stylesheet and nothing else. */
const CSP = [
  "default-src 'none'",
  "style-src 'self'",
  "img-src 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
].join('; ');

/** Where the API browser lives; @fastify/swagger-ui gives its pages their own CSP (hashes of its inline code). */
const DOCS = /^\/docs(\/|$|\?)/;

/** Security headers on every response (one hook for the whole server). */
function securityHeaders(request: FastifyRequest, reply: FastifyReply): void {
  reply.header('x-content-type-options', 'nosniff');
  reply.header('x-frame-options', 'DENY');
  reply.header('referrer-policy', 'no-referrer');
  if (!DOCS.test(request.url)) reply.header('content-security-policy', CSP);
}

/** A refusal as `{ code, message }` written straight to a socket the HTTP parser gave up on. */
function clientError(error: Error & { code?: string }, socket: Socket): void {
  // A reset connection has nobody to answer.
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const [code, message]: [ErrorCode, string] =
    error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
      ? ['REQUEST_TIMEOUT', 'the request did not arrive in full within the time allowed']
      : error.code === 'HPE_HEADER_OVERFLOW'
        ? ['HEADERS_TOO_LARGE', 'the request headers are over the size limit']
        : ['BAD_REQUEST', 'the request could not be read as HTTP'];
  const { status } = ERROR_CODES[code];
  const body = JSON.stringify({ code, message });
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\nConnection: close\r\n` +
        `Content-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    );
  }
  socket.destroy();
}

/** The DUIS format a request declares (as the DUIS routes read it). */
function duisFormat(request: FastifyRequest): 'json' | 'xml' {
  const type = (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  return type === 'application/json' ? 'json' : 'xml';
}

/** Builds the Fastify server (not yet listening). */
export function createServer(options: ServerOptions): FastifyInstance {
  const timeouts = timeoutsOf(options.timeouts);
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: options.bodyLimit ?? 1_048_576,
    connectionTimeout: timeouts.idleMs,
    requestTimeout: timeouts.requestMs,
    keepAliveTimeout: timeouts.keepAliveMs,
    maxRequestsPerSocket: timeouts.maxRequestsPerSocket,
    http: {
      headersTimeout: timeouts.headersMs,
      requestTimeout: timeouts.requestMs,
      // Node checks those two only this often (30 s by default), so check in step with them.
      connectionsCheckingInterval: Math.max(
        10,
        Math.min(1_000, Math.floor(timeouts.headersMs / 4)),
      ),
    },
    clientErrorHandler: clientError,
  });
  app.addHook('onSend', async (request, reply, payload) => {
    securityHeaders(request, reply);
    return payload;
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
  app.setErrorHandler(async (error, request, reply) => {
    if (
      (error as { code?: unknown }).code === 'FST_ERR_CTP_BODY_TOO_LARGE' &&
      DUIS_URLS.has(request.routeOptions.url ?? '')
    ) {
      // Refused before it was read, but a DUIS message all the same: the trail records it.
      const length = Number(request.headers['content-length']);
      const answer = await options.dsp.service.refuseOversized({
        format: duisFormat(request),
        head: '',
        ...(Number.isSafeInteger(length) && length > 0 ? { bytes: length } : {}),
      });
      return reply.status(answer.status).type(answer.contentType).send(answer.body);
    }
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
