// The HAN simulator: Devices answer Commands by their model's profile and change their own state.
import { loadCatalogue, type Catalogue } from '../catalogue/index.ts';
import { createRandom } from '../core/random.ts';
import { createSrvTraits, type SrvTraits } from './codes.ts';
import { applyEffect } from './effects.ts';
import { generatePowerEvents, type PowerEvent, type PowerEventOptions } from './power.ts';
import { DEFAULT_PROFILES, type ProfileSet } from './profiles.ts';
import { createResolver, type ResolvedProfile } from './resolve.ts';
import {
  createDeviceStore,
  loadJoins,
  snapshotOf,
  type DeviceSnapshot,
  type DeviceState,
  type JoinRecord,
} from './state.ts';
import { GbcsEncoder, DEFAULT_USER_ID, type GbcsRequest } from './gbcs/index.ts';
import { commandStream, draw, standardNormal } from './stream.ts';
import { NO_ALERTS, alertOf, failureOf, resultOf } from './result.ts';
import type { DeviceCommand, DeviceResult } from './types.ts';

/** Settings of a simulated HAN. */
export interface HanOptions {
  /** Same seed and same Commands per Device → same results. */
  readonly seed: number;
  /** Behaviour per model; the bundled DEFAULT_PROFILES when absent. */
  readonly profiles?: ProfileSet;
  /** Where SRV facts come from; the bundled catalogue when absent. */
  readonly catalogue?: Pick<Catalogue, 'findSrv'>;
  /** The DCC Access Control Broker GBCS Responses go to; the RTDS / DCC Boxed one when absent. */
  readonly acbId?: string;
}

/** A simulated population of Devices, each with its own state, created lazily. */
export interface Han {
  /** Delivers one Command to its Device and returns the Device's answer. */
  execute(command: DeviceCommand): DeviceResult;
  /** Seeds Device logs from the SMI's open joins; returns how many were added. */
  loadJoins(joins: Iterable<JoinRecord>): number;
  /** What the Device itself believes, or undefined if it was never touched. */
  device(deviceId: string): DeviceSnapshot | undefined;
  /** Power outages and restorations of the given ESMEs over a window (seeded). */
  powerEvents(options: PowerEventOptions): PowerEvent[];
  /** Devices holding state. */
  readonly size: number;
}

/** The Command being answered, as the GBCS payload builders need it. */
interface Answering {
  readonly state: DeviceState;
  readonly command: DeviceCommand;
  readonly count: number;
  readonly latencyMs: number;
}

/** Draw indices of a Command's stream (0 and 1 are the latency's normal). */
const NO_RESPONSE = 2;
const FAILURE = 3;
const LOST = 4;
const QUIRK = 5;
const FUTURE_FAILURE = 6;

/** Creates a HAN whose randomness is derived from the seed (src/core/random.ts). */
export function createHan(options: HanOptions): Han {
  const key = createRandom(options.seed).fork('han').int(0, 0xffff_ffff);
  const store = createDeviceStore(key);
  const resolver = createResolver(options.profiles ?? DEFAULT_PROFILES);
  const traitsOf = createSrvTraits(options.catalogue ?? loadCatalogue());
  const gbcs = new GbcsEncoder(options.seed, options.acbId);

  /** The Service Request a payload answers (the RTDS test User when the Command names none). */
  const requestOf = (command: DeviceCommand, count: number): GbcsRequest =>
    command.request ?? { originator: DEFAULT_USER_ID, counter: BigInt(count + 1) };

  /** The GBCS Response of an answer, for the SRVs src/devices/gbcs encodes (11.2, 4.1.1). */
  function responseOf(
    { state, command, count, latencyMs }: Answering,
    success: boolean,
    firmwareVersion?: string,
  ): (() => string | null) | undefined {
    if (command.srv !== '11.2' && command.srv !== '4.1.1') return undefined;
    return () =>
      gbcs.response({
        srv: command.srv,
        deviceId: state.id,
        deviceType: command.deviceType ?? 'ESME',
        deviceHash: state.hash,
        request: requestOf(command, count),
        success,
        at: new Date(command.at.getTime() + latencyMs),
        ...(firmwareVersion === undefined ? {} : { firmwareVersion }),
      });
  }

  /** A Device Alert with its GBCS alert (8F12: the log as it stands now; 8F66 / 8F67 after 11.3). */
  function raise(code: string, { state, command, count }: Answering, at: Date) {
    const log = code === '8F12' ? [...(state.log ?? [])] : undefined;
    return alertOf({ code, deviceId: state.id, at }, () =>
      gbcs.alert({
        code,
        srv: command.srv,
        deviceId: state.id,
        at,
        // The Device's own alert counter: the alert's time in ms, then its Command count.
        counter: BigInt(at.getTime()) * 1000n + BigInt(count % 1000),
        request: requestOf(command, count),
        ...(command.otherDeviceId === undefined ? {} : { changedDeviceId: command.otherDeviceId }),
        ...(log === undefined ? {} : { log }),
        ...(command.newFirmwareVersion === undefined
          ? {}
          : { firmwareVersion: command.newFirmwareVersion }),
      }),
    );
  }

  function profileFor(state: DeviceState, command: DeviceCommand): ResolvedProfile {
    const m = command.model;
    const seen = state.profileModel;
    if (state.profile !== undefined && seen !== undefined) {
      if (seen === m) return state.profile;
      const same =
        seen.firmwareVersion === m.firmwareVersion &&
        seen.model === m.model &&
        seen.manufacturer === m.manufacturer;
      if (same) return state.profile;
    }
    // The Device's behaviour follows the firmware it runs, which 11.3 may have changed.
    const runs = state.firmware === undefined ? m : { ...m, firmwareVersion: state.firmware };
    state.profile = resolver.resolve(runs, command.smets, command.deviceType);
    state.profileModel = m;
    return state.profile;
  }

  function answer(state: DeviceState, command: DeviceCommand, traits: SrvTraits): DeviceResult {
    const count = state.commands++;
    const profile = profileFor(state, command);
    const stream = commandStream(state.hash, count);
    const latencyMs = Math.round(Math.exp(profile.mu + profile.sigma * standardNormal(stream)));
    if (draw(stream, NO_RESPONSE) < profile.noResponseRate) {
      return resultOf({ outcome: 'no-response', latencyMs, stream, count });
    }
    const turn = { latencyMs, stream, count };
    const answering: Answering = { state, command, count, latencyMs };
    if (draw(stream, FAILURE) < profile.failureRate) {
      const gbcs = responseOf(answering, false);
      return failureOf({ ...turn, gbcs }, traits, 'the Device answered with an error');
    }
    const executeAt = traits.deviceFutureDated ? command.executeAt : undefined;
    const future = executeAt !== undefined && executeAt > command.at;
    // A future-dated Command is accepted now and run at executeAt: 8F66 if it works, else 8F67.
    if (future && draw(stream, FUTURE_FAILURE) < profile.failureRate) {
      const alerts = [raise('8F67', answering, executeAt)];
      return resultOf({ outcome: 'success', ...turn, alerts });
    }
    const effect = applyEffect({ state, command, traits, profile, chance: draw(stream, QUIRK) });
    if (!effect.ok) {
      const gbcs = responseOf(answering, false);
      return failureOf({ ...turn, gbcs }, traits, effect.reason ?? 'the Device refused');
    }
    let alerts = NO_ALERTS;
    if (future) alerts = [raise('8F66', answering, executeAt)];
    else if (effect.logChanged === true && traits.raisesDeviceLogAlert) {
      alerts = [raise('8F12', answering, new Date(command.at.getTime() + latencyMs))];
    }
    const lossRate =
      profile.lostResponseRate + (traits.effect === 'join' ? profile.joinLossRate : 0);
    // MP178: the Device has acted, but the DSP never hears of it.
    const lost = draw(stream, LOST) < lossRate;
    return resultOf({
      outcome: lost ? 'no-response' : 'success',
      latencyMs,
      stream,
      count,
      acted: effect.acted,
      responseLost: lost,
      alerts,
      report: effect.report,
      gbcs: responseOf(answering, true, effect.report?.firmwareVersion),
    });
  }

  return {
    execute(command) {
      const traits = traitsOf(command.srv); // throws before any state exists for a bad SRV
      return answer(store.get(command.deviceId), command, traits);
    },
    loadJoins: (joins) => loadJoins(store, joins),
    device(deviceId) {
      const state = store.peek(deviceId);
      return state === undefined ? undefined : snapshotOf(state);
    },
    powerEvents: (powerOptions) => generatePowerEvents(options.seed, powerOptions),
    get size() {
      return store.size;
    },
  };
}
