// Generates a realistic, reproducible stream of Service Requests from the estate's Users.
import type { Catalogue } from '../catalogue/index.ts';
import type { Eui64 } from '../core/eui64.ts';
import { createRandom, type Random } from '../core/random.ts';
import type { UserRole } from '../core/roles.ts';
import type { Sender } from '../dsp/checks.ts';
import type { ServiceRequest } from '../dsp/messages.ts';
import type { SmiView } from '../dsp/smi-view.ts';
import type { DccUser, Device } from '../inventory/types.ts';
import { ROLE_SHARE, TRAFFIC_MIX, type MixEntry } from './traffic-mix.ts';

/** The DCC's own ID as the target of non-device requests (DCC test data uses this one). */
export const DCC_ID = '90-B3-D5-1F-30-00-00-02' as Eui64;

/** One request in the stream: when it arrives, who sends it, and the request. */
export interface TrafficItem {
  readonly at: Date;
  readonly sender: Sender;
  readonly request: ServiceRequest;
}

/** Options for {@link generateTraffic}. */
export interface TrafficOptions {
  readonly devices: readonly Device[];
  readonly users: readonly DccUser[];
  readonly smi: SmiView;
  readonly catalogue: Catalogue;
  readonly seed: number;
  readonly from: Date;
  readonly days: number;
  /** Service Requests per device per day (GB average about 0.6). */
  readonly rate: number;
  /** Share of requests sent by a User who does not hold the role (default 1%). */
  readonly strayShare?: number;
}

const HOUR = 3_600_000;
/** Relative traffic per hour of day: overnight read collection, daytime operations. */
const DIURNAL = [3, 3, 3, 3, 2.5, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1.5, 2, 2.5];
const DIURNAL_SUM = DIURNAL.reduce((a, b) => a + b, 0);

interface Draft {
  readonly at: number;
  readonly sender: Sender;
  readonly srv: string;
  readonly cv: number;
  readonly target: Eui64;
  readonly fields: Record<string, unknown>;
  /** A signed Pre-Command return reuses the RequestID of the draft it follows. */
  readonly returnOf?: Draft;
}

function bodyFor(
  entry: MixEntry,
  device: Device,
  input: { smi: SmiView; random: Random },
): Record<string, unknown> {
  if (entry.srv.startsWith('8.7') || entry.srv.startsWith('8.8')) {
    const others = device.mpxn
      ? input.smi
          .devicesAt(device.mpxn)
          .filter((d) => d.type === 'IHD' || d.type === 'CAD' || d.type === 'PPMID')
      : [];
    const other = others.length > 0 ? input.random.pick(others) : undefined;
    return other ? { OtherDeviceID: other.id } : {};
  }
  if (entry.srv === '8.2' || entry.srv === '8.11') return { DeviceID: device.id };
  if (entry.srv === '8.14.1') return { CommsHubDeviceID: device.id };
  return {};
}

/** Yields the requests of each simulated hour in time order, with rising RequestID counters. */
export function* generateTraffic(options: TrafficOptions): Generator<TrafficItem[]> {
  const { catalogue, smi } = options;
  const random = createRandom(options.seed);
  const byType = new Map<string, Device[]>();
  for (const d of options.devices) {
    const list = byType.get(d.type);
    if (list) list.push(d);
    else byType.set(d.type, [d]);
  }
  const usersByRole = new Map<UserRole, DccUser[]>();
  for (const u of options.users) usersByRole.set(u.role, [...(usersByRole.get(u.role) ?? []), u]);
  const roles = (Object.entries(ROLE_SHARE) as [UserRole, number][]).filter(([role]) =>
    usersByRole.has(role),
  );
  const mixes = new Map(
    roles.map(([role]) => [role, (TRAFFIC_MIX[role] ?? []).map((e) => [e, e.weight] as const)]),
  );
  const counters = new Map<string, bigint>();
  const stray = options.strayShare ?? 0.01;
  const perHour = (options.devices.length * options.rate) / DIURNAL_SUM;

  const draft = (at: number): Draft | undefined => {
    const role = random.weighted(roles);
    const entry = random.weighted(mixes.get(role) ?? []);
    const candidates = byType.get(random.pick(entry.targets));
    if (!candidates || candidates.length === 0) return undefined;
    const device = random.pick(candidates);
    const when = new Date(at);
    const holders = smi.holdersAt(device, when);
    const registered = role === 'OtherUser' ? undefined : holders[role as keyof typeof holders];
    const pool = usersByRole.get(role) ?? [];
    const userId =
      registered !== undefined && !random.chance(stray)
        ? registered
        : role === 'OtherUser' || random.chance(stray * 5)
          ? random.pick(pool).userId
          : undefined;
    if (userId === undefined) return undefined;
    const fields = bodyFor(entry, device, { smi, random });
    // A join or unjoin needs an Other Device at the premises; without one, nobody sends it.
    if (
      (entry.srv.startsWith('8.7') || entry.srv.startsWith('8.8')) &&
      !('OtherDeviceID' in fields)
    )
      return undefined;
    const srv = catalogue.srv(entry.srv);
    const nonDevice = srv.kind === 'non-device';
    return {
      at,
      sender: { userId, role },
      srv: entry.srv,
      cv: nonDevice ? 8 : srv.critical ? 4 : 1,
      target: nonDevice ? DCC_ID : device.id,
      fields,
    };
  };

  for (let hour = 0; hour < options.days * 24; hour++) {
    const start = options.from.getTime() + hour * HOUR;
    const expected = perHour * (DIURNAL[hour % 24] ?? 1);
    const count = Math.max(0, Math.round(random.normal(expected, Math.sqrt(expected))));
    const drafts: Draft[] = [];
    for (let i = 0; i < count; i++) {
      const d = draft(start + random.int(0, HOUR - 1));
      if (!d) continue;
      drafts.push(d);
      // Critical SRVs: the signed Pre-Command comes back a little later (Transform, then CV 5).
      if (d.cv === 4)
        drafts.push({ ...d, at: d.at + random.int(2_000, 20_000), cv: 5, returnOf: d });
    }
    drafts.sort((a, b) => a.at - b.at);
    const issued = new Map<Draft, bigint>();
    const items: TrafficItem[] = [];
    for (const d of drafts) {
      let counter = d.returnOf ? issued.get(d.returnOf) : undefined;
      if (counter === undefined) {
        counter = (counters.get(d.sender.userId) ?? BigInt(options.from.getTime())) + 1n;
        counters.set(d.sender.userId, counter);
        issued.set(d, counter);
      }
      const requestId = { originator: d.sender.userId, target: d.target, counter };
      const parts = d.srv.split('.');
      items.push({
        at: new Date(d.at),
        sender: d.sender,
        request: {
          kind: 'service-request',
          requestId,
          commandVariant: d.cv,
          serviceReference: parts.slice(0, 2).join('.'),
          srv: d.srv,
          body: { element: 'Body', fields: d.fields },
          format: 'json',
          raw: JSON.stringify({
            header: {
              requestId: `${d.sender.userId}:${d.target}:${counter}`,
              commandVariant: d.cv,
              serviceReferenceVariant: d.srv,
            },
            body: d.fields,
          }),
        },
      });
    }
    yield items;
  }
}
