// Sends a validated device Service Request to the device and turns what comes back into messages.
import type { Catalogue, Srv } from '../catalogue/index.ts';
import type { Eui64 } from '../core/eui64.ts';
import type { Device } from '../inventory/types.ts';
import type { Sender } from './checks.ts';
import type { DeviceGateway, DeviceOutcome } from './device-gateway.ts';
import type { Handled } from './pipeline.ts';
import {
  formatRequestId,
  responseIdOf,
  type DccAlertMessage,
  type DeviceAlertMessage,
  type OutboundMessage,
  type RequestBody,
  type ServiceRequest,
  type ServiceResponse,
} from './messages.ts';
import type { SmiView } from './smi-view.ts';
import type { TrailEvent } from './trail.ts';

/** How long the DSP waits for a device before raising N13 (opendsp's setting). */
export const DEVICE_TIMEOUT_MS = 60_000;

/** What dispatch reads and changes. */
export interface DispatchContext {
  readonly catalogue: Catalogue;
  readonly smi: SmiView;
  readonly devices: DeviceGateway;
}

/** One request to dispatch. */
export interface DispatchInput {
  readonly request: ServiceRequest;
  readonly srv: Srv;
  readonly sender: Sender;
  readonly at: Date;
  readonly device: Device;
  readonly otherDeviceId?: Eui64;
}

/** Brings the SMI in line with what the device confirmed (only confirmed changes count). */
function applyToSmi(smi: SmiView, input: DispatchInput, done: Date): void {
  const { srv, device, otherDeviceId } = input;
  if ((srv.srv === '8.7.1' || srv.srv === '8.7.2') && otherDeviceId) {
    smi.join({ deviceId: otherDeviceId, targetId: device.id, joinedAt: done, unjoinedAt: null });
  } else if ((srv.srv === '8.8.1' || srv.srv === '8.8.2') && otherDeviceId) {
    smi.unjoin({ deviceId: otherDeviceId, targetId: device.id, at: done });
  } else if (srv.srv === '8.1.1' && device.status === 'InstalledNotCommissioned') {
    smi.setStatus({ deviceId: device.id, from: device.status, to: 'Commissioned', at: done });
  }
}

/**
 * The response's GBCSPayload element. The device's payload is read when the message is
 * rendered (audit record, delivery), not here: building a GBCS message costs a key derivation
 * and AES-GCM (src/devices/gbcs), which the pipeline's own answer does not need.
 */
function gbcsPayloadOf(result: DeviceOutcome): RequestBody {
  return {
    element: 'GBCSPayload',
    fields: {
      get GBCSPayload(): string {
        return result.gbcsPayload ?? '';
      },
    },
  };
}

/** Executes the command and builds the acknowledgement, the response or N13, and alerts. */
export function dispatchToDevice(ctx: DispatchContext, input: DispatchInput): Handled {
  const { request, sender, at, device } = input;
  // A DSP future-dated command is sent at its ExecutionDateTime; its round trip (what the SEC's
  // target response times measure) runs from then, not from when the DSP received the request.
  const execAt =
    request.executionDateTime && request.executionDateTime > at ? request.executionDateTime : at;
  const result: DeviceOutcome = ctx.devices.execute({
    deviceId: device.id,
    model: {
      manufacturer: device.manufacturer,
      model: device.model,
      firmwareVersion: device.firmwareVersion,
    },
    smets: device.smets,
    deviceType: device.type,
    srv: request.srv,
    ...(input.otherDeviceId ? { otherDeviceId: input.otherDeviceId } : {}),
    at: execAt,
    request: { originator: request.requestId.originator, counter: request.requestId.counter },
  });
  const about = {
    requestId: request.requestId,
    deviceId: device.id,
    mpxn: device.mpxn,
    srv: request.srv,
  };
  const ack: ServiceResponse = {
    kind: 'service-response',
    requestId: request.requestId,
    responseId: responseIdOf(request.requestId),
    responseCode: 'I99',
    at,
    serviceReference: request.serviceReference,
    srv: request.srv,
  };
  const trail: TrailEvent[] = [
    { kind: 'request', at, sender, outcome: 'pending', message: request, ...about },
    {
      kind: 'acknowledgement',
      at,
      recipient: sender.userId,
      code: 'I99',
      outcome: 'pending',
      rttMs: 0,
      message: ack,
      ...about,
    },
  ];
  const outbound: OutboundMessage[] = [];
  const answered = result.outcome !== 'no-response' && !result.responseLost;

  if (answered) {
    const done = new Date(execAt.getTime() + result.latencyMs);
    const response: ServiceResponse = {
      kind: 'service-response',
      requestId: request.requestId,
      responseId: responseIdOf(request.requestId),
      responseCode: result.responseCode,
      at: done,
      serviceReference: request.serviceReference,
      srv: request.srv,
      ...('gbcsPayload' in result ? { payload: gbcsPayloadOf(result) } : {}),
    };
    if (result.outcome === 'success') applyToSmi(ctx.smi, input, done);
    outbound.push(response);
    const outcome = result.outcome === 'success' ? 'success' : 'failure';
    trail.push({
      kind: 'response',
      at: done,
      recipient: sender.userId,
      code: response.responseCode,
      outcome,
      rttMs: done.getTime() - execAt.getTime(),
      message: response,
      ...about,
    });
  } else {
    // No answer in time (or the answer was lost on the way): DCC Alert N13 to the sender.
    const failedAt = new Date(execAt.getTime() + DEVICE_TIMEOUT_MS);
    const alert: DccAlertMessage = {
      kind: 'dcc-alert',
      code: 'N13',
      at: failedAt,
      recipient: sender.userId,
      deviceId: device.id,
      requestId: request.requestId,
      payload: {
        element: 'CommandFailure',
        fields: { CommandRequestID: formatRequestId(request.requestId), DeviceID: device.id },
      },
    };
    outbound.push(alert);
    trail.push({
      kind: 'alert',
      at: failedAt,
      recipient: sender.userId,
      code: 'N13',
      outcome: 'failure',
      rttMs: failedAt.getTime() - execAt.getTime(),
      message: alert,
      ...about,
    });
  }
  if (answered || result.acted) {
    for (const raised of result.alerts) {
      const alert: DeviceAlertMessage = {
        kind: 'device-alert',
        code: raised.code,
        at: new Date(execAt.getTime() + result.latencyMs),
        recipient: sender.userId,
        deviceId: device.id,
        requestId: request.requestId,
        ...(raised.gbcsPayload ? { gbcsPayload: raised.gbcsPayload } : {}),
      };
      outbound.push(alert);
      trail.push({
        kind: 'alert',
        at: alert.at,
        recipient: sender.userId,
        code: raised.code,
        outcome: 'success',
        message: alert,
        ...about,
      });
    }
  }
  return { reply: ack, outbound, trail };
}
