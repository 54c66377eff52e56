// CSRF protection for every state-changing request in the SSI scope.
//
// Signed in: a synchroniser token kept with the server-side session must come back in the
// form (field `csrf`, or `_csrf`) or the X-CSRF-Token header. The sign-in form has no session
// yet, so it double-submits a token that is also in a signed, HTTP-only cookie. SameSite=Strict
// cookies already keep most cross-site requests out; the tokens cover what that misses.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CSRF_HEADER, LOGIN_CSRF_COOKIE } from './auth-types.ts';
import { sendRefusal } from './responses.ts';
import type { SecurityLog } from './security-log.ts';
import { sameToken, type CookieSigner } from './tokens.ts';

const SAFE_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'OPTIONS']);

/** A text field of a parsed form body, if there is one. */
export function formField(body: unknown, name: string): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const value: unknown = (body as Record<string, unknown>)[name];
  return typeof value === 'string' ? value : undefined;
}

/** The CSRF token a request carries, from the form or the header. */
function tokenOf(request: FastifyRequest): string | undefined {
  const header = request.headers[CSRF_HEADER];
  if (typeof header === 'string') return header;
  return formField(request.body, 'csrf') ?? formField(request.body, '_csrf');
}

/** What the check needs. */
export interface CsrfCheckOptions {
  readonly loginPath: string;
  readonly signer: CookieSigner;
  readonly log: SecurityLog;
}

/** The preHandler: refuses (403, recorded) a state-changing request without the right token. */
export function createCsrfCheck(options: CsrfCheckOptions) {
  return async (
    request: FastifyRequest,
    reply: FastifyReply,
  ): Promise<FastifyReply | undefined> => {
    if (SAFE_METHODS.has(request.method)) return undefined;
    const path = request.routeOptions.url ?? request.url;
    let expected: string | undefined;
    if (path === options.loginPath) {
      const cookie = request.cookies[LOGIN_CSRF_COOKIE];
      expected = cookie === undefined ? undefined : options.signer.unsign(cookie);
    } else if (request.person !== null) {
      expected = request.person.csrfToken;
    } else {
      // Nobody is signed in, so there is no ambient authority to borrow; route guards answer.
      return undefined;
    }
    if (expected !== undefined && sameToken(tokenOf(request), expected)) return undefined;
    const who = request.person;
    await options.log.record(
      'csrf-refused',
      {
        personId: who?.id ?? null,
        email: who?.email ?? formField(request.body, 'email'),
        ip: request.ip,
      },
      `${request.method} ${path}: CSRF token ${tokenOf(request) === undefined ? 'missing' : 'wrong'}`,
    );
    return sendRefusal(request, reply, { code: 'CSRF_REFUSED' });
  };
}
