// Read-only record types of the SRV catalogue, derived from its schemas.
import type { z } from 'zod';
import type {
  AUDIENCES,
  FUTURE_DATING,
  OWNERSHIP_REQUIREMENTS,
  REJECTION_REASONS,
  SRV_KINDS,
  catalogueFileSchema,
  dccAlertSchema,
  deviceAlertSchema,
  powerEventsSchema,
  rejectionCodeSchema,
  responseCodeSchema,
  srvSchema,
} from './schema.ts';

/** A value and everything inside it made read-only. */
export type Frozen<T> = T extends readonly (infer U)[]
  ? readonly Frozen<U>[]
  : T extends object
    ? { readonly [K in keyof T]: Frozen<T[K]> }
    : T;

/** How a Service Request is carried out. */
export type SrvKind = (typeof SRV_KINDS)[number];
/** Who holds a future-dated request. */
export type FutureDating = (typeof FUTURE_DATING)[number];
/** The registration relationship a sender must have to the Business Target Device. */
export type OwnershipRequirement = (typeof OWNERSHIP_REQUIREMENTS)[number];
/** A reason opendsp rejects a Service Request for. */
export type RejectionReason = (typeof REJECTION_REASONS)[number];
/** Who receives an alert. */
export type Audience = (typeof AUDIENCES)[number];

/** The catalogue file exactly as the schema accepts it. */
export type CatalogueFile = z.infer<typeof catalogueFileSchema>;

/** One Service Reference Variant. */
export type Srv = Frozen<z.infer<typeof srvSchema>>;
/** One DUIS response code. */
export type ResponseCode = Frozen<z.infer<typeof responseCodeSchema>>;
/** The response code opendsp uses for one rejection reason. */
export type RejectionCode = Frozen<z.infer<typeof rejectionCodeSchema>>;
/** A DCC Alert code, tagged. */
export type DccAlert = Frozen<z.infer<typeof dccAlertSchema>> & { readonly kind: 'dcc-alert' };
/** A Device Alert code (GBCS hex, no 0x), tagged. */
export type DeviceAlert = Frozen<z.infer<typeof deviceAlertSchema>> & {
  readonly kind: 'device-alert';
};
/** Any alert code the catalogue knows. */
export type Alert = DccAlert | DeviceAlert;
/** The power outage and power restoration alert entries. */
export type PowerEvents = Frozen<z.infer<typeof powerEventsSchema>>;
