// Plain-text rendering of inventory records for the terminal.
import { ROLE_NAMES } from '../core/roles.ts';
import { regionById } from '../core/regions.ts';
import type { DeviceRecord, LookupResult } from '../inventory/index.ts';
import { holdersAt } from '../inventory/index.ts';
import type { Device, InventoryStats, Registration } from '../inventory/types.ts';
import type { Store } from '../store/port.ts';

const day = (d: Date | null): string => (d ? d.toISOString().slice(0, 10) : 'now');

/** Renders rows as aligned columns. */
export function table(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]): string =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

function deviceLines(device: Device): string[] {
  const region = regionById(device.region);
  return [
    `Device ${device.id}`,
    `  type             ${device.type} (${device.smets})`,
    `  model            ${device.manufacturer} ${device.model}, firmware ${device.firmwareVersion}`,
    `  SMI status       ${device.status} since ${device.statusSince.toISOString()}`,
    `  region           ${region.distributorId} ${region.name} (${region.gspGroup}, CSP ${region.cspRegion})`,
    `  supply point     ${device.mpxn ?? '(none)'}`,
  ];
}

/** Party names by User ID, to show who a User ID belongs to. */
export type PartyNames = ReadonlyMap<string, string>;

/** Loads the party name of every DCC User in the store. */
export async function partyNames(store: Store): Promise<PartyNames> {
  return new Map((await store.listUsers()).map((u) => [u.userId, u.partyName]));
}

function registrationTable(registrations: readonly Registration[], parties: PartyNames): string {
  if (registrations.length === 0) return '  (no registrations)';
  return table(
    ['role', 'User ID', 'party', 'from', 'to'],
    registrations.map((r) => [
      ROLE_NAMES[r.role],
      r.userId,
      parties.get(r.userId) ?? '',
      day(r.from),
      day(r.to),
    ]),
  )
    .split('\n')
    .map((l) => `  ${l}`)
    .join('\n');
}

/** Renders a device record, with who held each role at `at`. */
export function renderDeviceRecord(
  record: DeviceRecord,
  at: Date,
  parties: PartyNames = new Map(),
): string {
  const lines = deviceLines(record.device);
  const holders = holdersAt(record.registrations, at);
  lines.push(`  registered on ${day(at)}:`);
  const entries = Object.entries(holders);
  if (entries.length === 0) lines.push('    (nobody)');
  for (const [role, userId] of entries) {
    const party = parties.get(userId);
    lines.push(
      `    ${ROLE_NAMES[role as keyof typeof ROLE_NAMES].padEnd(24)}${userId}${party ? `  ${party}` : ''}`,
    );
  }
  lines.push('', 'HAN joins:');
  if (record.joins.length === 0) lines.push('  (none)');
  for (const j of record.joins) {
    const other =
      j.deviceId === record.device.id ? `joined to ${j.targetId}` : `${j.deviceId} joined to it`;
    lines.push(
      `  ${other} from ${j.joinedAt.toISOString()}${j.unjoinedAt ? ` until ${j.unjoinedAt.toISOString()}` : ''}`,
    );
  }
  lines.push('', 'Registration history:', registrationTable(record.registrations, parties));
  if (record.history.length > 0) {
    lines.push('', 'Status history:');
    for (const h of record.history) lines.push(`  ${h.at.toISOString()}  ${h.from} -> ${h.to}`);
  }
  return lines.join('\n');
}

/** Renders a lookup result. */
export function renderLookup(
  result: LookupResult,
  at: Date,
  parties: PartyNames = new Map(),
): string {
  if (result.kind === 'device') return renderDeviceRecord(result.record, at, parties);
  const rows = result.devices.map((d) => [
    d.id,
    d.type,
    d.smets,
    `${d.manufacturer} ${d.model}`,
    d.firmwareVersion,
    d.status,
  ]);
  return [
    `Supply point ${result.mpxn}`,
    '',
    rows.length > 0
      ? table(['device', 'type', 'SMETS', 'model', 'firmware', 'status'], rows)
      : '(no devices)',
    '',
    'Registration history:',
    registrationTable(result.registrations, parties),
  ].join('\n');
}

/** Renders inventory statistics. */
export function renderStats(stats: InventoryStats, location: string): string {
  const block = (title: string, counts: Readonly<Record<string, number>>): string =>
    [
      title,
      ...Object.entries(counts)
        .sort((a, b) => b[1] - a[1])
        .map(([k, v]) => `  ${k.padEnd(30)}${v.toLocaleString('en-GB').padStart(12)}`),
    ].join('\n');
  return [
    `Estate in ${location}`,
    `  devices                       ${stats.devices.toLocaleString('en-GB').padStart(12)}`,
    `  supply points                 ${stats.supplyPoints.toLocaleString('en-GB').padStart(12)}`,
    `  device models                 ${stats.models.toLocaleString('en-GB').padStart(12)}`,
    `  DCC Users                     ${stats.users.toLocaleString('en-GB').padStart(12)}`,
    `  active HAN joins              ${stats.activeJoins.toLocaleString('en-GB').padStart(12)}`,
    `  registrations                 ${stats.registrations.toLocaleString('en-GB').padStart(12)}`,
    '',
    block('By device type', stats.byType),
    '',
    block('By SMI status', stats.byStatus),
    '',
    block('By SMETS generation', stats.bySmets),
    '',
    block(
      'By region',
      Object.fromEntries(
        Object.entries(stats.byRegion).map(([id, count]) => [
          `${id} ${regionById(Number(id)).name}`,
          count,
        ]),
      ),
    ),
  ].join('\n');
}
