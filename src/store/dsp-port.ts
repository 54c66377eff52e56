// The storage port's DSP part: the estate at start-up, User credentials, endpoints, counters.
import type { Eui64 } from '../core/eui64.ts';
import type { UserRole } from '../core/roles.ts';
import type { DccUser, Device, HanJoin, Registration } from '../inventory/types.ts';

/**
 * A signing certificate registered with the DSP for DUIS authentication, and the User ID and
 * role it signs for. Keyed by issuer and serial number as given (the DSP's registry matches
 * them loosely; the store compares them exactly).
 */
export interface UserCredential {
  /** Issuer distinguished name, as the certificate gives it. */
  readonly issuer: string;
  /** Serial number in decimal. */
  readonly serial: string;
  readonly userId: Eui64;
  readonly role: UserRole;
  readonly certificatePem: string;
  readonly addedAt: Date;
}

/** The whole Smart Metering Inventory as the DSP's in-memory view starts from. */
export interface Estate {
  /** Every device, in no particular order. */
  readonly devices: Device[];
  /** Every registration, current and ended, in no particular order. */
  readonly registrations: Registration[];
  /** Open HAN joins only (no unjoin recorded), in no particular order. */
  readonly joins: HanJoin[];
  /** Every DCC User, ordered by User ID then role. */
  readonly users: DccUser[];
}

/** What the running DSP needs from storage beyond the inventory, audit trail and outbox. */
export interface DspStore {
  /**
   * Reads the estate in one snapshot, column by column where the engine allows (1M devices in
   * a few seconds; see the adapters for measured figures).
   */
  loadEstate(): Promise<Estate>;

  /** Registers a credential; an issuer and serial already registered is a ConflictError. */
  addCredential(credential: UserCredential): Promise<void>;
  /** The credential with exactly this issuer and serial number, or undefined. */
  credential(issuer: string, serial: string): Promise<UserCredential | undefined>;
  /** Every registered credential, ordered by User ID, issuer and serial number. */
  credentials(): Promise<UserCredential[]>;

  /** Sets (or replaces) the URL a User's responses and alerts are pushed to. */
  setEndpoint(userId: Eui64, url: string, at: Date): Promise<void>;
  /** Every User's delivery endpoint. */
  endpoints(): Promise<Map<Eui64, string>>;

  /**
   * The highest RequestID counter (`originator:target:counter`, counter up to 2^64−1) per
   * originator among stored `request` records, so replay protection survives a restart.
   * Requests recorded as unauthenticated (no originator User ID) do not count: a forged
   * RequestID must not be able to raise another User's counter.
   */
  requestCounters(): Promise<Map<Eui64, bigint>>;
}
