// MP141 title access for one supply point, precomputed once from its registration history.
import { InvalidValueError } from '../../core/errors.ts';
import type { Eui64 } from '../../core/eui64.ts';
import { isSupplierRole, type UserRole } from '../../core/roles.ts';
import type { Registration } from '../../inventory/types.ts';

/** One DCC User ID of the viewing organisation and the User Role it is held in. */
export interface ViewerUser {
  readonly userId: Eui64;
  readonly role: UserRole;
}

/** Who is looking: one DCC User, or every User ID of the person's organisation. */
export type Viewer = ViewerUser | readonly ViewerUser[];

/** The viewer as a non-empty list of User IDs with roles. */
export function viewerUsers(viewer: Viewer): readonly ViewerUser[] {
  const users = 'userId' in viewer ? [viewer] : viewer;
  if (users.length === 0) throw new InvalidValueError('viewer', [], 'needs at least one User ID');
  return users;
}

/** When, on one supply point, the viewer may see the titles of other Users' records. */
export interface TitleAccess {
  /** Periods [from, to) in epoch ms when the viewer held a registration in the matching role. */
  readonly periods: readonly (readonly [number, number])[];
  /**
   * Start (epoch ms) of the viewer's current Responsible Supplier registration at the viewing
   * time, or null: records before it are the "before Change of Supplier" titles MP141 is for.
   */
  readonly supplierSince: number | null;
}

/** Nothing visible: a viewer with no registration on the supply point. */
export const NO_TITLE_ACCESS: TitleAccess = { periods: [], supplierSince: null };

/**
 * The viewer's title access on one supply point. A registration counts only when it is held
 * by one of the viewer's User IDs *in that User ID's own role* (an Import Supplier ID counts as
 * Responsible Supplier through an Import Supplier registration, never through another role).
 */
export function titleAccess(
  history: readonly Registration[],
  users: readonly ViewerUser[],
  now: Date,
): TitleAccess {
  const held = new Set(users.map((u) => `${u.userId}|${u.role}`));
  const periods: [number, number][] = [];
  let supplierSince: number | null = null;
  const t = now.getTime();
  for (const r of history) {
    if (!held.has(`${r.userId}|${r.role}`)) continue;
    const from = r.from.getTime();
    const to = r.to === null ? Number.POSITIVE_INFINITY : r.to.getTime();
    periods.push([from, to]);
    if (isSupplierRole(r.role) && from <= t && t < to) {
      supplierSince = supplierSince === null ? from : Math.min(supplierSince, from);
    }
  }
  return periods.length === 0 ? NO_TITLE_ACCESS : { periods, supplierSince };
}

/** True when the access covers a record made at `atMs`. */
export function titleVisibleAt(access: TitleAccess, atMs: number): boolean {
  if (access.supplierSince !== null && atMs < access.supplierSince) return true;
  for (const [from, to] of access.periods) if (from <= atMs && atMs < to) return true;
  return false;
}
