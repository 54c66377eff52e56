// Account set-up for the CLI: an organisation with its first administrator, and more people.
import { randomUUID } from 'node:crypto';
import { systemClock, type Clock } from '../../core/clock.ts';
import { InvalidValueError, NotFoundError } from '../../core/errors.ts';
import {
  SSI_ROLES,
  type Organisation,
  type Person,
  type SsiRole,
  type SsiStore,
} from '../../store/ssi-port.ts';
import { hashPassword, passwordProblems } from './passwords.ts';

/** A person as shown back to the caller: everything but the password hash. */
export type PersonSummary = Omit<Person, 'passwordHash'>;

/** Who to add; the password is hashed and never stored or shown as given. */
export interface NewPerson {
  readonly organisationId: string;
  readonly name: string;
  readonly email: string;
  readonly password: string;
  readonly roles: readonly SsiRole[];
}

/** Options for {@link addPerson}. */
export interface AddPersonOptions {
  readonly store: SsiStore;
  readonly person: NewPerson;
  readonly clock?: Clock;
}

/** Options for {@link createOrganisationAdmin}. */
export interface CreateOrganisationAdminOptions {
  readonly store: SsiStore;
  /** The SEC Party: its ID is the `partyId` of its DCC Users. */
  readonly organisation: { readonly id: string; readonly name: string };
  readonly admin: Omit<NewPerson, 'organisationId' | 'roles'>;
  readonly clock?: Clock;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PARTY_ID = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

/** The email as stored: trimmed and lower case; refuses what is not an address. */
export function normaliseEmail(email: string): string {
  const normal = email.trim().toLowerCase();
  if (normal.length > 254 || !EMAIL.test(normal)) {
    throw new InvalidValueError(
      'email',
      email,
      'expected an email address such as ann@example.com',
    );
  }
  return normal;
}

function checkName(field: string, name: string): string {
  const trimmed = name.trim();
  if (trimmed === '' || trimmed.length > 200) {
    throw new InvalidValueError(field, name, 'expected 1 to 200 characters');
  }
  return trimmed;
}

function checkRoles(roles: readonly SsiRole[]): SsiRole[] {
  const known: readonly string[] = SSI_ROLES;
  const bad = roles.find((role) => !known.includes(role));
  if (roles.length === 0 || bad !== undefined) {
    throw new InvalidValueError('roles', roles, `expected one or more of ${SSI_ROLES.join(', ')}`);
  }
  return [...new Set(roles)].sort();
}

const summary = ({ passwordHash: _hash, ...rest }: Person): PersonSummary => rest;

/** Checks a new person's fields (throwing InvalidValueError) and returns them normalised. */
function checkNewPerson(given: NewPerson): Omit<NewPerson, 'password'> {
  const problems = passwordProblems(given.password);
  if (problems.length > 0) throw new InvalidValueError('password', '(hidden)', problems.join('; '));
  return {
    organisationId: given.organisationId,
    name: checkName('name', given.name),
    email: normaliseEmail(given.email),
    roles: checkRoles(given.roles),
  };
}

/**
 * Adds a person to an existing organisation. Refuses a weak password (InvalidValueError
 * saying why, never showing it), an unknown organisation (NotFoundError) and an email in use
 * (ConflictError from the store).
 */
export async function addPerson(options: AddPersonOptions): Promise<PersonSummary> {
  const { store, person: given } = options;
  const checked = checkNewPerson(given);
  if ((await store.organisation(checked.organisationId)) === undefined) {
    throw new NotFoundError('organisation', checked.organisationId);
  }
  const person: Person = {
    ...checked,
    id: randomUUID(),
    passwordHash: await hashPassword(given.password),
    failedLogins: 0,
    failuresSince: null,
    lockedUntil: null,
    createdAt: (options.clock ?? systemClock).now(),
  };
  await store.addPerson(person);
  return summary(person);
}

/**
 * Creates an organisation (SEC Party) if it is not there yet, and its first organisation
 * administrator, who can then add the organisation's other people.
 */
export async function createOrganisationAdmin(
  options: CreateOrganisationAdminOptions,
): Promise<{ readonly organisation: Organisation; readonly admin: PersonSummary }> {
  const { store, clock = systemClock } = options;
  const id = options.organisation.id.trim();
  if (!PARTY_ID.test(id)) {
    throw new InvalidValueError('organisation ID', id, 'expected 1 to 64 letters, digits, _ . -');
  }
  const person: NewPerson = {
    ...options.admin,
    organisationId: id,
    roles: ['organisation-administrator'],
  };
  checkNewPerson(person); // before the organisation is created, so a refusal leaves nothing
  let organisation = await store.organisation(id);
  if (organisation === undefined) {
    const name = checkName('organisation name', options.organisation.name);
    organisation = { id, name, createdAt: clock.now() };
    await store.addOrganisation(organisation);
  }
  const admin = await addPerson({ store, clock, person });
  return { organisation, admin };
}
