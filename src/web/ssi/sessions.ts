// Server-side login sessions: start, resolve a cookie to a person (idle and absolute timeouts), end.
import type { Clock } from '../../core/clock.ts';
import type { LoginSession, Person, SsiStore } from '../../store/ssi-port.ts';
import { hashSessionId, looksLikeSessionId, newSessionId, newToken } from './tokens.ts';

/** Session timeouts. */
export interface SessionTimeouts {
  /** A session unused this long ends (default 30 minutes). */
  readonly idleMs: number;
  /** A session ends this long after login whatever the activity (default 12 hours). */
  readonly absoluteMs: number;
}

/** The defaults: 30 minutes idle, 12 hours in all. */
export const DEFAULT_SESSION_TIMEOUTS: SessionTimeouts = {
  idleMs: 30 * 60_000,
  absoluteMs: 12 * 60 * 60_000,
};

/** Last-seen times are written at most this often, so reads do not each cost a write. */
const TOUCH_EVERY_MS = 60_000;

/** A live session and its person. */
export interface ActiveSession {
  readonly person: Person;
  readonly session: LoginSession;
}

/** Starts, resolves and ends sessions. */
export interface SessionManager {
  /** Starts a session for the person; returns the ID for the cookie (the store keeps its hash). */
  start(person: Person): Promise<{ readonly id: string; readonly session: LoginSession }>;
  /** The live session a cookie value names; undefined for junk, unknown, idle or expired IDs. */
  resolve(id: string | undefined): Promise<ActiveSession | undefined>;
  /** Ends the session a cookie value names; false if there was none. */
  end(id: string): Promise<boolean>;
}

/** Creates the session manager over the store. */
export function createSessionManager(
  store: SsiStore,
  clock: Clock,
  timeouts: SessionTimeouts = DEFAULT_SESSION_TIMEOUTS,
): SessionManager {
  return {
    async start(person) {
      const id = newSessionId();
      const now = clock.now();
      const session: LoginSession = {
        idHash: hashSessionId(id),
        personId: person.id,
        csrfSecret: newToken(),
        createdAt: now,
        lastSeenAt: now,
        expiresAt: new Date(now.getTime() + timeouts.absoluteMs),
      };
      await store.addLoginSession(session);
      return { id, session };
    },
    async resolve(id) {
      if (id === undefined || !looksLikeSessionId(id)) return undefined;
      const session = await store.loginSession(hashSessionId(id));
      if (session === undefined) return undefined;
      const now = clock.now().getTime();
      const idle = now - session.lastSeenAt.getTime() >= timeouts.idleMs;
      if (idle || now >= session.expiresAt.getTime()) {
        await store.endLoginSession(session.idHash);
        return undefined;
      }
      const person = await store.person(session.personId);
      if (person === undefined) {
        await store.endLoginSession(session.idHash);
        return undefined;
      }
      if (now - session.lastSeenAt.getTime() >= TOUCH_EVERY_MS) {
        await store.touchLoginSession(session.idHash, new Date(now));
      }
      return { person, session };
    },
    end: (id) =>
      looksLikeSessionId(id) ? store.endLoginSession(hashSessionId(id)) : Promise.resolve(false),
  };
}
