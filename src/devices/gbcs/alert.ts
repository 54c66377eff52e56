// Device alerts: CS14 (8F12, CHF Device Log changed; DLMS) and CS06 (8F66 / 8F67 after 11.3; ASN.1).
import { ByteWriter, dlmsDateTime, euiBytes, generalizedTime } from './bytes.ts';
import { data, dataNotification } from './dlms.ts';

/** Message Codes (GBCS 16.2; the same values as the RTDS 4.5.0 alert vectors). */
export const ALERT_CODES = { CS14: 0x0018, CS06: 0x00ca } as const;

/** One entry of a CHF's Device Log: the Device and its hashed link key (16 octets). */
export interface LogEntry {
  readonly deviceId: string;
  readonly linkKeyHash: readonly number[];
}

/** What a CS14 alert reports: its counter and time, the Device whose entry changed, the log after. */
export interface LogChange {
  readonly counter: bigint;
  readonly at: Date;
  readonly changed: string;
  readonly log: readonly LogEntry[];
}

/**
 * CS14 Device Addition To / Removal From HAN Whitelist alert (0x8F12): a DLMS Data-Notification
 * of structure { alert code (long-unsigned), time stamp, structure { date-time, the Device whose
 * entry changed (8 octets; the RTDS vector shows a placeholder, opendsp puts that Device's
 * EUI-64: inferred), array of { Device ID, hashed link key } (the log after the change) } }.
 */
export function cs14Content({ counter, at, changed, log }: LogChange): number[] {
  const time = data.octetString(dlmsDateTime(at));
  const entries = log.map((e) =>
    data.structure(data.octetString(euiBytes(e.deviceId)), data.octetString(e.linkKeyHash)),
  );
  const body = data.structure(time, data.octetString(euiBytes(changed)), data.array(entries));
  return dataNotification(counter, data.structure(data.longUnsigned(0x8f12), time, body));
}

/** A DER INTEGER of a non-negative value (minimal two's complement). */
function derInteger(value: bigint): number[] {
  const bytes: number[] = [];
  let v = value;
  do {
    bytes.unshift(Number(v & 0xffn));
    v >>= 8n;
  } while (v > 0n);
  if ((bytes[0] ?? 0) & 0x80) bytes.unshift(0x00);
  return new ByteWriter().u8(0x02).counted(bytes).bytes;
}

/** CS06 activation outcomes (GBCS CS06 Response Code): 0 success, 3 activation failure. */
export type ActivationOutcome = 0 | 1 | 2 | 3;

/** What a CS06 alert reports about one (future-dated) 11.3 activation. */
export interface Activation {
  readonly alertCode: 0x8f66 | 0x8f67;
  readonly executedAt: Date;
  /** The originator counter of the 11.3 Command. */
  readonly commandCounter: bigint;
  readonly outcome: ActivationOutcome;
  /** The firmware version, four octets. */
  readonly version: readonly number[];
}

/**
 * CS06 Activate Firmware alert (8F66 actioned / 8F67 not actioned): DER SEQUENCE { alert code,
 * execution date-time (GeneralizedTime), originator counter of the 11.3 Command, SEQUENCE {
 * response code, firmware version (4 octets) } }.
 */
export function cs06Content(activation: Activation): number[] {
  const { alertCode, executedAt, commandCounter, outcome, version } = activation;
  const inner = [0x02, 0x01, outcome, 0x04, 0x04, ...version];
  const body = [
    ...derInteger(BigInt(alertCode)),
    ...new ByteWriter().u8(0x18).counted(generalizedTime(executedAt)).bytes,
    ...derInteger(commandCounter),
    ...new ByteWriter().u8(0x30).counted(inner).bytes,
  ];
  return new ByteWriter().u8(0x30).counted(body).bytes;
}
