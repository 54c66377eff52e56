import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  ConflictError,
  IllegalTransitionError,
  InvalidValueError,
  NotFoundError,
} from '../core/errors.ts';
import type { Eui64 } from '../core/eui64.ts';
import type { Mpxn } from '../core/mpxn.ts';
import { createDuckDbStore } from '../store/index.ts';
import type { Store } from '../store/port.ts';
import { createInventory, type Inventory } from './inventory.ts';
import type { Device } from './types.ts';

const MPAN = '1200000000011' as Mpxn;
const ESME = '0A-1B-01-00-00-00-00-01' as Eui64;
const IHD = '2A-9D-0D-00-00-00-00-02' as Eui64;
const CHF = '1A-7B-09-00-00-00-00-03' as Eui64;
const OLD = '90-B3-D5-1F-30-01-01-00' as Eui64;
const NEW = '90-B3-D5-1F-30-01-02-00' as Eui64;
const DNO = '90-B3-D5-1F-30-01-0A-00' as Eui64;
const t = (s: string): Date => new Date(s);

const base = (id: Eui64, type: Device['type'], status: Device['status']): Device => ({
  id,
  type,
  manufacturer: 'Avon Metering',
  model: 'AM-E200',
  firmwareVersion: '2.3.1',
  smets: 'SMETS2',
  region: 12,
  mpxn: MPAN,
  status,
  statusSince: t('2024-01-01T10:00:00Z'),
});

let store: Store;
let inventory: Inventory;

beforeEach(async () => {
  store = await createDuckDbStore({ path: ':memory:' });
  await store.migrate();
  await store.insertDevices([
    base(ESME, 'ESME', 'Commissioned'),
    base(IHD, 'IHD', 'Pending'),
    base(CHF, 'CHF', 'Commissioned'),
  ]);
  await store.insertRegistrations([
    { mpxn: MPAN, role: 'ImportSupplier', userId: OLD, from: t('2020-01-01T00:00:00Z'), to: null },
    {
      mpxn: MPAN,
      role: 'ElectricityDistributor',
      userId: DNO,
      from: t('2010-01-01T00:00:00Z'),
      to: null,
    },
  ]);
  inventory = createInventory({ store });
});

afterEach(async () => {
  await store.close();
});

describe('inventory service', () => {
  it('moves a device through allowed statuses and keeps the history', async () => {
    await inventory.changeStatus(IHD, 'Whitelisted', t('2024-02-01T00:00:00Z'));
    await inventory.changeStatus(IHD, 'InstalledNotCommissioned', t('2024-02-02T00:00:00Z'));
    const record = await inventory.record(IHD);
    expect(record.device.status).toBe('InstalledNotCommissioned');
    expect(record.history.map((h) => `${h.from}->${h.to}`)).toEqual([
      'Pending->Whitelisted',
      'Whitelisted->InstalledNotCommissioned',
    ]);
  });

  it('refuses an illegal transition and leaves the device as it was', async () => {
    await expect(
      inventory.changeStatus(IHD, 'Commissioned', t('2024-02-01T00:00:00Z')),
    ).rejects.toThrow(IllegalTransitionError);
    expect((await inventory.device(IHD)).status).toBe('Pending');
    expect(await store.statusHistory(IHD)).toEqual([]);
  });

  it('records joins to an ESME, refuses a second join and a non-target type, and unjoins', async () => {
    await inventory.join(IHD, ESME, t('2024-03-01T00:00:00Z'));
    expect(await inventory.isJoined(IHD, ESME)).toBe(true);
    await expect(inventory.join(IHD, ESME, t('2024-03-02T00:00:00Z'))).rejects.toThrow(
      ConflictError,
    );
    await expect(inventory.join(IHD, CHF, t('2024-03-02T00:00:00Z'))).rejects.toThrow(
      'a join target must be one of ESME, GSME, GPF',
    );
    await expect(inventory.join(ESME, ESME, t('2024-03-02T00:00:00Z'))).rejects.toThrow(
      InvalidValueError,
    );
    expect(await inventory.unjoin(IHD, ESME, t('2024-04-01T00:00:00Z'))).toBe(true);
    expect(await inventory.isJoined(IHD, ESME)).toBe(false);
    expect(await inventory.unjoin(IHD, ESME, t('2024-04-02T00:00:00Z'))).toBe(false);
  });

  it('answers who owned a device on a date, across a Change of Supplier', async () => {
    await inventory.changeOfSupplier({
      mpxn: MPAN,
      role: 'ImportSupplier',
      userId: NEW,
      at: t('2024-06-01T00:00:00Z'),
    });
    expect(await inventory.holdersAt(ESME, t('2024-05-31T23:59:59Z'))).toEqual({
      ImportSupplier: OLD,
      ElectricityDistributor: DNO,
    });
    expect(await inventory.holdersAt(ESME, t('2024-06-01T00:00:00Z'))).toEqual({
      ImportSupplier: NEW,
      ElectricityDistributor: DNO,
    });
    await expect(
      inventory.changeOfSupplier({
        mpxn: MPAN,
        role: 'ElectricityDistributor',
        userId: NEW,
        at: t('2024-07-01T00:00:00Z'),
      }),
    ).rejects.toThrow('a Change of Supplier applies to supplier roles');
  });

  it('looks up by device ID (any case) or by MPAN, and names what was not found', async () => {
    const byId = await inventory.lookup(ESME.toLowerCase());
    expect(byId.kind).toBe('device');
    const byMpan = await inventory.lookup(MPAN);
    if (byMpan.kind !== 'supply-point') throw new Error('expected a supply point');
    expect(byMpan.devices.map((d) => d.id)).toEqual([ESME, CHF, IHD]);
    expect(byMpan.registrations).toHaveLength(2);
    await expect(inventory.lookup('FF-FF-FF-FF-FF-FF-FF-FF')).rejects.toThrow(NotFoundError);
    await expect(inventory.lookup('2300000000019')).rejects.toThrow(
      'Supply point "2300000000019" was not found',
    );
    await expect(inventory.lookup('hello')).rejects.toThrow('expected an EUI-64 device ID');
  });
});
