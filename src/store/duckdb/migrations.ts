// DuckDB schema, as numbered migrations, and the runner that applies the missing ones.
//
// EUI-64s are UBIGINT: 8 bytes, bit-packed on disk, cheap to index, ordered like their hex
// form (as VARCHAR with a primary key: 53 B/device and 35% slower inserts, measured).
// Enumerations are ENUM types (one byte, declaration order = src/core order).
//
// A device's manufacturer, model and firmware version are one row of `device_models` (the
// estate has a few dozen, like the Central Products List), so a device row holds a 2-byte
// model_id instead of three strings. MPxNs are stored as numbers: an MPAN core is 13 digits
// starting 10–23 and an MPRN 6–10 digits without a leading zero, so the value alone tells
// which it is and the text is recovered exactly.
//
// ART indexes: the keys that must refuse duplicates (users, devices, status history) and the
// two MPxN lookups (devices and registrations by MPxN). On a 1M-device estate the MPxN indexes
// cost about 0.6 s of seeding and 100 B/device (170 B/device in all, measured). Joins are
// not indexed: they are read per device, and a columnar scan with zone maps answers that in
// about 2 ms per million rows; PostgreSQL indexes them too.
import { AUDIT_MIGRATION, OUTBOX_MIGRATION, PULL_LEASE_MIGRATION } from './audit-schema.ts';
import { DSP_MIGRATION } from './dsp-schema.ts';
import { SSI_MIGRATION } from './ssi-schema.ts';
import { pendingMigrations, type Migration } from '../migration.ts';
import {
  sqlStringList,
  V1_DEVICE_TYPES,
  V1_SMETS_GENERATIONS,
  V1_SMI_STATUSES,
  V1_USER_ROLES,
} from '../vocabulary.ts';
import type { Session } from './session.ts';

/** Every DuckDB migration, oldest first; version N is at position N. */
export const DUCKDB_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'inventory: users, devices, status history, HAN joins, registrations',
    statements: [
      `CREATE TYPE device_type AS ENUM ${sqlStringList(V1_DEVICE_TYPES)}`,
      `CREATE TYPE smi_status AS ENUM ${sqlStringList(V1_SMI_STATUSES)}`,
      `CREATE TYPE smets_generation AS ENUM ${sqlStringList(V1_SMETS_GENERATIONS)}`,
      `CREATE TYPE user_role AS ENUM ${sqlStringList(V1_USER_ROLES)}`,
      `CREATE TABLE users (
        user_id UBIGINT PRIMARY KEY,
        role user_role NOT NULL,
        party_id VARCHAR NOT NULL,
        party_name VARCHAR NOT NULL)`,
      `CREATE TABLE device_models (
        model_id USMALLINT PRIMARY KEY,
        manufacturer VARCHAR NOT NULL,
        model VARCHAR NOT NULL,
        firmware_version VARCHAR NOT NULL,
        UNIQUE (manufacturer, model, firmware_version))`,
      `CREATE TABLE devices (
        device_id UBIGINT PRIMARY KEY,
        type device_type NOT NULL,
        model_id USMALLINT NOT NULL,
        smets smets_generation NOT NULL,
        region UTINYINT NOT NULL,
        mpxn UBIGINT,
        status smi_status NOT NULL,
        status_since TIMESTAMPTZ NOT NULL)`,
      'CREATE INDEX devices_by_mpxn ON devices (mpxn)',
      `CREATE TABLE device_status_history (
        device_id UBIGINT NOT NULL,
        seq UINTEGER NOT NULL,
        from_status smi_status NOT NULL,
        to_status smi_status NOT NULL,
        changed_at TIMESTAMPTZ NOT NULL,
        PRIMARY KEY (device_id, seq))`,
      `CREATE TABLE han_joins (
        device_id UBIGINT NOT NULL,
        target_id UBIGINT NOT NULL,
        joined_at TIMESTAMPTZ NOT NULL,
        unjoined_at TIMESTAMPTZ)`,
      `CREATE TABLE registrations (
        mpxn UBIGINT NOT NULL,
        role user_role NOT NULL,
        user_id UBIGINT NOT NULL,
        valid_from TIMESTAMPTZ NOT NULL,
        valid_to TIMESTAMPTZ)`,
      'CREATE INDEX registrations_by_mpxn ON registrations (mpxn)',
    ],
  },
  AUDIT_MIGRATION,
  OUTBOX_MIGRATION,
  DSP_MIGRATION,
  SSI_MIGRATION,
  PULL_LEASE_MIGRATION,
];

const CREATE_LEDGER = `CREATE TABLE IF NOT EXISTS schema_migrations (
  version INTEGER PRIMARY KEY,
  name VARCHAR NOT NULL,
  applied_at TIMESTAMPTZ NOT NULL DEFAULT current_timestamp)`;

/** The highest version recorded in `schema_migrations`, 0 when there is none. */
export async function appliedVersion(session: Session): Promise<number> {
  const tables = await session.rows(
    `SELECT count(*) AS n FROM duckdb_tables() WHERE table_name = 'schema_migrations'`,
  );
  if (Number(tables[0]?.['n'] ?? 0) === 0) return 0;
  const rows = await session.rows('SELECT max(version) AS v FROM schema_migrations');
  return Number(rows[0]?.['v'] ?? 0);
}

/** Applies each missing migration in its own transaction; returns the versions applied. */
export async function applyMigrations(session: Session): Promise<number[]> {
  await session.run(CREATE_LEDGER);
  const applied: number[] = [];
  for (const migration of pendingMigrations(DUCKDB_MIGRATIONS, await appliedVersion(session))) {
    const done = await session.transaction(async (tx) => {
      const rows = await tx.rows('SELECT coalesce(max(version), 0) AS v FROM schema_migrations');
      if (Number(rows[0]?.['v'] ?? 0) >= migration.version) return false;
      for (const statement of migration.statements) await tx.run(statement, undefined, 'migration');
      await tx.run('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', {
        values: [migration.version, migration.name],
      });
      return true;
    });
    if (done) applied.push(migration.version);
  }
  return applied;
}
