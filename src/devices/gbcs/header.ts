// GBCS message framing: the General Signing (grouping) header and the General Ciphering MAC wrapper.
import { ByteWriter, dlmsDateTime, euiBytes } from './bytes.ts';
import { deriveMessageKey, gcmMac, signDeterministic, type TestKeyStore } from './keys.ts';

/** The CRA flag of GBCS 7.2.3 (1 Command, 2 Response, 3 Alert). */
export type CraFlag = 'response' | 'alert';
const CRA_OCTET: Readonly<Record<CraFlag, number>> = { response: 0x02, alert: 0x03 };

/** How the Device protects a message (GBCS 7.2): MAC'd (General Ciphering) or signed (General Signing). */
export type Protection = 'mac' | 'signature';

/** One GBCS message as a Device sends it. */
export interface GbcsMessageSpec {
  readonly cra: CraFlag;
  /** Originator counter: a Response repeats the Command's counter; an Alert has the Device's own. */
  readonly counter: bigint;
  /** The Device's EUI-64 (its system title). */
  readonly originator: string;
  /** The Remote Party the message goes to: the DCC Access Control Broker or a User. */
  readonly recipient: string;
  /** Date-time of the message (present in some use cases, e.g. ECS17b, GCS13a); absent otherwise. */
  readonly dateTime?: Date;
  /** The use case's Message Code (GBCS 7.2.7 / 16.2), e.g. 0x0059 for ECS52. */
  readonly messageCode: number;
  /** The User behind the ACB (supplementary Remote Party ID and its counter, GBCS 7.2.8). */
  readonly supplementary?: { readonly remoteParty: string; readonly counter: bigint };
  /** The use case's APDU (DLMS, GBZ or ASN.1). */
  readonly content: readonly number[];
  readonly protection: Protection;
}

/**
 * The General Signing APDU (GBCS 7.2.1, tag DF 09): CRA flag, originator counter, originator
 * and recipient system titles (length 08 then the EUI-64), date-time (00 when absent), other
 * information (Message Code, optionally the supplementary Remote Party ID and counter), the
 * content and its length, then the signature length (00 for MAC'd messages) and signature.
 */
function generalSigning(spec: GbcsMessageSpec, keys: TestKeyStore): number[] {
  const w = new ByteWriter().u8(0xdf).u8(0x09).u8(CRA_OCTET[spec.cra]).u64(spec.counter);
  w.u8(0x08).raw(euiBytes(spec.originator));
  w.u8(0x08).raw(euiBytes(spec.recipient));
  if (spec.dateTime === undefined) w.u8(0x00);
  else w.counted(dlmsDateTime(spec.dateTime));
  const other = new ByteWriter().u16(spec.messageCode);
  if (spec.supplementary !== undefined) {
    other.raw(euiBytes(spec.supplementary.remoteParty)).u64(spec.supplementary.counter);
  }
  w.counted(other.bytes);
  w.counted(spec.content);
  if (spec.protection === 'signature') {
    // The signature covers the APDU from the octet after the DF tag to the end of the content.
    const signature = signDeterministic(
      keys.pair(spec.originator, 'DS'),
      Buffer.from(w.bytes.slice(1)),
    );
    w.counted(signature);
  } else {
    w.u8(0x00);
  }
  return w.bytes;
}

/** The security header of General Ciphering: security control 0x11 (authentication only), counter 0. */
const SECURITY_HEADER = [0x11, 0x00, 0x00, 0x00, 0x00];

/**
 * A complete GBCS message. MAC'd messages wrap the General Signing APDU in General Ciphering
 * (GBCS 7.2.1: DD, transaction ID and key info all zero, the ciphered service length, the
 * security header, then the APDU and a 12-octet AES-GCM MAC). The MAC's AAD is the security
 * header with one more zero octet, then the APDU; its key comes from the Device's and the
 * recipient's KA keys (GBCS 4.3.3.4, mode Response or Alert).
 */
export function encodeGbcsMessage(spec: GbcsMessageSpec, keys: TestKeyStore): Buffer {
  const apdu = generalSigning(spec, keys);
  if (spec.protection === 'signature') return Buffer.from(apdu);
  const originator = euiBytes(spec.originator);
  const key = deriveMessageKey(keys.sharedSecret(spec.originator, spec.recipient), spec.cra, {
    originator: originator,
    counter: spec.counter,
    recipient: euiBytes(spec.recipient),
  });
  const aad = Buffer.from([...SECURITY_HEADER, 0x00, ...apdu]);
  const mac = gcmMac(key, originator, aad);
  const w = new ByteWriter().raw([0xdd, 0, 0, 0, 0, 0, 0]);
  w.length(SECURITY_HEADER.length + apdu.length + mac.length);
  w.raw(SECURITY_HEADER).raw(apdu).raw(mac);
  return Buffer.from(w.bytes);
}
