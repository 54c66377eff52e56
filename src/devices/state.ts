// What each Device itself believes (its own log, firmware, supply state), kept apart from the SMI.
import type { ResolvedProfile } from './resolve.ts';
import { hashString } from './stream.ts';
import type { DeviceModelRef, SupplyState } from './types.ts';

/**
 * One Device's own state. Created on the first Command (or join load) only, so an estate of
 * millions costs memory only for the Devices the run touches. Fields stay undefined until the
 * Device holds something the SMI might not: firmware before any 11.3 is the SMI's version.
 */
export interface DeviceState {
  readonly id: string;
  /** Hash of the ID under the run's key; seeds the Device's Command streams. */
  readonly hash: number;
  /** Commands received so far. */
  commands: number;
  /** The Other Devices in the Device's log (joined to a meter, or a CHF's HAN Device Log). */
  log: string[] | undefined;
  firmware: string | undefined;
  previousFirmware: string | undefined;
  supply: SupplyState | undefined;
  /** The model the cached profile was resolved for (compared by identity, then by value). */
  profileModel: DeviceModelRef | undefined;
  profile: ResolvedProfile | undefined;
}

/** A HAN join as the SMI holds it (src/inventory HanJoin fits). */
export interface JoinRecord {
  /** The Other Device. */
  readonly deviceId: string;
  /** The Device whose log holds it. */
  readonly targetId: string;
  /** Null or absent while joined. */
  readonly unjoinedAt?: Date | null;
}

/** A read-only copy of one Device's own state. */
export interface DeviceSnapshot {
  readonly deviceId: string;
  readonly commands: number;
  readonly log: readonly string[];
  /** Undefined until an 11.3 activation: until then the Device runs what the SMI says. */
  readonly firmwareVersion: string | undefined;
  readonly supplyState: SupplyState | undefined;
}

/** The lazily filled map of Device states, keyed by Device ID. */
export interface DeviceStore {
  /** The Device's state, created empty on first use. */
  get(id: string): DeviceState;
  /** The Device's state if it has one. */
  peek(id: string): DeviceState | undefined;
  /** How many Devices hold state. */
  readonly size: number;
}

/** Creates an empty store; `key` mixes the run's seed into every Device hash. */
export function createDeviceStore(key: number): DeviceStore {
  const states = new Map<string, DeviceState>();
  return {
    get(id) {
      let state = states.get(id);
      if (state === undefined) {
        state = {
          id,
          hash: hashString(key, id),
          commands: 0,
          log: undefined,
          firmware: undefined,
          previousFirmware: undefined,
          supply: undefined,
          profileModel: undefined,
          profile: undefined,
        };
        states.set(id, state);
      }
      return state;
    },
    peek: (id) => states.get(id),
    get size() {
      return states.size;
    },
  };
}

/** True when the Device's log holds the Other Device. */
export function hasInLog(state: DeviceState, otherId: string): boolean {
  return state.log !== undefined && state.log.includes(otherId);
}

/** Adds the Other Device to the log; false when it was already there. */
export function addToLog(state: DeviceState, otherId: string): boolean {
  if (hasInLog(state, otherId)) return false;
  (state.log ??= []).push(otherId);
  return true;
}

/** Removes the Other Device from the log; false when it was not there. */
export function removeFromLog(state: DeviceState, otherId: string): boolean {
  const i = state.log?.indexOf(otherId) ?? -1;
  if (i < 0 || state.log === undefined) return false;
  state.log.splice(i, 1);
  return true;
}

/** Seeds Device logs from SMI joins that are still open; returns how many were loaded. */
export function loadJoins(store: DeviceStore, joins: Iterable<JoinRecord>): number {
  let loaded = 0;
  for (const join of joins) {
    if (join.unjoinedAt != null) continue;
    if (addToLog(store.get(join.targetId), join.deviceId)) loaded++;
  }
  return loaded;
}

/** A read-only copy of a Device's state. */
export function snapshotOf(state: DeviceState): DeviceSnapshot {
  return {
    deviceId: state.id,
    commands: state.commands,
    log: [...(state.log ?? [])],
    firmwareVersion: state.firmware,
    supplyState: state.supply,
  };
}
