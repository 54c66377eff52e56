// Writes a month of Service Audit Trail records straight to the store, fast and seeded, with the
// business processes and Alerts MP176's Customer Analytics Reports are computed from.
import type { AuditKind } from '../audit/records.ts';
import type { Catalogue } from '../catalogue/index.ts';
import { InvalidValueError } from '../core/errors.ts';
import { createRandom } from '../core/random.ts';
import type { Estate } from '../store/dsp-port.ts';
import type { Store } from '../store/port.ts';
import { createIdentityAlerts, writePowerAlerts, type PowerRates } from './month-trail-alerts.ts';
import { writeGains } from './month-trail-cos.ts';
import { createExchanges } from './month-trail-exchange.ts';
import { writeInstalls } from './month-trail-installs.ts';
import { createPremisesFactory } from './month-trail-premises.ts';
import { drainTimeline } from './month-trail-drain.ts';
import { createSrvTable, createTimeline } from './month-trail-records.ts';
import { HOUR_MS, ukDays, ukOffsetMs, type TrailIncident } from './month-trail-time.ts';
import { createOrdinaryTraffic } from './month-trail-traffic.ts';
import { createTrailWorld } from './month-trail-world.ts';

export type { PowerRates } from './month-trail-alerts.ts';
export type { TrailIncident } from './month-trail-time.ts';

/** The part of the store the generator writes to. */
export type MonthTrailStore = Pick<
  Store,
  'appendAudit' | 'insertDevices' | 'insertRegistrations' | 'insertJoins' | 'replaceRegistration'
>;

/** Options for {@link writeMonthTrail}. */
export interface MonthTrailOptions {
  readonly store: MonthTrailStore;
  /** The estate as loaded from the same store (`loadEstate()`). */
  readonly estate: Estate;
  readonly catalogue: Catalogue;
  readonly seed: number;
  /** Window start, inclusive (typically UK midnight on the 1st of a month). */
  readonly from: Date;
  /** Window end, exclusive. */
  readonly to: Date;
  /** Ordinary Service Requests per device per day (GB average about 0.6). */
  readonly rate: number;
  /**
   * Days before `from` written as history (default 56): only their installs (8.14.1 / 8.14.2),
   * so install volumes can be predicted, and old suppliers' reads before the window's gains.
   */
  readonly installHistoryDays?: number;
  /** Periods in which Devices fail and go unanswered more often. */
  readonly incidents?: readonly TrailIncident[];
  /** Audit records per appended batch (default 245,760: two DuckDB row groups; measured fastest). */
  readonly batchSize?: number;
  /** New premises per working day (default: 0.8% of premises a month, as GB installs run). */
  readonly installsPerWorkingDay?: number;
  /** Share of supply points changing supplier per 30 days (default 0.01). */
  readonly cosShare?: number;
  /** Power outage rates of ESMEs (default 0.8 a year, 3% never restored). */
  readonly power?: PowerRates;
  /** Called after each hour is generated, with hours done and the total. */
  readonly onProgress?: (done: number, total: number) => void;
}

/** What a run wrote. */
export interface MonthTrailSummary {
  readonly records: number;
  readonly byKind: Readonly<Record<AuditKind, number>>;
  readonly requests: number;
  /** 8.14.1 in the window. */
  readonly installs: number;
  /** 8.14.2 in the window. */
  readonly installAndLeave: number;
  /** Installs written for the history days before the window. */
  readonly historyInstalls: number;
  readonly cosGains: number;
  readonly newDevices: number;
  readonly powerOutages: number;
  readonly unrestoredOutages: number;
  readonly seconds: number;
  readonly recordsPerSecond: number;
}

/**
 * Generates the window hour by hour and appends the records in time order, IDs rising with time.
 * Business processes (installs, gains, Alerts) are laid out first, into hour buckets; ordinary
 * traffic is drawn as each hour comes. Records of a request sent before `to` are all written,
 * even when its response comes just after; Alerts not caused by a request stop at `to`. One
 * batch is written while the next is generated.
 */
export async function writeMonthTrail(options: MonthTrailOptions): Promise<MonthTrailSummary> {
  const started = performance.now();
  const { store, catalogue } = options;
  const window = { from: options.from.getTime(), to: options.to.getTime() };
  if (!(window.to > window.from))
    throw new InvalidValueError('to', options.to, 'must be after from');
  if (!(options.rate >= 0)) throw new InvalidValueError('rate', options.rate, 'must be 0 or more');
  const random = createRandom(options.seed);
  const world = createTrailWorld(options.estate, random.fork('users'));
  const days = ukDays(window, options.installHistoryDays ?? 56);
  const start = Math.min(days[0]?.start ?? window.from, window.from);
  const hours = Math.ceil((window.to - start) / HOUR_MS) + 2;
  const timeline = createTimeline(start, hours);
  const exchanges = createExchanges({
    timeline,
    random: random.fork('outcomes'),
    incidents: options.incidents ?? [],
    until: window.to,
  });
  const srvs = createSrvTable(catalogue);
  const confirm = createIdentityAlerts({ world, exchanges, random: random.fork('identity') });
  const hubs = world.units.filter((u) => u.type === 'CHF').length;
  const premises = createPremisesFactory({
    world,
    random: random.fork('premises'),
    // 2^39 + 2^38 (beyond the estate generator's range) plus 2^24 per calendar month.
    idBase: 2 ** 39 + 2 ** 38 + monthIndex(options.from) * 2 ** 24,
  });
  const installs = writeInstalls({
    exchanges,
    srvs,
    random: random.fork('installs'),
    premises,
    confirm,
    days,
    window,
    perWorkingDay: options.installsPerWorkingDay ?? (hubs * 0.008 * 12) / 252,
  });
  const gains = writeGains({
    world,
    exchanges,
    srvs,
    random: random.fork('gains'),
    confirm,
    days,
    window,
    historyFrom: start,
    share: options.cosShare ?? 0.01,
  });
  const power = writePowerAlerts({
    world,
    exchanges,
    random: random.fork('power'),
    window,
    ...(options.power ? { rates: options.power } : {}),
  });
  const traffic = createOrdinaryTraffic({
    world,
    exchanges,
    srvs,
    catalogue,
    random: random.fork('traffic'),
    rate: options.rate,
  });

  const devices = premises.devices();
  const byKind = await drainTimeline({
    store,
    timeline,
    traffic,
    window,
    batchSize: options.batchSize ?? 245_760,
    before: (async () => {
      await store.insertDevices(devices);
      await store.insertRegistrations(premises.registrations);
      await store.insertJoins(premises.joins);
      for (const gain of gains) await store.replaceRegistration(gain);
    })(),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
  const records = Object.values(byKind).reduce((a, b) => a + b, 0);
  const seconds = (performance.now() - started) / 1000;
  return {
    records,
    byKind,
    requests: exchanges.requests(),
    installs: installs.installs,
    installAndLeave: installs.installAndLeave,
    historyInstalls: installs.history,
    cosGains: gains.length,
    newDevices: devices.length,
    powerOutages: power.outages,
    unrestoredOutages: power.unrestored,
    seconds,
    recordsPerSecond: records / seconds,
  };
}

/** UK calendar months since January 2020, to keep each month's new device IDs apart. */
function monthIndex(at: Date): number {
  const local = new Date(at.getTime() + ukOffsetMs(at.getTime()));
  return Math.max(0, (local.getUTCFullYear() - 2020) * 12 + local.getUTCMonth());
}
