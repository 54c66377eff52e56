// The HAN gateway hands the DSP the Devices' GBCS payloads: responses (on read) and alerts.
import { describe, expect, it } from 'vitest';
import type { Eui64 } from '../core/eui64.ts';
import { createHan } from '../devices/index.ts';
import { modelSpec, testDevice, withoutChance } from '../devices/testing.ts';
import { createHanGateway } from './han-gateway.ts';

const USER = '90-B3-D5-1F-30-01-00-07' as Eui64;

describe('HAN gateway', () => {
  it('carries a GBCS Response for 11.2 addressed to the ACB for the requesting User', () => {
    const gateway = createHanGateway(createHan({ seed: 3, profiles: withoutChance() }));
    const device = testDevice(modelSpec('Avon Metering', 'AM-E200'), 1);
    const outcome = gateway.execute({
      deviceId: device.deviceId as Eui64,
      model: device.model,
      smets: device.smets,
      deviceType: 'ESME',
      srv: '11.2',
      at: new Date('2024-03-01T10:00:00Z'),
      request: { originator: USER, counter: 4242n },
    });
    expect(outcome.outcome).toBe('success');
    const bytes = Buffer.from(outcome.gbcsPayload!, 'base64');
    expect(bytes[0]).toBe(0xdd); // General Ciphering: a MAC'd GBCS Response
    const hex = bytes.toString('hex');
    expect(hex).toContain('df0902' + (4242).toString(16).padStart(16, '0')); // Response, counter
    expect(hex).toContain('0059' + USER.replace(/-/g, '').toLowerCase()); // ECS52, the User
  });

  it('carries the CS14 alert of an 8F12', () => {
    const gateway = createHanGateway(createHan({ seed: 3, profiles: withoutChance() }));
    const hub = testDevice(modelSpec('Goyt Communications', 'GC-NH3'), 1);
    const ihd = testDevice(modelSpec('Irwell Displays', 'ID-7'), 1);
    const outcome = gateway.execute({
      deviceId: hub.deviceId as Eui64,
      model: hub.model,
      smets: hub.smets,
      deviceType: 'CHF',
      srv: '8.11',
      otherDeviceId: ihd.deviceId as Eui64,
      at: new Date('2024-03-01T10:00:00Z'),
    });
    expect(outcome.alerts.map((a) => a.code)).toEqual(['8F12']);
    expect(Buffer.from(outcome.alerts[0]!.gbcsPayload!, 'base64').toString('hex')).toContain(
      '0018',
    );
  });
});
