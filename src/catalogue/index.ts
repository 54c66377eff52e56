// The SRV catalogue: Service Reference Variants, response codes, alert codes, rejection codes.
export { createCatalogue, type Catalogue, type CatalogueConfig } from './catalogue.ts';
export { serviceReferenceOf } from './check-codes.ts';
export { DEFAULT_CATALOGUE_PATH, loadCatalogue, validateCatalogue } from './load.ts';
export { nearMatches } from './near.ts';
export {
  AUDIENCES,
  FUTURE_DATING,
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
  FutureDating,
  OwnershipRequirement,
  PowerEvents,
  RejectionCode,
  RejectionReason,
  ResponseCode,
  Srv,
  SrvKind,
} from './types.ts';
