// The DSP's side of the HAN: send a command to a device and get what came back.
import type { DeviceType, SmetsGeneration } from '../core/devices.ts';
import type { Eui64 } from '../core/eui64.ts';

/** A command as the DSP sends it to a device over the SM WAN. */
export interface DeviceCommand {
  readonly deviceId: Eui64;
  readonly model: {
    readonly manufacturer: string;
    readonly model: string;
    readonly firmwareVersion: string;
  };
  readonly smets: SmetsGeneration;
  /** The device's type (picks the GBCS use case of its response, e.g. ECS52 or GCS38). */
  readonly deviceType?: DeviceType;
  readonly srv: string;
  /** For joins and unjoins: the Other Device. */
  readonly otherDeviceId?: Eui64;
  readonly at: Date;
  /** The Service Request's User and RequestID counter, which the device's GBCS payload carries. */
  readonly request?: { readonly originator: Eui64; readonly counter: bigint };
}

/** What happened when the DSP sent a command. */
export interface DeviceOutcome {
  /** success / failure: the DSP got a response; no-response: it got nothing in time. */
  readonly outcome: 'success' | 'failure' | 'no-response';
  /** Whether the device carried the command out (it may have, even with no response). */
  readonly acted: boolean;
  /** The device acted and answered, but the answer never reached the DSP (MP178's case). */
  readonly responseLost: boolean;
  readonly latencyMs: number;
  /** Response code carried by the device's response (I0 on success). */
  readonly responseCode: string;
  /** Device Alerts (GBCS hex codes) the device raised. */
  readonly alerts: readonly { readonly code: string; readonly gbcsPayload?: string }[];
  readonly gbcsPayload?: string;
}

/** Sends commands to devices (the HAN simulator, or a real head-end in another world). */
export interface DeviceGateway {
  execute(command: DeviceCommand): DeviceOutcome;
}
