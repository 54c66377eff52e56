// Device models of the synthetic estate: invented manufacturers, models and firmware versions.
import type { DeviceType, SmetsGeneration } from '../core/devices.ts';

/** One device model with its firmware versions and how common each is (newest last). */
export interface ModelSpec {
  readonly type: DeviceType;
  readonly smets: SmetsGeneration;
  readonly manufacturer: string;
  readonly model: string;
  /** 24-bit EUI-64 prefix the manufacturer's devices carry. */
  readonly prefix: number;
  /** Relative frequency among models of the same type and generation. */
  readonly share: number;
  /** Firmware versions with relative frequency. */
  readonly firmware: readonly (readonly [string, number])[];
  /** For hubs: the CSP regions the model is deployed in (SMETS2 hubs differ by region). */
  readonly cspRegions?: readonly ('North' | 'Central' | 'South')[];
}

/** The invented manufacturers are named after British rivers; nothing here is a real product. */
export const MODELS: readonly ModelSpec[] = [
  // Electricity meters
  {
    type: 'ESME',
    smets: 'SMETS2',
    manufacturer: 'Avon Metering',
    model: 'AM-E200',
    prefix: 0x0a1b01,
    share: 30,
    firmware: [
      ['2.1.4', 5],
      ['2.2.0', 25],
      ['2.3.1', 70],
    ],
  },
  {
    type: 'ESME',
    smets: 'SMETS2',
    manufacturer: 'Brunel Devices',
    model: 'BD Voltis 2',
    prefix: 0x0b2c02,
    share: 25,
    firmware: [
      ['4.0.7', 20],
      ['4.1.2', 80],
    ],
  },
  {
    type: 'ESME',
    smets: 'SMETS2',
    manufacturer: 'Calder Instruments',
    model: 'CI-S2E',
    prefix: 0x0c3d03,
    share: 20,
    firmware: [
      ['1.9.0', 10],
      ['1.10.3', 35],
      ['1.11.0', 55],
    ],
  },
  {
    type: 'ESME',
    smets: 'SMETS2',
    manufacturer: 'Dee Technologies',
    model: 'Dee Polyphase P3',
    prefix: 0x0d4e04,
    share: 5,
    firmware: [['3.3.0', 100]],
  },
  {
    type: 'ESME',
    smets: 'SMETS2',
    manufacturer: 'Exe Electronics',
    model: 'EX-100',
    prefix: 0x0e5f05,
    share: 20,
    firmware: [
      ['0.8.12', 15],
      ['0.9.2', 85],
    ],
  },
  {
    type: 'ESME',
    smets: 'SMETS1',
    manufacturer: 'Avon Metering',
    model: 'AM-E100',
    prefix: 0x0a1b11,
    share: 50,
    firmware: [
      ['1.4.2', 40],
      ['1.5.0', 60],
    ],
  },
  {
    type: 'ESME',
    smets: 'SMETS1',
    manufacturer: 'Brunel Devices',
    model: 'BD Voltis 1',
    prefix: 0x0b2c12,
    share: 50,
    firmware: [['2.0.1', 100]],
  },
  // Gas meters
  {
    type: 'GSME',
    smets: 'SMETS2',
    manufacturer: 'Calder Instruments',
    model: 'CI-S2G',
    prefix: 0x0c3d06,
    share: 45,
    firmware: [
      ['1.2.0', 30],
      ['1.3.5', 70],
    ],
  },
  {
    type: 'GSME',
    smets: 'SMETS2',
    manufacturer: 'Fal Flow',
    model: 'FF-G4',
    prefix: 0x0f6a07,
    share: 35,
    firmware: [
      ['5.0.0', 50],
      ['5.1.1', 50],
    ],
  },
  {
    type: 'GSME',
    smets: 'SMETS2',
    manufacturer: 'Exe Electronics',
    model: 'EX-G1',
    prefix: 0x0e5f08,
    share: 20,
    firmware: [['0.9.0', 100]],
  },
  {
    type: 'GSME',
    smets: 'SMETS1',
    manufacturer: 'Fal Flow',
    model: 'FF-G1',
    prefix: 0x0f6a18,
    share: 100,
    firmware: [['2.2.2', 100]],
  },
  // Communications hubs (the GPF is a function of the hub and shares its model)
  {
    type: 'CHF',
    smets: 'SMETS2',
    manufacturer: 'Goyt Communications',
    model: 'GC-NH3',
    prefix: 0x1a7b09,
    share: 100,
    cspRegions: ['North'],
    firmware: [
      ['1.1.9', 20],
      ['1.2.4', 80],
    ],
  },
  {
    type: 'CHF',
    smets: 'SMETS2',
    manufacturer: 'Hodder Networks',
    model: 'HN-CS2',
    prefix: 0x1b8c0a,
    share: 60,
    cspRegions: ['Central', 'South'],
    firmware: [
      ['3.0.2', 25],
      ['3.1.0', 75],
    ],
  },
  {
    type: 'CHF',
    smets: 'SMETS2',
    manufacturer: 'Hodder Networks',
    model: 'HN-CS2 Dual Band',
    prefix: 0x1b8c0b,
    share: 40,
    cspRegions: ['Central', 'South'],
    firmware: [['4.0.1', 100]],
  },
  {
    type: 'CHF',
    smets: 'SMETS1',
    manufacturer: 'Brunel Devices',
    model: 'BD Hub 1',
    prefix: 0x0b2c1c,
    share: 100,
    firmware: [['1.0.6', 100]],
  },
  // Type 1 HAN devices
  {
    type: 'IHD',
    smets: 'SMETS2',
    manufacturer: 'Irwell Displays',
    model: 'ID-7',
    prefix: 0x2a9d0d,
    share: 60,
    firmware: [
      ['7.2.0', 40],
      ['7.3.1', 60],
    ],
  },
  {
    type: 'IHD',
    smets: 'SMETS2',
    manufacturer: 'Kennet Home',
    model: 'KH Glance',
    prefix: 0x2bae0e,
    share: 40,
    firmware: [['2.5.0', 100]],
  },
  {
    type: 'IHD',
    smets: 'SMETS1',
    manufacturer: 'Irwell Displays',
    model: 'ID-3',
    prefix: 0x2a9d1d,
    share: 100,
    firmware: [['3.9.9', 100]],
  },
  {
    type: 'PPMID',
    smets: 'SMETS2',
    manufacturer: 'Kennet Home',
    model: 'KH PayPoint',
    prefix: 0x2bae0f,
    share: 100,
    firmware: [
      ['1.0.3', 35],
      ['1.1.0', 65],
    ],
  },
  {
    type: 'PPMID',
    smets: 'SMETS1',
    manufacturer: 'Irwell Displays',
    model: 'ID-PP1',
    prefix: 0x2a9d1f,
    share: 100,
    firmware: [['1.0.0', 100]],
  },
  {
    type: 'CAD',
    smets: 'SMETS2',
    manufacturer: 'Lune Labs',
    model: 'LL Bridge',
    prefix: 0x3cbf10,
    share: 100,
    firmware: [['0.4.1', 100]],
  },
];

/** Models grouped by type and generation, for weighted choice. */
export function modelsFor(type: DeviceType, smets: SmetsGeneration): readonly ModelSpec[] {
  return MODELS.filter((m) => m.type === type && m.smets === smets);
}
