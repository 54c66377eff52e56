// PostgreSQL schema of the Service Audit Trail (version 2), the delivery outbox (version 3)
// and its pull leases (version 6).
//
// audit_trail is range-partitioned by month on `at` (UTC months, one table each, created on
// demand by partitions.ts before a batch that needs one; no default partition, so a month's
// partition can always be created later). A month is dropped or archived as one table.
//
// Beyond one machine (Citus): `SELECT create_distributed_table('audit_trail', 'device_id')`
// shards it by device with no redesign. The primary key leads with device_id (a distributed
// table's unique keys must contain the distribution column) and also holds the partition key
// `at`, as partitioned tables require; the device history (MP141) is then one shard's index
// range scan, read backwards for newest first. Records that address no device carry the
// reserved device 00-00-00-00-00-00-00-00 (NULL cannot be a key or a distribution value).
// The outbox is a small, hot work queue and stays a local table on the coordinator.
//
// Indexes per partition: the key (device_id, at, record_id), which serves (device_id, at DESC)
// by a backward scan; (originator_id, recorded_at) and (recipient_id, recorded_at) for a User's own records
// (H8.16(b)); a hash index on request_id (4-byte hashes, not 60-byte strings); and a BRIN on
// `at` for the time windows of report scans (records arrive in time order).
import type { Migration } from '../migration.ts';
import {
  sqlStringList,
  V2_AUDIT_KINDS,
  V2_AUDIT_OUTCOMES,
  V2_WIRE_FORMATS,
} from '../vocabulary.ts';

/** Version 2: the audit trail, partitioned by month. */
export const AUDIT_MIGRATION: Migration = {
  version: 2,
  name: 'service audit trail, partitioned by month',
  statements: [
    `CREATE TYPE audit_kind AS ENUM ${sqlStringList(V2_AUDIT_KINDS)}`,
    `CREATE TYPE audit_outcome AS ENUM ${sqlStringList(V2_AUDIT_OUTCOMES)}`,
    `CREATE TYPE wire_format AS ENUM ${sqlStringList(V2_WIRE_FORMATS)}`,
    `CREATE TABLE audit_trail (
      device_id bigint NOT NULL,
      recorded_at timestamptz NOT NULL,
      record_id bigint NOT NULL,
      originator_id bigint,
      recipient_id bigint,
      round_trip_ms integer,
      kind audit_kind NOT NULL,
      outcome audit_outcome NOT NULL,
      originator_role user_role,
      format wire_format,
      request_id text COLLATE "C",
      mpxn text COLLATE "C",
      service_reference text,
      srv text,
      srv_name text,
      code text,
      payload text,
      metadata jsonb NOT NULL,
      PRIMARY KEY (device_id, recorded_at, record_id)
    ) PARTITION BY RANGE (recorded_at)`,
    'CREATE INDEX audit_by_originator ON audit_trail (originator_id, recorded_at)',
    'CREATE INDEX audit_by_recipient ON audit_trail (recipient_id, recorded_at) WHERE recipient_id IS NOT NULL',
    'CREATE INDEX audit_by_request ON audit_trail USING hash (request_id)',
    'CREATE INDEX audit_by_time ON audit_trail USING brin (recorded_at)',
  ],
};

/** Version 3: the outbox of responses and alerts awaiting delivery. */
export const OUTBOX_MIGRATION: Migration = {
  version: 3,
  name: 'delivery outbox',
  statements: [
    `CREATE TABLE outbox (
      recipient_id bigint NOT NULL,
      created_at timestamptz NOT NULL,
      next_attempt_at timestamptz,
      delivered_at timestamptz,
      pulled_at timestamptz,
      attempts integer NOT NULL,
      format wire_format NOT NULL,
      message_id text COLLATE "C" PRIMARY KEY,
      content_type text NOT NULL,
      body text NOT NULL,
      last_error text)`,
    `CREATE INDEX outbox_due ON outbox (next_attempt_at)
      WHERE delivered_at IS NULL AND pulled_at IS NULL AND next_attempt_at IS NOT NULL`,
    `CREATE INDEX outbox_waiting ON outbox (recipient_id, created_at)
      WHERE delivered_at IS NULL AND pulled_at IS NULL`,
  ],
};

/**
 * Version 6: a pull hands messages out under a lease and drops them only when the User
 * acknowledges them; until then `pull_lease_until` keeps them from a second pull.
 */
export const PULL_LEASE_MIGRATION: Migration = {
  version: 6,
  name: 'outbox: pull leases, acknowledged pulls',
  statements: ['ALTER TABLE outbox ADD COLUMN pull_lease_until timestamptz'],
};
