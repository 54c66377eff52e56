// Install and Commission in the month trail (MP176 Table 1): new premises per day, fewer at weekends
// and on bank holidays, each followed by the supplier's SRVs in the order an installer sends them.
import type { Random } from '../core/random.ts';
import type { ConfirmIdentity } from './month-trail-alerts.ts';
import type { Exchanges, Sent } from './month-trail-exchange.ts';
import type { NewPremises, PremisesFactory } from './month-trail-premises.ts';
import type { SrvInfo } from './month-trail-records.ts';
import { DAY_MS, HOUR_MS, isWorkingUkDay, type UkDay } from './month-trail-time.ts';
import type { Unit, UserInfo } from './month-trail-world.ts';

/** How many installs the run wrote. */
export interface InstallCounts {
  /** 8.14.1 Install and Commission in the window. */
  readonly installs: number;
  /** 8.14.2 Install and Leave (no SM WAN) in the window. */
  readonly installAndLeave: number;
  /** Installs of the history days before the window (only their 8.14.x written). */
  readonly history: number;
}

/** Options for {@link writeInstalls}. */
export interface InstallOptions {
  readonly exchanges: Exchanges;
  readonly srvs: (srv: string) => SrvInfo;
  readonly random: Random;
  readonly premises: PremisesFactory;
  readonly confirm: ConfirmIdentity;
  /** History days, then the window's days. */
  readonly days: readonly UkDay[];
  readonly window: { readonly from: number; readonly to: number };
  readonly perWorkingDay: number;
}

/** Installs on a day relative to a working day: engineers work few weekends and holidays. */
function dayFactor(day: UkDay): number {
  if (isWorkingUkDay(day)) return 1;
  if (day.bankHoliday) return 0.1;
  return day.weekday === 6 ? 0.3 : 0.06;
}

/** Share of installs that are Install and Leave (8.14.2). */
const LEAVE_SHARE = 0.08;
/** Share of commissioned sites whose hub loses its SM WAN as the engineer leaves: no read succeeds. */
const DARK_SHARE = 0.06;
/** Share of sites whose supplier does not read the meter in the following days. */
const NO_READS = 0.08;
const READS = ['4.6.1', '4.8.1', '4.1.1'];
const GAS_READS = ['4.6.1', '4.1.1'];

/** Writes the installs of every day; returns how many. */
export function writeInstalls(options: InstallOptions): InstallCounts {
  const { exchanges, srvs, random, premises, confirm, window } = options;
  const counts = { installs: 0, installAndLeave: 0, history: 0 };
  const gap = (): number => 30_000 + random.next() * 210_000;

  const sequence = (site: NewPremises, start: number): number => {
    let at = start;
    const step = (
      srv: string,
      user: UserInfo | undefined,
      unit: Unit | undefined,
    ): Sent | undefined => {
      if (user === undefined || unit === undefined) return undefined;
      let sent = exchanges.send({ at, user, srv: srvs(srv), unit });
      at = sent.doneAt + gap();
      if (!sent.ok) {
        // The engineer on site tries once more.
        sent = exchanges.send({ at, user, srv: srvs(srv), unit });
        at = sent.doneAt + gap();
      }
      return sent;
    };
    const { hub, esme, gsme, gpf, ihd, installer, gasSupplier } = site;
    const importer = esme ? installer : undefined;
    step('8.11', installer, hub);
    for (const [meter, user] of [
      [esme, importer],
      [gsme, gasSupplier],
    ] as const) {
      const sent = step('8.1.1', user, meter);
      if (meter && user && sent?.ok) {
        premises.commissioned(meter, sent.doneAt);
        if (meter === esme) confirm({ unit: meter, sent, srv: srvs('8.1.1'), user });
      }
    }
    const joined = step('8.7.2', gasSupplier, gsme);
    if (gpf && gsme && joined?.ok) premises.join(gpf, gsme, joined.doneAt);
    for (const srv of ['6.20.1', '1.1.1', '6.8']) {
      step(srv, importer, esme);
      step(srv, gasSupplier, gsme);
    }
    const target = esme ?? gsme;
    const ihdJoin = step('8.7.1', esme ? importer : gasSupplier, ihd && target);
    if (ihd && target && ihdJoin?.ok) {
      premises.join(ihd, target, ihdJoin.doneAt);
      premises.commissioned(ihd, ihdJoin.doneAt);
    }
    return at;
  };

  const followUp = (site: NewPremises, done: number): void => {
    if (random.chance(NO_READS)) return;
    for (const [meter, user, srvList] of [
      [site.esme, site.esme ? site.installer : undefined, READS],
      [site.gsme, site.gasSupplier, GAS_READS],
    ] as const) {
      if (!meter || !user) continue;
      for (let n = random.int(1, 3); n > 0; n--) {
        const at = done + 3 * HOUR_MS + random.next() * 12 * DAY_MS;
        if (at >= window.to) continue;
        exchanges.send({ at, user, srv: srvs(random.pick(srvList)), unit: meter });
      }
    }
  };

  for (const day of options.days) {
    const mean = options.perWorkingDay * dayFactor(day);
    const n = Math.max(0, Math.round(random.normal(mean, Math.sqrt(mean))));
    const history = day.end <= window.from;
    for (let i = 0; i < n; i++) {
      const at = day.start + 8 * HOUR_MS + Math.floor(random.next() * 9 * HOUR_MS);
      if (at < window.from && !history) continue;
      if (at >= window.to) continue;
      const site = premises.create(at);
      const leave = random.chance(LEAVE_SHARE);
      const hubSrv = srvs(leave ? '8.14.2' : '8.14.1');
      exchanges.send({ at, user: site.installer, srv: hubSrv, unit: site.hub });
      if (history) counts.history += 1;
      else if (leave) counts.installAndLeave += 1;
      else counts.installs += 1;
      if (leave) continue;
      premises.commissioned(site.hub, at);
      if (site.gpf) premises.commissioned(site.gpf, at);
      let done = at + HOUR_MS;
      if (history) {
        for (const meter of [site.esme, site.gsme, site.ihd])
          if (meter) premises.commissioned(meter, done);
      } else {
        done = sequence(site, at + gap());
      }
      if (random.chance(DARK_SHARE)) {
        const darkFrom = done + random.next() * 30 * 60_000;
        for (const u of [site.hub, site.esme, site.gsme, site.gpf, site.ihd])
          if (u) u.darkFrom = darkFrom;
      }
      if (!history) followUp(site, done);
    }
  }
  return counts;
}
