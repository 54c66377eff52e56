// The public API of src/audit/visibility: who sees what of the Service Audit Trail, and SSI roles.
export { HIDDEN_USER, createRedactor, maskRequestId, redactedTitle } from './redact.ts';
export type { Redactor, VisibleRecord } from './redact.ts';
export { NO_TITLE_ACCESS, titleAccess, titleVisibleAt, viewerUsers } from './access.ts';
export type { TitleAccess, Viewer, ViewerUser } from './access.ts';
export { MP141_RULE, createVisibilityPolicy } from './policy.ts';
export type { Visibility, VisibilityOptions, VisibilityPolicy, Visible } from './policy.ts';
export {
  DEFAULT_RETENTION_MONTHS,
  MIN_RETENTION_MONTHS,
  checkRetentionMonths,
  inWindow,
  monthsBefore,
  viewWindow,
} from './retention.ts';
export type { ViewWindow } from './retention.ts';
export {
  namesAnotherUser,
  visibleByRequestId,
  visibleDeviceHistory,
  visibleSearch,
} from './queries.ts';
export type { VisibleQueryOptions } from './queries.ts';
export { collectVisible, mergedSource, registrationCache } from './scan.ts';
export type { PageSource, RegistrationCache, RegistrationSource, VisiblePage } from './scan.ts';
export {
  SSI_ACTIONS,
  SSI_PERMISSIONS,
  SSI_ROLE_NAMES,
  SSI_ROLES,
  can,
  parseSsiRole,
} from './ssi-roles.ts';
export type { SsiAction, SsiPerson, SsiRole } from './ssi-roles.ts';
