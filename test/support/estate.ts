// Estate look-ups the integration tests share.
import type { Eui64 } from '../../src/core/eui64.ts';
import { holdersAt } from '../../src/inventory/registrations.ts';
import type { Device, Registration } from '../../src/inventory/types.ts';

/** The Import Supplier that holds the device's supply point now, if any. */
export function responsibleSupplierNow(
  registrations: readonly Registration[],
  device: Pick<Device, 'mpxn'>,
): Eui64 | undefined {
  if (device.mpxn === null) return undefined;
  const history = registrations.filter((r) => r.mpxn === device.mpxn);
  return holdersAt(history, new Date()).ImportSupplier;
}
