// Connects the pipeline's device gateway to the HAN simulator.
import type { Han } from '../devices/index.ts';
import type { DeviceGateway } from './device-gateway.ts';

/** A device gateway backed by the simulated HAN. */
export function createHanGateway(han: Han): DeviceGateway {
  return {
    execute(command) {
      const result = han.execute({
        deviceId: command.deviceId,
        model: command.model,
        smets: command.smets,
        srv: command.srv,
        otherDeviceId: command.otherDeviceId,
        at: command.at,
      });
      return {
        outcome: result.outcome,
        acted: result.acted,
        responseLost: result.responseLost,
        latencyMs: result.latencyMs,
        responseCode: result.responseCode ?? '',
        alerts: result.alerts.map((a) => ({ code: a.code })),
        ...(result.gbcsPayload === null ? {} : { gbcsPayload: result.gbcsPayload }),
      };
    },
  };
}
