// Paging over what a viewer may see: scans store pages, keeps visible records, cuts exact pages.
import type { Mpxn } from '../../core/mpxn.ts';
import type { Registration } from '../../inventory/types.ts';
import { encodeCursor } from '../../store/audit-sql.ts';
import type { AuditPage } from '../../store/audit-port.ts';
import type { AuditRecord } from '../records.ts';
import type { Visible, VisibilityPolicy } from './policy.ts';

/** One store page after a cursor: the store's own paging, or several merged. */
export type PageSource = (after: string | undefined) => Promise<AuditPage>;

/** A page of what the viewer may see, newest first, and the cursor of the next page. */
export interface VisiblePage {
  readonly items: readonly Visible[];
  readonly next: string | null;
}

/** A supply point's registration history, from memory or from the store. */
export type RegistrationSource = (
  mpxn: Mpxn,
) => readonly Registration[] | Promise<readonly Registration[]>;

/** Registration histories fetched ahead of the policy, which reads them synchronously. */
export interface RegistrationCache {
  /** Fetches the histories of the supply points of these records not fetched yet. */
  load(records: readonly AuditRecord[]): Promise<void>;
  /** A fetched history (empty when the supply point has none). */
  get(mpxn: Mpxn): readonly Registration[];
}

/** A cache in front of a registration source. */
export function registrationCache(source: RegistrationSource): RegistrationCache {
  const histories = new Map<Mpxn, readonly Registration[]>();
  return {
    async load(records) {
      const missing = new Set<Mpxn>();
      for (const r of records) if (r.mpxn !== null && !histories.has(r.mpxn)) missing.add(r.mpxn);
      const loaded = await Promise.all(
        [...missing].map(async (m) => [m, await source(m)] as const),
      );
      for (const [mpxn, history] of loaded) histories.set(mpxn, history);
    },
    get: (mpxn) => histories.get(mpxn) ?? [],
  };
}

/** What {@link collectVisible} works with. */
export interface CollectOptions {
  readonly policy: VisibilityPolicy;
  readonly registrations: RegistrationCache;
  readonly limit: number;
}

/**
 * Reads pages from the source until `limit` visible records are found or the source ends,
 * skipping what the viewer may not see. The next cursor is the last *returned* record's
 * position, so a cursor never reveals where an invisible record lies, and `next` is null
 * exactly when nothing visible is left.
 */
export async function collectVisible(
  source: PageSource,
  options: CollectOptions,
  after?: string,
): Promise<VisiblePage> {
  const { policy, registrations, limit } = options;
  const items: Visible[] = [];
  let last: AuditRecord | undefined;
  let cursor = after;
  for (;;) {
    const page = await source(cursor);
    await registrations.load(page.records);
    for (const record of page.records) {
      const seen = policy.view(record);
      if (seen.level === 'none') continue;
      if (items.length === limit && last !== undefined) return { items, next: encodeCursor(last) };
      items.push(seen);
      last = record;
    }
    if (page.next === null) return { items, next: null };
    cursor = page.next;
  }
}

/** Newest first, by time then ID, as the store pages. */
function newestFirst(a: AuditRecord, b: AuditRecord): number {
  const dt = b.at.getTime() - a.at.getTime();
  return dt !== 0 ? dt : b.id > a.id ? 1 : b.id < a.id ? -1 : 0;
}

/**
 * Several store queries as one newest-first source: each is read from the same keyset cursor,
 * the results merged without repeats, and the page cut at `limit`.
 */
export function mergedSource(sources: readonly PageSource[], limit: number): PageSource {
  if (sources.length === 1 && sources[0] !== undefined) return sources[0];
  return async (after) => {
    const pages = await Promise.all(sources.map((source) => source(after)));
    const byId = new Map<bigint, AuditRecord>();
    for (const page of pages) for (const r of page.records) byId.set(r.id, r);
    const merged = [...byId.values()].sort(newestFirst);
    const records = merged.slice(0, limit);
    const more = merged.length > limit || pages.some((p) => p.next !== null);
    const last = records[records.length - 1];
    return { records, next: more && last !== undefined ? encodeCursor(last) : null };
  };
}
