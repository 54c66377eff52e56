// 11.2 Read Firmware Version responses: ECS52 (ESME, CHF), GCS38 (GSME), CS08 (other HAN devices).
import { ByteWriter } from './bytes.ts';
import { accessResponse, data } from './dlms.ts';

/** Message Codes (GBCS 16.2; the same values as the RTDS 4.5.0 11.2 vectors). */
export const FIRMWARE_CODES = { ECS52: 0x0059, GCS38: 0x0084, CS08: 0x0129 } as const;
export type FirmwareUseCase = keyof typeof FIRMWARE_CODES;

/**
 * ECS52 Read ESME / Comms Hub Firmware Version: a DLMS Access-Response with the firmware
 * version as a 4-octet octet-string (get, success), or null-data with "hardware fault" on error.
 */
export function ecs52Content(counter: bigint, version: readonly number[] | undefined): number[] {
  return version === undefined
    ? accessResponse(counter, [{ data: [0x00], kind: 1, result: 0x01 }])
    : accessResponse(counter, [{ data: data.octetString(version), kind: 1, result: 0x00 }]);
}

/**
 * GCS38 Read GSME Firmware Version: a GBZ payload (profile 0x0109, one component) holding a ZCL
 * Read Attributes Response of the Metering cluster (0x0702), attribute 0x0206 read as a 4-octet
 * octet string (ZCL type 0x41), unencrypted (control field 0x01).
 */
export function gcs38Content(version: readonly number[]): number[] {
  const zcl = new ByteWriter()
    .raw([0x08, 0x00, 0x01]) // frame control, sequence number, Read Attributes Response
    .raw([0x06, 0x02, 0x00, 0x41]) // attribute ID (little endian), status success, octet string
    .counted(version);
  return new ByteWriter().u16(0x0109).u8(0x01).u8(0x01).u16(0x0702).u16(zcl.size).raw(zcl.bytes)
    .bytes;
}

/** CS08 Read PPMID / HCALCS Firmware Version: DER SEQUENCE { OCTET STRING (4), INTEGER 0 (read success) }. */
export function cs08Content(version: readonly number[]): number[] {
  return [0x30, 0x09, 0x04, 0x04, ...version, 0x02, 0x01, 0x00];
}
