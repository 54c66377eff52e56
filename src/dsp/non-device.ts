// DCC-only (Command Variant 8) Service Requests, answered synchronously by the DSP.
import type { Srv } from '../catalogue/index.ts';
import type { SmiStatus } from '../core/devices.ts';
import { isEui64, type Eui64 } from '../core/eui64.ts';
import { mpxnKind, type Mpxn } from '../core/mpxn.ts';
import { canTransition } from '../inventory/lifecycle.ts';
import type { Device } from '../inventory/types.ts';
import type { Refusal } from './checks.ts';
import type { RequestBody, ServiceRequest } from './messages.ts';
import type { SmiView } from './smi-view.ts';

/** The result of a non-device request: a payload to return, or a refusal. */
export type NonDeviceResult =
  { readonly payload?: RequestBody; readonly device?: Device } | Refusal;

/** Status each Communications Hub status update moves the hub to (DUIS 8.14.x). */
const HUB_STATUS: Readonly<Record<string, SmiStatus>> = {
  '8.14.1': 'Commissioned',
  '8.14.2': 'InstalledNotCommissioned',
  '8.14.3': 'Withdrawn',
  '8.14.4': 'Withdrawn',
  '8.3': 'Decommissioned',
};

/** Body fields that name the device a non-device SRV acts on, in the order they are looked for. */
const DEVICE_FIELDS = ['DeviceID', 'CommsHubDeviceID', 'DeviceId'] as const;

/** The device a non-device SRV acts on (the EUI-64 its body names); undefined when none. */
export function deviceNamedBy(request: ServiceRequest): Eui64 | undefined {
  const id = field(request, DEVICE_FIELDS);
  if (id !== undefined) return isEui64(id) ? (id.toUpperCase() as Eui64) : undefined;
  return undefined;
}

function field(request: ServiceRequest, names: readonly string[]): string | undefined {
  for (const name of names) {
    const value = request.body.fields[name];
    if (typeof value === 'string' && value.trim() !== '') return value.trim();
  }
  return undefined;
}

function inventoryEntry(d: Device): Record<string, unknown> {
  return {
    DeviceID: d.id,
    DeviceType: d.type,
    DeviceStatus: d.status,
    DeviceManufacturer: d.manufacturer,
    DeviceModel: d.model,
    DeviceFirmwareVersion: d.firmwareVersion,
    SMETSCHTSVersion: d.smets,
    ...(d.mpxn ? { ImportMPxN: d.mpxn } : {}),
  };
}

function readInventory(smi: SmiView, request: ServiceRequest): NonDeviceResult {
  const id = field(request, ['DeviceID', 'DeviceId']);
  const mpxn = field(request, ['MPxN', 'ImportMPxN', 'MPAN', 'MPRN']);
  let devices: readonly Device[] = [];
  if (id !== undefined && isEui64(id)) {
    const d = smi.device(id.toUpperCase() as Eui64);
    devices = d ? [d] : [];
  } else if (mpxn !== undefined && mpxnKind(mpxn)) {
    devices = smi.devicesAt(mpxn as Mpxn);
  } else {
    return { reason: 'schema', detail: 'SRV 8.2 needs a DeviceID or an MPxN in its body' };
  }
  if (devices.length === 0)
    return { reason: 'device-unknown', detail: `no device matches ${id ?? mpxn ?? ''}` };
  return { payload: { element: 'DSPInventory', fields: { Device: devices.map(inventoryEntry) } } };
}

function updateStatus(
  smi: SmiView,
  input: { request: ServiceRequest; srv: Srv; at: Date },
): NonDeviceResult {
  const { request, srv, at } = input;
  const id = field(request, DEVICE_FIELDS);
  if (id === undefined || !isEui64(id))
    return { reason: 'schema', detail: `SRV ${srv.srv} needs a DeviceID in its body` };
  const device = smi.device(id.toUpperCase() as Eui64);
  if (!device)
    return {
      reason: 'device-unknown',
      detail: `device ${id} is not in the Smart Metering Inventory`,
    };
  const to = HUB_STATUS[srv.srv];
  if (to === undefined) return { device };
  if (srv.srv.startsWith('8.14') && device.type !== 'CHF') {
    return {
      reason: 'target-type',
      detail: `SRV ${srv.srv} updates a Communications Hub; ${id} is a ${device.type}`,
    };
  }
  if (device.status === to) return { device };
  if (!canTransition(device.status, to)) {
    return {
      reason: 'device-status',
      detail: `device ${id} is ${device.status} and cannot become ${to}`,
    };
  }
  smi.setStatus({ deviceId: device.id, from: device.status, to, at });
  return { device };
}

/** Carries out a non-device SRV against the SMI. */
export function handleNonDevice(
  smi: SmiView,
  input: { request: ServiceRequest; srv: Srv; at: Date },
): NonDeviceResult {
  if (input.srv.srv === '8.2') return readInventory(smi, input.request);
  if (input.srv.srv in HUB_STATUS) return updateStatus(smi, input);
  return {};
}
