// DuckDB schema of the Service Audit Trail (version 2), the delivery outbox (version 3)
// and its pull leases (version 6).
//
// The trail is appended in time order, so DuckDB's per-row-group zone maps on `at` and
// `record_id` already prune time ranges (monthly report scans, date filters) without an index.
// One ART index, on device_id, serves the device history (MP141's view) and, through the
// RequestID's Business Target, lookups by RequestID. User and SRV searches are columnar scans.
// There is no primary key: IDs are unique by construction (src/audit/ids.ts) and a key index
// would cost more than the device index for nothing the queries use.
// EUI-64s and MPxNs are UBIGINT as in the inventory; non-device records have a NULL device.
import type { Migration } from '../migration.ts';
import {
  sqlStringList,
  V2_AUDIT_KINDS,
  V2_AUDIT_OUTCOMES,
  V2_WIRE_FORMATS,
} from '../vocabulary.ts';

/** Version 2: the audit trail. */
export const AUDIT_MIGRATION: Migration = {
  version: 2,
  name: 'service audit trail',
  statements: [
    `CREATE TYPE audit_kind AS ENUM ${sqlStringList(V2_AUDIT_KINDS)}`,
    `CREATE TYPE audit_outcome AS ENUM ${sqlStringList(V2_AUDIT_OUTCOMES)}`,
    `CREATE TYPE wire_format AS ENUM ${sqlStringList(V2_WIRE_FORMATS)}`,
    `CREATE TABLE audit_trail (
      record_id BIGINT NOT NULL,
      kind audit_kind NOT NULL,
      recorded_at TIMESTAMPTZ NOT NULL,
      request_id VARCHAR,
      device_id UBIGINT,
      mpxn UBIGINT,
      service_reference VARCHAR,
      srv VARCHAR,
      srv_name VARCHAR,
      code VARCHAR,
      outcome audit_outcome NOT NULL,
      originator_role user_role,
      round_trip_ms UINTEGER,
      originator_id UBIGINT,
      recipient_id UBIGINT,
      format wire_format,
      payload VARCHAR,
      metadata VARCHAR NOT NULL)`,
    'CREATE INDEX audit_by_device ON audit_trail (device_id)',
  ],
};

/** Version 3: the outbox of responses and alerts awaiting delivery. */
export const OUTBOX_MIGRATION: Migration = {
  version: 3,
  name: 'delivery outbox',
  statements: [
    `CREATE TABLE outbox (
      message_id VARCHAR PRIMARY KEY,
      recipient_id UBIGINT NOT NULL,
      format wire_format NOT NULL,
      content_type VARCHAR NOT NULL,
      body VARCHAR NOT NULL,
      created_at TIMESTAMPTZ NOT NULL,
      attempts UINTEGER NOT NULL,
      next_attempt_at TIMESTAMPTZ,
      last_error VARCHAR,
      delivered_at TIMESTAMPTZ,
      pulled_at TIMESTAMPTZ)`,
  ],
};

/**
 * Version 6: a pull hands messages out under a lease and drops them only when the User
 * acknowledges them; until then `pull_lease_until` keeps them from a second pull.
 */
export const PULL_LEASE_MIGRATION: Migration = {
  version: 6,
  name: 'outbox: pull leases, acknowledged pulls',
  statements: ['ALTER TABLE outbox ADD COLUMN pull_lease_until TIMESTAMPTZ'],
};
