// Change of Supplier gains in the month trail (MP176 Table 1): the registration moves on the Supply
// Start Date, then the gaining supplier sends 6.23, 1.1.1 and 6.8; most old suppliers read first.
import type { Random } from '../core/random.ts';
import type { Registration } from '../inventory/types.ts';
import type { ConfirmIdentity } from './month-trail-alerts.ts';
import type { Exchanges, Sent } from './month-trail-exchange.ts';
import type { SrvInfo } from './month-trail-records.ts';
import { DAY_MS, HOUR_MS, type UkDay } from './month-trail-time.ts';
import type { TrailWorld } from './month-trail-world.ts';

/** Options for {@link writeGains}. */
export interface GainOptions {
  readonly world: TrailWorld;
  readonly exchanges: Exchanges;
  readonly srvs: (srv: string) => SrvInfo;
  readonly random: Random;
  readonly confirm: ConfirmIdentity;
  /** The window's UK days (a gain takes effect at the start of one). */
  readonly days: readonly UkDay[];
  readonly window: { readonly from: number; readonly to: number };
  /** The earliest instant records may be written at (the start of the install history). */
  readonly historyFrom: number;
  /** Share of supply points that change supplier per 30 days. */
  readonly share: number;
}

/** Share of gains where the old supplier read the meter successfully in the 30 days before. */
const READ_BEFORE = 0.85;
const THIRTY_DAYS = 30 * DAY_MS;

/** Picks the gains, moves the registrations in the world and writes the SRVs; returns them. */
export function writeGains(options: GainOptions): Registration[] {
  const { world, exchanges, srvs, random, confirm, window } = options;
  const candidates = world.units.filter(
    (u) =>
      (u.type === 'ESME' || u.type === 'GSME') &&
      u.mpxn !== null &&
      u.activeFrom <= window.from &&
      u.darkFrom === Infinity,
  );
  const days = options.days.filter((d) => d.start >= window.from && d.start < window.to);
  const wanted = Math.round(
    (candidates.length * options.share * (window.to - window.from)) / THIRTY_DAYS,
  );
  const gains: Registration[] = [];

  for (let i = 0; i < candidates.length && gains.length < wanted && days.length > 0; i++) {
    // A partial Fisher-Yates shuffle: each supply point gains at most once.
    const j = random.int(i, candidates.length - 1);
    const unit = candidates[j];
    const swapped = candidates[i];
    if (unit === undefined || swapped === undefined || unit.mpxn === null) continue;
    candidates[j] = swapped;
    candidates[i] = unit;
    const role = unit.electric ? 'ImportSupplier' : 'GasSupplier';
    const open = world.openHolding(unit.mpxn, role);
    const gainAt = random.pick(days).start;
    if (open === undefined || open.from >= gainAt) continue;
    const old = open.user;
    let gainer = random.weighted(world.suppliers(role));
    for (let tries = 0; tries < 5 && gainer.partyId === old.partyId; tries++)
      gainer = random.weighted(world.suppliers(role));
    if (gainer.partyId === old.partyId) continue;
    const registration: Registration = {
      mpxn: unit.mpxn,
      role,
      userId: gainer.id,
      from: new Date(gainAt),
      to: null,
    };
    world.register(registration);
    gains.push(registration);

    // The read may fall before the window (in its install history days), where reports of the
    // window's gains look for it.
    const earliest = Math.max(options.historyFrom, gainAt - THIRTY_DAYS);
    if (random.chance(READ_BEFORE)) {
      if (gainAt - 2 * HOUR_MS > earliest) {
        const at = earliest + random.next() * (gainAt - 2 * HOUR_MS - earliest);
        exchanges.send({
          at,
          user: old,
          srv: srvs(random.pick(['4.1.1', '4.6.1'])),
          unit,
          force: true,
        });
      }
    } else {
      // The old supplier sends nothing to the meter in the 30 days before the gain.
      unit.quietFrom = gainAt - THIRTY_DAYS;
      unit.quietTo = gainAt;
    }

    const send = (at: number, srv: string): Sent =>
      exchanges.send({ at, user: gainer, srv: srvs(srv), unit });
    let at = gainAt + 6 * HOUR_MS + random.next() * 30 * HOUR_MS;
    if (at >= window.to - HOUR_MS) continue;
    let sent = send(at, '6.23');
    if (!sent.ok) sent = send(sent.doneAt + HOUR_MS + random.next() * 3 * HOUR_MS, '6.23');
    if (!sent.ok || sent.doneAt >= window.to - HOUR_MS) continue;
    if (unit.electric) confirm({ unit, sent, srv: srvs('6.23'), user: gainer });
    at = sent.doneAt + 300_000 + random.next() * 3_300_000;
    const tariff = send(at, '1.1.1');
    const billing = tariff.doneAt + 60_000 + random.next() * 540_000;
    if (billing < window.to) send(billing, '6.8');
  }
  return gains;
}
