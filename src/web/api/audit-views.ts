// The SSI's audit-trail reads, all through the one visibility module (pages and API alike).
import type { Eui64 } from '../../core/eui64.ts';
import {
  visibleDeviceHistory,
  visibleSearch,
  type VisiblePage,
  type Visible,
  type VisibleRecord,
  type ViewerUser,
} from '../../audit/visibility/index.ts';
import type { AuditTitle } from '../../audit/records.ts';
import type { RulesInForce } from '../../rules/rules.ts';
import type { Store } from '../../store/port.ts';
import { parseRecordKey } from './record-json.ts';
import type { SearchQuery } from './search-query.ts';

/** What every read needs: the store, the rules in force, retention and the clock. */
export interface AuditViewDeps {
  readonly store: Store;
  readonly rules: RulesInForce;
  /** H8.16(b) retention in months (the visibility module refuses fewer than three). */
  readonly retentionMonths?: number;
  readonly now: () => Date;
  /** Most rows one CSV export may hold (default EXPORT_LIMIT). */
  readonly exportLimit?: number;
}

/** Whose eyes: the organisation's DCC Users (User ID and role). */
export interface Asker {
  readonly deps: AuditViewDeps;
  readonly users: readonly ViewerUser[];
}

function base(asker: Asker, limit: number, after: string | undefined) {
  const { deps } = asker;
  return {
    store: deps.store,
    viewer: asker.users,
    now: deps.now(),
    rules: deps.rules,
    retentionMonths: deps.retentionMonths,
    registrationsFor: (mpxn: Parameters<Store['registrations']>[0]) =>
      deps.store.registrations(mpxn),
    page: { limit, after },
  };
}

const EMPTY: VisiblePage = { items: [], next: null };

/** A checked search, as the asker may see it (an organisation with no User IDs sees nothing). */
export async function searchAs(asker: Asker, query: SearchQuery): Promise<VisiblePage> {
  if (asker.users.length === 0) return EMPTY;
  return visibleSearch({ ...base(asker, query.limit, query.after), filter: query.filter });
}

/** A device's history as the asker may see it; an unknown device is simply empty. */
export async function historyAs(
  asker: Asker,
  deviceId: Eui64,
  page: { readonly limit: number; readonly after?: string | undefined },
): Promise<VisiblePage> {
  if (asker.users.length === 0) return EMPTY;
  return visibleDeviceHistory({ ...base(asker, page.limit, page.after), deviceId });
}

/**
 * One record in full, when it is the asker's own; null when it does not exist, is not the
 * asker's, or is visible by title only (the three look the same to the caller).
 */
export async function recordAs(asker: Asker, key: string): Promise<VisibleRecord | null> {
  const parsed = parseRecordKey(key);
  if (parsed === null || asker.users.length === 0) return null;
  const filter = { from: parsed.at, to: new Date(parsed.at.getTime() + 1) };
  let after: string | undefined;
  do {
    const page = await visibleSearch({ ...base(asker, 500, after), filter });
    for (const item of page.items) {
      if (item.level === 'full' && item.record.id === parsed.id) return item.record;
    }
    after = page.next ?? undefined;
  } while (after !== undefined);
  return null;
}

/** The title part of a visible item, and whether its detail may be opened. */
export function titleRow(item: Visible): { readonly title: AuditTitle; readonly own: boolean } {
  return item.level === 'full'
    ? { title: item.record, own: true }
    : { title: item.title, own: false };
}
