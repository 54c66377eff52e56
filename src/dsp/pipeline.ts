// The DSP request pipeline: replay check, access control, business validation, dispatch, answers.
import {
  DUIS_REFUSAL_REASONS,
  type Catalogue,
  type DuisRefusalReason,
  type HttpRefusalReason,
  type RejectionReason,
  type Srv,
} from '../catalogue/index.ts';
import type { Eui64 } from '../core/eui64.ts';
import type { Device } from '../inventory/types.ts';
import type { RulesInForce } from '../rules/index.ts';
import {
  checkDevice,
  checkEligibility,
  checkOwnership,
  checkUrl,
  otherDeviceOf,
  type DuisWebService,
  type HttpRefused,
  type Refusal,
  type Sender,
} from './checks.ts';
import type { DeviceGateway } from './device-gateway.ts';
import { dispatchToDevice } from './dispatch.ts';
import {
  formatRequestId,
  refusalOf,
  responseIdOf,
  type OutboundMessage,
  type ServiceRequest,
  type ServiceResponse,
} from './messages.ts';
import { deviceNamedBy, handleNonDevice } from './non-device.ts';
import type { SmiView } from './smi-view.ts';
import { createStagedMap, createTxnScope, type TxnScope } from './staging.ts';
import type { TrailEvent } from './trail.ts';

/** What the pipeline did with one request. */
export interface Handled {
  /**
   * The synchronous answer: I99 acknowledgement, a final response (CV 4 / CV 8), a refusal with
   * its DUIS code, or the HTTP answer to a failure DUIS handles before response codes (replay).
   */
  readonly reply: ServiceResponse | HttpRefused;
  /** Messages sent to Users afterwards (Service Responses and Alerts), in time order. */
  readonly outbound: readonly OutboundMessage[];
  /** One event per message received or sent, for the Service Audit Trail. */
  readonly trail: readonly TrailEvent[];
}

/** What the pipeline needs. */
export interface PipelineOptions {
  readonly catalogue: Catalogue;
  readonly smi: SmiView;
  readonly rules: RulesInForce;
  readonly devices: DeviceGateway;
  /** Highest RequestID counter already seen per originator (from the audit trail at start-up). */
  readonly counters?: ReadonlyMap<Eui64, bigint>;
  /** How long a Pre-Command waits for its signed return (default 24 h). */
  readonly preCommandTtlMs?: number;
  /**
   * The scope whose transactions stage the RequestID counters and Pre-Commands (and the SMI
   * view's changes, when it shares the scope) until their commit; without one, changes are kept
   * at once.
   */
  readonly scope?: TxnScope;
}

/** The DSP pipeline. */
export interface Pipeline {
  /**
   * Handles one authenticated request received at `at`; `service` is the DCC Boxed URL it came
   * to (each takes its own request types, DUIS E13), absent for opendsp's one-URL form.
   */
  handle(
    request: ServiceRequest,
    context: { readonly sender: Sender; readonly at: Date; readonly service?: DuisWebService },
  ): Handled;
}

const CRITICAL_SIGNED = new Set([5, 6, 7]);
const DUIS_REASONS: ReadonlySet<RejectionReason> = new Set(DUIS_REFUSAL_REASONS);

/** True for a refusal DUIS answers with a response code (the others are HTTP-level). */
export function isDuisRefusal(reason: RejectionReason): reason is DuisRefusalReason {
  return DUIS_REASONS.has(reason);
}

/** The response code of a synchronous answer, or `HTTP <status>` for an HTTP-level refusal. */
export function replyCode(reply: ServiceResponse | HttpRefused): string {
  return reply.kind === 'http-refusal' ? `HTTP ${reply.status}` : reply.responseCode;
}

/** Creates the pipeline. */
export function createPipeline(options: PipelineOptions): Pipeline {
  const { catalogue, smi, rules, devices } = options;
  const scope = options.scope ?? createTxnScope();
  const counters = createStagedMap<string, bigint>(scope, options.counters ?? []);
  const preCommands = createStagedMap<string, number>(scope);
  const ttl = options.preCommandTtlMs ?? 86_400_000;

  /** A synchronous answer: the request and its response, as the trail records them. */
  const answered = (input: {
    request: ServiceRequest;
    sender: Sender;
    at: Date;
    response: ServiceResponse;
    device?: Device;
  }): Handled => {
    const { request, sender, at, response, device } = input;
    const outcome = response.reason === undefined ? 'success' : 'failure';
    const about = {
      requestId: request.requestId,
      deviceId: device?.id,
      mpxn: device?.mpxn ?? null,
      srv: request.srv,
    };
    return {
      reply: response,
      outbound: [],
      trail: [
        { kind: 'request', at, sender, outcome, message: request, ...about },
        {
          kind: 'response',
          at: response.at,
          recipient: sender.userId,
          code: response.responseCode,
          outcome,
          rttMs: response.at.getTime() - at.getTime(),
          ...(response.reason === undefined ? {} : { reason: response.reason }),
          message: response,
          ...about,
        },
      ],
    };
  };

  const refuse = (input: {
    request: ServiceRequest;
    sender: Sender;
    at: Date;
    refusal: Refusal;
    device?: Device;
  }): Handled => {
    const { reason, detail } = input.refusal;
    if (!isDuisRefusal(reason)) return refuseOverHttp({ ...input, reason });
    const rule = catalogue.rejectionCode(reason);
    // The reason names the element and the DUIS rule broken (the code's DUIS text).
    const response = refusalOf(input.request, {
      code: rule.code,
      at: input.at,
      reason: `${detail} (DUIS ${rule.code}: ${rule.meaning})`,
    });
    return answered({ ...input, response });
  };

  /**
   * A failure DUIS handles before response codes (fact sheet (b)): no Service Response, an HTTP
   * answer instead; the trail records the request alone, code null, the answer in its metadata.
   */
  const refuseOverHttp = (input: {
    request: ServiceRequest;
    sender: Sender;
    at: Date;
    refusal: Refusal;
    reason: HttpRefusalReason;
    device?: Device;
  }): Handled => {
    const { request, sender, at, device } = input;
    const answer = catalogue.httpRefusal(input.reason);
    const reply: HttpRefused = {
      kind: 'http-refusal',
      reason: input.reason,
      at,
      status: answer.status,
      code: answer.error,
      message: input.refusal.detail,
    };
    return {
      reply,
      outbound: [],
      trail: [
        {
          kind: 'request',
          at,
          sender,
          outcome: 'failure',
          message: request,
          requestId: request.requestId,
          deviceId: device?.id,
          mpxn: device?.mpxn ?? null,
          srv: request.srv,
          reason: input.refusal.detail,
          http: { refusal: input.reason, status: answer.status, code: answer.error },
        },
      ],
    };
  };

  /** RequestID counters must rise per originator; a signed Pre-Command reuses its CV 4 RequestID. */
  const replayed = (request: ServiceRequest, signedReturn: boolean): Refusal | undefined => {
    if (signedReturn) return undefined;
    // A counter above the last one passes whatever is staged, so only a refusal reads it.
    const seen = counters.peek(request.requestId.originator);
    if (seen === undefined || request.requestId.counter > seen) return undefined;
    const last = counters.get(request.requestId.originator) ?? seen;
    if (request.requestId.counter <= last) {
      return {
        reason: 'replay',
        detail: `sr:Header/sr:RequestID: counter ${request.requestId.counter} is not above ${last}, the last one from ${request.requestId.originator} (a RequestID is used once; its counter rises per originator)`,
      };
    }
    return undefined;
  };

  const deviceChecks = (
    srv: Srv,
    input: { request: ServiceRequest; sender: Sender; at: Date },
  ): { refusal?: Refusal; device?: Device } => {
    const device = smi.device(input.request.requestId.target);
    const refusal =
      checkDevice(
        { catalogue, smi, rules },
        { srv, request: input.request, device, at: input.at },
      ) ??
      (device
        ? checkOwnership(
            { catalogue, smi, rules },
            { srv, sender: input.sender, device, at: input.at },
          )
        : undefined);
    return { ...(refusal ? { refusal } : {}), ...(device ? { device } : {}) };
  };

  /**
   * A non-device SRV that acts on a device (8.3 Decommission, 8.14.x hub status, 8.4, 5.1, …)
   * needs the sender to hold that device, like a device SRV: the catalogue's ownership rule for
   * the sender's role decides, and the device is the one the body names.
   */
  const nonDeviceOwnership = (
    srv: Srv,
    input: { request: ServiceRequest; sender: Sender; at: Date },
  ): { refusal: Refusal; device?: Device } | undefined => {
    const need = catalogue.ownership(srv.srv, input.sender.role);
    if (need === undefined || need === 'any-eligible') return undefined;
    const named = deviceNamedBy(input.request);
    if (named === undefined) {
      return {
        refusal: {
          reason: 'schema',
          detail: `sr:Body: SRV ${srv.srv} acts on a device: its body must name it in DeviceID`,
        },
      };
    }
    const device = smi.device(named);
    if (!device) {
      return {
        refusal: {
          reason: 'device-unknown',
          detail: `sr:Body/sr:DeviceID: device ${named} is not in the Smart Metering Inventory`,
        },
      };
    }
    const refusal = checkOwnership({ catalogue, smi, rules }, { srv, ...input, device });
    return refusal ? { refusal, device } : undefined;
  };

  return {
    handle(request, { sender, at, service }) {
      const key = formatRequestId(request.requestId);
      const issued = preCommands.get(key);
      const signedReturn =
        CRITICAL_SIGNED.has(request.commandVariant) &&
        issued !== undefined &&
        at.getTime() - issued <= ttl;
      const srv = catalogue.findSrv(request.srv);
      const fail = (refusal: Refusal, device?: Device): Handled =>
        refuse({ request, sender, at, refusal, ...(device ? { device } : {}) });
      if (!srv) {
        return fail({
          reason: 'schema',
          detail: `sr:Header/sr:ServiceReferenceVariant: unknown SRV ${request.srv}`,
        });
      }
      const replay = replayed(request, signedReturn);
      if (replay) return fail(replay);
      if (!signedReturn) counters.set(request.requestId.originator, request.requestId.counter);
      // DUIS E13 first among response codes: a request at the wrong URL is not looked at further.
      const url = checkUrl(request, service);
      if (url) return fail(url);
      const eligibility = checkEligibility(srv, request, sender);
      if (eligibility) return fail(eligibility);

      if (srv.kind === 'non-device') {
        const held = nonDeviceOwnership(srv, { request, sender, at });
        if (held) return fail(held.refusal, held.device);
        const result = handleNonDevice(smi, { request, srv, at });
        if ('reason' in result) return fail(result);
        const response: ServiceResponse = {
          kind: 'service-response',
          requestId: request.requestId,
          responseCode: 'I0',
          at,
          serviceReference: request.serviceReference,
          srv: request.srv,
          ...(result.payload ? { payload: result.payload } : {}),
        };
        return answered({
          request,
          sender,
          at,
          response,
          ...(result.device ? { device: result.device } : {}),
        });
      }

      const { refusal, device } = deviceChecks(srv, { request, sender, at });
      if (refusal || !device)
        return fail(refusal ?? { reason: 'device-unknown', detail: 'no device' }, device);

      if (srv.critical && request.commandVariant === 4) {
        preCommands.set(key, at.getTime());
        const response: ServiceResponse = {
          kind: 'service-response',
          requestId: request.requestId,
          responseId: responseIdOf(request.requestId),
          responseCode: 'I0',
          at,
          serviceReference: request.serviceReference,
          srv: request.srv,
          payload: {
            element: 'PreCommand',
            fields: { GBCSPayload: Buffer.from(`pre-command ${key}`).toString('base64') },
          },
        };
        return answered({ request, sender, at, response, device });
      }
      if (srv.critical && !signedReturn) {
        return fail(
          {
            reason: 'command-variant',
            detail: `sr:Header/sr:CommandVariant: critical SRV ${srv.srv} needs a Pre-Command first: send it with Command Variant 4, sign the Pre-Command and return it with the same RequestID`,
          },
          device,
        );
      }
      if (signedReturn) preCommands.delete(key);
      const other = otherDeviceOf(request);
      return dispatchToDevice(
        { catalogue, smi, devices },
        { request, srv, sender, at, device, ...(other ? { otherDeviceId: other as Eui64 } : {}) },
      );
    },
  };
}

/** Re-exported for callers that map refusals themselves. */
export type { HttpRefused, RejectionReason };
