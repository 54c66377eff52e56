// Generates a plausible, reproducible smart metering estate in batches.
import type { DeviceType, SmetsGeneration, SmiStatus } from '../core/devices.ts';
import { mpanWithCheckDigit, type Mprn, type Mpxn } from '../core/mpxn.ts';
import { createRandom } from '../core/random.ts';
import { REGIONS, type Region } from '../core/regions.ts';
import type { DccUser, Device, HanJoin, Registration } from '../inventory/types.ts';
import { MODELS, type ModelSpec } from './models.ts';
import { formatEui64, type Market } from './parties.ts';

/** Options for {@link generateEstate}. */
export interface EstateOptions {
  /** Exact number of devices to create. */
  readonly devices: number;
  readonly seed: number;
  readonly market: Market;
  /** The estate is as it stands at this instant; nothing is dated after it. */
  readonly asOf: Date;
  /** Devices per yielded batch (default 50,000). */
  readonly batchSize?: number;
}

/** One batch of generated records. */
export interface EstateBatch {
  readonly devices: Device[];
  readonly joins: HanJoin[];
  readonly registrations: Registration[];
}

/** Approximate share of GB meter points per region (distributor ID → millions). */
const REGION_WEIGHTS: readonly (readonly [Region, number])[] = REGIONS.map((r) => [
  r,
  (
    {
      10: 3.6,
      11: 2.6,
      12: 2.3,
      13: 1.5,
      14: 2.5,
      15: 1.6,
      16: 2.4,
      17: 0.8,
      18: 2.0,
      19: 2.3,
      20: 3.0,
      21: 1.1,
      22: 1.6,
      23: 2.3,
    } as Record<number, number>
  )[r.distributorId] ?? 1,
]);

type Fuel = 'dual' | 'electricity' | 'gas';

const DAY = 86_400_000;
const SMETS1_START = Date.UTC(2013, 0, 1);
const SMETS1_END = Date.UTC(2018, 11, 31);
const SMETS2_START = Date.UTC(2018, 5, 1);
const NETWORK_FROM = new Date(Date.UTC(2010, 0, 1));

interface Premises {
  readonly index: number;
  readonly region: Region;
  readonly fuel: Fuel;
  readonly smets: SmetsGeneration;
  readonly installedAt: number;
  readonly prepayment: boolean;
}

const METER_STATUSES: readonly (readonly [SmiStatus, number])[] = [
  ['Commissioned', 955],
  ['InstalledNotCommissioned', 25],
  ['Suspended', 5],
  ['Decommissioned', 15],
];

const HAN_STATUSES: readonly (readonly [SmiStatus, number])[] = [
  ['Commissioned', 940],
  ['Whitelisted', 20],
  ['Pending', 15],
  ['InstalledNotCommissioned', 15],
  ['Decommissioned', 10],
];

const FUELS: readonly (readonly [Fuel, number])[] = [
  ['dual', 62],
  ['electricity', 34],
  ['gas', 4],
];

/** Generates the estate; yields batches so memory stays flat at any size. */
export function* generateEstate(options: EstateOptions): Generator<EstateBatch> {
  const { market, asOf } = options;
  const batchSize = options.batchSize ?? 50_000;
  const random = createRandom(options.seed);
  const end = asOf.getTime() - 30 * DAY;
  // Manufacturers hand out device IDs in sequence under their own prefix; so does the generator.
  const idOffset = random.int(0, 2 ** 39);
  // Supply point numbers rise with the premises index (distinct strides keep them unique), so
  // a batch's MPxNs arrive in order, as a distributor's ranges would.
  const mpanOffset = random.int(0, 999_999_999);
  const choose = new Map<string, readonly (readonly [ModelSpec, number])[]>();
  const modelFor = (type: DeviceType, smets: SmetsGeneration, region: Region): ModelSpec => {
    const key = `${type}/${smets}/${region.cspRegion}`;
    let options = choose.get(key);
    if (!options) {
      options = MODELS.filter(
        (m) =>
          m.type === type &&
          m.smets === smets &&
          (!m.cspRegions || m.cspRegions.includes(region.cspRegion)),
      ).map((m) => [m, m.share] as const);
      choose.set(key, options);
    }
    return random.weighted(options);
  };

  let made = 0;
  let serial = 0;
  let batch: EstateBatch = { devices: [], joins: [], registrations: [] };

  const addDevice = (spec: {
    premises: Premises;
    type: DeviceType;
    mpxn: Mpxn | null;
    model?: ModelSpec;
  }): Device | undefined => {
    if (made >= options.devices) return undefined;
    const { premises } = spec;
    const model = spec.model ?? modelFor(spec.type, premises.smets, premises.region);
    serial += 1;
    const id = formatEui64(model.prefix, idOffset + serial);
    const meter =
      spec.type === 'ESME' || spec.type === 'GSME' || spec.type === 'CHF' || spec.type === 'GPF';
    const status = random.weighted(meter ? METER_STATUSES : HAN_STATUSES);
    const statusSince =
      status === 'Commissioned'
        ? premises.installedAt + random.int(0, 2) * DAY
        : Math.min(end, premises.installedAt + random.int(1, 400) * DAY);
    const device: Device = {
      id,
      type: spec.type,
      manufacturer: model.manufacturer,
      model: model.model,
      firmwareVersion: random.weighted(model.firmware),
      smets: premises.smets,
      region: premises.region.distributorId,
      mpxn: spec.mpxn,
      status,
      statusSince: new Date(statusSince),
    };
    batch.devices.push(device);
    made += 1;
    return device;
  };

  const join = (other: Device | undefined, target: Device | undefined, at: number): void => {
    if (!other || !target || other.smets === 'SMETS1') return;
    if (other.status !== 'Commissioned' || target.status !== 'Commissioned') return;
    batch.joins.push({
      deviceId: other.id,
      targetId: target.id,
      joinedAt: new Date(at),
      unjoinedAt: null,
    });
  };

  const supplierHistory = (
    mpxn: Mpxn,
    role: 'ImportSupplier' | 'GasSupplier' | 'ExportSupplier',
    first: { readonly holder: DccUser; readonly from: number },
  ): void => {
    let holder = first.holder;
    let from = first.from;
    const candidates = market.suppliers[role];
    const changes = random.chance(0.22) ? (random.chance(0.2) ? 2 : 1) : 0;
    for (let c = 0; c < changes; c++) {
      const at = random.int(Math.min(from + 60 * DAY, end), end);
      if (at <= from) break;
      let next = random.weighted(candidates);
      for (let tries = 0; next.userId === holder.userId && tries < 5; tries++)
        next = random.weighted(candidates);
      if (next.userId === holder.userId) break;
      batch.registrations.push({
        mpxn,
        role,
        userId: holder.userId,
        from: new Date(from),
        to: new Date(at),
      });
      holder = next;
      from = at;
    }
    batch.registrations.push({ mpxn, role, userId: holder.userId, from: new Date(from), to: null });
  };

  for (let index = 0; made < options.devices; index++) {
    const smets: SmetsGeneration = random.chance(0.28) ? 'SMETS1' : 'SMETS2';
    const installedAt =
      smets === 'SMETS1' ? random.int(SMETS1_START, SMETS1_END) : random.int(SMETS2_START, end);
    const premises: Premises = {
      index,
      region: random.weighted(REGION_WEIGHTS),
      fuel: random.weighted(FUELS),
      smets,
      installedAt: installedAt - (installedAt % DAY) + random.int(7, 17) * 3_600_000,
      prepayment: random.chance(0.14),
    };
    const supplyFrom = Math.min(
      premises.installedAt,
      random.int(NETWORK_FROM.getTime(), premises.installedAt),
    );
    const elec = premises.fuel !== 'gas';
    const gas = premises.fuel !== 'electricity';
    const mpan = elec
      ? mpanWithCheckDigit(
          `${premises.region.distributorId}${String((mpanOffset + index * 389) % 1e10).padStart(10, '0')}`,
        )
      : undefined;
    const mprn = gas ? (String(1e9 + ((mpanOffset + index * 1_213) % 9e9)) as Mprn) : undefined;
    const primary: Mpxn | null = mpan ?? mprn ?? null;

    const chf = addDevice({ premises, type: 'CHF', mpxn: primary });
    const esme = elec ? addDevice({ premises, type: 'ESME', mpxn: mpan ?? null }) : undefined;
    const gsme = gas ? addDevice({ premises, type: 'GSME', mpxn: mprn ?? null }) : undefined;
    const gpf =
      gas && smets === 'SMETS2' && chf
        ? addDevice({
            premises,
            type: 'GPF',
            mpxn: mprn ?? null,
            model: MODELS.find((m) => m.model === chf.model),
          })
        : undefined;
    const ihd = random.chance(0.9)
      ? addDevice({ premises, type: 'IHD', mpxn: primary })
      : undefined;
    const ppmid = premises.prepayment
      ? addDevice({ premises, type: 'PPMID', mpxn: primary })
      : undefined;
    const cad =
      smets === 'SMETS2' && random.chance(0.03)
        ? addDevice({ premises, type: 'CAD', mpxn: primary })
        : undefined;

    const t = premises.installedAt;
    join(gpf, gsme, t + 600_000);
    join(ihd, esme, t + 900_000);
    join(ihd, gpf, t + 960_000);
    join(ppmid, esme ?? gpf, t + 1_200_000);
    join(cad, esme, t + 1_500_000);

    const importSupplier = random.weighted(market.suppliers.ImportSupplier);
    if (mpan && (chf ?? esme)) {
      supplierHistory(mpan, 'ImportSupplier', { holder: importSupplier, from: supplyFrom });
      const ed = market.distributorOf.get(premises.region.distributorId);
      if (ed)
        batch.registrations.push({
          mpxn: mpan,
          role: 'ElectricityDistributor',
          userId: ed.userId,
          from: NETWORK_FROM,
          to: null,
        });
      if (smets === 'SMETS2' && random.chance(0.08)) {
        supplierHistory(mpan, 'ExportSupplier', {
          holder: random.weighted(market.suppliers.ExportSupplier),
          from: random.int(premises.installedAt, end),
        });
      }
    }
    if (mprn && (chf ?? gsme)) {
      const sameParty = market.suppliers.GasSupplier.find(
        ([u]) => u.partyId === importSupplier.partyId,
      );
      const gasSupplier =
        sameParty && random.chance(0.7)
          ? sameParty[0]
          : random.weighted(market.suppliers.GasSupplier);
      supplierHistory(mprn, 'GasSupplier', { holder: gasSupplier, from: supplyFrom });
      const gt = market.transporterOf.get(premises.region.distributorId);
      if (gt)
        batch.registrations.push({
          mpxn: mprn,
          role: 'GasTransporter',
          userId: gt.userId,
          from: NETWORK_FROM,
          to: null,
        });
    }

    if (batch.devices.length >= batchSize) {
      yield batch;
      batch = { devices: [], joins: [], registrations: [] };
    }
  }
  if (batch.devices.length > 0) yield batch;
}
