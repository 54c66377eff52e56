// The audit trail on PostgreSQL: COPY into monthly partitions, reads by the key and indexes.
import type { AuditRecord } from '../../audit/records.ts';
import type { Eui64 } from '../../core/eui64.ts';
import type { AuditStore } from '../audit-port.ts';
import { HEADER_COLUMNS, RECORD_COLUMNS, toAuditHeader, toAuditRecord } from '../audit-rows.ts';
import { scanWindows } from '../audit-scan.ts';
import * as q from '../audit-sql.ts';
import type { Row } from '../records.ts';
import { copyTextOrNull, copyTime, toPgId } from './codec.ts';
import { createPartitions } from './partitions.ts';
import type { Session, Transaction } from './session.ts';

const OFFSET = 1n << 63n;
/** The stored device of records that address no device (see audit-schema.ts). */
const NO_DEVICE = (-OFFSET).toString();

const COPY_COLUMNS =
  'device_id, recorded_at, record_id, originator_id, recipient_id, round_trip_ms, kind, outcome, ' +
  'originator_role, format, request_id, mpxn, service_reference, srv, srv_name, code, ' +
  'payload, metadata';

/** A stored EUI-64 (signed, offset) as the unsigned value the neutral reader expects. */
function unsigned(value: unknown): bigint | null {
  return typeof value === 'string' ? BigInt(value) + OFFSET : null;
}

/** An audit row with its EUI-64 columns made neutral and the no-device marker made NULL. */
function neutral(row: Row): Row {
  return {
    ...row,
    device_id: row['device_id'] === NO_DEVICE ? null : unsigned(row['device_id']),
    originator_id: unsigned(row['originator_id']),
    recipient_id: unsigned(row['recipient_id']),
  };
}

/** Copies records into the trail inside `tx`; their months' partitions must exist. */
export function copyAuditIn(tx: Transaction, records: readonly AuditRecord[]): Promise<void> {
  if (records.length === 0) return Promise.resolve();
  return tx.copy('audit_trail', COPY_COLUMNS, records.map(copyLine));
}

/** One record as a line of COPY text, in {@link COPY_COLUMNS} order. */
function copyLine(a: AuditRecord): string {
  const id = (value: Eui64 | null): string => (value === null ? '\\N' : toPgId(value));
  const t = copyTextOrNull;
  return (
    `${a.deviceId === null ? NO_DEVICE : toPgId(a.deviceId)}\t${copyTime(a.at)}\t${a.id}\t` +
    `${id(a.originatorId)}\t${id(a.recipientId)}\t` +
    `${a.roundTripMs === null ? '\\N' : Math.round(a.roundTripMs)}\t${a.kind}\t${a.outcome}\t` +
    `${t(a.originatorRole)}\t${t(a.format)}\t${t(a.requestId)}\t${t(a.mpxn)}\t` +
    `${t(a.serviceReference)}\t${t(a.srv)}\t${t(a.srvName)}\t${t(a.code)}\t${t(a.payload)}\t` +
    `${t(JSON.stringify(a.metadata))}\n`
  );
}

/** Bind values for node-postgres from the neutral ones. */
/** Bind values for PostgreSQL from the neutral ones. */
export function bind(params: { readonly values: readonly q.SqlValue[] }): unknown[] {
  return params.values.map((p) => {
    switch (p.kind) {
      case 'id':
        return toPgId(p.value);
      case 'record':
        return p.value.toString();
      case 'mpxn':
      case 'time':
      case 'text':
      case 'int':
        return p.value;
    }
  });
}

/** Creates the PostgreSQL implementation of {@link AuditStore} over a session. */
export function createPostgresAudit(session: Session): AuditStore {
  const partitions = createPartitions(session);
  const page: AuditStore['auditSearch'] = async (filter, options) => {
    const limit = q.pageLimit(options);
    const params = new q.SqlParams();
    const where = [
      ...q.filterConditions(filter, params),
      ...q.beforeCursor(options?.after, params),
    ];
    const sql = `SELECT ${RECORD_COLUMNS} FROM audit_trail ${q.whereClause(where)}
      ORDER BY recorded_at DESC, record_id DESC LIMIT ${limit}`;
    const rows = await session.query(sql, bind(params), 'audit_trail');
    const records = rows.map((row) => toAuditRecord(neutral(row)));
    return { records, next: q.nextCursor(records, limit) };
  };
  return {
    async appendAudit(records) {
      if (records.length === 0) return;
      await partitions.ensure(records.map((r) => r.at));
      await session.transaction((tx) => copyAuditIn(tx, records));
    },
    auditByDevice: (deviceId, options = {}) => page({ ...options, deviceId }, options),
    auditSearch: page,
    async auditByRequestId(requestId) {
      const sql = `SELECT ${RECORD_COLUMNS} FROM audit_trail WHERE request_id = $1
        ORDER BY recorded_at, record_id`;
      const rows = await session.query(sql, [requestId], 'audit_trail');
      return rows.map((row) => toAuditRecord(neutral(row)));
    },
    async auditCount(filter) {
      const params = new q.SqlParams();
      const where = q.whereClause(q.filterConditions(filter, params));
      const rows = await session.query(
        `SELECT count(*) AS n FROM audit_trail ${where}`,
        bind(params),
        'audit_trail',
      );
      return Number(rows[0]?.['n'] ?? 0);
    },
    auditScan: (range, onChunk, options) =>
      scanWindows(range, {
        ...options,
        onChunk,
        read: async (window) => {
          const params = new q.SqlParams();
          const where = q.whereClause(q.filterConditions(window, params));
          const sql = `SELECT ${HEADER_COLUMNS} FROM audit_trail ${where} ORDER BY recorded_at, record_id`;
          const rows = await session.query(sql, bind(params), 'audit_trail');
          return rows.map((row) => toAuditHeader(neutral(row)));
        },
      }),
  };
}
