// New premises for the month trail's installs: SMETS2 devices, supply points and registrations,
// added to the world and collected for the store.
import type { DeviceType } from '../core/devices.ts';
import type { Eui64 } from '../core/eui64.ts';
import { mpanWithCheckDigit, type Mpxn } from '../core/mpxn.ts';
import type { Random } from '../core/random.ts';
import { REGIONS } from '../core/regions.ts';
import type { RegistrationRole } from '../core/roles.ts';
import type { Device, HanJoin, Registration } from '../inventory/types.ts';
import { MODELS, type ModelSpec } from './models.ts';
import { DAY_MS } from './month-trail-time.ts';
import type { TrailWorld, Unit, UserInfo } from './month-trail-world.ts';
import { formatEui64 } from './parties.ts';

/** The devices of one new premises and the Users registered for it. */
export interface NewPremises {
  readonly hub: Unit;
  readonly esme?: Unit;
  readonly gsme?: Unit;
  readonly gpf?: Unit;
  readonly ihd?: Unit;
  /** The supplier that installs: the Import Supplier, or the Gas Supplier of a gas-only site. */
  readonly installer: UserInfo;
  readonly gasSupplier?: UserInfo;
}

/** Creates premises and remembers what the store must be given. */
export interface PremisesFactory {
  /** A premises installed at `at`, its devices InstalledNotCommissioned until commissioned. */
  create(at: number): NewPremises;
  /** Records that a device became Commissioned at `at` (its final SMI status). */
  commissioned(unit: Unit, at: number): void;
  /** Records a HAN join the SMI now holds. */
  join(other: Unit, target: Unit, at: number): void;
  /** What to write to the store. */
  readonly devices: () => Device[];
  readonly registrations: readonly Registration[];
  readonly joins: readonly HanJoin[];
}

const NETWORK_FROM = new Date(Date.UTC(2010, 0, 1));
const FUELS = [
  ['dual', 62],
  ['electricity', 34],
  ['gas', 4],
] as const;

/** Creates the factory; `idBase` keeps this run's device IDs apart from other runs'. */
export function createPremisesFactory(input: {
  readonly world: TrailWorld;
  readonly random: Random;
  readonly idBase: number;
}): PremisesFactory {
  const { world, random } = input;
  const drafts: { device: Device; unit: Unit }[] = [];
  const since = new Map<Eui64, number>();
  const registrations: Registration[] = [];
  const joins: HanJoin[] = [];
  const taken = new Set<string>(world.units.map((u) => u.id));
  const importers = world.suppliers('ImportSupplier');
  const gasSuppliers = world.suppliers('GasSupplier');
  let serial = 0;

  const modelFor = (type: DeviceType, region: number): ModelSpec => {
    const csp = REGIONS.find((r) => r.distributorId === region)?.cspRegion;
    const models = MODELS.filter(
      (m) =>
        m.type === type &&
        m.smets === 'SMETS2' &&
        (!m.cspRegions || (csp !== undefined && m.cspRegions.includes(csp))),
    ).map((m) => [m, m.share] as const);
    return random.weighted(models);
  };
  /** A device, InstalledNotCommissioned until {@link PremisesFactory.commissioned} says otherwise. */
  const device = (spec: {
    type: DeviceType;
    mpxn: Mpxn;
    region: number;
    at: number;
    model: ModelSpec;
  }): Unit => {
    const { model } = spec;
    let id: Eui64;
    do id = formatEui64(model.prefix, input.idBase + serial++);
    while (taken.has(id));
    taken.add(id);
    const d: Device = {
      id,
      type: spec.type,
      manufacturer: model.manufacturer,
      model: model.model,
      firmwareVersion: random.weighted(model.firmware),
      smets: 'SMETS2',
      region: spec.region,
      mpxn: spec.mpxn,
      status: 'InstalledNotCommissioned',
      statusSince: new Date(spec.at),
    };
    const unit = world.addUnit(d, Infinity);
    drafts.push({ device: d, unit });
    return unit;
  };
  const supplyPoint = (make: () => string): Mpxn => {
    let mpxn: string;
    do mpxn = make();
    while (world.unitsAt.has(mpxn));
    return mpxn as Mpxn;
  };
  const register = (
    mpxn: Mpxn,
    role: RegistrationRole,
    holder: { readonly user: UserInfo | undefined; readonly from: Date },
  ): void => {
    const { user, from } = holder;
    if (user === undefined) return;
    const r: Registration = { mpxn, role, userId: user.id, from, to: null };
    registrations.push(r);
    world.register(r);
  };

  return {
    create(at) {
      const region = world.units[random.int(0, world.units.length - 1)]?.region ?? 10;
      const fuel = random.weighted(FUELS);
      const supplied = new Date(at - random.int(30, 3000) * DAY_MS);
      const importer = random.weighted(importers);
      const mpan =
        fuel === 'gas'
          ? undefined
          : supplyPoint(() =>
              mpanWithCheckDigit(
                `${region}${String(random.int(0, 9_999_999_999)).padStart(10, '0')}`,
              ),
            );
      const mprn =
        fuel === 'electricity'
          ? undefined
          : supplyPoint(() => String(random.int(1_000_000_000, 9_999_999_999)));
      const sameParty = gasSuppliers.find(([u]) => u.partyId === importer.partyId)?.[0];
      const gasSupplier =
        mprn === undefined
          ? undefined
          : sameParty && random.chance(0.7)
            ? sameParty
            : random.weighted(gasSuppliers);
      if (mpan) {
        register(mpan, 'ImportSupplier', { user: importer, from: supplied });
        const distributor = world.operatorOf('ElectricityDistributor', region);
        register(mpan, 'ElectricityDistributor', { user: distributor, from: NETWORK_FROM });
      }
      if (mprn) {
        register(mprn, 'GasSupplier', { user: gasSupplier, from: supplied });
        const transporter = world.operatorOf('GasTransporter', region);
        register(mprn, 'GasTransporter', { user: transporter, from: NETWORK_FROM });
      }
      const primary = (mpan ?? mprn) as Mpxn;
      const make = (type: DeviceType, mpxn: Mpxn, model = modelFor(type, region)): Unit =>
        device({ type, mpxn, region, at, model });
      const hubModel = modelFor('CHF', region);
      const hub = make('CHF', primary, hubModel);
      const esme = mpan ? make('ESME', mpan) : undefined;
      const gsme = mprn ? make('GSME', mprn) : undefined;
      // The GPF is a function of the hub: same model (as the estate generator has it).
      const gpf = mprn ? make('GPF', mprn, hubModel) : undefined;
      const ihd = random.chance(0.9) ? make('IHD', primary) : undefined;
      const installer = mpan || !gasSupplier ? importer : gasSupplier;
      return { hub, esme, gsme, gpf, ihd, installer, ...(gasSupplier ? { gasSupplier } : {}) };
    },
    commissioned(unit, at) {
      unit.activeFrom = Math.min(unit.activeFrom, at);
      since.set(unit.id, at);
    },
    join(other, target, at) {
      joins.push({
        deviceId: other.id,
        targetId: target.id,
        joinedAt: new Date(at),
        unjoinedAt: null,
      });
    },
    devices: () =>
      drafts.map(({ device: d }) => {
        const at = since.get(d.id);
        return at === undefined ? d : { ...d, status: 'Commissioned', statusSince: new Date(at) };
      }),
    registrations,
    joins,
  };
}
