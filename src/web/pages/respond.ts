// Shared page replies: the signed-in frame, the one "not found" page, refusals and sign-in redirects.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { can, type SsiAction } from '../../audit/visibility/index.ts';
import type { AuditViewDeps, Asker } from '../api/audit-views.ts';
import { queryString, type SafeHtml } from './html.ts';
import { page, type SignedIn } from './layout.ts';
import { notFoundBody } from './record-view.ts';
import { sessionOf, type Session } from './session.ts';

/** What a page handler receives once the person is signed in and allowed. */
export interface PageContext {
  readonly session: Session;
  readonly asker: Asker;
  readonly frame: SignedIn;
}

/** Sends a whole page. */
export function sendPage(reply: FastifyReply, html: string, status = 200): FastifyReply {
  return reply
    .status(status)
    .type('text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .send(html);
}

/** The header of a signed-in page. */
export function signedIn(session: Session): SignedIn {
  return {
    name: session.person.name,
    organisation: session.organisationName,
    csrfToken: session.csrfToken,
    responsibleOfficer: can(session.person, 'submit-adt-file'),
  };
}

/** The one "not found" page (also for what the person may not see). */
export function sendNotFound(reply: FastifyReply, frame?: SignedIn): FastifyReply {
  return sendPage(reply, page({ title: 'Not found', signedIn: frame }, notFoundBody()), 404);
}

/** A page with a title and body for the signed-in person. */
export function sendSigned(
  reply: FastifyReply,
  context: PageContext,
  body: { title: string; html: SafeHtml },
): FastifyReply {
  return sendPage(reply, page({ title: body.title, signedIn: context.frame }, body.html));
}

/**
 * Resolves the session and checks the action with the visibility module's `can`: not signed
 * in → redirect to sign in (303); not allowed → the auth plugin's 403, recorded as a
 * permission refusal. Null when already replied.
 */
export async function guard(
  request: FastifyRequest,
  reply: FastifyReply,
  options: { readonly deps: AuditViewDeps; readonly action: SsiAction },
): Promise<PageContext | null> {
  const auth = request.server.ssiAuth;
  const session = await sessionOf(request, options.deps.store);
  if (session === null) {
    await reply.redirect(`${auth.loginPath}${queryString({ next: request.url })}`, 303);
    return null;
  }
  if (!can(session.person, options.action)) {
    await auth.refuse(request, reply, options.action);
    return null;
  }
  return { session, asker: { deps: options.deps, users: session.users }, frame: signedIn(session) };
}
