// Read-only record types of the SRV catalogue, derived from its schemas.
import type { z } from 'zod';
import type {
  AUDIENCES,
  DUIS_REFUSAL_REASONS,
  HTTP_REFUSAL_REASONS,
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
/** A reason opendsp refuses a Service Request for. */
export type RejectionReason = (typeof REJECTION_REASONS)[number];
/** A refusal DUIS answers with a response code. */
export type DuisRefusalReason = (typeof DUIS_REFUSAL_REASONS)[number];
/** A refusal DUIS handles before response codes: answered at the HTTP level. */
export type HttpRefusalReason = (typeof HTTP_REFUSAL_REASONS)[number];
/** Who receives an alert. */
export type Audience = (typeof AUDIENCES)[number];

/** The catalogue file exactly as the schema accepts it. */
export type CatalogueFile = z.infer<typeof catalogueFileSchema>;

/** One Service Reference Variant. */
export type Srv = Frozen<z.infer<typeof srvSchema>>;
/** One DUIS response code. */
export type ResponseCode = Frozen<z.infer<typeof responseCodeSchema>>;
/** One refusal entry of the catalogue, as in the file. */
export type RefusalEntry = Frozen<z.infer<typeof rejectionCodeSchema>>;
/** A refusal DUIS answers with a response code: the check, the code and its DUIS text. */
export interface RejectionCode {
  readonly reason: DuisRefusalReason;
  readonly check: string;
  readonly code: string;
  /** The DUIS text of the code. */
  readonly meaning: string;
  readonly source: string;
}
/** A refusal answered at the HTTP level: status and opendsp's error code (`{code, message}`). */
export interface HttpRefusal {
  readonly reason: HttpRefusalReason;
  readonly check: string;
  readonly status: number;
  /** The error registry's code (src/core/errors.ts). */
  readonly error: string;
  readonly source?: string;
  readonly assumption: string;
}
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
