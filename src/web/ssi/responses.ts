// The SSI's refusals (codes, HTTP statuses, messages) and how they are sent: JSON or a page.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ERROR_CODES } from '../../core/errors.ts';
import { renderMessagePage } from './login-page.ts';

/**
 * Every refusal the SSI's security layer gives; codes and statuses come from the one error
 * registry (src/core/errors.ts), the messages here are for people. Messages never say whether an email has an
 * account: a wrong password, an unknown email and a lock on either read the same.
 */
export const SSI_REFUSALS = {
  UNAUTHENTICATED: {
    status: ERROR_CODES.UNAUTHENTICATED.status,
    message: 'Sign in first: there is no current session.',
  },
  LOGIN_FAILED: {
    status: ERROR_CODES.LOGIN_FAILED.status,
    message: 'The email or password is not right.',
  },
  LOGIN_INCOMPLETE: {
    status: ERROR_CODES.LOGIN_INCOMPLETE.status,
    message: 'Give both an email and a password.',
  },
  CSRF_REFUSED: {
    status: ERROR_CODES.CSRF_REFUSED.status,
    message: 'The form has expired or did not come from this site: reload the page and try again.',
  },
  FORBIDDEN: { status: ERROR_CODES.FORBIDDEN.status, message: 'Your SSI roles do not allow this.' },
  LOCKED: {
    status: ERROR_CODES.LOCKED.status,
    message: 'Too many failed sign-ins for this email: signing in is paused; try again later.',
  },
  RATE_LIMITED: {
    status: ERROR_CODES.RATE_LIMITED.status,
    message: 'Too many sign-in attempts from your address: wait a little and try again.',
  },
} as const;

/** One refusal code. */
export type SsiRefusal = keyof typeof SSI_REFUSALS;

/** True when the client asked for a page (a browser) rather than JSON. */
export function wantsHtml(request: FastifyRequest): boolean {
  const accept = request.headers.accept ?? '';
  return /\btext\/html\b/.test(accept);
}

/** Sends a refusal as a page for browsers, as `{ code, message }` otherwise. */
export function sendRefusal(
  request: FastifyRequest,
  reply: FastifyReply,
  refusal: { readonly code: SsiRefusal; readonly retryAfterS?: number },
): FastifyReply {
  const { status, message } = SSI_REFUSALS[refusal.code];
  if (refusal.retryAfterS !== undefined) reply.header('retry-after', String(refusal.retryAfterS));
  reply.header('cache-control', 'no-store');
  if (!wantsHtml(request)) return reply.status(status).send({ code: refusal.code, message });
  return reply
    .status(status)
    .type('text/html; charset=utf-8')
    .send(renderMessagePage('Refused', message));
}
