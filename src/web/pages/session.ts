// The signed-in person (from the SSI auth plugin) with their organisation's name and DCC Users.
import type { FastifyRequest } from 'fastify';
import type { ViewerUser } from '../../audit/visibility/index.ts';
import type { SsiStore } from '../../store/ssi-port.ts';
import type { SignedInPerson } from '../ssi/auth-types.ts';

/** Who is asking, as pages and API need it. */
export interface Session {
  readonly person: SignedInPerson;
  readonly organisationName: string;
  /** The organisation's DCC User IDs with their User Roles: the viewer of the audit trail. */
  readonly users: readonly ViewerUser[];
  readonly csrfToken: string;
}

/** The request's session, or null when nobody is signed in (the auth plugin set no person). */
export async function sessionOf(
  request: FastifyRequest,
  store: Pick<SsiStore, 'organisation' | 'usersOf'>,
): Promise<Session | null> {
  const person = request.person;
  if (person === null) return null;
  const [organisation, users] = await Promise.all([
    store.organisation(person.organisationId),
    store.usersOf(person.organisationId),
  ]);
  return {
    person,
    organisationName: organisation?.name ?? person.organisationId,
    users: users.map((u) => ({ userId: u.userId, role: u.role })),
    csrfToken: person.csrfToken,
  };
}
