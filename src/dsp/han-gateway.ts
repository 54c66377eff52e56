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
        ...(command.deviceType === undefined ? {} : { deviceType: command.deviceType }),
        srv: command.srv,
        otherDeviceId: command.otherDeviceId,
        at: command.at,
        ...(command.request === undefined ? {} : { request: command.request }),
      });
      const outcome = {
        outcome: result.outcome,
        acted: result.acted,
        responseLost: result.responseLost,
        latencyMs: result.latencyMs,
        responseCode: result.responseCode ?? '',
        // Alerts are rare: their GBCS messages (src/devices/gbcs) are built here.
        alerts: result.alerts.map((a) => {
          const gbcsPayload = a.gbcsPayload;
          return gbcsPayload === undefined ? { code: a.code } : { code: a.code, gbcsPayload };
        }),
      };
      if (result.outcome === 'no-response') return outcome;
      // A response's GBCS message is built when it is first read (rendering), not here.
      return {
        ...outcome,
        get gbcsPayload(): string {
          return result.gbcsPayload ?? '';
        },
      };
    },
  };
}
