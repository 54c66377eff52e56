import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFixedClock } from '../../core/clock.ts';
import { ConflictError, InvalidValueError, NotFoundError } from '../../core/errors.ts';
import { createDuckDbStore } from '../../store/duckdb/index.ts';
import type { Store } from '../../store/port.ts';
import { addPerson, createOrganisationAdmin } from './accounts.ts';
import { verifyPassword } from './passwords.ts';

const clock = createFixedClock(new Date('2025-03-03T09:00:00Z'));
const PASSWORD = 'correct horse battery';

describe('SSI accounts', () => {
  let store: Store;
  beforeEach(async () => {
    store = await createDuckDbStore({ path: ':memory:' });
    await store.migrate();
  });
  afterEach(async () => {
    await store.close();
  });

  const admin = (email = 'Ada@Elec.Example ') =>
    createOrganisationAdmin({
      store,
      clock,
      organisation: { id: 'ELEC', name: ' Elec Ltd ' },
      admin: { name: 'Ada', email, password: PASSWORD },
    });

  it('creates an organisation and its administrator, with a hashed password', async () => {
    const { organisation, admin: ada } = await admin();
    expect(organisation).toEqual({ id: 'ELEC', name: 'Elec Ltd', createdAt: clock.now() });
    expect(ada).toMatchObject({ email: 'ada@elec.example', roles: ['organisation-administrator'] });
    expect(ada).not.toHaveProperty('passwordHash');
    const stored = await store.personByEmail('ada@elec.example');
    expect(await verifyPassword(PASSWORD, stored?.passwordHash ?? '')).toBe(true);
    // A second administrator joins the existing organisation.
    await admin('bob@elec.example');
    expect(await store.peopleOf('ELEC')).toHaveLength(2);
  });

  it('adds people with sorted roles; refuses a taken email, an unknown organisation, bad roles', async () => {
    await admin();
    const person = {
      organisationId: 'ELEC',
      name: 'Sam',
      email: 'sam@elec.example',
      password: PASSWORD,
    };
    const sam = await addPerson({
      store,
      clock,
      person: { ...person, roles: ['viewer', 'senior-responsible-officer', 'viewer'] },
    });
    expect(sam.roles).toEqual(['senior-responsible-officer', 'viewer']);
    const again = { ...person, email: 'SAM@elec.example', roles: ['viewer'] as const };
    await expect(addPerson({ store, person: again })).rejects.toThrow(ConflictError);
    const elsewhere = {
      ...person,
      organisationId: 'GASCO',
      email: 'x@gas.example',
      roles: ['viewer'] as const,
    };
    await expect(addPerson({ store, person: elsewhere })).rejects.toThrow(NotFoundError);
    await expect(addPerson({ store, person: { ...person, roles: [] } })).rejects.toThrow(/roles/);
  });

  it('explains a refused password without ever showing it', async () => {
    const error = await createOrganisationAdmin({
      store,
      organisation: { id: 'ELEC', name: 'Elec' },
      admin: { name: 'Ada', email: 'ada@elec.example', password: 'hunter2' },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidValueError);
    expect(String(error)).toContain('use at least 12 characters (this one has 7)');
    expect(String(error)).not.toContain('hunter2');
    expect(await store.organisation('ELEC')).toBeUndefined();
  });

  it('refuses an email that is not an address and an organisation ID with odd characters', async () => {
    await expect(admin('not-an-email')).rejects.toThrow(/email address/);
    await expect(
      createOrganisationAdmin({
        store,
        organisation: { id: 'EL EC', name: 'Elec' },
        admin: { name: 'Ada', email: 'ada@elec.example', password: PASSWORD },
      }),
    ).rejects.toThrow(/organisation ID/);
  });
});
