// The SRV catalogue: Service Reference Variants, response codes, alert codes, refusals.
export { createCatalogue, type Catalogue, type CatalogueConfig } from './catalogue.ts';
export { serviceReferenceOf } from './check-codes.ts';
export { DEFAULT_CATALOGUE_PATH, loadCatalogue, validateCatalogue } from './load.ts';
export { nearMatches } from './near.ts';
export {
  AUDIENCES,
  DUIS_REFUSAL_REASONS,
  FUTURE_DATING,
  HTTP_REFUSAL_REASONS,
  OWNERSHIP_REQUIREMENTS,
  REJECTION_REASONS,
  SRV_KINDS,
  catalogueFileSchema,
} from './schema.ts';
export type {
  Alert,
  Audience,
  CatalogueFile,
  DccAlert,
  DeviceAlert,
  DuisRefusalReason,
  FutureDating,
  HttpRefusal,
  HttpRefusalReason,
  OwnershipRequirement,
  PowerEvents,
  RefusalEntry,
  RejectionCode,
  RejectionReason,
  ResponseCode,
  Srv,
  SrvKind,
} from './types.ts';
