// What the SSI auth plugin adds to Fastify: `request.person` and the `ssiAuth` guards.
import type { FastifyReply, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import type { SsiRole } from '../../store/ssi-port.ts';

/** Name of the session cookie (its value is the session ID; the store has only its hash). */
export const SESSION_COOKIE = 'opendsp_session';
/** Name of the signed cookie carrying the sign-in form's pre-session CSRF token. */
export const LOGIN_CSRF_COOKIE = 'opendsp_login_csrf';
/** Header an API client may carry the session's CSRF token in instead of a form field. */
export const CSRF_HEADER = 'x-csrf-token';

/** The signed-in person as routes see it (never the password hash). */
export interface SignedInPerson {
  readonly id: string;
  readonly organisationId: string;
  readonly name: string;
  readonly email: string;
  readonly roles: readonly SsiRole[];
  /** The session's synchroniser token: put it in every form (field `csrf`) or the header. */
  readonly csrfToken: string;
}

/** Whether a route is a page (redirect to sign in) or API (401 JSON) when nobody is signed in. */
export type RouteKind = 'page' | 'api';

/** Guards for routes in the plugin's scope, available as `app.ssiAuth`. */
export interface SsiAuth {
  /** Where the sign-in form lives, e.g. `/ssi/login`. */
  readonly loginPath: string;
  /** A preHandler that lets only signed-in people through (401 for API, 303 for pages). */
  requirePerson(kind: RouteKind): preHandlerAsyncHookHandler;
  /**
   * A preHandler that also needs one of `roles` (e.g. SRO or ARO, DP108); others get a 403
   * that is recorded as a permission refusal.
   */
  requireRoles(kind: RouteKind, roles: readonly SsiRole[]): preHandlerAsyncHookHandler;
  /**
   * Sends a 403 and records a permission refusal: for checks made inside a handler (such as
   * the visibility policy's `can(person, action)`). `detail` names the action refused.
   */
  refuse(request: FastifyRequest, reply: FastifyReply, detail: string): Promise<FastifyReply>;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in person, or null (set by the SSI auth plugin for routes in its scope). */
    person: SignedInPerson | null;
  }
  interface FastifyInstance {
    /** The SSI auth plugin's guards. */
    ssiAuth: SsiAuth;
  }
}
