// The SSI's security plugin: sessions, sign-in and sign-out, CSRF checks, throttles, guards.
//
// Register it first in the scope that holds the SSI's pages and API (for example a plugin
// registered with prefix /ssi): like any fastify-plugin it adds its cookie handling, form
// parser, hooks and decorators to that scope, and to nothing outside it.
import fastifyCookie from '@fastify/cookie';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { randomBytes } from 'node:crypto';
import { systemClock, type Clock } from '../../core/clock.ts';
import type { SsiStore } from '../../store/ssi-port.ts';
import { SESSION_COOKIE } from './auth-types.ts';
import { createCsrfCheck } from './csrf.ts';
import { createGuards } from './guards.ts';
import { DEFAULT_LOGIN_POLICY, type LoginPolicy } from './login.ts';
import { createDecoyLocks, createIpThrottle, type IpThrottleOptions } from './login-limits.ts';
import { renderLoginPage, type LoginView } from './login-page.ts';
import { registerLoginRoutes } from './login-routes.ts';
import { createSecurityLog } from './security-log.ts';
import {
  createSessionManager,
  DEFAULT_SESSION_TIMEOUTS,
  type SessionTimeouts,
} from './sessions.ts';
import { createCookieSigner } from './tokens.ts';

/** Options for {@link ssiAuthPlugin}. */
export interface SsiAuthOptions {
  readonly store: SsiStore;
  /** Default: the machine's clock (tests give a fixed one). */
  readonly clock?: Clock;
  /**
   * Key (32+ characters) signing the sign-in form's CSRF cookie. Default: random per process,
   * so a sign-in form opened before a restart has to be reloaded (sessions are unaffected).
   */
  readonly cookieSecret?: string;
  /**
   * Mark cookies Secure (sent over HTTPS only). Default: on when the server has TLS or when
   * OPENDSP_COOKIE_SECURE is anything but 'false' (plain-HTTP loopback tests turn it off).
   */
  readonly secureCookies?: boolean;
  readonly policy?: Partial<LoginPolicy>;
  readonly timeouts?: Partial<SessionTimeouts>;
  /** Per-IP token bucket for sign-in attempts (default 20 at once, 10 a minute after). */
  readonly ipThrottle?: Omit<IpThrottleOptions, 'clock'>;
  /** Renders the sign-in page (default: a bare accessible form). */
  readonly renderLoginPage?: (view: LoginView) => string;
}

/** Body limit for sign-in and other SSI forms (file uploads need their own parser). */
const FORM_BODY_LIMIT = 64 * 1024;

/** Whether cookies are marked Secure, from the option, the server's TLS and the environment. */
export function cookiesSecure(app: FastifyInstance, option: boolean | undefined): boolean {
  if (option !== undefined) return option;
  const tls = (app.initialConfig as { https?: unknown }).https;
  return Boolean(tls) || process.env['OPENDSP_COOKIE_SECURE'] !== 'false';
}

async function ssiAuth(app: FastifyInstance, options: SsiAuthOptions): Promise<void> {
  const clock = options.clock ?? systemClock;
  const signer = createCookieSigner(options.cookieSecret ?? randomBytes(32).toString('hex'));
  const log = createSecurityLog(options.store, clock);
  const sessions = createSessionManager(options.store, clock, {
    ...DEFAULT_SESSION_TIMEOUTS,
    ...options.timeouts,
  });
  const prefix = app.prefix;
  const loginPath = `${prefix}/login`;
  const secure = cookiesSecure(app, options.secureCookies);

  if (!app.hasDecorator('parseCookie')) await app.register(fastifyCookie);
  if (!app.hasContentTypeParser('application/x-www-form-urlencoded')) {
    app.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string', bodyLimit: FORM_BODY_LIMIT },
      (_request, body, done) => {
        // fromEntries defines own properties, so a field named __proto__ is only a field.
        done(null, Object.fromEntries(new URLSearchParams(body as string)));
      },
    );
  }
  app.decorateRequest('person', null);
  app.decorate('ssiAuth', createGuards(loginPath, log));

  app.addHook('onRequest', async (request, reply) => {
    const id = request.cookies[SESSION_COOKIE];
    const active = await sessions.resolve(id);
    if (active === undefined) {
      // Forged, tampered, expired or ended: signed out, and the browser forgets the cookie.
      if (id !== undefined) reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return;
    }
    const { person, session } = active;
    request.person = {
      id: person.id,
      organisationId: person.organisationId,
      name: person.name,
      email: person.email,
      roles: person.roles,
      csrfToken: session.csrfSecret,
    };
  });
  app.addHook('preHandler', createCsrfCheck({ loginPath, signer, log }));

  registerLoginRoutes(app, {
    login: {
      store: options.store,
      clock,
      policy: { ...DEFAULT_LOGIN_POLICY, ...options.policy },
      throttle: createIpThrottle({ clock, ...options.ipThrottle }),
      decoys: createDecoyLocks(clock),
      log,
    },
    sessions,
    signer,
    secure,
    prefix,
    renderLoginPage: options.renderLoginPage ?? renderLoginPage,
  });
}

/**
 * The SSI auth plugin: sign-in at `<prefix>/login`, sign-out at `<prefix>/logout`,
 * `request.person`, CSRF checks on every state-changing request, and `app.ssiAuth` guards.
 */
export const ssiAuthPlugin = fp(ssiAuth, { name: 'opendsp-ssi-auth', fastify: '5.x' });
