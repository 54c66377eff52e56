// Ordinary month-trail traffic: every supplier and network operator User following TRAFFIC_MIX,
// sent by whoever holds the registration at that moment.
import type { Catalogue, DuisRefusalReason } from '../catalogue/index.ts';
import type { SmiStatus } from '../core/devices.ts';
import type { Random } from '../core/random.ts';
import type { RegistrationRole, UserRole } from '../core/roles.ts';
import type { Exchanges } from './month-trail-exchange.ts';
import type { SrvInfo } from './month-trail-records.ts';
import { DIURNAL, HOUR_MS, ukHour } from './month-trail-time.ts';
import type { TrailWorld, Unit, UserInfo } from './month-trail-world.ts';
import { ROLE_SHARE, TRAFFIC_MIX } from './traffic-mix.ts';

/** Options for {@link createOrdinaryTraffic}. */
export interface OrdinaryTrafficOptions {
  readonly world: TrailWorld;
  readonly exchanges: Exchanges;
  readonly srvs: (srv: string) => SrvInfo;
  readonly catalogue: Pick<Catalogue, 'rejectionCode' | 'ownership'>;
  readonly random: Random;
  /** Service Requests per device per day. */
  readonly rate: number;
}

/** Writes the ordinary requests of a span of time (at most an hour). */
export type OrdinaryTraffic = (span: { readonly from: number; readonly to: number }) => void;

/**
 * SRVs the generator writes as business processes of their own (installs, Change of Supplier),
 * so that MP176's install and CoS counts are not inflated by random draws of them.
 */
const PROCESS_SRVS = new Set(['8.14.1', '8.14.2', '6.23']);
/** Share of requests sent by a User who does not hold the registration (refused with E4). */
const STRAY = 0.01;
/** Share sent to a device whose SMI status refuses them (E5). */
const MISDIRECTED = 0.002;
/**
 * Share refused for the sender's own mistakes, before its failure factor. Only mistakes DUIS
 * answers with a response code: schema, signature and replay failures are refused at the HTTP
 * level and never become Service Responses (catalogue `refusals`).
 */
const SENDER_ERRORS = 0.004;
const SENDER_REASONS: readonly (readonly [DuisRefusalReason, number])[] = [
  ['command-variant', 4],
  ['wrong-url', 2],
  ['target-type', 2],
  ['device-unknown', 1],
];
/** SMI statuses in which the DSP refuses device Service Requests (src/dsp/checks.ts). */
const REFUSED: ReadonlySet<SmiStatus> = new Set([
  'Pending',
  'Whitelisted',
  'Suspended',
  'Decommissioned',
  'Withdrawn',
  'Recovery',
]);
const DIURNAL_SUM = DIURNAL.reduce((a, b) => a + b, 0);

interface Entry {
  readonly srv: SrvInfo;
  /** Candidate devices per target type: Commissioned ones, and ones the DSP refuses (E5). */
  readonly active: readonly (readonly Unit[])[];
  readonly refused: readonly (readonly Unit[])[];
  /** The sender must hold a registration of the device (not `any-eligible`). */
  readonly owned: boolean;
}

interface RoleMix {
  readonly role: UserRole;
  readonly supplier: boolean;
  readonly mix: readonly (readonly [Entry, number])[];
}

/** Devices each role can address, by type: those whose supply point it has a registration for. */
function candidates(world: TrailWorld, roles: readonly UserRole[]): Map<string, Unit[]> {
  const lists = new Map<string, Unit[]>();
  for (const unit of world.units) {
    const kind =
      unit.activeFrom !== Infinity ? 'active' : REFUSED.has(unit.status) ? 'refused' : '';
    if (kind === '') continue;
    for (const role of roles) {
      if (
        role !== 'OtherUser' &&
        (unit.mpxn === null || !world.openHolding(unit.mpxn, role as RegistrationRole))
      )
        continue;
      const key = `${kind}/${role}/${unit.type}`;
      const list = lists.get(key);
      if (list) list.push(unit);
      else lists.set(key, [unit]);
    }
  }
  return lists;
}

/** Creates the traffic writer; candidate devices are indexed once, here. */
export function createOrdinaryTraffic(options: OrdinaryTrafficOptions): OrdinaryTraffic {
  const { world, exchanges, srvs, catalogue, random } = options;
  const shares = (Object.entries(ROLE_SHARE) as [UserRole, number][]).filter(
    ([role]) => (world.usersByRole.get(role)?.length ?? 0) > 0 && TRAFFIC_MIX[role] !== undefined,
  );
  const lists = candidates(
    world,
    shares.map(([role]) => role),
  );
  const roles = shares.map(([role, share]): readonly [RoleMix, number] => {
    const entries = (TRAFFIC_MIX[role] ?? []).filter((e) => !PROCESS_SRVS.has(e.srv));
    const mix = entries.map((e) => {
      const of = (kind: string): Unit[][] =>
        e.targets.map((t) => lists.get(`${kind}/${role}/${t}`) ?? []);
      const owned = catalogue.ownership(e.srv, role) !== 'any-eligible';
      return [
        { srv: srvs(e.srv), active: of('active'), refused: of('refused'), owned },
        e.weight,
      ] as const;
    });
    const supplier = role !== 'ElectricityDistributor' && role !== 'GasTransporter';
    return [{ role, supplier, mix }, share];
  });
  const codes = {
    stray: catalogue.rejectionCode('not-responsible').code,
    status: catalogue.rejectionCode('device-status').code,
    sender: SENDER_REASONS.map(([r, w]) => [catalogue.rejectionCode(r).code, w] as const),
  };
  const perHour = (world.units.length * options.rate) / DIURNAL_SUM;
  const others = (role: UserRole, not: UserInfo | undefined): UserInfo | undefined => {
    const pool = world.usersByRole.get(role) ?? [];
    const other = pool[random.int(0, pool.length - 1)];
    return other === not ? undefined : other;
  };

  const draw = (at: number): void => {
    const { role, supplier, mix } = random.weighted(roles);
    const entry = random.weighted(mix);
    const misdirected = random.chance(MISDIRECTED);
    const lists = misdirected ? entry.refused : entry.active;
    const list = lists[lists.length === 1 ? 0 : random.int(0, lists.length - 1)];
    if (list === undefined || list.length === 0) return;
    let unit: Unit | undefined;
    for (let tries = 0; tries < 4 && unit === undefined; tries++) {
      const u = list[random.int(0, list.length - 1)];
      if (u === undefined || u.mpxn === null) continue;
      if (!misdirected && u.activeFrom > at) continue;
      if (supplier && at >= u.quietFrom && at < u.quietTo) continue;
      unit = u;
    }
    if (unit === undefined || unit.mpxn === null) return;
    const holder =
      role === 'OtherUser'
        ? others(role, undefined)
        : world.holder(unit, role as RegistrationRole, at);
    if (holder === undefined) return;
    let user = holder;
    let refuse: string | undefined;
    if (random.chance(STRAY)) {
      const stray = others(role, holder);
      if (stray !== undefined) {
        user = stray;
        if (entry.owned) refuse = codes.stray;
      }
    }
    if (misdirected) refuse ??= codes.status;
    if (random.chance(SENDER_ERRORS * user.failureFactor)) refuse ??= random.weighted(codes.sender);
    // 8.2 Read Inventory names its device in the body; the DSP records it against no device.
    exchanges.send({
      at,
      user,
      srv: entry.srv,
      unit: entry.srv.nonDevice ? null : unit,
      ...(refuse ? { refuse } : {}),
    });
  };

  return ({ from, to }) => {
    if (to <= from) return;
    const expected = perHour * (DIURNAL[ukHour(from)] ?? 1) * ((to - from) / HOUR_MS);
    const count = Math.max(0, Math.round(random.normal(expected, Math.sqrt(expected))));
    for (let i = 0; i < count; i++) draw(from + Math.floor(random.next() * (to - from)));
  };
}
