// Test fixtures the DSP's tests share: one supply point, its devices, the DCC's own ID, and a
// simulated day of traffic through the pipeline.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadCatalogue } from '../catalogue/index.ts';
import type { Eui64 } from '../core/eui64.ts';
import type { Mpxn } from '../core/mpxn.ts';
import { createHan } from '../devices/index.ts';
import type { Device } from '../inventory/types.ts';
import { loadRules } from '../rules/index.ts';
import { openStore } from '../store/index.ts';
import { generateTraffic } from '../workload/traffic.ts';
import { seedEstate } from '../workload/seed.ts';
import { createHanGateway } from './han-gateway.ts';
import { createPipeline, type Handled } from './pipeline.ts';
import { createSmiView } from './smi-view.ts';

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

/**
 * Seeds an estate of `devices` in a scratch DuckDB store, drives a day of simulated traffic from
 * `from` through the pipeline as `runSimulation` builds it, hands each request's outcome to
 * `onHandled`, then removes the store.
 */
export async function handleSimulatedDay(
  options: { readonly devices: number; readonly seed: number; readonly from: Date },
  onHandled: (handled: Handled) => void,
): Promise<void> {
  const { devices, seed, from } = options;
  const dir = await mkdtemp(path.join(os.tmpdir(), 'opendsp-day-'));
  try {
    const store = await openStore({ dataDir: dir });
    try {
      await seedEstate({ store, devices, seed, asOf: from });
      const estate = await store.loadEstate();
      const catalogue = loadCatalogue();
      const smi = createSmiView(estate);
      const han = createHan({ seed, catalogue });
      han.loadJoins(estate.joins);
      const pipeline = createPipeline({
        catalogue,
        smi,
        rules: loadRules(),
        devices: createHanGateway(han),
      });
      const traffic = generateTraffic({ ...estate, smi, catalogue, seed, from, days: 1, rate: 2 });
      for (const items of traffic) {
        for (const item of items) {
          onHandled(pipeline.handle(item.request, { sender: item.sender, at: item.at }));
        }
      }
    } finally {
      await store.close();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
