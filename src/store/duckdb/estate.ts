// Reads the whole estate for the DSP's in-memory view, a data chunk at a time, column by column.
//
// Row objects cost about 1 µs a row before any conversion, so large tables are read from the
// chunks' typed vectors instead: EUI-64s as two UINTEGER halves formatted by ids.ts, times as
// epoch milliseconds (DOUBLE), MPxNs as numbers, and each device's model from the few-dozen-row
// dictionary rather than three strings a row. Measured on the 2-core CI machine: 1M devices,
// 898k registrations and 358k open joins in ~1.8 s (~3 s when IDs were formatted by joining
// strings).
import type { DuckDBDataChunk } from '@duckdb/node-api';
import type { DeviceType, SmetsGeneration, SmiStatus } from '../../core/devices.ts';
import { StorageError } from '../../core/errors.ts';
import type { Mpxn } from '../../core/mpxn.ts';
import type { RegistrationRole } from '../../core/roles.ts';
import type { Device, HanJoin, Registration } from '../../inventory/types.ts';
import type { Estate } from '../dsp-port.ts';
import { euiFromHalves } from '../ids.ts';
import { text, toUser } from '../records.ts';
import type { Transaction } from './session.ts';

/** An EUI-64 column as its high and low 32-bit halves. */
const halves = (column: string): string =>
  `(${column} >> 32)::UINTEGER, (${column} & 4294967295)::UINTEGER`;
/** A time column as epoch milliseconds (times are stored to the millisecond). */
const millis = (column: string): string => `epoch_ms(${column})::DOUBLE`;

/** Typed reads of one data chunk's cells (column, row), checking each value's JS type. */
class Cells {
  readonly rows: number;
  private readonly vectors;

  constructor(chunk: DuckDBDataChunk) {
    this.rows = chunk.rowCount;
    this.vectors = Array.from({ length: chunk.columnCount }, (_, i) => chunk.getColumnVector(i));
  }

  num(column: number, row: number): number {
    const value = this.vectors[column]?.getItem(row);
    return typeof value === 'number' ? value : this.fail(column, value);
  }

  numOrNull(column: number, row: number): number | null {
    const value = this.vectors[column]?.getItem(row);
    return value === null ? null : this.num(column, row);
  }

  text(column: number, row: number): string {
    const value = this.vectors[column]?.getItem(row);
    return typeof value === 'string' ? value : this.fail(column, value);
  }

  /** The EUI-64 held as halves in `column` and `column + 1`. */
  eui(column: number, row: number): ReturnType<typeof euiFromHalves> {
    return euiFromHalves(this.num(column, row), this.num(column + 1, row));
  }

  private fail(column: number, value: unknown): never {
    throw new StorageError('store', `estate column ${column} holds ${String(value)}`);
  }
}

/** Runs a query and hands each chunk's cells to `read`. */
function each(tx: Transaction, sql: string, read: (cells: Cells) => void): Promise<void> {
  return tx.chunks(sql, (chunk) => {
    read(new Cells(chunk));
  });
}

type Model = Pick<Device, 'manufacturer' | 'model' | 'firmwareVersion'>;

async function readDevices(tx: Transaction): Promise<Device[]> {
  const models = new Map<number, Model>();
  for (const row of await tx.rows('SELECT * FROM device_models')) {
    models.set(Number(row['model_id']), {
      manufacturer: text(row, 'manufacturer'),
      model: text(row, 'model'),
      firmwareVersion: text(row, 'firmware_version'),
    });
  }
  const devices: Device[] = [];
  const sql = `SELECT ${halves('device_id')}, type, model_id, smets, region, mpxn::DOUBLE,
    status, ${millis('status_since')} FROM devices`;
  await each(tx, sql, (c) => {
    for (let r = 0; r < c.rows; r++) {
      const model = models.get(c.num(3, r));
      if (model === undefined) throw new StorageError('store', `device model ${c.num(3, r)}`);
      const mpxn = c.numOrNull(6, r);
      devices.push({
        id: c.eui(0, r),
        type: c.text(2, r) as DeviceType,
        ...model,
        smets: c.text(4, r) as SmetsGeneration,
        region: c.num(5, r),
        mpxn: mpxn === null ? null : (String(mpxn) as Mpxn),
        status: c.text(7, r) as SmiStatus,
        statusSince: new Date(c.num(8, r)),
      });
    }
  });
  return devices;
}

async function readRegistrations(tx: Transaction): Promise<Registration[]> {
  const registrations: Registration[] = [];
  const sql = `SELECT mpxn::DOUBLE, role, ${halves('user_id')}, ${millis('valid_from')},
    ${millis('valid_to')} FROM registrations`;
  await each(tx, sql, (c) => {
    for (let r = 0; r < c.rows; r++) {
      const to = c.numOrNull(5, r);
      registrations.push({
        mpxn: String(c.num(0, r)) as Mpxn,
        role: c.text(1, r) as RegistrationRole,
        userId: c.eui(2, r),
        from: new Date(c.num(4, r)),
        to: to === null ? null : new Date(to),
      });
    }
  });
  return registrations;
}

async function readOpenJoins(tx: Transaction): Promise<HanJoin[]> {
  const joins: HanJoin[] = [];
  const sql = `SELECT ${halves('device_id')}, ${halves('target_id')}, ${millis('joined_at')}
    FROM han_joins WHERE unjoined_at IS NULL`;
  await each(tx, sql, (c) => {
    for (let r = 0; r < c.rows; r++) {
      joins.push({
        deviceId: c.eui(0, r),
        targetId: c.eui(2, r),
        joinedAt: new Date(c.num(4, r)),
        unjoinedAt: null,
      });
    }
  });
  return joins;
}

/** Reads the estate inside the caller's transaction (one snapshot). */
export async function readEstate(tx: Transaction): Promise<Estate> {
  const users = (await tx.rows('SELECT * FROM users ORDER BY user_id, role')).map(toUser);
  const devices = await readDevices(tx);
  const registrations = await readRegistrations(tx);
  const joins = await readOpenJoins(tx);
  return { devices, registrations, joins, users };
}
