// Decides a login attempt: IP throttle, account lock-out, password check; records every outcome.
import type { Clock } from '../../core/clock.ts';
import type { Person, SsiStore } from '../../store/ssi-port.ts';
import type { DecoyLocks, IpThrottle } from './login-limits.ts';
import { decoyHash, verifyPassword } from './passwords.ts';
import type { SecurityLog } from './security-log.ts';

/** Lock-out and session timing rules. */
export interface LoginPolicy {
  /** Failed logins within `failureWindowMs` that lock an account (default 5). */
  readonly maxFailures: number;
  /** Default 15 minutes. */
  readonly failureWindowMs: number;
  /** How long a lock-out lasts (default 15 minutes). */
  readonly lockMs: number;
}

/** The defaults: 5 failures within 15 minutes lock the account for 15 minutes. */
export const DEFAULT_LOGIN_POLICY: LoginPolicy = {
  maxFailures: 5,
  failureWindowMs: 15 * 60_000,
  lockMs: 15 * 60_000,
};

/** What a login attempt came to; `failed` is the same whether the email exists or not. */
export type LoginOutcome =
  | { readonly kind: 'signed-in'; readonly person: Person }
  | { readonly kind: 'failed' }
  | { readonly kind: 'locked'; readonly retryAfterS: number }
  | { readonly kind: 'rate-limited'; readonly retryAfterS: number };

/** What {@link attemptLogin} works with. */
export interface LoginContext {
  readonly store: SsiStore;
  readonly clock: Clock;
  readonly policy: LoginPolicy;
  readonly throttle: IpThrottle;
  readonly decoys: DecoyLocks;
  readonly log: SecurityLog;
}

/** One attempt: the email already trimmed and lower-cased. */
export interface LoginAttempt {
  readonly email: string;
  readonly password: string;
  readonly ip: string;
}

const secondsUntil = (until: Date, now: Date): number =>
  Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));

/** An attempt on an email that names nobody: the same steps and answers as a real account. */
async function attemptUnknown(context: LoginContext, attempt: LoginAttempt): Promise<LoginOutcome> {
  const { clock, decoys, log, policy } = context;
  const subject = { email: attempt.email, ip: attempt.ip };
  const lockedUntil = decoys.lockedUntil(attempt.email);
  if (lockedUntil !== undefined) {
    await log.record('login-failed', subject, 'unknown email; locked');
    return { kind: 'locked', retryAfterS: secondsUntil(lockedUntil, clock.now()) };
  }
  await verifyPassword(attempt.password, await decoyHash());
  await log.record('login-failed', subject, 'unknown email');
  if (decoys.fail(attempt.email, policy.failureWindowMs) < policy.maxFailures) {
    return { kind: 'failed' };
  }
  const until = new Date(clock.now().getTime() + policy.lockMs);
  decoys.lock(attempt.email, until);
  await log.record('lock-out', subject, `unknown email; locked until ${until.toISOString()}`);
  return { kind: 'locked', retryAfterS: secondsUntil(until, clock.now()) };
}

/** Checks one login attempt and records what happened in the security event log. */
export async function attemptLogin(
  context: LoginContext,
  attempt: LoginAttempt,
): Promise<LoginOutcome> {
  const { store, clock, policy, log } = context;
  const wait = context.throttle.take(attempt.ip);
  if (wait > 0) {
    await log.record('rate-limited', { email: attempt.email, ip: attempt.ip }, 'login attempts');
    return { kind: 'rate-limited', retryAfterS: wait };
  }
  const person = await store.personByEmail(attempt.email);
  if (person === undefined) return attemptUnknown(context, attempt);
  const subject = { personId: person.id, email: attempt.email, ip: attempt.ip };
  const now = clock.now();
  if (person.lockedUntil !== null && person.lockedUntil > now) {
    // Refused without checking the password: a lock holds even against the right one.
    await log.record('login-failed', subject, 'account locked');
    return { kind: 'locked', retryAfterS: secondsUntil(person.lockedUntil, now) };
  }
  if (await verifyPassword(attempt.password, person.passwordHash)) {
    await store.clearLoginFailures(person.id);
    await log.record('login', subject, 'password');
    return { kind: 'signed-in', person };
  }
  const windowStart = new Date(now.getTime() - policy.failureWindowMs);
  const failures = await store.recordLoginFailure(person.id, now, windowStart);
  await log.record('login-failed', subject, `wrong password (${failures} in the window)`);
  if (failures < policy.maxFailures) return { kind: 'failed' };
  const until = new Date(now.getTime() + policy.lockMs);
  await store.lockPerson(person.id, until);
  await log.record(
    'lock-out',
    subject,
    `${failures} failures; locked until ${until.toISOString()}`,
  );
  return { kind: 'locked', retryAfterS: secondsUntil(until, now) };
}
