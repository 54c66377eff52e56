// The public API of src/devices: the HAN simulator, its behaviour profiles and power events.
export { DEVICE_FAILURE_CODES, type SrvEffect } from './codes.ts';
export { createHan, type Han, type HanOptions } from './han.ts';
export {
  generatePowerEvents,
  type PowerDevice,
  type PowerEvent,
  type PowerEventOptions,
} from './power.ts';
export {
  CLASS_DEFAULTS,
  DEFAULT_PROFILES,
  MODEL_PROFILES,
  classOf,
  type ClassKey,
  type ProfileClass,
  type ProfileEntry,
  type ProfileSet,
} from './profiles.ts';
export type { DeviceSnapshot, JoinRecord } from './state.ts';
export type {
  BehaviourProfile,
  DeviceCommand,
  DeviceLogAction,
  DeviceModelRef,
  DeviceOutcome,
  DeviceReport,
  DeviceResult,
  LatencySpec,
  Quirk,
  RaisedDeviceAlert,
  SupplyState,
} from './types.ts';
