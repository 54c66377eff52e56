// Inventory reporting: the recipient's estate at the month's end, by type, model and firmware.
import type { AnalyticsRow } from '../store/analytics-port.ts';
import { estateInstant } from './facts.ts';
import { compare, type Ratio } from './peers.ts';
import type { ReportContext } from './process-report.ts';
import type { InventoryReport, ModelFirmware } from './report-model.ts';
import { num, text } from './rows.ts';

/** Device counts of one party in one role: device type → model → firmware → devices. */
type PartyEstate = Map<string, Map<string, Map<string, number>>>;
/** Counts of one role's estates by party. */
export type RoleEstate = Map<string, PartyEstate>;

/** A device's model as reports name it: manufacturer and model. */
export function modelName(row: AnalyticsRow): string {
  return `${text(row, 'manufacturer')} ${text(row, 'model')}`;
}

function bump<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  const found = map.get(key);
  if (found !== undefined) return found;
  const made = make();
  map.set(key, made);
  return made;
}

/** Arranges the month's estate counts by role and party, once for every report. */
export function countEstates(rows: readonly AnalyticsRow[]): Map<string, RoleEstate> {
  const byRole = new Map<string, RoleEstate>();
  for (const r of rows) {
    const role = bump(byRole, text(r, 'role'), (): RoleEstate => new Map());
    const party = bump(role, text(r, 'party_id'), (): PartyEstate => new Map());
    const type = bump(party, text(r, 'device_type'), () => new Map<string, Map<string, number>>());
    const model = bump(type, modelName(r), () => new Map<string, number>());
    const fw = text(r, 'firmware_version');
    model.set(fw, (model.get(fw) ?? 0) + num(r, 'devices'));
  }
  return byRole;
}

/** A party's devices of one model (over device types), by firmware version. */
function modelCounts(estate: PartyEstate | undefined, model: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const models of estate?.values() ?? []) {
    for (const [fw, n] of models.get(model) ?? []) out.set(fw, (out.get(fw) ?? 0) + n);
  }
  return out;
}

/** Computes the inventory section for the report's subject. */
export function inventoryReport(
  ctx: ReportContext,
  estates: ReadonlyMap<string, RoleEstate>,
): InventoryReport {
  const role = estates.get(ctx.subject.role) ?? new Map<string, PartyEstate>();
  const own: PartyEstate =
    role.get(ctx.subject.partyId) ?? new Map<string, Map<string, Map<string, number>>>();
  const names = [...new Set([...own.values()].flatMap((models) => [...models.keys()]))].sort();
  const models: ModelFirmware[] = names.map((model) => {
    const mine = modelCounts(own, model);
    const byParty = new Map(
      [...role].map(([party, estate]) => [party, modelCounts(estate, model)]),
    );
    const versions = [...new Set([...byParty.values()].flatMap((m) => [...m.keys()]))].sort();
    return {
      model,
      devices: [...mine.values()].reduce((a, b) => a + b, 0),
      firmware: versions.map((version) => {
        const values = new Map<string, Ratio>();
        for (const [party, m] of byParty) {
          const total = [...m.values()].reduce((a, b) => a + b, 0);
          if (total > 0) values.set(party, { num: m.get(version) ?? 0, den: total });
        }
        return {
          version,
          devices: mine.get(version) ?? 0,
          share: compare({
            recipient: ctx.subject.partyId,
            values,
            labels: ctx.labels,
            anonymity: ctx.defs.anonymity,
          }),
        };
      }),
    };
  });
  const devices = [...own.values()].reduce(
    (a, m) =>
      a + [...m.values()].reduce((b, f) => b + [...f.values()].reduce((c, n) => c + n, 0), 0),
    0,
  );
  return { at: estateInstant(ctx.month), devices, byType: own, models };
}
