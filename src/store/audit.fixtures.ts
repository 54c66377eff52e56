// Audit and outbox records for the shared store tests.
import type { NewOutboxMessage } from '../audit/outbox-message.ts';
import type { AuditRecord } from '../audit/records.ts';
import type { Eui64 } from '../core/eui64.ts';
import { HIGH_ID, LOW_ID, MID_ID, MPAN, TOP_ID, id } from './store.fixtures.ts';

/** The DCC's own ID, the target of non-device SRVs in these fixtures. */
export const DCC_ID = id(0x00_db_12_00_00_00_00_01n);
/** A supplier (originator of most requests) and a network operator. */
export const SUPPLIER = LOW_ID;
export const OPERATOR = HIGH_ID;

const BASE = Date.UTC(2024, 2, 31, 23, 58, 30); // the last minute of March: records cross a month

/** A RequestID for a target and counter. */
export function requestIdFor(target: Eui64, counter: number, originator: Eui64 = SUPPLIER): string {
  return `${originator}:${target}:${counter}`;
}

/** A record with overridable fields: by default a successful 8.8.1 response to the supplier. */
export function auditRecord(
  overrides: Partial<AuditRecord> & { readonly id: bigint },
): AuditRecord {
  return {
    kind: 'response',
    at: new Date(BASE + Number(overrides.id) * 1000),
    requestId: requestIdFor(MID_ID, Number(overrides.id)),
    deviceId: MID_ID,
    mpxn: MPAN,
    serviceReference: '8.8',
    srv: '8.8.1',
    srvName: 'Unjoin Service (Non-Critical)',
    code: 'I0',
    outcome: 'success',
    originatorRole: 'ImportSupplier',
    roundTripMs: 1234,
    originatorId: SUPPLIER,
    recipientId: SUPPLIER,
    format: 'xml',
    payload:
      '<sr:Response xmlns:sr="http://www.dccinterface.co.uk/ServiceUserGateway">\t\\é</sr:Response>',
    metadata: { commandVariant: 1, signer: { serial: '123' }, note: 'line\nbreak "quoted"' },
    ...overrides,
  };
}

/** One request's records (request, acknowledgement, response) for a device, at minute `i`. */
export function exchange(i: number, device: Eui64 | null = MID_ID): AuditRecord[] {
  const target = device ?? DCC_ID;
  const requestId = requestIdFor(target, i);
  const base = { requestId, deviceId: device, mpxn: device === null ? null : MPAN };
  return [
    auditRecord({
      ...base,
      id: BigInt(i * 10 + 1),
      kind: 'request',
      code: null,
      outcome: 'pending',
      recipientId: null,
      roundTripMs: null,
      at: new Date(BASE + i * 60_000),
    }),
    auditRecord({
      ...base,
      id: BigInt(i * 10 + 2),
      kind: 'acknowledgement',
      code: 'I99',
      outcome: 'pending',
      roundTripMs: null,
      payload: null,
      format: null,
      metadata: {},
      at: new Date(BASE + i * 60_000 + 5),
    }),
    auditRecord({ ...base, id: BigInt(i * 10 + 3), at: new Date(BASE + i * 60_000 + 900) }),
  ];
}

/** An alert to the network operator about a device. */
export function alert(i: number, device: Eui64 = TOP_ID): AuditRecord {
  return auditRecord({
    id: BigInt(i * 10 + 4),
    kind: 'alert',
    requestId: null,
    deviceId: device,
    srv: null,
    serviceReference: null,
    srvName: null,
    code: 'N13',
    outcome: 'success',
    originatorRole: 'DCC',
    originatorId: null,
    recipientId: OPERATOR,
    roundTripMs: null,
    format: 'json',
    payload: '{"alert":"N13"}',
    at: new Date(BASE + i * 60_000 + 30_000),
  });
}

/** An outbox message for a User, created at second `i`. */
export function outbound(i: number, recipientId: Eui64 = SUPPLIER): NewOutboxMessage {
  return {
    id: `msg-${String(i).padStart(4, '0')}`,
    recipientId,
    format: i % 2 === 0 ? 'xml' : 'json',
    contentType: i % 2 === 0 ? 'application/xml' : 'application/json',
    body: `<Response n="${i}">\ttab\\slash\nline</Response>`,
    createdAt: new Date(Date.UTC(2024, 4, 1, 12, 0, i)),
  };
}
