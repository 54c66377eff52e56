// The Service Audit Trail visibility policy (H8.16(b) own records, MP141 titles) for pages and API.
import type { Mpxn } from '../../core/mpxn.ts';
import type { Registration } from '../../inventory/types.ts';
import type { RuleId, RulesInForce } from '../../rules/rules.ts';
import type { AuditRecord, AuditTitle } from '../records.ts';
import {
  titleAccess,
  titleVisibleAt,
  viewerUsers,
  type TitleAccess,
  type Viewer,
} from './access.ts';
import { createRedactor, type VisibleRecord } from './redact.ts';
import { inWindow, viewWindow, type ViewWindow } from './retention.ts';

/** The rule that switches MP141's title view on. */
export const MP141_RULE: RuleId = 'MP141.ssi-titles-for-owners';

/** What a viewer may see of one record. */
export type Visibility =
  | { readonly level: 'full'; readonly record: VisibleRecord }
  | { readonly level: 'title'; readonly title: AuditTitle }
  | { readonly level: 'none' };

/** A visibility that shows something. */
export type Visible = Exclude<Visibility, { readonly level: 'none' }>;

/** What the policy needs to know about the viewer and the moment of viewing. */
export interface VisibilityOptions {
  readonly viewer: Viewer;
  /** The viewing time: retention counts back from it, and MP141 applies from its date. */
  readonly now: Date;
  readonly rules: RulesInForce;
  /** H8.16(b) retention in months (default 3; fewer is refused). */
  readonly retentionMonths?: number;
  /** A supply point's registration history (asked once per supply point, then kept). */
  readonly registrationsFor: (mpxn: Mpxn) => readonly Registration[];
}

/** The policy for one viewer at one viewing time. */
export interface VisibilityPolicy {
  /** The records visible by time, for narrowing store queries. */
  readonly window: ViewWindow;
  /** True when MP141 is in force at the viewing time (titles of others' records may show). */
  readonly titles: boolean;
  /** What the viewer may see of the record. */
  view(record: AuditRecord): Visibility;
  /** True when the record is one of the viewer's own (H8.16(b)), whatever its time. */
  isOwn(record: AuditRecord): boolean;
}

/**
 * Builds the policy. Own records (the viewer sent the request, or received the
 * acknowledgement, response or alert) are shown in full; other records about a HAN device are
 * shown as titles when MP141 is in force *at the viewing time* and the viewer was, at the
 * record's time, a Responsible Supplier or Network Operator of the record's supply point, or
 * is its Responsible Supplier now and the record predates that registration. Both are limited
 * to the same retention window.
 */
export function createVisibilityPolicy(options: VisibilityOptions): VisibilityPolicy {
  const users = viewerUsers(options.viewer);
  const own = new Set<string>(users.map((u) => u.userId));
  const redact = createRedactor(own);
  const window = viewWindow(options.now, options.retentionMonths);
  const titles = options.rules.inForce(MP141_RULE, options.now);
  const access = new Map<Mpxn, TitleAccess>();
  const accessTo = (mpxn: Mpxn): TitleAccess => {
    let found = access.get(mpxn);
    if (found === undefined) {
      found = titleAccess(options.registrationsFor(mpxn), users, options.now);
      access.set(mpxn, found);
    }
    return found;
  };
  const isOwn = (record: AuditRecord): boolean => {
    const party = record.kind === 'request' ? record.originatorId : record.recipientId;
    return party !== null && own.has(party);
  };
  return {
    window,
    titles,
    isOwn,
    view(record) {
      if (!inWindow(window, record.at)) return { level: 'none' };
      if (isOwn(record)) return { level: 'full', record: redact.full(record) };
      if (!titles || record.deviceId === null || record.mpxn === null) return { level: 'none' };
      if (!titleVisibleAt(accessTo(record.mpxn), record.at.getTime())) return { level: 'none' };
      return { level: 'title', title: redact.title(record) };
    },
  };
}
