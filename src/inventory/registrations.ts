// Registration history queries: who held which role for a supply point on a given date.
import type { Eui64 } from '../core/eui64.ts';
import type { RegistrationRole } from '../core/roles.ts';
import type { Registration } from './types.ts';

/** The User ID holding each registration role at one instant (absent roles unregistered). */
export type Holders = Partial<Record<RegistrationRole, Eui64>>;

/** True when the registration covers the instant (from inclusive, to exclusive). */
export function covers(registration: Registration, at: Date): boolean {
  const t = at.getTime();
  return (
    registration.from.getTime() <= t && (registration.to === null || t < registration.to.getTime())
  );
}

/** Who held each role at `at`, from a supply point's registration history. */
export function holdersAt(history: readonly Registration[], at: Date): Holders {
  const holders: Holders = {};
  for (const registration of history) {
    if (covers(registration, at)) holders[registration.role] = registration.userId;
  }
  return holders;
}

/**
 * Checks registration history for overlapping periods of the same supply point and role;
 * returns a message per overlap (empty when consistent).
 */
export function findOverlaps(history: readonly Registration[]): string[] {
  const problems: string[] = [];
  const byKey = new Map<string, Registration[]>();
  for (const r of history) {
    const key = `${r.mpxn}/${r.role}`;
    const list = byKey.get(key);
    if (list) list.push(r);
    else byKey.set(key, [r]);
  }
  for (const list of byKey.values()) {
    const sorted = [...list].sort((a, b) => a.from.getTime() - b.from.getTime());
    for (let i = 1; i < sorted.length; i++) {
      const previous = sorted[i - 1];
      const current = sorted[i];
      if (!previous || !current) continue;
      if (previous.to === null || previous.to.getTime() > current.from.getTime()) {
        problems.push(
          `${current.role} of ${current.mpxn}: ${previous.userId} (from ${previous.from.toISOString()}) ` +
            `overlaps ${current.userId} (from ${current.from.toISOString()})`,
        );
      }
    }
  }
  return problems;
}
