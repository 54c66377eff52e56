// PostgreSQL schema, as numbered migrations, and the runner that applies the missing ones.
//
// Device-keyed tables lead their primary key with device_id, so distributing them by
// device_id (Citus) needs no redesign; users and registrations would be reference tables.
// Columns are ordered widest first so rows carry no alignment padding.
import { pendingMigrations, type Migration } from '../migration.ts';
import { AUDIT_MIGRATION, OUTBOX_MIGRATION, PULL_LEASE_MIGRATION } from './audit-schema.ts';
import { DSP_MIGRATION } from './dsp-schema.ts';
import { SSI_MIGRATION } from './ssi-schema.ts';
import {
  sqlStringList,
  V1_DEVICE_TYPES,
  V1_SMETS_GENERATIONS,
  V1_SMI_STATUSES,
  V1_USER_ROLES,
} from '../vocabulary.ts';
import type { Session } from './session.ts';

/** Every PostgreSQL migration, oldest first; version N is at position N. */
export const POSTGRES_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'inventory: users, devices, status history, HAN joins, registrations',
    statements: [
      `CREATE TYPE device_type AS ENUM ${sqlStringList(V1_DEVICE_TYPES)}`,
      `CREATE TYPE smi_status AS ENUM ${sqlStringList(V1_SMI_STATUSES)}`,
      `CREATE TYPE smets_generation AS ENUM ${sqlStringList(V1_SMETS_GENERATIONS)}`,
      `CREATE TYPE user_role AS ENUM ${sqlStringList(V1_USER_ROLES)}`,
      `CREATE TABLE users (
        user_id bigint PRIMARY KEY,
        role user_role NOT NULL,
        party_id text NOT NULL,
        party_name text NOT NULL)`,
      `CREATE TABLE devices (
        device_id bigint PRIMARY KEY,
        status_since timestamptz NOT NULL,
        type device_type NOT NULL,
        smets smets_generation NOT NULL,
        status smi_status NOT NULL,
        region smallint NOT NULL,
        mpxn text COLLATE "C",
        manufacturer text NOT NULL,
        model text NOT NULL,
        firmware_version text NOT NULL)`,
      'CREATE INDEX devices_by_mpxn ON devices (mpxn)',
      `CREATE TABLE device_status_history (
        device_id bigint NOT NULL,
        changed_at timestamptz NOT NULL,
        seq integer NOT NULL,
        from_status smi_status NOT NULL,
        to_status smi_status NOT NULL,
        PRIMARY KEY (device_id, seq))`,
      `CREATE TABLE han_joins (
        device_id bigint NOT NULL,
        target_id bigint NOT NULL,
        joined_at timestamptz NOT NULL,
        unjoined_at timestamptz,
        PRIMARY KEY (device_id, target_id, joined_at))`,
      'CREATE INDEX han_joins_by_target ON han_joins (target_id)',
      `CREATE TABLE registrations (
        user_id bigint NOT NULL,
        valid_from timestamptz NOT NULL,
        valid_to timestamptz,
        role user_role NOT NULL,
        mpxn text COLLATE "C" NOT NULL,
        PRIMARY KEY (mpxn, role, valid_from))`,
    ],
  },
  AUDIT_MIGRATION,
  OUTBOX_MIGRATION,
  DSP_MIGRATION,
  SSI_MIGRATION,
  PULL_LEASE_MIGRATION,
];

const CREATE_LEDGER = `CREATE TABLE IF NOT EXISTS schema_migrations (
  version integer PRIMARY KEY,
  name text NOT NULL,
  applied_at timestamptz NOT NULL DEFAULT now())`;

/** Any number, the same for every opendsp process: serialises concurrent migrations. */
const MIGRATION_LOCK = 0x0d5b_0001;

/** The highest version recorded in `schema_migrations`, 0 when there is none. */
export async function appliedVersion(session: Session): Promise<number> {
  const rows = await session.query(
    `SELECT CASE WHEN to_regclass('schema_migrations') IS NULL THEN 0
       ELSE (SELECT coalesce(max(version), 0) FROM schema_migrations) END AS v`,
  );
  return Number(rows[0]?.['v'] ?? 0);
}

/** Applies each missing migration in its own transaction; returns the versions applied. */
export async function applyMigrations(session: Session): Promise<number[]> {
  const applied: number[] = [];
  await session.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await tx.query(CREATE_LEDGER, [], 'migration');
  });
  for (const migration of pendingMigrations(POSTGRES_MIGRATIONS, await appliedVersion(session))) {
    const done = await session.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
      const rows = await tx.query('SELECT coalesce(max(version), 0) AS v FROM schema_migrations');
      if (Number(rows[0]?.['v'] ?? 0) >= migration.version) return false;
      for (const statement of migration.statements) await tx.query(statement, [], 'migration');
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [
        migration.version,
        migration.name,
      ]);
      return true;
    });
    if (done) applied.push(migration.version);
  }
  return applied;
}
