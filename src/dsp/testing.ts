// Test fixtures the DSP's unit tests share: one supply point, its devices and the DCC's own ID.
import type { Eui64 } from '../core/eui64.ts';
import type { Mpxn } from '../core/mpxn.ts';
import type { Device } from '../inventory/types.ts';

/** The supply point every fixture device serves. */
export const MPAN = '1200000000011' as Mpxn;
export const ESME = '0A-1B-01-00-00-00-00-01' as Eui64;
export const IHD = '2A-9D-0D-00-00-00-00-02' as Eui64;
export const CAD = '3C-BF-10-00-00-00-00-03' as Eui64;
/** An ESME the fixtures decommission. */
export const OLD_ESME = '0A-1B-01-00-00-00-00-04' as Eui64;
/** The DCC's own ID, the target of non-device Service Requests in DCC's test data. */
export const DCC = '90-B3-D5-1F-30-00-00-02' as Eui64;

/** A SMETS2 device of one model at {@link MPAN}. */
export function testDevice(
  id: Eui64,
  type: Device['type'],
  status: Device['status'] = 'Commissioned',
): Device {
  return {
    id,
    type,
    manufacturer: 'Avon Metering',
    model: 'AM-E200',
    firmwareVersion: '2.3.1',
    smets: 'SMETS2',
    region: 12,
    mpxn: MPAN,
    status,
    statusSince: new Date('2020-01-01T00:00:00Z'),
  };
}
