// Route guards: signed-in person required, SSI roles required, refusals recorded.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { SsiRole } from '../../store/ssi-port.ts';
import type { RouteKind, SsiAuth } from './auth-types.ts';
import { sendRefusal } from './responses.ts';
import type { SecurityLog } from './security-log.ts';

/** A relative path back to the current page, passed to the sign-in form as `next`. */
function back(request: FastifyRequest): string {
  return encodeURIComponent(request.url);
}

/** Creates the guards for routes under `loginPath`'s scope. */
export function createGuards(loginPath: string, log: SecurityLog): SsiAuth {
  const refuse = async (request: FastifyRequest, reply: FastifyReply, detail: string) => {
    const who = request.person;
    await log.record(
      'permission-refused',
      { personId: who?.id ?? null, email: who?.email ?? null, ip: request.ip },
      `${request.method} ${request.url.split('?')[0] ?? ''}: ${detail}`,
    );
    return sendRefusal(request, reply, { code: 'FORBIDDEN' });
  };
  /** The reply sent when nobody is signed in, or undefined when someone is. */
  const unsigned = (kind: RouteKind, request: FastifyRequest, reply: FastifyReply) => {
    if (request.person !== null) return undefined;
    if (kind === 'api') return sendRefusal(request, reply, { code: 'UNAUTHENTICATED' });
    return reply
      .header('cache-control', 'no-store')
      .redirect(`${loginPath}?next=${back(request)}`, 303);
  };
  return {
    loginPath,
    requirePerson: (kind) => (request, reply) => Promise.resolve(unsigned(kind, request, reply)),
    requireRoles: (kind, roles: readonly SsiRole[]) => async (request, reply) => {
      const sent = unsigned(kind, request, reply);
      if (sent !== undefined) return sent;
      const held = request.person?.roles ?? [];
      if (held.some((role) => roles.includes(role))) return undefined;
      return refuse(request, reply, `needs one of the roles ${roles.join(', ')}`);
    },
    refuse,
  };
}
