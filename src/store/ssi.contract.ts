// The shared SSI-records tests: every engine's index.test.ts runs them against its adapter.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConflictError } from '../core/errors.ts';
import type { Store } from './port.ts';
import type { LoginSession, NewSecurityEvent, Organisation, Person } from './ssi-port.ts';
import type { StoreHarness } from './store.contract.ts';
import { HIGH_ID, LOW_ID, TOP_ID, USERS } from './store.fixtures.ts';

const T0 = new Date('2024-05-01T09:30:00.123Z');
const at = (ms: number): Date => new Date(T0.getTime() + ms);

const ELEC: Organisation = { id: 'ELEC', name: 'Elec Ltd', createdAt: T0 };

/** A person with overridable fields; the name has quotes and non-ASCII. */
function person(overrides: Partial<Person> = {}): Person {
  return {
    id: 'p-1',
    organisationId: 'ELEC',
    name: 'Zoë "Z" O\'Neill',
    email: 'zoe@elec.example',
    passwordHash: '$scrypt$ln=15,r=8,p=1$c2FsdA$a2V5',
    roles: ['senior-responsible-officer', 'viewer'],
    failedLogins: 0,
    failuresSince: null,
    lockedUntil: null,
    createdAt: T0,
    ...overrides,
  };
}

const SESSION: LoginSession = {
  idHash: 'a'.repeat(64),
  personId: 'p-1',
  csrfSecret: 'csrf-secret',
  createdAt: T0,
  lastSeenAt: T0,
  expiresAt: at(3_600_000),
};

/** Declares the shared SSI-records suite under `name`. */
export function describeSsiContract(name: string, harness: StoreHarness): void {
  describe(`SSI records contract: ${name}`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await harness.open();
    });
    afterEach(async () => {
      await harness.dispose(store);
    });

    it('adds organisations, refuses a duplicate, and lists their DCC Users', async () => {
      await store.addOrganisation(ELEC);
      await store.insertUsers(USERS);
      expect(await store.organisation('ELEC')).toEqual(ELEC);
      expect(await store.organisation('elec')).toBeUndefined();
      const again = await store.addOrganisation({ ...ELEC, name: 'x' }).catch((e: unknown) => e);
      expect(again).toBeInstanceOf(ConflictError);
      expect(String(again)).toContain('ELEC');
      expect((await store.usersOf('ELEC')).map((u) => u.userId)).toEqual([LOW_ID]);
      expect(await store.usersOf('NOBODY')).toEqual([]);
      expect((await store.usersOf('DNO')).map((u) => u.userId)).toEqual([HIGH_ID]);
      expect((await store.usersOf('GASCO'))[0]?.userId).toBe(TOP_ID);
    });

    it('round-trips people, finds them by ID and exact email, refuses a taken ID or email', async () => {
      const locked = person({
        id: 'p-2',
        email: 'al@elec.example',
        roles: [],
        failedLogins: 3,
        failuresSince: at(5),
        lockedUntil: at(900_000),
      });
      await store.addPerson(person());
      await store.addPerson(locked);
      expect(await store.person('p-1')).toEqual(person());
      expect(await store.personByEmail('al@elec.example')).toEqual(locked);
      expect(await store.personByEmail('AL@elec.example')).toBeUndefined();
      expect(await store.person('p-9')).toBeUndefined();
      expect((await store.peopleOf('ELEC')).map((p) => p.id)).toEqual(['p-2', 'p-1']);
      expect(await store.peopleOf('DNO')).toEqual([]);
      for (const clash of [person({ email: 'new@x.example' }), person({ id: 'p-3' })]) {
        const error = await store.addPerson(clash).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(ConflictError);
        expect(String(error)).toContain(clash.email);
      }
      expect(await store.peopleOf('ELEC')).toHaveLength(2);
    });

    it('replaces a password hash', async () => {
      await store.addPerson(person());
      expect(await store.setPasswordHash('p-1', '$scrypt$new')).toBe(true);
      expect(await store.setPasswordHash('p-9', '$scrypt$new')).toBe(false);
      expect((await store.person('p-1'))?.passwordHash).toBe('$scrypt$new');
    });

    it('counts failed logins in a window, restarts a stale window, locks and clears', async () => {
      await store.addPerson(person());
      expect(await store.recordLoginFailure('p-1', at(0), at(-900_000))).toBe(1);
      expect(await store.recordLoginFailure('p-1', at(1000), at(-899_000))).toBe(2);
      expect(await store.recordLoginFailure('p-1', at(2000), at(-898_000))).toBe(3);
      let stored = await store.person('p-1');
      expect([stored?.failedLogins, stored?.failuresSince]).toEqual([3, at(0)]);
      // The window began at at(0); a failure whose window starts later begins a new one.
      expect(await store.recordLoginFailure('p-1', at(901_000), at(1))).toBe(1);
      expect((await store.person('p-1'))?.failuresSince).toEqual(at(901_000));
      expect(await store.recordLoginFailure('p-9', at(0), at(-1))).toBe(0);
      await store.lockPerson('p-1', at(1_800_000));
      stored = await store.person('p-1');
      expect([stored?.failedLogins, stored?.failuresSince, stored?.lockedUntil]).toEqual([
        0,
        null,
        at(1_800_000),
      ]);
      await store.recordLoginFailure('p-1', at(2_000_000), at(1_100_000));
      await store.clearLoginFailures('p-1');
      expect(await store.person('p-1')).toEqual(person());
    });

    it('stores, finds, touches and ends login sessions', async () => {
      const other = { ...SESSION, idHash: 'b'.repeat(64), expiresAt: at(10) };
      const third = { ...SESSION, idHash: 'c'.repeat(64), personId: 'p-2' };
      await store.addLoginSession(SESSION);
      await store.addLoginSession(other);
      await store.addLoginSession(third);
      await expect(store.addLoginSession(SESSION)).rejects.toThrow(ConflictError);
      expect(await store.loginSession(SESSION.idHash)).toEqual(SESSION);
      expect(await store.loginSession('d'.repeat(64))).toBeUndefined();
      await store.touchLoginSession(SESSION.idHash, at(60_000));
      expect((await store.loginSession(SESSION.idHash))?.lastSeenAt).toEqual(at(60_000));
      expect(await store.endExpiredLoginSessions(at(10))).toBe(1);
      expect(await store.loginSession(other.idHash)).toBeUndefined();
      expect(await store.endLoginSession(third.idHash)).toBe(true);
      expect(await store.endLoginSession(third.idHash)).toBe(false);
      await store.addLoginSession(third);
      expect(await store.endLoginSessionsOf('p-1')).toBe(1);
      expect(await store.loginSession(SESSION.idHash)).toBeUndefined();
      expect(await store.loginSession(third.idHash)).toEqual(third);
    });

    it('keeps the security event log append-only: only append and read methods', () => {
      const names = Object.keys(store).filter((n) => /securityevent/i.test(n));
      expect(names.sort()).toEqual(['appendSecurityEvent', 'securityEvents']);
    });

    it('appends security events and reads them oldest first, by time range and limit', async () => {
      expect(await store.securityEvents()).toEqual([]);
      const event = (kind: NewSecurityEvent['kind'], ms: number): NewSecurityEvent => ({
        kind,
        at: at(ms),
        personId: kind === 'login-failed' ? null : 'p-1',
        email: kind === 'permission-refused' ? null : "o'neill@elec.example",
        ip: kind === 'logout' ? null : '::ffff:127.0.0.1',
        detail: `${kind} "detail"`,
      });
      const all = [
        event('login-failed', 0),
        event('lock-out', 0),
        event('login', 2000),
        event('permission-refused', 1000),
        event('csrf-refused', 3000),
        event('rate-limited', 3000),
        event('logout', 4000),
      ];
      for (const e of all) await store.appendSecurityEvent(e);
      const read = await store.securityEvents();
      expect(read.map(({ seq: _seq, ...rest }) => rest)).toEqual(all);
      const seqs = read.map((e) => e.seq);
      expect([...seqs].sort((a, b) => a - b)).toEqual(seqs);
      expect(new Set(seqs).size).toBe(all.length);
      const window = await store.securityEvents({ from: at(1000), to: at(3000) });
      expect(window.map((e) => e.kind)).toEqual(['login', 'permission-refused']);
      expect((await store.securityEvents({ limit: 2 })).map((e) => e.kind)).toEqual([
        'login-failed',
        'lock-out',
      ]);
    });
  });
}
