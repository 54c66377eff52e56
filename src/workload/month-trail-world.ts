// The month-trail generator's view of the estate: devices with their behaviour, registrations, Users.
import type { DeviceType, SmiStatus } from '../core/devices.ts';
import type { Eui64 } from '../core/eui64.ts';
import type { Mpxn } from '../core/mpxn.ts';
import type { Random } from '../core/random.ts';
import type { RegistrationRole, UserRole } from '../core/roles.ts';
import { DEFAULT_PROFILES } from '../devices/profiles.ts';
import { createResolver, type ResolvedProfile } from '../devices/resolve.ts';
import type { Device, Registration } from '../inventory/types.ts';
import type { Estate } from '../store/dsp-port.ts';
import { canonical, dealUsers, type UserInfo } from './month-trail-users.ts';
import { PARTIES } from './parties.ts';

export type { UserInfo } from './month-trail-users.ts';

/** One device as the generator sees it: the inventory record and what the hot path needs. */
export interface Unit {
  readonly id: Eui64;
  readonly type: DeviceType;
  readonly mpxn: Mpxn | null;
  /** Its supply point is an MPAN (electricity) rather than an MPRN. */
  readonly electric: boolean;
  readonly smets1: boolean;
  readonly region: number;
  /** SMI status at the end of the window (what the inventory holds). */
  readonly status: SmiStatus;
  readonly profile: ResolvedProfile;
  /** Registrations of its supply point (shared by the devices serving it). */
  readonly point: SupplyPoint | null;
  /** Commissioned from this instant (ms); Infinity while it never is. */
  activeFrom: number;
  /** Every Command goes unanswered from this instant (a hub that lost its SM WAN). */
  darkFrom: number;
  /** Its supplier sends nothing to it in [quietFrom, quietTo) (no read before a CoS gain). */
  quietFrom: number;
  quietTo: number;
}

interface Holding {
  readonly role: RegistrationRole;
  readonly user: UserInfo;
  readonly from: number;
  to: number;
}

/** The registration history of one supply point, as the world keeps it. */
export interface SupplyPoint {
  readonly holdings: Holding[];
}

/** Everything the generator reads about the estate, and the changes it makes to it. */
export interface TrailWorld {
  readonly units: readonly Unit[];
  readonly unitsAt: ReadonlyMap<string, readonly Unit[]>;
  readonly users: ReadonlyMap<string, UserInfo>;
  readonly usersByRole: ReadonlyMap<UserRole, readonly UserInfo[]>;
  /** The User holding `role` for the device's supply point at instant `t`. */
  holder(unit: Unit, role: RegistrationRole, t: number): UserInfo | undefined;
  /** The open registration of a role, if any: its holder and start. */
  openHolding(mpxn: Mpxn, role: RegistrationRole): { user: UserInfo; from: number } | undefined;
  /** Records a registration (a new supply point, or a gain that ends the open one). */
  register(registration: Registration): void;
  /** Adds a device, Commissioned from `activeFrom` (Infinity: never in the window). */
  addUnit(device: Device, activeFrom: number): Unit;
  /** A role's supplier Users weighted by their party's market share (PARTIES). */
  suppliers(role: 'ImportSupplier' | 'GasSupplier'): readonly (readonly [UserInfo, number])[];
  /** The Network Operator registered for the region's supply points (as the estate has them). */
  operatorOf(
    role: 'ElectricityDistributor' | 'GasTransporter',
    region: number,
  ): UserInfo | undefined;
}

/** Builds the world from a loaded estate; `random` deals out the Users' qualities. */
export function createTrailWorld(estate: Estate, random: Random): TrailWorld {
  const resolver = createResolver(DEFAULT_PROFILES);
  const users = dealUsers(estate.users, random);
  const usersByRole = new Map<UserRole, UserInfo[]>();
  for (const u of users.values()) usersByRole.set(u.role, [...(usersByRole.get(u.role) ?? []), u]);
  const units: Unit[] = [];
  const unitsAt = new Map<string, Unit[]>();
  const points = new Map<string, SupplyPoint>();
  const pointOf = (mpxn: Mpxn): SupplyPoint => {
    let point = points.get(mpxn);
    if (point === undefined) {
      point = { holdings: [] };
      points.set(mpxn, point);
    }
    return point;
  };

  const addUnit = (d: Device, activeFrom: number): Unit => {
    const unit: Unit = {
      id: d.id,
      type: d.type,
      mpxn: d.mpxn,
      electric: d.mpxn !== null && d.mpxn.length === 13,
      smets1: d.smets === 'SMETS1',
      region: d.region,
      status: d.status,
      profile: resolver.resolve(d, d.smets, d.type),
      point: d.mpxn === null ? null : pointOf(d.mpxn),
      activeFrom,
      darkFrom: Infinity,
      quietFrom: 0,
      quietTo: 0,
    };
    units.push(unit);
    if (d.mpxn !== null) {
      const list = unitsAt.get(d.mpxn);
      if (list) list.push(unit);
      else unitsAt.set(d.mpxn, [unit]);
    }
    return unit;
  };
  const register = (r: Registration): void => {
    const user = users.get(r.userId);
    if (user === undefined) return;
    const from = r.from.getTime();
    const list = pointOf(r.mpxn).holdings;
    const role = canonical(r.role);
    for (const h of list) if (h.role === role && h.to === Infinity && h.from < from) h.to = from;
    list.push({ role, user, from, to: r.to?.getTime() ?? Infinity });
  };

  for (const d of estate.devices)
    addUnit(d, d.status === 'Commissioned' ? d.statusSince.getTime() : Infinity);
  for (const r of estate.registrations) register(r);
  const operators = new Map<string, UserInfo>();
  for (const unit of units)
    for (const h of unit.point?.holdings ?? [])
      if (h.role === 'ElectricityDistributor' || h.role === 'GasTransporter')
        operators.set(`${h.role}/${unit.region}`, h.user);
  const share = new Map(PARTIES.map((p) => [p.partyId, p.share ?? 1]));
  const weighted = (role: UserRole): (readonly [UserInfo, number])[] =>
    (usersByRole.get(role) ?? []).map((u) => [u, share.get(u.partyId) ?? 1] as const);
  const suppliers = {
    ImportSupplier: weighted('ImportSupplier'),
    GasSupplier: weighted('GasSupplier'),
  };

  return {
    units,
    unitsAt,
    users,
    usersByRole,
    holder(unit, role, t) {
      const list = unit.point?.holdings;
      if (list === undefined) return undefined;
      for (const h of list) if (h.role === role && h.from <= t && t < h.to) return h.user;
      return undefined;
    },
    openHolding(mpxn, role) {
      const h = points.get(mpxn)?.holdings.find((x) => x.role === role && x.to === Infinity);
      return h && { user: h.user, from: h.from };
    },
    register,
    addUnit,
    suppliers: (role) => suppliers[role],
    operatorOf: (role, region) => operators.get(`${role}/${region}`),
  };
}
