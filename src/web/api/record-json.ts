// Record keys and the JSON shapes of visible records: titles name fields one by one, so nothing else leaks.
import type { AuditTitle } from '../../audit/records.ts';
import type { Visible, VisibleRecord } from '../../audit/visibility/index.ts';

/** A record's key as pages and API write it. */
export function recordKey(title: Pick<AuditTitle, 'at' | 'id'>): string {
  return `${title.at.getTime()}-${title.id.toString()}`;
}

/** Reads a record key; null when the text is not one (treated like an unknown record). */
export function parseRecordKey(text: string): { readonly at: Date; readonly id: bigint } | null {
  const match = /^(\d{1,15})-(\d{1,19})$/.exec(text);
  if (match?.[1] === undefined || match[2] === undefined) return null;
  const id = BigInt(match[2]);
  return id < 1n << 63n ? { at: new Date(Number(match[1])), id } : null;
}

/** A title as JSON. */
export interface TitleJson {
  readonly key: string;
  readonly id: string;
  readonly kind: string;
  readonly at: string;
  readonly requestId: string | null;
  readonly deviceId: string | null;
  readonly mpxn: string | null;
  readonly serviceReference: string | null;
  readonly srv: string | null;
  readonly srvName: string | null;
  readonly code: string | null;
  readonly outcome: string;
  readonly originatorRole: string | null;
  readonly roundTripMs: number | null;
  /** `full` for the organisation's own records (detail at /api/v1/records/{key}), else `title`. */
  readonly visibility: 'full' | 'title';
}

/** The title fields of a record as JSON. */
export function titleJson(t: AuditTitle, visibility: 'full' | 'title'): TitleJson {
  return {
    key: recordKey(t),
    id: t.id.toString(),
    kind: t.kind,
    at: t.at.toISOString(),
    requestId: t.requestId,
    deviceId: t.deviceId,
    mpxn: t.mpxn,
    serviceReference: t.serviceReference,
    srv: t.srv,
    srvName: t.srvName,
    code: t.code,
    outcome: t.outcome,
    originatorRole: t.originatorRole,
    roundTripMs: t.roundTripMs,
    visibility,
  };
}

/** A visible item as a title row. */
export function itemJson(item: Visible): TitleJson {
  return item.level === 'full' ? titleJson(item.record, 'full') : titleJson(item.title, 'title');
}

/** One of the organisation's own records in full. */
export function recordJson(record: VisibleRecord): TitleJson & {
  readonly originatorId: string | null;
  readonly recipientId: string | null;
  readonly format: string | null;
  readonly payload: string | null;
  readonly metadata: VisibleRecord['metadata'];
} {
  return {
    ...titleJson(record, 'full'),
    originatorId: record.originatorId,
    recipientId: record.recipientId,
    format: record.format,
    payload: record.payload,
    metadata: record.metadata,
  };
}
