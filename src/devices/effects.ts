// What a Command does to the Device's own state: joins, its log, firmware, supply.
import { InvalidValueError } from '../core/errors.ts';
import type { SrvTraits } from './codes.ts';
import type { ResolvedProfile } from './resolve.ts';
import { addToLog, hasInLog, removeFromLog, type DeviceState } from './state.ts';
import type { DeviceCommand, DeviceReport, SupplyState } from './types.ts';

/** Everything one effect needs. */
export interface EffectInput {
  readonly state: DeviceState;
  readonly command: DeviceCommand;
  readonly traits: SrvTraits;
  readonly profile: ResolvedProfile;
  /** A uniform draw in [0, 1) for quirks that fire by chance. */
  readonly chance: number;
}

/** How the Device handled the Command, before the WAN had its say. */
export interface EffectOutcome {
  readonly ok: boolean;
  /** The Device changed its state. */
  readonly acted: boolean;
  readonly reason?: string;
  readonly report?: DeviceReport;
  /** A CHF's HAN Device Log changed (8.11): the CHF raises 8F12. */
  readonly logChanged?: boolean;
}

const DONE: EffectOutcome = { ok: true, acted: false };
const CHANGED: EffectOutcome = { ok: true, acted: true };
const refuse = (reason: string): EffectOutcome => ({ ok: false, acted: false, reason });

function otherOf(command: DeviceCommand): string {
  const other = command.otherDeviceId;
  if (other === undefined) {
    throw new InvalidValueError('otherDeviceId', other, `SRV ${command.srv} names an Other Device`);
  }
  return other;
}

function join(input: EffectInput): EffectOutcome {
  const { state, command, profile } = input;
  const other = otherOf(command);
  if (!hasInLog(state, other)) return addToLog(state, other) ? CHANGED : DONE;
  // GBCS (SEC Schedule 8) mandates accepting a repeated join; some firmware does not (MP178).
  if (profile.rejectsRepeatedJoin) {
    return refuse('the Device firmware rejects a join of a Device already in its log');
  }
  return DONE;
}

function deviceLog(input: EffectInput): EffectOutcome {
  const { state, command } = input;
  const other = otherOf(command);
  if (command.logAction === 'remove') {
    if (!removeFromLog(state, other)) return refuse('the Device is not in the HAN Device Log');
    return { ok: true, acted: true, logChanged: true };
  }
  return addToLog(state, other) ? { ok: true, acted: true, logChanged: true } : DONE;
}

function activateFirmware(input: EffectInput): EffectOutcome {
  const { state, command } = input;
  const target = command.newFirmwareVersion;
  if (target === undefined) {
    throw new InvalidValueError('newFirmwareVersion', target, '11.3 names the version to run');
  }
  const current = state.firmware ?? command.model.firmwareVersion;
  if (target === current) return DONE;
  state.previousFirmware = current;
  state.firmware = target;
  state.profile = undefined; // behaviour follows the firmware the Device now runs
  return CHANGED;
}

function readFirmware(input: EffectInput): EffectOutcome {
  const { state, command, profile, chance } = input;
  let reported = state.firmware ?? command.model.firmwareVersion;
  const stale = state.previousFirmware ?? profile.staleFirmwareVersion;
  if (stale !== undefined && chance < profile.staleFirmwareRate) reported = stale;
  return { ok: true, acted: false, report: { firmwareVersion: reported } };
}

function setSupply(state: DeviceState, to: SupplyState): EffectOutcome {
  if ((state.supply ?? 'enabled') === to) return DONE;
  state.supply = to;
  return CHANGED;
}

/** Carries a Command out on the Device's own state (the Device decided to answer). */
export function applyEffect(input: EffectInput): EffectOutcome {
  const { state } = input;
  switch (input.traits.effect) {
    case 'plain':
      return DONE;
    case 'join':
      return join(input);
    case 'unjoin':
      return removeFromLog(state, otherOf(input.command))
        ? CHANGED
        : refuse("the Other Device is not in the Device's own log");
    case 'device-log':
      return deviceLog(input);
    case 'read-log':
      return { ok: true, acted: false, report: { deviceLog: [...(state.log ?? [])] } };
    case 'activate-firmware':
      return activateFirmware(input);
    case 'read-firmware':
      return readFirmware(input);
    case 'enable-supply':
      return setSupply(state, 'enabled');
    case 'disable-supply':
      return setSupply(state, 'disabled');
    case 'arm-supply':
      return setSupply(state, 'armed');
    case 'read-supply':
      return { ok: true, acted: false, report: { supplyState: state.supply ?? 'enabled' } };
  }
}
