// GBCS payloads of simulated Devices: Service Responses (11.2, 4.1.1) and Device Alerts (8F12, 8F66/8F67).
import { createHash } from 'node:crypto';
import type { DeviceType } from '../../core/devices.ts';
import { mix32 } from '../stream.ts';
import { ALERT_CODES, cs06Content, cs14Content, type LogEntry } from './alert.ts';
import { FIRMWARE_CODES, cs08Content, ecs52Content, gcs38Content } from './firmware.ts';
import { encodeGbcsMessage, type GbcsMessageSpec } from './header.ts';
import { TestKeyStore } from './keys.ts';
import { firmwareOctets } from './bytes.ts';
import { REGISTER_CODES, ecs17bContent, gcs13aContent } from './registers.ts';

export { TestKeyStore, type KeyUsage } from './keys.ts';
export { FIRMWARE_CODES } from './firmware.ts';
export { REGISTER_CODES } from './registers.ts';
export { ALERT_CODES } from './alert.ts';

/** The DCC Access Control Broker of DCC Boxed / RTDS test data (the DSP's own ID in opendsp). */
export const DEFAULT_ACB_ID = '90-B3-D5-1F-30-00-00-02';
/** The RTDS test User, used when a Command carries no RequestID (the simulator on its own). */
export const DEFAULT_USER_ID = '90-B3-D5-1F-30-01-00-00';

/** The Service Request behind a Command: the User who sent it and its RequestID counter. */
export interface GbcsRequest {
  readonly originator: string;
  readonly counter: bigint;
}

/** What a Device's response is built from. */
export interface ResponseFacts {
  readonly srv: string;
  readonly deviceId: string;
  readonly deviceType: DeviceType;
  /** The Device's hash under the run's key (its register values derive from it). */
  readonly deviceHash: number;
  readonly request: GbcsRequest;
  readonly success: boolean;
  /** When the Device answers. */
  readonly at: Date;
  /** 11.2: the version the Device reports. */
  readonly firmwareVersion?: string;
}

/** What a Device Alert is built from. */
export interface AlertFacts {
  readonly code: string;
  readonly srv: string;
  readonly deviceId: string;
  readonly at: Date;
  /** The Device's own originator counter for the alert (rises per Device). */
  readonly counter: bigint;
  readonly request: GbcsRequest;
  /** 8F12: the Device whose log entry changed and the log after the change. */
  readonly changedDeviceId?: string;
  readonly log?: readonly string[];
  /** 8F66 / 8F67 after 11.3: the version activated (or not). */
  readonly firmwareVersion?: string;
}

/** Hours since 1 January 2015 (the RTDS epoch), the clock of the simulated registers. */
const EPOCH_MS = Date.UTC(2015, 0, 1);
const hoursSinceEpoch = (at: Date): number => Math.max(0, (at.getTime() - EPOCH_MS) / 3_600_000);

/**
 * Register values of a Device at a time: a consumption rate per Device (hashed from its state)
 * times the hours since 2015, so reads rise over time and are the same for the same seed.
 * ESME 150–600 Wh an hour (1.3–5.3 MWh a year), reactive a tenth of it; GSME 60–250 litres an
 * hour (about 0.5–2.2 thousand m³ a year). Assumptions, not measured figures.
 */
export function registersAt(
  deviceHash: number,
  at: Date,
): { activeImportWh: number; reactiveImportVarh: number; gasLitres: number } {
  const u = mix32(deviceHash ^ 0x5eed_4e61) / 4294967296;
  const hours = hoursSinceEpoch(at);
  const wh = Math.floor(hours * (150 + 450 * u)) % 4294967296;
  return {
    activeImportWh: wh,
    reactiveImportVarh: Math.floor(wh / 10),
    gasLitres: Math.floor(hours * (60 + 190 * u)),
  };
}

/**
 * Builds GBCS messages as the Devices of one run would send them (see src/devices/README.md,
 * "GBCS payloads"). Responses go, MAC'd, to the DCC Access Control Broker with the User as the
 * supplementary Remote Party (the form DCC Boxed answers with); alerts follow their use case.
 */
export class GbcsEncoder {
  readonly keys: TestKeyStore;

  constructor(
    seed: number,
    readonly acbId: string = DEFAULT_ACB_ID,
  ) {
    this.keys = new TestKeyStore(seed);
  }

  private addressed(request: GbcsRequest): Pick<GbcsMessageSpec, 'recipient' | 'supplementary'> {
    return {
      recipient: this.acbId,
      supplementary: { remoteParty: request.originator, counter: request.counter },
    };
  }

  /** The base64 GBCS Response, or null when opendsp has no encoder for the SRV / outcome. */
  response(facts: ResponseFacts): string | null {
    const spec = this.responseSpec(facts);
    return spec === null ? null : encodeGbcsMessage(spec, this.keys).toString('base64');
  }

  private responseSpec(facts: ResponseFacts): GbcsMessageSpec | null {
    // opendsp does not model the ACB's own counter: the Command (and so the Response) carries
    // the RequestID's counter, which also rises per User.
    const counter = facts.request.counter;
    const base = {
      cra: 'response' as const,
      counter,
      originator: facts.deviceId,
      protection: 'mac' as const,
      ...this.addressed(facts.request),
    };
    if (facts.srv === '11.2') {
      const version =
        facts.success && facts.firmwareVersion !== undefined
          ? firmwareOctets(facts.firmwareVersion)
          : undefined;
      if (facts.deviceType === 'GSME') {
        return version === undefined
          ? null
          : { ...base, messageCode: FIRMWARE_CODES.GCS38, content: gcs38Content(version) };
      }
      if (facts.deviceType === 'ESME' || facts.deviceType === 'CHF') {
        return {
          ...base,
          messageCode: FIRMWARE_CODES.ECS52,
          content: ecs52Content(counter, version),
        };
      }
      return version === undefined
        ? null
        : { ...base, messageCode: FIRMWARE_CODES.CS08, content: cs08Content(version) };
    }
    if (facts.srv === '4.1.1' && facts.success) {
      const values = registersAt(facts.deviceHash, facts.at);
      const enc = {
        device: facts.deviceId,
        user: facts.request.originator,
        counter,
        keys: this.keys,
      };
      if (facts.deviceType === 'ESME') {
        const content = ecs17bContent(
          { activeImportWh: values.activeImportWh, reactiveImportVarh: values.reactiveImportVarh },
          enc,
        );
        return { ...base, dateTime: facts.at, messageCode: REGISTER_CODES.ECS17b, content };
      }
      if (facts.deviceType === 'GSME') {
        const content = gcs13aContent({ summationDeliveredLitres: values.gasLitres }, enc);
        return { ...base, dateTime: facts.at, messageCode: REGISTER_CODES.GCS13a, content };
      }
    }
    return null;
  }

  /** The base64 GBCS Alert, or null when opendsp has no encoder for the code / SRV. */
  alert(facts: AlertFacts): string | null {
    if (facts.code === '8F12' && facts.changedDeviceId !== undefined) {
      const log: LogEntry[] = (facts.log ?? []).map((id) => ({
        deviceId: id,
        linkKeyHash: this.linkKeyHash(id),
      }));
      const spec: GbcsMessageSpec = {
        cra: 'alert',
        counter: facts.counter,
        originator: facts.deviceId,
        recipient: this.acbId,
        messageCode: ALERT_CODES.CS14,
        content: cs14Content({
          counter: facts.counter,
          at: facts.at,
          changed: facts.changedDeviceId,
          log: log,
        }),
        protection: 'mac',
      };
      return encodeGbcsMessage(spec, this.keys).toString('base64');
    }
    if (
      (facts.code === '8F66' || facts.code === '8F67') &&
      facts.srv === '11.3' &&
      facts.firmwareVersion !== undefined
    ) {
      const ok = facts.code === '8F66';
      // CS06 alerts are signed by the Device and go to the User that sent 11.3 (RTDS vector).
      const spec: GbcsMessageSpec = {
        cra: 'alert',
        counter: facts.counter,
        originator: facts.deviceId,
        recipient: facts.request.originator,
        messageCode: ALERT_CODES.CS06,
        content: cs06Content({
          alertCode: ok ? 0x8f66 : 0x8f67,
          executedAt: facts.at,
          commandCounter: facts.request.counter,
          outcome: ok ? 0 : 3,
          version: firmwareOctets(facts.firmwareVersion),
        }),
        protection: 'signature',
      };
      return encodeGbcsMessage(spec, this.keys).toString('base64');
    }
    return null;
  }

  /** A stand-in for the hash of a Device's link key in a CHF's log (16 octets, from the seed). */
  private linkKeyHash(deviceId: string): number[] {
    return [
      ...createHash('sha256')
        .update(`opendsp link key|${this.keys.seed}|${deviceId}`)
        .digest()
        .subarray(0, 16),
    ];
  }
}
