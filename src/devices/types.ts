// Records of the HAN simulator: the Command a Device receives, what it answers, its behaviour.
import type { DeviceType, SmetsGeneration } from '../core/devices.ts';

/** Manufacturer, model and firmware as the SMI (or the Command) names them. */
export interface DeviceModelRef {
  readonly manufacturer: string;
  readonly model: string;
  readonly firmwareVersion: string;
}

/** What the 8.11 Update HAN Device Log asks a CHF to do (GBCS CCS01 add, CCS02 remove). */
export type DeviceLogAction = 'add' | 'remove';

/** One Command sent over the SM WAN to a Device (the DSP has already validated it). */
export interface DeviceCommand {
  /** The Business Target Device that receives the Command. */
  readonly deviceId: string;
  readonly model: DeviceModelRef;
  readonly smets: SmetsGeneration;
  /** Picks the default behaviour for models with no profile; ESME when absent. */
  readonly deviceType?: DeviceType;
  /** e.g. `8.7.2`; must be a device SRV (non-device SRVs never reach a Device). */
  readonly srv: string;
  /** 8.7.x / 8.8.x: the Other Device to join or unjoin; 8.11: the Device to add or remove. */
  readonly otherDeviceId?: string;
  /** 8.11 only; `add` when absent. */
  readonly logAction?: DeviceLogAction;
  /** 11.3 Activate Firmware: the version the Device switches to. */
  readonly newFirmwareVersion?: string;
  /** When the Command reaches the Device. */
  readonly at: Date;
  /** Device-side future dating (SRVs whose catalogue entry raises 8F66 / 8F67). */
  readonly executeAt?: Date;
  /**
   * The Service Request behind the Command (its User and RequestID counter), which the GBCS
   * payload carries; absent, the RTDS test User and the Device's Command count stand in.
   */
  readonly request?: { readonly originator: string; readonly counter: bigint };
}

/** How a Command ended as the DSP sees it. */
export type DeviceOutcome = 'success' | 'failure' | 'no-response';

/** A Device Alert raised by the Device (GBCS alert code, four upper-case hex digits). */
export interface RaisedDeviceAlert {
  readonly kind: 'device-alert';
  readonly code: string;
  readonly deviceId: string;
  readonly at: Date;
  /** The GBCS alert (base64), built on first read; absent where opendsp has no encoder for it. */
  readonly gbcsPayload?: string;
}

/** Supply state of an ESME / GSME (7.1 enable, 7.2 disable, 7.3 arm). */
export type SupplyState = 'enabled' | 'disabled' | 'armed';

/** Values a read Command reports back (only the ones the SRV reads). */
export interface DeviceReport {
  /** 11.2 Read Firmware Version (may be stale: see the `stale-firmware-report` quirk). */
  readonly firmwareVersion?: string;
  /** 7.4 Read Supply Status. */
  readonly supplyState?: SupplyState;
  /** 8.9 Read Device Log: the Other Devices in the Device's own log. */
  readonly deviceLog?: readonly string[];
}

/** The Device's answer to one Command. */
export interface DeviceResult {
  readonly kind: 'device-result';
  /** `no-response` both when the Device never answered and when its response was lost. */
  readonly outcome: DeviceOutcome;
  /** True when the Device changed its own state (join added, supply disabled, …). */
  readonly acted: boolean;
  /** The Device carried the Command out but the response never reached the DSP (MP178). */
  readonly responseLost: boolean;
  /** Round trip the response took; for `no-response` the DSP's own timeout applies instead. */
  readonly latencyMs: number;
  /** `I0` on success, a device-level error code on failure, null when no response arrived. */
  readonly responseCode: string | null;
  /** Why the Device refused, for failures (opendsp's words; DUIS carries only the code). */
  readonly reason?: string;
  /** Device Alerts the Device raised; they travel apart from the response, so a lost response keeps them. */
  readonly alerts: readonly RaisedDeviceAlert[];
  /**
   * The GBCS Response (base64), built on first read: real GBCS for the SRVs in src/devices/gbcs
   * (11.2, 4.1.1), a synthetic 12-byte stand-in for the others; null with no response.
   */
  readonly gbcsPayload: string | null;
  readonly report?: DeviceReport;
}

/** A log-normal latency given by its median and 95th percentile, in milliseconds. */
export interface LatencySpec {
  readonly medianMs: number;
  readonly p95Ms: number;
}

/** A firmware defect the simulator reproduces. */
export type Quirk =
  /** Refuses 8.7.x for a Device already in its log, although GBCS mandates accepting it (MP178). */
  | { readonly kind: 'rejects-repeated-join' }
  /** Carries out 8.7.x but its response is lost with this extra probability (MP178's cases). */
  | { readonly kind: 'loses-join-responses'; readonly rate: number }
  /**
   * 11.2 reports an older version with this probability: the one the Device ran before its
   * last 11.3 activation, or `staleVersion` when the simulator has not seen one.
   */
  | {
      readonly kind: 'stale-firmware-report';
      readonly rate: number;
      readonly staleVersion: string;
    };

/** How Devices of one model (and firmware) behave. */
export interface BehaviourProfile {
  readonly latency: LatencySpec;
  /** Probability the Device answers with an error. */
  readonly failureRate: number;
  /** Probability the Device never answers (the DSP raises N13). */
  readonly noResponseRate: number;
  /** Probability the Device acts but its response is lost on the way back. */
  readonly lostResponseRate: number;
  readonly quirks: readonly Quirk[];
}
