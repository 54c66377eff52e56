// DuckDB schema of the Self Service Interface (version 5): accounts, sessions, security events.
//
// All four tables are small next to the audit trail. People are found by email (unique
// index) or ID; sessions by the SHA-256 of their ID, never the ID itself. There are no foreign
// keys: DuckDB's forbid updating the referenced row, and people are updated on every failed
// login; the accounts module checks the organisation exists. security_events is append-only
// (no code path updates or deletes it); its sequence gives a total order within one database.
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
      organisation_id VARCHAR PRIMARY KEY,
      name VARCHAR NOT NULL,
      created_at TIMESTAMPTZ NOT NULL)`,
    `CREATE TABLE people (
      person_id VARCHAR PRIMARY KEY,
      organisation_id VARCHAR NOT NULL,
      name VARCHAR NOT NULL,
      email VARCHAR NOT NULL UNIQUE,
      password_hash VARCHAR NOT NULL,
      roles VARCHAR NOT NULL,
      failed_logins INTEGER NOT NULL DEFAULT 0,
      failures_since TIMESTAMPTZ,
      locked_until TIMESTAMPTZ,
      created_at TIMESTAMPTZ NOT NULL)`,
    `CREATE TABLE login_sessions (
      id_hash VARCHAR PRIMARY KEY,
      person_id VARCHAR NOT NULL,
      csrf_secret VARCHAR NOT NULL,
      created_at TIMESTAMPTZ NOT NULL,
      last_seen_at TIMESTAMPTZ NOT NULL,
      expires_at TIMESTAMPTZ NOT NULL)`,
    'CREATE SEQUENCE security_event_seq START 1',
    `CREATE TABLE security_events (
      seq BIGINT PRIMARY KEY DEFAULT nextval('security_event_seq'),
      kind security_event_kind NOT NULL,
      occurred_at TIMESTAMPTZ NOT NULL,
      person_id VARCHAR,
      email VARCHAR,
      ip VARCHAR,
      detail VARCHAR NOT NULL)`,
  ],
};
