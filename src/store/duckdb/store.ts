// The Store port on DuckDB: one file (or memory), one connection, writes in transactions.
import { TIMESTAMPTZ, UBIGINT, VARCHAR } from '@duckdb/node-api';
import { ConflictError } from '../../core/errors.ts';
import { eui64ToBigInt, type Eui64 } from '../../core/eui64.ts';
import type { Mpxn } from '../../core/mpxn.ts';
import type {
  DccUser,
  Device,
  HanJoin,
  InventoryStats,
  Registration,
  StatusChange,
} from '../../inventory/types.ts';
import type { InventoryStore } from '../port.ts';
import { toDevice, toJoin, toRegistration, toStatusChange, toUser } from '../records.ts';
import { GROUPED_COUNTS_SQL, toInventoryStats, totalsSql } from '../stats.ts';
import { appliedVersion, applyMigrations } from './migrations.ts';
import type { Params, Session, Transaction } from './session.ts';
import {
  appendDevices,
  appendJoins,
  appendRegistrations,
  appendUsers,
  mpxnValue,
  toTimestamp,
} from './writes.ts';
import { createModelDictionary } from './models.ts';

const DEVICES = `SELECT d.device_id, d.type, m.manufacturer, m.model, m.firmware_version,
  d.smets, d.region, d.mpxn, d.status, d.status_since
  FROM devices d JOIN device_models m USING (model_id)`;

/** Bind values for (EUI-64, …) statements. */
const byId = (id: Eui64): Params => ({ values: [eui64ToBigInt(id)], types: [UBIGINT] });
/** Bind values for (MPxN, …) statements. */
const byMpxn = (mpxn: Mpxn): Params => ({ values: [mpxnValue(mpxn)], types: [UBIGINT] });

/** Creates the DuckDB inventory part of the store (index.ts adds the audit trail and outbox). */
export function createDuckDbStoreOn(session: Session): InventoryStore {
  return new DuckDbStore(session);
}

/**
 * Records a status change and sets the device's current status inside `tx`; a device whose
 * current status is not `change.from` is a ConflictError.
 */
export async function recordStatusChangeIn(tx: Transaction, change: StatusChange): Promise<void> {
  const id = eui64ToBigInt(change.deviceId);
  const rows = await tx.rows(
    'SELECT status FROM devices WHERE device_id = $1',
    byId(change.deviceId),
  );
  const current = rows[0]?.['status'];
  if (current !== change.from) {
    const found = typeof current === 'string' ? `it is ${current}` : 'it is not in the inventory';
    throw new ConflictError(
      `device ${change.deviceId}: cannot record ${change.from} -> ${change.to}; ${found}`,
    );
  }
  const at = toTimestamp(change.at);
  await tx.run(
    `INSERT INTO device_status_history
       SELECT $1, coalesce(max(seq), 0) + 1, $2, $3, $4
       FROM device_status_history WHERE device_id = $1`,
    {
      values: [id, change.from, change.to, at],
      types: [UBIGINT, VARCHAR, VARCHAR, TIMESTAMPTZ],
    },
    'device_status_history',
  );
  await tx.run(
    'UPDATE devices SET status = $2, status_since = $3 WHERE device_id = $1',
    { values: [id, change.to, at], types: [UBIGINT, VARCHAR, TIMESTAMPTZ] },
    'devices',
  );
}

/** Ends the open join of `deviceId` to `targetId` inside `tx`; false if there was none. */
export async function endJoinIn(
  tx: Transaction,
  { deviceId, targetId, at }: { deviceId: Eui64; targetId: Eui64; at: Date },
): Promise<boolean> {
  const rows = await tx.rows(
    `UPDATE han_joins SET unjoined_at = $3
     WHERE device_id = $1 AND target_id = $2 AND unjoined_at IS NULL
     RETURNING device_id`,
    {
      values: [eui64ToBigInt(deviceId), eui64ToBigInt(targetId), toTimestamp(at)],
      types: [UBIGINT, UBIGINT, TIMESTAMPTZ],
    },
  );
  return rows.length > 0;
}

class DuckDbStore implements InventoryStore {
  readonly engine = 'duckdb' as const;
  readonly location: string;

  private readonly models = createModelDictionary();

  constructor(private readonly session: Session) {
    this.location = session.location;
  }

  migrate(): Promise<readonly number[]> {
    return applyMigrations(this.session);
  }

  schemaVersion(): Promise<number> {
    return appliedVersion(this.session);
  }

  insertUsers(users: readonly DccUser[]): Promise<void> {
    return this.session.transaction((tx) => appendUsers(tx, users));
  }

  async listUsers(): Promise<DccUser[]> {
    const rows = await this.session.rows('SELECT * FROM users ORDER BY user_id, role');
    return rows.map(toUser);
  }

  async insertDevices(devices: readonly Device[]): Promise<void> {
    try {
      await this.session.transaction(async (tx) => {
        await appendDevices(tx, devices, await this.models.resolve(tx, devices));
      });
    } catch (error) {
      this.models.forget();
      throw error;
    }
  }

  async getDevice(id: Eui64): Promise<Device | undefined> {
    const sql = `${DEVICES} WHERE d.device_id = $1`;
    const rows = await this.session.rows(sql, byId(id));
    return rows[0] === undefined ? undefined : toDevice(rows[0]);
  }

  async devicesByMpxn(mpxn: Mpxn): Promise<Device[]> {
    const sql = `${DEVICES} WHERE d.mpxn = $1 ORDER BY d.type, d.device_id`;
    const rows = await this.session.rows(sql, byMpxn(mpxn));
    return rows.map(toDevice);
  }

  recordStatusChange(change: StatusChange): Promise<void> {
    return this.session.transaction((tx) => recordStatusChangeIn(tx, change));
  }

  async statusHistory(id: Eui64): Promise<StatusChange[]> {
    const sql = 'SELECT * FROM device_status_history WHERE device_id = $1 ORDER BY seq';
    return (await this.session.rows(sql, byId(id))).map(toStatusChange);
  }

  insertJoins(joins: readonly HanJoin[]): Promise<void> {
    return this.session.transaction((tx) => appendJoins(tx, joins));
  }

  endJoin(deviceId: Eui64, targetId: Eui64, at: Date): Promise<boolean> {
    return this.session.transaction((tx) => endJoinIn(tx, { deviceId, targetId, at }));
  }

  async joinsOf(id: Eui64): Promise<HanJoin[]> {
    const sql = `SELECT * FROM han_joins WHERE device_id = $1
      UNION ALL SELECT * FROM han_joins WHERE target_id = $1 AND device_id <> $1
      ORDER BY joined_at, device_id, target_id`;
    return (await this.session.rows(sql, byId(id))).map(toJoin);
  }

  insertRegistrations(registrations: readonly Registration[]): Promise<void> {
    return this.session.transaction((tx) => appendRegistrations(tx, registrations));
  }

  replaceRegistration(next: Registration): Promise<void> {
    return this.session.transaction(async (tx) => {
      const ended = await tx.rows(
        `UPDATE registrations SET valid_to = $3
         WHERE mpxn = $1 AND role = $2 AND valid_to IS NULL RETURNING mpxn`,
        {
          values: [mpxnValue(next.mpxn), next.role, toTimestamp(next.from)],
          types: [UBIGINT, VARCHAR, TIMESTAMPTZ],
        },
      );
      if (ended.length === 0) {
        throw new ConflictError(
          `supply point ${next.mpxn} has no open ${next.role} registration to replace`,
        );
      }
      await appendRegistrations(tx, [next]);
    });
  }

  async registrations(mpxn: Mpxn): Promise<Registration[]> {
    const sql = 'SELECT * FROM registrations WHERE mpxn = $1 ORDER BY role, valid_from';
    return (await this.session.rows(sql, byMpxn(mpxn))).map(toRegistration);
  }

  async inventoryStats(): Promise<InventoryStats> {
    const grouped = await this.session.rows(GROUPED_COUNTS_SQL);
    const totals = await this.session.rows(
      totalsSql('(SELECT DISTINCT model_id FROM devices) JOIN device_models USING (model_id)'),
    );
    return toInventoryStats(grouped, totals[0]);
  }

  close(): Promise<void> {
    return this.session.close();
  }
}
