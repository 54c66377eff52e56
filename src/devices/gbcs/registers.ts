// 4.1.1 Read Instantaneous Import Registers responses: ECS17b (ESME, DLMS) and GCS13a (GSME, GBZ / ZCL).
import { ByteWriter, euiBytes } from './bytes.ts';
import { accessResponse, data } from './dlms.ts';
import { deriveMessageKey, gcmEncrypt, type TestKeyStore } from './keys.ts';

/** Message Codes (GBCS 16.2; the same values as the RTDS 4.5.0 4.1.1 vectors). */
export const REGISTER_CODES = { ECS17b: 0x0027, GCS13a: 0x0074 } as const;

/** Who encrypts for whom: the Device, the User the payload is for, and the message's counter. */
export interface Encryption {
  readonly device: string;
  /** The User (the supplementary Remote Party when the message goes to the ACB). */
  readonly user: string;
  readonly counter: bigint;
  readonly keys: TestKeyStore;
}

/** The payload key (GBCS 4.3.3.4, mode "encryption", Device ↔ User KA keys) and the encryption. */
function encrypt(enc: Encryption, plain: readonly number[]): Buffer {
  const device = euiBytes(enc.device);
  const key = deriveMessageKey(enc.keys.sharedSecret(enc.device, enc.user), 'encryption', {
    originator: device,
    counter: enc.counter,
    recipient: euiBytes(enc.user),
  });
  return gcmEncrypt(key, device, plain);
}

/** The security header of an encrypted payload: control 0x31 (authenticated and encrypted), counter 0. */
const PAYLOAD_SECURITY_HEADER = [0x31, 0x00, 0x00, 0x00, 0x00];

/** The ESME's import energy registers (ECS17b): active import (Wh) and reactive import (varh). */
export interface EsmeRegisters {
  readonly activeImportWh: number;
  readonly reactiveImportVarh: number;
}

/**
 * ECS17b Read ESME Energy Registers (Import Energy): an Access-Response whose one datum is the
 * "get protected attributes" answer of the security setup object (action, success):
 * protection parameters (authentication and encryption, transaction ID, originator and
 * recipient system titles, agreed key info) and the protected attributes, i.e. security header
 * 0x31 and the AES-GCM ciphertext and tag of structure { structure { active import value,
 * scaler-unit (0, Wh), reactive import value, scaler-unit (0, varh) } }.
 */
export function ecs17bContent(registers: EsmeRegisters, enc: Encryption): number[] {
  const plain = data.structure(
    data.structure(
      data.doubleLongUnsigned(registers.activeImportWh),
      data.structure(data.integer(0), data.enumerated(30)),
      data.doubleLongUnsigned(registers.reactiveImportVarh),
      data.structure(data.integer(0), data.enumerated(32)),
    ),
  );
  const transactionId = new ByteWriter().u8(0x04).u64(enc.counter).bytes;
  const protection = data.array([
    data.structure(
      data.enumerated(2), // protection type: authentication and encryption
      data.structure(
        data.octetString(transactionId),
        data.octetString(euiBytes(enc.device)),
        data.octetString(euiBytes(enc.user)),
        data.octetString([]), // other information
        data.structure(
          data.enumerated(2),
          data.structure(data.octetString([0x02]), data.octetString([])),
        ),
      ),
    ),
  ]);
  const cipher = encrypt(enc, plain);
  const protectedAttributes = data.octetString([...PAYLOAD_SECURITY_HEADER, ...cipher]);
  return accessResponse(enc.counter, [
    { data: data.structure(protection, protectedAttributes), kind: 3, result: 0x00 },
  ]);
}

/** The GSME's consumption register (GCS13a): litres (divisor 1000, multiplier 1, unit m³). */
export interface GsmeRegisters {
  readonly summationDeliveredLitres: number;
}

const le = (value: number, octets: number): number[] => {
  const out: number[] = [];
  let v = value;
  for (let i = 0; i < octets; i++) {
    out.push(v % 256);
    v = Math.floor(v / 256);
  }
  return out;
};

/**
 * GCS13a Read GSME Consumption Register: a GBZ payload (profile 0x0109, one component, control
 * 0x03: encrypted) with a Metering cluster (0x0702) Read Attributes Response whose attribute
 * records (Divisor 0x0302, Multiplier 0x0301, Unit of Measure 0x0300, Current Summation
 * Delivered 0x0000; ZCL little endian) are encrypted under security header 0x31.
 */
export function gcs13aContent(registers: GsmeRegisters, enc: Encryption): number[] {
  const plain = [
    ...[0x02, 0x03, 0x00, 0x22, ...le(1000, 3)],
    ...[0x01, 0x03, 0x00, 0x22, ...le(1, 3)],
    ...[0x00, 0x03, 0x00, 0x30, 0x01],
    ...[0x00, 0x00, 0x00, 0x25, ...le(registers.summationDeliveredLitres, 6)],
  ];
  const ciphered = [...PAYLOAD_SECURITY_HEADER, ...encrypt(enc, plain)];
  const component = new ByteWriter()
    .raw([0x00, 0x00]) // additional header control, additional header frame counter
    .raw([0x18, 0x00, 0x01]) // ZCL frame control, sequence number, Read Attributes Response
    .u16(ciphered.length)
    .raw(ciphered);
  return new ByteWriter()
    .u16(0x0109)
    .u8(0x01)
    .u8(0x03)
    .u16(0x0702)
    .u16(component.size)
    .raw(component.bytes).bytes;
}
