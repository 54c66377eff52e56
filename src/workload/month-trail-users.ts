// The Users of the month trail and how well each orchestrates its requests: Users of one role
// differ visibly in failures, round trips and credential updates (MP176 compares them).
import type { Eui64 } from '../core/eui64.ts';
import { USER_ROLES, type UserRole } from '../core/roles.ts';
import type { Random } from '../core/random.ts';
import type { DccUser } from '../inventory/types.ts';

/** A DCC User and how well it orchestrates its requests (Users of one role differ visibly). */
export interface UserInfo {
  readonly id: Eui64;
  readonly role: UserRole;
  readonly partyId: string;
  /** Multiplies device failures, DSP refusals and N55s caused by the User's requests. */
  readonly failureFactor: number;
  /** Multiplies round-trip times of its requests. */
  readonly latencyFactor: number;
  /** Share of its N16 confirmations followed by N42 within seven days (suppliers). */
  readonly credentialsOnTime: number;
}

/**
 * The role names as constants: strings read from the store are equal but distinct copies, and
 * comparing the canonical (internalised) ones is a pointer check on the hot path.
 */
const CANONICAL = new Map<string, UserRole>(USER_ROLES.map((r) => [r, r]));
/** The canonical copy of a role name. */
export const canonical = <R extends UserRole>(role: R): R => (CANONICAL.get(role) ?? role) as R;

/** Quality ladders dealt out per role, so each role has good, average and poor Users. */
const FAILURE_LADDER = [1, 0.7, 2.6, 1, 1.3, 0.8, 3, 1.1];
const LATENCY_LADDER = [1, 1.5, 1, 0.85, 1.9, 1, 1.2, 0.9];
const ON_TIME_LADDER = [0.95, 0.8, 0.62, 0.9, 0.98, 0.72, 0.86];

/** Deals the quality ladders out to the Users, each role from a seeded starting point. */
export function dealUsers(users: readonly DccUser[], random: Random): Map<string, UserInfo> {
  const out = new Map<string, UserInfo>();
  const byRole = new Map<UserRole, DccUser[]>();
  for (const u of users) byRole.set(u.role, [...(byRole.get(u.role) ?? []), u]);
  for (const list of byRole.values()) {
    const shift = random.int(0, 7);
    list.forEach((u, i) => {
      const k = i + shift;
      out.set(u.userId, {
        id: u.userId,
        role: canonical(u.role),
        partyId: u.partyId,
        failureFactor: FAILURE_LADDER[k % FAILURE_LADDER.length] ?? 1,
        latencyFactor: LATENCY_LADDER[(k * 3) % LATENCY_LADDER.length] ?? 1,
        credentialsOnTime: ON_TIME_LADDER[k % ON_TIME_LADDER.length] ?? 0.9,
      });
    });
  }
  return out;
}
