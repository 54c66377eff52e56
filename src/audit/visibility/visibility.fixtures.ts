// Hand-made records, registrations and a small in-memory audit store for the visibility tests.
import { eui64FromBigInt, type Eui64 } from '../../core/eui64.ts';
import type { Mpxn } from '../../core/mpxn.ts';
import type { RegistrationRole, UserRole } from '../../core/roles.ts';
import type { Registration } from '../../inventory/types.ts';
import { decodeCursor, encodeCursor, pageLimit } from '../../store/audit-sql.ts';
import type { AuditFilter, AuditPage, AuditStore, PageOptions } from '../../store/audit-port.ts';
import type { AuditKind, AuditRecord } from '../records.ts';

/** The viewer's User ID, another User's, a third User's and a fourth (the supply point's NO). */
export const VIEWER = eui64FromBigInt(0x90_b3_d5_1f_30_00_00_01n);
export const OTHER = eui64FromBigInt(0x90_b3_d5_1f_30_00_00_02n);
export const THIRD = eui64FromBigInt(0x90_b3_d5_1f_30_00_00_03n);
export const OPERATOR = eui64FromBigInt(0x90_b3_d5_1f_30_00_00_04n);
/** Every User ID in the fixtures but the viewer's. */
export const FOREIGN_IDS: readonly Eui64[] = [OTHER, THIRD, OPERATOR];
/** The HAN device the records are about, and a second one. */
export const DEVICE = eui64FromBigInt(0x00_db_12_34_56_78_90_a4n);
export const DEVICE_2 = eui64FromBigInt(0x00_db_12_34_56_78_90_a5n);
/** The DCC's ID, the target of SRVs that address no device. */
export const DCC_ID = eui64FromBigInt(0x00_db_12_00_00_00_00_01n);
/** Supply points: electricity and gas, and one of each that the records are not about. */
export const MPAN = '1200000000011' as Mpxn;
export const MPRN = '123456789' as Mpxn;
export const MPAN_2 = '1200000000029' as Mpxn;
export const MPRN_2 = '987654321' as Mpxn;
/** Text in every payload and metadata, so a leak of detail is easy to spot. */
export const SECRET = 'SECRET-DETAIL';

/** Instants of the story: a record before the Change of Supplier, the change, one after. */
export const T = {
  registered: new Date('2022-01-01T00:00:00Z'),
  beforeCos: new Date('2022-10-10T10:00:00Z'),
  cos: new Date('2022-10-20T00:00:00Z'),
  afterCos: new Date('2022-10-25T10:00:00Z'),
  /** Viewing times either side of MP141's implementation date (3 November 2022). */
  nowBeforeMp141: new Date('2022-11-01T12:00:00Z'),
  nowAfterMp141: new Date('2022-11-10T12:00:00Z'),
} as const;

let nextId = 1000n;

/** What a hand-made record needs; the rest is filled in. */
export interface RecordSpec {
  readonly kind: AuditKind;
  readonly at: Date;
  readonly originatorId: Eui64;
  readonly originatorRole: UserRole;
  /** Ignored for a request (it has no recipient). */
  readonly recipientId?: Eui64;
  readonly deviceId?: Eui64 | null;
  readonly mpxn?: Mpxn | null;
  readonly id?: bigint;
}

/** A record whose payload and metadata carry every party's ID and the secret marker. */
export function record(spec: RecordSpec): AuditRecord {
  const request = spec.kind === 'request';
  const recipientId = request ? null : (spec.recipientId ?? spec.originatorId);
  const deviceId = spec.deviceId === undefined ? DEVICE : spec.deviceId;
  const requestId = `${spec.originatorId}:${deviceId ?? DCC_ID}:${String(++nextId)}`;
  return {
    kind: spec.kind,
    id: spec.id ?? nextId,
    at: spec.at,
    requestId,
    deviceId,
    mpxn: spec.mpxn === undefined ? MPAN : spec.mpxn,
    serviceReference: '8.8',
    srv: '8.8.1',
    srvName: 'Unjoin Service (Non-Critical)',
    code: request ? null : 'I0',
    outcome: request ? 'pending' : 'success',
    originatorRole: spec.originatorRole,
    roundTripMs: request ? null : 900,
    originatorId: spec.originatorId,
    recipientId,
    payload: `<CommandRequestID>${requestId}</CommandRequestID><From>${spec.originatorId.replaceAll('-', '').toLowerCase()}</From><To>${recipientId ?? ''}</To>${SECRET}`,
    format: 'xml',
    metadata: { note: SECRET, signer: `CN=${spec.originatorId}|1`, to: [recipientId] },
  };
}

/** A registration from `from` to `to` (null: still current). */
export function registration(
  role: RegistrationRole,
  userId: Eui64,
  span: { readonly mpxn: Mpxn; readonly from: Date; readonly to?: Date | null },
): Registration {
  return { role, userId, mpxn: span.mpxn, from: span.from, to: span.to ?? null };
}

/** Registration lookup over a list. */
export function historyOf(registrations: readonly Registration[]) {
  return (mpxn: Mpxn): readonly Registration[] => registrations.filter((r) => r.mpxn === mpxn);
}

/** JSON text of a value with bigints as strings: what a page or API response would carry. */
export function serialise(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
}

/** True when the text holds the User ID in any of the ways it might be written. */
export function mentions(text: string, userId: Eui64): boolean {
  const upper = text.toUpperCase();
  return upper.includes(userId) || upper.includes(userId.replaceAll('-', ''));
}

/** Keyset paging over records, newest first, as both store engines do it. */
function page(records: readonly AuditRecord[], options: PageOptions = {}): AuditPage {
  const limit = pageLimit(options);
  const cursor = options.after === undefined ? undefined : decodeCursor(options.after);
  const sorted = [...records]
    .sort((a, b) => b.at.getTime() - a.at.getTime() || (b.id > a.id ? 1 : -1))
    .filter((r) => {
      if (cursor === undefined) return true;
      const dt = r.at.getTime() - cursor.at.getTime();
      return dt < 0 || (dt === 0 && r.id < cursor.id);
    });
  const taken = sorted.slice(0, limit);
  const last = taken[taken.length - 1];
  return { records: taken, next: taken.length < limit || !last ? null : encodeCursor(last) };
}

/** True when the record matches the filter. */
function matches(r: AuditRecord, f: AuditFilter): boolean {
  const t = r.at.getTime();
  return (
    (f.from === undefined || t >= f.from.getTime()) &&
    (f.to === undefined || t < f.to.getTime()) &&
    (f.userId === undefined || r.originatorId === f.userId || r.recipientId === f.userId) &&
    (f.deviceId === undefined || r.deviceId === f.deviceId) &&
    (f.mpxn === undefined || r.mpxn === f.mpxn) &&
    (f.requestId === undefined || r.requestId === f.requestId) &&
    (f.kind === undefined || r.kind === f.kind)
  );
}

/** An in-memory audit store over a fixed list, counting the store reads. */
export function memoryAuditStore(records: readonly AuditRecord[]) {
  const reads = { count: 0 };
  const store: Pick<AuditStore, 'auditByDevice' | 'auditSearch' | 'auditByRequestId'> = {
    auditByDevice: (deviceId, options = {}) => {
      reads.count++;
      return Promise.resolve(
        page(
          records.filter((r) => matches(r, { ...options, deviceId })),
          options,
        ),
      );
    },
    auditSearch: (filter, options) => {
      reads.count++;
      return Promise.resolve(
        page(
          records.filter((r) => matches(r, filter)),
          options,
        ),
      );
    },
    auditByRequestId: (requestId) =>
      Promise.resolve(
        records
          .filter((r) => r.requestId === requestId)
          .sort((a, b) => a.at.getTime() - b.at.getTime()),
      ),
  };
  return { store, reads };
}
