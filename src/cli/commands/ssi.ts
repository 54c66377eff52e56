// `opendsp ssi add-admin | add-person`: create Self Service Interface accounts.
import { InvalidValueError } from '../../core/errors.ts';
import { SSI_ROLES, type SsiRole } from '../../store/ssi-port.ts';
import { addPerson, createOrganisationAdmin } from '../../web/ssi/accounts.ts';
import { withStore, type Context } from '../context.ts';

/** Options shared by the account commands. */
export interface AccountOptions {
  readonly org: string;
  readonly name: string;
  readonly email: string;
  /** Environment variable holding the password (never a command-line argument). */
  readonly passwordEnv: string;
}

function password(options: AccountOptions): string {
  const value = process.env[options.passwordEnv];
  if (value === undefined || value === '') {
    throw new InvalidValueError(
      '--password-env',
      options.passwordEnv,
      'set this environment variable to the password (at least 12 characters)',
    );
  }
  return value;
}

function parseRoles(text: string): SsiRole[] {
  const roles = text
    .split(',')
    .map((r) => r.trim())
    .filter((r) => r !== '');
  for (const role of roles) {
    if (!(SSI_ROLES as readonly string[]).includes(role)) {
      throw new InvalidValueError(
        '--roles',
        role,
        `expected one or more of ${SSI_ROLES.join(', ')}, separated by commas`,
      );
    }
  }
  if (roles.length === 0)
    throw new InvalidValueError('--roles', text, 'name at least one SSI role');
  return roles as SsiRole[];
}

/** Creates an organisation (if new) and its first administrator. */
export async function addAdminCommand(
  context: Context,
  options: AccountOptions & { readonly orgName: string },
): Promise<void> {
  const secret = password(options);
  await withStore(context, async (store) => {
    const { organisation, admin } = await createOrganisationAdmin({
      store,
      organisation: { id: options.org, name: options.orgName },
      admin: { name: options.name, email: options.email, password: secret },
    });
    context.out(
      `Organisation ${organisation.id} (${organisation.name}): administrator ${admin.email} added`,
    );
  });
}

/** Adds a person with SSI roles to an organisation. */
export async function addPersonCommand(
  context: Context,
  options: AccountOptions & { readonly roles: string },
): Promise<void> {
  const roles = parseRoles(options.roles);
  const secret = password(options);
  await withStore(context, async (store) => {
    const person = await addPerson({
      store,
      person: {
        organisationId: options.org,
        name: options.name,
        email: options.email,
        password: secret,
        roles,
      },
    });
    context.out(`Added ${person.email} to ${options.org} as ${roles.join(', ')}`);
  });
}
