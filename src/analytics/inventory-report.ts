// Inventory reporting: the recipient's estate at the month's end, by type, model and firmware.
import type { AnalyticsRow } from '../store/analytics-port.ts';
import { compare, type Ratio } from './peers.ts';
import type { ReportContext } from './process-report.ts';
import type { InventoryReport, ModelFirmware } from './report-model.ts';
import { text } from './rows.ts';

/** Counts of one role's estate: party → model → firmware → devices. */
export type RoleEstate = Map<string, Map<string, Map<string, number>>>;

/** A device's model as reports name it: manufacturer and model. */
export function modelName(row: AnalyticsRow): string {
  return `${text(row, 'manufacturer')} ${text(row, 'model')}`;
}

/** Counts each role's estate once per month, shared by every report. */
export function countEstates(rows: readonly AnalyticsRow[]): Map<string, RoleEstate> {
  const byRole = new Map<string, RoleEstate>();
  for (const r of rows) {
    const role = text(r, 'role');
    const estate = byRole.get(role) ?? new Map<string, Map<string, Map<string, number>>>();
    byRole.set(role, estate);
    const party = estate.get(text(r, 'party_id')) ?? new Map<string, Map<string, number>>();
    estate.set(text(r, 'party_id'), party);
    const model = party.get(modelName(r)) ?? new Map<string, number>();
    party.set(modelName(r), model);
    const fw = text(r, 'firmware_version');
    model.set(fw, (model.get(fw) ?? 0) + 1);
  }
  return byRole;
}

/** Computes the inventory section for the report's subject. */
export function inventoryReport(
  ctx: ReportContext,
  rows: readonly AnalyticsRow[],
  estates: ReadonlyMap<string, RoleEstate>,
): InventoryReport {
  const byType = new Map<string, Map<string, Map<string, number>>>();
  for (const r of rows) {
    const type = byType.get(text(r, 'device_type')) ?? new Map<string, Map<string, number>>();
    byType.set(text(r, 'device_type'), type);
    const model = type.get(modelName(r)) ?? new Map<string, number>();
    type.set(modelName(r), model);
    const fw = text(r, 'firmware_version');
    model.set(fw, (model.get(fw) ?? 0) + 1);
  }
  const estate =
    estates.get(ctx.subject.role) ?? new Map<string, Map<string, Map<string, number>>>();
  const own = estate.get(ctx.subject.partyId) ?? new Map<string, Map<string, number>>();
  const models: ModelFirmware[] = [...own]
    .sort((a, b) => a[0].localeCompare(b[0]))
    .map(([model, firmware]) => {
      const devices = [...firmware.values()].reduce((a, b) => a + b, 0);
      const versions = new Set<string>();
      for (const party of estate.values())
        for (const v of party.get(model)?.keys() ?? []) versions.add(v);
      return {
        model,
        devices,
        firmware: [...versions].sort().map((version) => {
          const values = new Map<string, Ratio>();
          for (const [party, models] of estate) {
            const m = models.get(model);
            if (!m) continue;
            const total = [...m.values()].reduce((a, b) => a + b, 0);
            values.set(party, { num: m.get(version) ?? 0, den: total });
          }
          return {
            version,
            devices: firmware.get(version) ?? 0,
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
  return { at: new Date(ctx.month.to.getTime() - 1), devices: rows.length, byType, models, rows };
}
