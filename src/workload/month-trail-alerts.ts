// Network-operator Alerts of the month trail: power outages and restorations (N999, 8F35), and
// N16 "Device Identity Confirmation" followed by N42 "Security Credentials Updated on the Device".
import type { Random } from '../core/random.ts';
import { generatePowerEvents, type PowerEventOptions } from '../devices/power.ts';
import type { Exchanges, Sent } from './month-trail-exchange.ts';
import type { SrvInfo } from './month-trail-records.ts';
import { DAY_MS, HOUR_MS } from './month-trail-time.ts';
import type { TrailWorld, Unit, UserInfo } from './month-trail-world.ts';

const Z95 = 1.6448536269514722;

/** A log-normal delay in ms with the given median and 95th percentile. */
export function logNormalMs(random: Random, median: number, p95: number): number {
  return Math.exp(Math.log(median) + (Math.log(p95 / median) / Z95) * random.normal(0, 1));
}

/** How often ESMEs lose power (defaults of src/devices/power.ts: 0.8 a year, 3% unrestored). */
export type PowerRates = Pick<PowerEventOptions, 'outagesPerYear' | 'unrestoredShare'>;

/** What {@link writePowerAlerts} wrote. */
export interface PowerAlertCounts {
  readonly outages: number;
  readonly restorations: number;
  /** Outages with no restoration Alert in the window (MP176 reports these to the DNO). */
  readonly unrestored: number;
}

/**
 * Outages of ESMEs commissioned before the window (src/devices/power.ts), reported to the
 * Electricity Distributor holding the supply point: the DCC's power outage Alert (opendsp's
 * N999, PowerOutageEvent) and the ESME's "Supply Outage Restore Alert" 8F35 when restored.
 */
export function writePowerAlerts(input: {
  readonly world: TrailWorld;
  readonly exchanges: Exchanges;
  readonly random: Random;
  readonly window: { readonly from: number; readonly to: number };
  readonly rates?: PowerRates;
}): PowerAlertCounts {
  const { world, exchanges, random, window } = input;
  const esmes = world.units.filter((u) => u.type === 'ESME' && u.activeFrom <= window.from);
  const byId = new Map(esmes.map((u) => [u.id as string, u]));
  const events = generatePowerEvents(random.int(0, 2 ** 31 - 1), {
    from: new Date(window.from),
    to: new Date(window.to),
    devices: esmes,
    ...input.rates,
  });
  const open = new Set<string>();
  let outages = 0;
  let restorations = 0;
  for (const e of events) {
    const unit = byId.get(e.deviceId);
    if (unit?.mpxn == null) continue;
    const at = e.at.getTime();
    const recipient = world.holder(unit, 'ElectricityDistributor', at);
    if (recipient === undefined) continue;
    const outage = e.kind === 'outage';
    const sent = exchanges.alert({
      code: outage ? 'N999' : '8F35',
      eventAt: at,
      delayMs: outage ? logNormalMs(random, 6_000, 40_000) : logNormalMs(random, 3_000, 15_000),
      recipient: recipient.id,
      unit,
    });
    if (!sent) continue;
    if (outage) {
      outages += 1;
      open.add(e.deviceId);
    } else if (open.delete(e.deviceId)) {
      restorations += 1;
    }
  }
  return { outages, restorations, unrestored: open.size };
}

/** Writes N16 after an identity confirmation and, depending on the supplier, N42 after it. */
export type ConfirmIdentity = (input: {
  /** The ESME confirmed (commissioned, or its credentials replaced on a gain). */
  readonly unit: Unit;
  /** The request that confirmed it (8.1.1 or 6.23) and its sender. */
  readonly sent: Sent;
  readonly srv: SrvInfo;
  readonly user: UserInfo;
}) => void;

/**
 * Creates the N16 / N42 writer. Alerts go to the Electricity Distributor and carry the
 * triggering request's identifiers, so MP176's "N42 within seven days of N16, split by Energy
 * Supplier" can name the supplier. Each supplier updates credentials on time for its own share
 * of devices (UserInfo.credentialsOnTime); of the rest, about half are late and half never done.
 */
export function createIdentityAlerts(input: {
  readonly world: TrailWorld;
  readonly exchanges: Exchanges;
  readonly random: Random;
}): ConfirmIdentity {
  const { world, exchanges, random } = input;
  return ({ unit, sent, srv, user }) => {
    if (unit.mpxn === null || !sent.ok) return;
    const distributor = world.holder(unit, 'ElectricityDistributor', sent.doneAt);
    if (distributor === undefined) return;
    const about = { requestId: sent.requestId, srv, user };
    const confirmedAt = sent.doneAt + logNormalMs(random, 4_000, 20_000);
    exchanges.alert({
      code: 'N16',
      eventAt: sent.doneAt,
      delayMs: confirmedAt - sent.doneAt,
      recipient: distributor.id,
      unit,
      about,
    });
    const r = random.next();
    let after: number;
    if (r < user.credentialsOnTime) {
      after = Math.min(7 * DAY_MS - HOUR_MS, logNormalMs(random, 20 * HOUR_MS, 5 * DAY_MS));
    } else if (r < user.credentialsOnTime + (1 - user.credentialsOnTime) * 0.5) {
      after = 7 * DAY_MS + random.next() * 18 * DAY_MS;
    } else {
      return;
    }
    const updatedAt = confirmedAt + after;
    exchanges.alert({
      code: 'N42',
      eventAt: updatedAt,
      delayMs: logNormalMs(random, 3_000, 15_000),
      recipient: distributor.id,
      unit,
      about,
    });
  };
}
