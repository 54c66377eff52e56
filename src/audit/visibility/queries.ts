// Store queries through the visibility policy: device history, search and one request's records.
import { NotFoundError } from '../../core/errors.ts';
import type { Eui64 } from '../../core/eui64.ts';
import type { RulesInForce } from '../../rules/rules.ts';
import { pageLimit } from '../../store/audit-sql.ts';
import type { AuditFilter, AuditStore, PageOptions, TimeRange } from '../../store/audit-port.ts';
import { viewerUsers, type Viewer } from './access.ts';
import { createVisibilityPolicy, type Visible, type VisibilityPolicy } from './policy.ts';
import type { ViewWindow } from './retention.ts';
import {
  collectVisible,
  mergedSource,
  registrationCache,
  type CollectOptions,
  type RegistrationSource,
  type VisiblePage,
} from './scan.ts';

/** Who is asking, when, under which rules, and where to read from. */
export interface VisibleQueryOptions {
  readonly store: Pick<AuditStore, 'auditByDevice' | 'auditSearch' | 'auditByRequestId'>;
  readonly viewer: Viewer;
  readonly now: Date;
  readonly rules: RulesInForce;
  /** H8.16(b) retention in months (default 3, never fewer). */
  readonly retentionMonths?: number;
  /** A supply point's registration history (for example the store's `registrations`). */
  readonly registrationsFor: RegistrationSource;
  readonly page?: PageOptions;
}

/** The policy and the scan settings of one query. */
function prepare(options: VisibleQueryOptions): CollectOptions {
  const registrations = registrationCache(options.registrationsFor);
  const policy: VisibilityPolicy = createVisibilityPolicy({
    ...options,
    registrationsFor: (mpxn) => registrations.get(mpxn),
  });
  return { policy, registrations, limit: pageLimit(options.page) };
}

/** The asked range narrowed to the window (store ranges end exclusive); null when empty. */
function narrow(range: TimeRange, window: ViewWindow): Required<TimeRange> | null {
  const from = Math.max(range.from?.getTime() ?? -Infinity, window.from.getTime());
  const to = Math.min(range.to?.getTime() ?? Infinity, window.to.getTime() + 1);
  return from < to ? { from: new Date(from), to: new Date(to) } : null;
}

/**
 * True when a filter names a User ID that is not the viewer's (as a party or as a RequestID's
 * originator): answering it would tell whether that User took part, so it finds nothing.
 */
export function namesAnotherUser(filter: AuditFilter, viewer: Viewer): boolean {
  const own = new Set<string>(viewerUsers(viewer).map((u) => u.userId));
  const colon = filter.requestId?.indexOf(':') ?? -1;
  const originator = colon > 0 ? filter.requestId?.slice(0, colon).toUpperCase() : undefined;
  return [filter.userId, filter.originatorId, filter.recipientId, originator].some(
    (id) => id !== undefined && !own.has(id),
  );
}

/**
 * A device's history as the viewer may see it, newest first: own records in full, MP141
 * titles where allowed. An unknown device and a device the viewer may see nothing of both
 * give the same empty page.
 */
export async function visibleDeviceHistory(
  options: VisibleQueryOptions & { readonly deviceId: Eui64; readonly range?: TimeRange },
): Promise<VisiblePage> {
  const scan = prepare(options);
  const range = narrow(options.range ?? {}, scan.policy.window);
  if (range === null) return { items: [], next: null };
  const source = (after: string | undefined) =>
    options.store.auditByDevice(options.deviceId, { ...range, limit: scan.limit, after });
  return collectVisible(source, scan, options.page?.after);
}

/**
 * A search as the viewer may see it. With a device, MPxN or RequestID the store is searched
 * as asked and MP141 titles can appear; any broader search (by SRV, code, dates…) covers the
 * viewer's own records only, read per User ID of the organisation, so it never scans the
 * whole trail for records the viewer may not see. A filter naming another User's ID finds
 * nothing (see {@link namesAnotherUser}). Nothing found and nothing visible look alike.
 */
export async function visibleSearch(
  options: VisibleQueryOptions & { readonly filter: AuditFilter },
): Promise<VisiblePage> {
  const scan = prepare(options);
  const { filter } = options;
  const range = narrow(filter, scan.policy.window);
  if (range === null || namesAnotherUser(filter, options.viewer)) return { items: [], next: null };
  const search = (f: AuditFilter) => (after: string | undefined) =>
    options.store.auditSearch({ ...f, ...range }, { limit: scan.limit, after });
  const narrowed = filter.deviceId ?? filter.mpxn ?? filter.requestId;
  const source =
    narrowed !== undefined
      ? search(filter)
      : mergedSource(
          viewerUsers(options.viewer)
            .filter((u) => filter.userId === undefined || filter.userId === u.userId)
            .map((u) => search({ ...filter, userId: u.userId })),
          scan.limit,
        );
  return collectVisible(source, scan, options.page?.after);
}

/**
 * Every record of one DUIS RequestID the viewer may see, oldest first. Throws the same
 * NotFoundError whether the RequestID does not exist or nothing of it is visible.
 */
export async function visibleByRequestId(
  options: Omit<VisibleQueryOptions, 'page'> & { readonly requestId: string },
): Promise<Visible[]> {
  const { policy, registrations } = prepare(options);
  if (namesAnotherUser({ requestId: options.requestId }, options.viewer)) {
    throw new NotFoundError('request', options.requestId);
  }
  const records = await options.store.auditByRequestId(options.requestId);
  await registrations.load(records);
  const visible = records
    .map((r) => policy.view(r))
    .filter((v): v is Visible => v.level !== 'none');
  if (visible.length === 0) throw new NotFoundError('request', options.requestId);
  return visible;
}
