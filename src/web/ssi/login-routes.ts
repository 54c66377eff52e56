// The sign-in form, sign-in and sign-out routes.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { LOGIN_CSRF_COOKIE, SESSION_COOKIE } from './auth-types.ts';
import { formField } from './csrf.ts';
import { attemptLogin, type LoginContext } from './login.ts';
import type { LoginView } from './login-page.ts';
import { sendRefusal, SSI_REFUSALS, wantsHtml, type SsiRefusal } from './responses.ts';
import { queryTexts } from '../query.ts';
import { safeNext } from './safe-next.ts';
import type { SessionManager } from './sessions.ts';
import { newToken, type CookieSigner } from './tokens.ts';

/** What the routes need from the plugin. */
export interface LoginRoutesOptions {
  readonly login: LoginContext;
  readonly sessions: SessionManager;
  readonly signer: CookieSigner;
  readonly secure: boolean;
  /** The scope's prefix, e.g. `/ssi` ('' at the root). */
  readonly prefix: string;
  readonly renderLoginPage: (view: LoginView) => string;
}

/** Registers GET and POST `/login` and POST `/logout` on the scope. */
export function registerLoginRoutes(app: FastifyInstance, options: LoginRoutesOptions): void {
  const { prefix, signer, sessions, login } = options;
  const cookie = { httpOnly: true, secure: options.secure, sameSite: 'strict', path: '/' } as const;
  const action = `${prefix}/login`;

  /** The pre-session CSRF token of the request's cookie, or a new one (set on the reply). */
  const loginToken = (request: FastifyRequest, reply: FastifyReply): string => {
    const signed = request.cookies[LOGIN_CSRF_COOKIE];
    const known = signed === undefined ? undefined : signer.unsign(signed);
    if (known !== undefined) return known;
    const token = newToken();
    reply.setCookie(LOGIN_CSRF_COOKIE, signer.sign(token), { ...cookie, maxAge: 3600 });
    return token;
  };

  /** Answers a refused sign-in: the form again for browsers, JSON otherwise. */
  const refuse = (
    request: FastifyRequest,
    reply: FastifyReply,
    refusal: { readonly code: SsiRefusal; readonly retryAfterS?: number },
  ) => {
    if (!wantsHtml(request)) return sendRefusal(request, reply, refusal);
    if (refusal.retryAfterS !== undefined) reply.header('retry-after', String(refusal.retryAfterS));
    const view: LoginView = {
      action,
      csrfToken: loginToken(request, reply),
      next: safeNext(formField(request.body, 'next'), prefix),
      error: SSI_REFUSALS[refusal.code].message,
      email: formField(request.body, 'email') ?? '',
    };
    return reply
      .status(SSI_REFUSALS[refusal.code].status)
      .header('cache-control', 'no-store')
      .type('text/html; charset=utf-8')
      .send(options.renderLoginPage(view));
  };

  app.get('/login', (request, reply) => {
    const next = safeNext(queryTexts(request.query, ['next']).next, prefix);
    const view: LoginView = { action, csrfToken: loginToken(request, reply), next };
    return reply
      .header('cache-control', 'no-store')
      .type('text/html; charset=utf-8')
      .send(options.renderLoginPage(view));
  });

  app.post('/login', async (request, reply) => {
    const email = formField(request.body, 'email')?.trim().toLowerCase() ?? '';
    const password = formField(request.body, 'password') ?? '';
    if (email === '' || password === '')
      return refuse(request, reply, { code: 'LOGIN_INCOMPLETE' });
    const outcome = await attemptLogin(login, { email, password, ip: request.ip });
    switch (outcome.kind) {
      case 'failed':
        return refuse(request, reply, { code: 'LOGIN_FAILED' });
      case 'locked':
        return refuse(request, reply, { code: 'LOCKED', retryAfterS: outcome.retryAfterS });
      case 'rate-limited':
        return refuse(request, reply, { code: 'RATE_LIMITED', retryAfterS: outcome.retryAfterS });
      case 'signed-in': {
        // A new ID at every sign-in (no session fixation); any session the browser had ends.
        const previous = request.cookies[SESSION_COOKIE];
        if (previous !== undefined) await sessions.end(previous);
        const { id } = await sessions.start(outcome.person);
        reply.setCookie(SESSION_COOKIE, id, cookie);
        reply.clearCookie(LOGIN_CSRF_COOKIE, cookie);
        const next = safeNext(formField(request.body, 'next'), prefix);
        return reply.header('cache-control', 'no-store').redirect(next, 303);
      }
    }
  });

  app.post('/logout', async (request, reply) => {
    const id = request.cookies[SESSION_COOKIE];
    const person = request.person;
    if (id !== undefined && person !== null && (await sessions.end(id))) {
      await login.log.record(
        'logout',
        { personId: person.id, email: person.email, ip: request.ip },
        'signed out',
      );
    }
    reply.clearCookie(SESSION_COOKIE, cookie);
    return reply.header('cache-control', 'no-store').redirect(action, 303);
  });
}
