// Inventory summary counts in SQL that both engines accept.
import type { InventoryStats } from '../inventory/types.ts';
import { count, text, type Row } from './records.ts';

/** Counts per value of each grouped dimension, one row per (dimension, value). */
export const GROUPED_COUNTS_SQL = `
  SELECT 'type' AS dim, CAST(type AS VARCHAR) AS k, count(*) AS n FROM devices GROUP BY type
  UNION ALL
  SELECT 'status', CAST(status AS VARCHAR), count(*) FROM devices GROUP BY status
  UNION ALL
  SELECT 'smets', CAST(smets AS VARCHAR), count(*) FROM devices GROUP BY smets
  UNION ALL
  SELECT 'region', CAST(region AS VARCHAR), count(*) FROM devices GROUP BY region`;

/** The scalar totals, in one row; `devices` is a table or subquery with manufacturer and model. */
export const totalsSql = (devices: string): string => `
  SELECT
    (SELECT count(*) FROM devices) AS devices,
    (SELECT count(*) FROM (SELECT DISTINCT manufacturer, model FROM ${devices}) AS m) AS models,
    (SELECT count(DISTINCT mpxn) FROM devices) AS supply_points,
    (SELECT count(*) FROM users) AS users,
    (SELECT count(*) FROM han_joins WHERE unjoined_at IS NULL) AS active_joins,
    (SELECT count(*) FROM registrations) AS registrations`;

/** Builds the stats from the rows of {@link GROUPED_COUNTS_SQL} and {@link totalsSql}. */
export function toInventoryStats(grouped: readonly Row[], totals: Row | undefined): InventoryStats {
  const by: Record<string, Record<string, number>> = {
    type: {},
    status: {},
    smets: {},
    region: {},
  };
  for (const row of grouped) {
    const dimension = by[text(row, 'dim')];
    if (dimension !== undefined) dimension[text(row, 'k')] = count(row, 'n');
  }
  const total = (column: string): number => (totals === undefined ? 0 : count(totals, column));
  return {
    devices: total('devices'),
    byType: by['type'] ?? {},
    byStatus: by['status'] ?? {},
    bySmets: by['smets'] ?? {},
    byRegion: by['region'] ?? {},
    models: total('models'),
    supplyPoints: total('supply_points'),
    users: total('users'),
    activeJoins: total('active_joins'),
    registrations: total('registrations'),
  };
}
