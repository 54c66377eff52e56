// The Store port on PostgreSQL: a pool, writes in transactions, bulk writes by COPY.
import { ConflictError } from '../../core/errors.ts';
import type { Eui64 } from '../../core/eui64.ts';
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
import { toPgId, unsignRow } from './codec.ts';
import { appliedVersion, applyMigrations } from './migrations.ts';
import type { Session, Transaction } from './session.ts';
import { copyDevices, copyJoins, copyRegistrations, copyUsers } from './writes.ts';

/** Creates the PostgreSQL inventory part of the store (index.ts adds the audit trail and outbox). */
export function createPostgresStoreOn(session: Session, location: string): InventoryStore {
  return new PostgresStore(session, location);
}

/**
 * Records a status change and sets the device's current status inside `tx` (the device row
 * locked); a device whose current status is not `change.from` is a ConflictError.
 */
export async function recordStatusChangeIn(tx: Transaction, change: StatusChange): Promise<void> {
  const id = toPgId(change.deviceId);
  const rows = await tx.query('SELECT status FROM devices WHERE device_id = $1 FOR UPDATE', [id]);
  const current = rows[0]?.['status'];
  if (current !== change.from) {
    const found = typeof current === 'string' ? `it is ${current}` : 'it is not in the inventory';
    throw new ConflictError(
      `device ${change.deviceId}: cannot record ${change.from} -> ${change.to}; ${found}`,
    );
  }
  await tx.query(
    `INSERT INTO device_status_history (device_id, changed_at, seq, from_status, to_status)
     SELECT $1, $2, coalesce(max(seq), 0) + 1, $3, $4
     FROM device_status_history WHERE device_id = $1`,
    [id, change.at, change.from, change.to],
    'device_status_history',
  );
  await tx.query(
    'UPDATE devices SET status = $2, status_since = $3 WHERE device_id = $1',
    [id, change.to, change.at],
    'devices',
  );
}

/** Ends the open join of `deviceId` to `targetId` (inside `tx`); false if there was none. */
export async function endJoinIn(
  tx: Transaction,
  { deviceId, targetId, at }: { deviceId: Eui64; targetId: Eui64; at: Date },
): Promise<boolean> {
  const rows = await tx.query(
    `UPDATE han_joins SET unjoined_at = $3
   WHERE device_id = $1 AND target_id = $2 AND unjoined_at IS NULL
   RETURNING device_id`,
    [toPgId(deviceId), toPgId(targetId), at],
    'han_joins',
  );
  return rows.length > 0;
}

class PostgresStore implements InventoryStore {
  readonly engine = 'postgres' as const;

  constructor(
    private readonly session: Session,
    readonly location: string,
  ) {}

  migrate(): Promise<readonly number[]> {
    return applyMigrations(this.session);
  }

  schemaVersion(): Promise<number> {
    return appliedVersion(this.session);
  }

  insertUsers(users: readonly DccUser[]): Promise<void> {
    return this.session.transaction((tx) => copyUsers(tx, users));
  }

  async listUsers(): Promise<DccUser[]> {
    const rows = await this.session.query('SELECT * FROM users ORDER BY user_id, role');
    return rows.map((row) => toUser(unsignRow(row)));
  }

  insertDevices(devices: readonly Device[]): Promise<void> {
    return this.session.transaction((tx) => copyDevices(tx, devices));
  }

  async getDevice(id: Eui64): Promise<Device | undefined> {
    const rows = await this.session.query('SELECT * FROM devices WHERE device_id = $1', [
      toPgId(id),
    ]);
    return rows[0] === undefined ? undefined : toDevice(unsignRow(rows[0]));
  }

  async devicesByMpxn(mpxn: Mpxn): Promise<Device[]> {
    const sql = 'SELECT * FROM devices WHERE mpxn = $1 ORDER BY type, device_id';
    const rows = await this.session.query(sql, [mpxn]);
    return rows.map((row) => toDevice(unsignRow(row)));
  }

  recordStatusChange(change: StatusChange): Promise<void> {
    return this.session.transaction((tx) => recordStatusChangeIn(tx, change));
  }

  async statusHistory(id: Eui64): Promise<StatusChange[]> {
    const sql = 'SELECT * FROM device_status_history WHERE device_id = $1 ORDER BY seq';
    return (await this.session.query(sql, [toPgId(id)])).map((row) =>
      toStatusChange(unsignRow(row)),
    );
  }

  insertJoins(joins: readonly HanJoin[]): Promise<void> {
    return this.session.transaction((tx) => copyJoins(tx, joins));
  }

  endJoin(deviceId: Eui64, targetId: Eui64, at: Date): Promise<boolean> {
    return endJoinIn(this.session, { deviceId, targetId, at });
  }

  async joinsOf(id: Eui64): Promise<HanJoin[]> {
    const sql = `SELECT * FROM han_joins WHERE device_id = $1
      UNION ALL SELECT * FROM han_joins WHERE target_id = $1 AND device_id <> $1
      ORDER BY joined_at, device_id, target_id`;
    return (await this.session.query(sql, [toPgId(id)])).map((row) => toJoin(unsignRow(row)));
  }

  insertRegistrations(registrations: readonly Registration[]): Promise<void> {
    return this.session.transaction((tx) => copyRegistrations(tx, registrations));
  }

  replaceRegistration(next: Registration): Promise<void> {
    return this.session.transaction(async (tx) => {
      const ended = await tx.query(
        `UPDATE registrations SET valid_to = $3
         WHERE mpxn = $1 AND role = $2 AND valid_to IS NULL RETURNING mpxn`,
        [next.mpxn, next.role, next.from],
        'registrations',
      );
      if (ended.length === 0) {
        throw new ConflictError(
          `supply point ${next.mpxn} has no open ${next.role} registration to replace`,
        );
      }
      await copyRegistrations(tx, [next]);
    });
  }

  async registrations(mpxn: Mpxn): Promise<Registration[]> {
    const sql = 'SELECT * FROM registrations WHERE mpxn = $1 ORDER BY role, valid_from';
    return (await this.session.query(sql, [mpxn])).map((row) => toRegistration(unsignRow(row)));
  }

  async inventoryStats(): Promise<InventoryStats> {
    const grouped = await this.session.query(GROUPED_COUNTS_SQL);
    const totals = await this.session.query(totalsSql('devices'));
    return toInventoryStats(grouped, totals[0]);
  }

  close(): Promise<void> {
    return this.session.close();
  }
}
