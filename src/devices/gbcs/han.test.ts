// The HAN's GBCS payloads: addressing, values from the Device's state, MACs, signatures, determinism.
import { createDecipheriv, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createHan } from '../han.ts';
import { commandTo, modelSpec, testDevice, withoutChance } from '../testing.ts';
import { euiBytes, firmwareOctets } from './bytes.ts';
import { deriveMessageKey, gcmMac, type TestKeyStore } from './keys.ts';
import { DEFAULT_ACB_ID, GbcsEncoder } from './index.ts';

const ESME = modelSpec('Avon Metering', 'AM-E200');
const GSME = modelSpec('Calder Instruments', 'CI-S2G');
const HUB = modelSpec('Goyt Communications', 'GC-NH3');
const IHD = modelSpec('Irwell Displays', 'ID-7');
const USER = '90-B3-D5-1F-30-01-00-07';
const request = (counter: bigint) => ({ originator: USER, counter });
const SEED = 5;
const keys: TestKeyStore = new GbcsEncoder(SEED).keys;

const eui = (b: Buffer): string =>
  [...b].map((x) => x.toString(16).padStart(2, '0').toUpperCase()).join('-');

/** Reads a MAC'd message's General Signing header (GBCS 7.2) and checks its MAC. */
function readMacd(base64: string) {
  const bytes = Buffer.from(base64, 'base64');
  expect(bytes.subarray(0, 7)).toEqual(Buffer.from([0xdd, 0, 0, 0, 0, 0, 0]));
  let i = bytes[7] === 0x81 ? 9 : 8;
  expect(bytes.subarray(i, i + 5)).toEqual(Buffer.from([0x11, 0, 0, 0, 0]));
  i += 5;
  const apduStart = i;
  expect(bytes.readUInt16BE(i)).toBe(0xdf09);
  const cra = bytes[i + 2];
  const counter = bytes.readBigUInt64BE(i + 3);
  const originator = eui(bytes.subarray(i + 12, i + 20));
  const recipient = eui(bytes.subarray(i + 21, i + 29));
  i += 29;
  i += bytes[i] === 0 ? 1 : 13;
  const otherLength = bytes[i]!;
  const messageCode = bytes.readUInt16BE(i + 1);
  const supplementary =
    otherLength >= 18
      ? { id: eui(bytes.subarray(i + 3, i + 11)), counter: bytes.readBigUInt64BE(i + 11) }
      : undefined;
  i += 1 + otherLength;
  const contentLength = bytes[i]!;
  const content = bytes.subarray(i + 1, i + 1 + contentLength);
  // The User checks the MAC with its own KA key and the Device's public one (here: the ACB's).
  const key = deriveMessageKey(
    keys.sharedSecret(recipient, originator),
    cra === 2 ? 'response' : 'alert',
    { originator: euiBytes(originator), counter: counter, recipient: euiBytes(recipient) },
  );
  const aad = Buffer.concat([Buffer.of(0x11, 0, 0, 0, 0, 0), bytes.subarray(apduStart, -12)]);
  expect(gcmMac(key, euiBytes(originator), aad)).toEqual(bytes.subarray(-12));
  return { cra, counter, originator, recipient, messageCode, supplementary, content };
}

describe('GBCS payloads of the simulated HAN', () => {
  it('11.2 on an ESME: ECS52 to the ACB for the User, with the firmware the Device reports', () => {
    const han = createHan({ seed: SEED, profiles: withoutChance() });
    const device = testDevice(ESME, 1);
    const result = han.execute(commandTo(device, '11.2', { request: request(1765000000123n) }));
    expect(result.outcome).toBe('success');
    const message = readMacd(result.gbcsPayload!);
    expect(message).toMatchObject({
      cra: 2,
      counter: 1765000000123n,
      originator: device.deviceId,
      recipient: DEFAULT_ACB_ID,
      messageCode: 0x0059,
      supplementary: { id: USER, counter: 1765000000123n },
    });
    // Access-Response: invoke ID, then one octet-string of four octets and "get, success".
    const version = firmwareOctets(result.report!.firmwareVersion!);
    expect([...message.content.subarray(7)]).toEqual([
      0x01,
      0x09,
      0x04,
      ...version,
      0x01,
      0x01,
      0x00,
    ]);
  });

  it('11.2 on a GSME is GCS38; 4.1.1 on an ESME is ECS17b, whose registers rise over time', () => {
    const han = createHan({ seed: SEED, profiles: withoutChance() });
    const gas = han.execute(commandTo(testDevice(GSME, 2), '11.2', { request: request(10n) }));
    expect(readMacd(gas.gbcsPayload!).messageCode).toBe(0x0084);
    const meter = testDevice(ESME, 3);
    const read = (counter: bigint, at: Date): number => {
      const r = han.execute(commandTo(meter, '4.1.1', { request: request(counter), at }));
      const message = readMacd(r.gbcsPayload!);
      expect(message.messageCode).toBe(0x0027);
      // The protected attributes: 0x31, four zero octets, 26 octets of ciphertext, a 12-octet tag.
      const sealed = message.content.subarray(-3 - 38, -3);
      const key = deriveMessageKey(keys.sharedSecret(USER, meter.deviceId), 'encryption', {
        originator: euiBytes(meter.deviceId),
        counter: counter,
        recipient: euiBytes(USER),
      });
      const iv = Buffer.alloc(12);
      iv.set(euiBytes(meter.deviceId));
      const decipher = createDecipheriv('aes-128-gcm', key, iv, { authTagLength: 12 });
      decipher.setAAD(Buffer.of(0x31));
      decipher.setAuthTag(sealed.subarray(-12));
      const plain = Buffer.concat([decipher.update(sealed.subarray(0, -12)), decipher.final()]);
      expect(plain[4]).toBe(0x06); // double-long-unsigned active import register
      return plain.readUInt32BE(5);
    };
    const march = read(20n, new Date('2024-03-01T10:00:00Z'));
    const april = read(21n, new Date('2024-04-01T10:00:00Z'));
    expect(april).toBeGreaterThan(march);
  });

  it('8.11 on a CHF raises 8F12 with a CS14 alert to the ACB naming the Device added', () => {
    const han = createHan({ seed: SEED, profiles: withoutChance() });
    const hub = testDevice(HUB, 1);
    const ihd = testDevice(IHD, 1);
    const add = han.execute(commandTo(hub, '8.11', { otherDeviceId: ihd.deviceId }));
    const alert = add.alerts[0]!;
    expect(alert.code).toBe('8F12');
    const message = readMacd(alert.gbcsPayload!);
    expect(message).toMatchObject({
      cra: 3,
      originator: hub.deviceId,
      recipient: DEFAULT_ACB_ID,
      messageCode: 0x0018,
    });
    expect(message.content.includes(Buffer.from(euiBytes(ihd.deviceId)))).toBe(true);
  });

  it('a future-dated 11.3 raises 8F66 as a CS06 alert signed by the Device, to the User', () => {
    const han = createHan({ seed: SEED, profiles: withoutChance() });
    const meter = testDevice(ESME, 4);
    const executeAt = new Date('2024-03-02T01:30:00Z');
    const extra = { newFirmwareVersion: '2.4.0', executeAt, request: request(99n) };
    const alert = han.execute(commandTo(meter, '11.3', extra)).alerts[0]!;
    expect(alert.code).toBe('8F66');
    const bytes = Buffer.from(alert.gbcsPayload!, 'base64');
    expect(bytes.readUInt16BE(0)).toBe(0xdf09);
    expect(eui(bytes.subarray(21, 29))).toBe(USER);
    const { publicKey } = keys.keyObjects(meter.deviceId, 'DS');
    expect(
      verify(
        'sha256',
        bytes.subarray(1, -65),
        { key: publicKey, dsaEncoding: 'ieee-p1363' },
        bytes.subarray(-64),
      ),
    ).toBe(true);
  });

  it('gives the same payloads for the same seed, and other MACs for another', () => {
    const run = (seed: number) => {
      const han = createHan({ seed, profiles: withoutChance() });
      return [1, 2, 3].map(
        (n) =>
          han.execute(commandTo(testDevice(ESME, n), '11.2', { request: request(7n) })).gbcsPayload,
      );
    };
    expect(run(SEED)).toEqual(run(SEED));
    expect(run(SEED + 1)).not.toEqual(run(SEED));
  });
});
