// PostgreSQL schema of the Self Service Interface (version 5): accounts, sessions, security events.
//
// All four tables are small next to the audit trail; under Citus they would be reference
// tables. People are found by email (unique) or ID; sessions by the SHA-256 of their ID,
// never the ID itself. No foreign keys, as on DuckDB, so both engines refuse the same things;
// the accounts module checks the organisation exists. security_events is append-only (no
// code path updates or deletes it); its identity column gives a total order.
import type { Migration } from '../migration.ts';
import { V5_SECURITY_EVENT_KINDS } from '../ssi-rows.ts';
import { sqlStringList } from '../vocabulary.ts';

/** Version 5: SSI organisations, people, login sessions and the security event log. */
export const SSI_MIGRATION: Migration = {
  version: 5,
  name: 'SSI organisations, people, login sessions, security events',
  statements: [
    `CREATE TYPE security_event_kind AS ENUM ${sqlStringList(V5_SECURITY_EVENT_KINDS)}`,
    `CREATE TABLE organisations (
      created_at timestamptz NOT NULL,
      organisation_id text COLLATE "C" PRIMARY KEY,
      name text NOT NULL)`,
    `CREATE TABLE people (
      failures_since timestamptz,
      locked_until timestamptz,
      created_at timestamptz NOT NULL,
      failed_logins integer NOT NULL DEFAULT 0,
      person_id text COLLATE "C" PRIMARY KEY,
      organisation_id text COLLATE "C" NOT NULL,
      name text NOT NULL,
      email text COLLATE "C" NOT NULL UNIQUE,
      password_hash text NOT NULL,
      roles text NOT NULL)`,
    'CREATE INDEX people_by_organisation ON people (organisation_id)',
    `CREATE TABLE login_sessions (
      created_at timestamptz NOT NULL,
      last_seen_at timestamptz NOT NULL,
      expires_at timestamptz NOT NULL,
      id_hash text COLLATE "C" PRIMARY KEY,
      person_id text COLLATE "C" NOT NULL,
      csrf_secret text NOT NULL)`,
    'CREATE INDEX login_sessions_by_person ON login_sessions (person_id)',
    `CREATE TABLE security_events (
      seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      occurred_at timestamptz NOT NULL,
      kind security_event_kind NOT NULL,
      person_id text,
      email text,
      ip text,
      detail text NOT NULL)`,
    'CREATE INDEX security_events_by_time ON security_events (occurred_at)',
  ],
};
