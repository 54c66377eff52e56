// The SSI's refusals (codes, HTTP statuses, messages) and how they are sent: JSON or a page.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { renderMessagePage } from './login-page.ts';

/**
 * Every refusal the SSI's security layer gives. Messages never say whether an email has an
 * account: a wrong password, an unknown email and a lock on either read the same.
 */
export const SSI_REFUSALS = {
  UNAUTHENTICATED: { status: 401, message: 'Sign in first: there is no current session.' },
  LOGIN_FAILED: { status: 401, message: 'The email or password is not right.' },
  LOGIN_INCOMPLETE: { status: 400, message: 'Give both an email and a password.' },
  CSRF_REFUSED: {
    status: 403,
    message: 'The form has expired or did not come from this site: reload the page and try again.',
  },
  FORBIDDEN: { status: 403, message: 'Your SSI roles do not allow this.' },
  LOCKED: {
    status: 423,
    message: 'Too many failed sign-ins for this email: signing in is paused; try again later.',
  },
  RATE_LIMITED: {
    status: 429,
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
