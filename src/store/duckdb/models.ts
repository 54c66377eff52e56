// The device model dictionary: (manufacturer, model, firmware version) ↔ a 2-byte model_id.
import { InvalidValueError } from '../../core/errors.ts';
import type { Device } from '../../inventory/types.ts';
import { text } from '../records.ts';
import type { Transaction } from './session.ts';

const key = (manufacturer: string, model: string, firmware: string): string =>
  `${manufacturer}\u0000${model}\u0000${firmware}`;

/** Largest model_id a USMALLINT holds. */
const MAX_MODELS = 65_535;

/** Maps devices to model IDs, adding new models to `device_models` as it meets them. */
export interface ModelDictionary {
  /** The model_id of each device, in order; new models are inserted within `tx`. */
  resolve(tx: Transaction, devices: readonly Device[]): Promise<Uint16Array>;
  /** Drops the cache (after a rolled-back transaction, whose new models were not kept). */
  forget(): void;
}

/** Creates an empty dictionary; it loads the stored models on first use. */
export function createModelDictionary(): ModelDictionary {
  let ids: Map<string, number> | undefined;
  let next = 1;

  async function load(tx: Transaction): Promise<Map<string, number>> {
    if (ids) return ids;
    const loaded = new Map<string, number>();
    const rows = await tx.rows('SELECT * FROM device_models');
    for (const row of rows) {
      const id = Number(row['model_id']);
      loaded.set(
        key(text(row, 'manufacturer'), text(row, 'model'), text(row, 'firmware_version')),
        id,
      );
      next = Math.max(next, id + 1);
    }
    ids = loaded;
    return loaded;
  }

  return {
    async resolve(tx, devices) {
      const known = await load(tx);
      const out = new Uint16Array(devices.length);
      for (let i = 0; i < devices.length; i++) {
        const d = devices[i] as Device;
        const k = key(d.manufacturer, d.model, d.firmwareVersion);
        let id = known.get(k);
        if (id === undefined) {
          if (next > MAX_MODELS) {
            throw new InvalidValueError(
              'device model',
              `${d.manufacturer} ${d.model} ${d.firmwareVersion}`,
              `the store holds at most ${MAX_MODELS} model and firmware combinations`,
            );
          }
          id = next++;
          await tx.run(
            'INSERT INTO device_models VALUES ($1, $2, $3, $4)',
            { values: [id, d.manufacturer, d.model, d.firmwareVersion] },
            'device_models',
          );
          known.set(k, id);
        }
        out[i] = id;
      }
      return out;
    },
    forget() {
      ids = undefined;
      next = 1;
    },
  };
}
