// One table: every check the DSP makes, the answer it gets (a DUIS response code, or an HTTP
// status and error code for what DUIS handles before response codes), and a request that fails it.
import { describe, expect, it } from 'vitest';
import { REJECTION_REASONS, loadCatalogue, type RejectionReason } from '../catalogue/index.ts';
import type { Eui64 } from '../core/eui64.ts';
import type { Registration } from '../inventory/types.ts';
import { loadRules } from '../rules/index.ts';
import { authenticate } from './authenticate.ts';
import type { DuisWebService, Sender } from './checks.ts';
import { createCredentialRegistry } from './credentials.ts';
import type { DeviceGateway } from './device-gateway.ts';
import type { ServiceRequest } from './messages.ts';
import { CAD, DCC, ESME, IHD, MPAN, OLD_ESME, testDevice } from './testing.ts';
import { createPipeline, isDuisRefusal, replyCode, type Handled } from './pipeline.ts';
import { createSmiView } from './smi-view.ts';

const catalogue = loadCatalogue();
const SUPPLIER: Sender = { userId: '90-B3-D5-1F-30-01-02-00' as Eui64, role: 'ImportSupplier' };
const RIVAL: Sender = { userId: '90-B3-D5-1F-30-01-03-00' as Eui64, role: 'ImportSupplier' };
const DNO: Sender = { userId: '90-B3-D5-1F-30-01-0A-00' as Eui64, role: 'ElectricityDistributor' };
const AT = new Date('2023-03-01T12:00:00Z');

const since = new Date('2019-01-01T00:00:00Z');
const registrations: Registration[] = [
  { mpxn: MPAN, role: 'ImportSupplier', userId: SUPPLIER.userId, from: since, to: null },
  { mpxn: MPAN, role: 'ElectricityDistributor', userId: DNO.userId, from: since, to: null },
];
const devices: DeviceGateway = {
  execute: () => ({
    outcome: 'success',
    acted: true,
    responseLost: false,
    latencyMs: 1_000,
    responseCode: 'I0',
    alerts: [],
  }),
};

let counter = 5_000n;
function request(
  srv: string,
  options: { target?: Eui64; sender?: Sender; cv?: number; body?: Record<string, unknown> } = {},
): ServiceRequest {
  counter += 1n;
  return {
    kind: 'service-request',
    requestId: {
      originator: (options.sender ?? SUPPLIER).userId,
      target: options.target ?? ESME,
      counter,
    },
    commandVariant: options.cv ?? 1,
    serviceReference: srv.split('.').slice(0, 2).join('.'),
    srv,
    body: { element: 'Body', fields: options.body ?? {} },
    format: 'xml',
    raw: '<sr:Request/>',
  };
}

/** A fresh pipeline over a small SMI: an ESME with an IHD joined, a CAD, a decommissioned ESME. */
function send(
  req: ServiceRequest,
  context: { sender?: Sender; service?: DuisWebService; before?: ServiceRequest } = {},
): Handled {
  const smi = createSmiView({
    devices: [
      testDevice(ESME, 'ESME', 'Commissioned'),
      testDevice(IHD, 'IHD', 'Commissioned'),
      testDevice(CAD, 'CAD', 'Commissioned'),
      testDevice(OLD_ESME, 'ESME', 'Decommissioned'),
    ],
    registrations,
    joins: [{ deviceId: IHD, targetId: ESME, joinedAt: since, unjoinedAt: null }],
  });
  const pipeline = createPipeline({ catalogue, smi, rules: loadRules(), devices });
  const sender = context.sender ?? SUPPLIER;
  if (context.before) pipeline.handle(context.before, { sender, at: AT });
  return pipeline.handle(req, {
    sender,
    at: AT,
    ...(context.service ? { service: context.service } : {}),
  });
}

/** Each check, its answer, and a request that fails it (through the pipeline). */
const TABLE: readonly {
  readonly reason: RejectionReason;
  readonly answer: string;
  readonly fails?: () => Handled;
  /** The element the reason must name. */
  readonly element?: string;
}[] = [
  // Refused before the pipeline by the service (test/dsp-http.test.ts, test/http-limits.test.ts).
  { reason: 'schema', answer: 'HTTP 400 DUIS_INVALID' },
  { reason: 'too-large', answer: 'HTTP 413 TOO_LARGE' },
  { reason: 'signature', answer: 'HTTP 401 DUIS_SIGNATURE' },
  { reason: 'unknown-signer', answer: 'HTTP 401 DUIS_SIGNER' },
  {
    reason: 'replay',
    answer: 'HTTP 409 DUIS_REPLAY',
    element: 'sr:Header/sr:RequestID',
    fails: () => {
      const first = request('4.1.1');
      return send(first, { before: first });
    },
  },
  {
    reason: 'wrong-url',
    answer: 'E13',
    element: 'sr:Header/sr:CommandVariant',
    fails: () => send(request('4.1.1'), { service: 'serviceD' }),
  },
  {
    reason: 'role-not-eligible',
    answer: 'E2',
    element: 'sr:Header/sr:ServiceReferenceVariant',
    fails: () =>
      send(request('8.8.2', { sender: DNO, body: { OtherDeviceID: IHD } }), { sender: DNO }),
  },
  {
    reason: 'not-responsible',
    answer: 'E4',
    element: 'sr:Header/sr:RequestID',
    fails: () => send(request('4.1.1', { sender: RIVAL }), { sender: RIVAL }),
  },
  {
    reason: 'device-status',
    answer: 'E5',
    element: 'sr:Header/sr:RequestID',
    fails: () => send(request('4.1.1', { target: OLD_ESME })),
  },
  {
    reason: 'target-type',
    answer: 'E11',
    element: 'sr:Header/sr:RequestID',
    fails: () => send(request('8.7.2', { target: IHD, body: { OtherDeviceID: CAD } })),
  },
  {
    reason: 'command-variant',
    answer: 'E12',
    element: 'sr:Header/sr:CommandVariant',
    fails: () => send(request('4.1.1', { cv: 4 })),
  },
  {
    reason: 'device-unknown',
    answer: 'E19',
    element: 'sr:Header/sr:RequestID',
    fails: () => send(request('4.1.1', { target: 'FF-FF-FF-FF-FF-FF-FF-01' as Eui64 })),
  },
  {
    reason: 'join-not-found',
    answer: 'E080801',
    fails: () => send(request('8.8.2', { body: { OtherDeviceID: CAD } })),
  },
];

/** The answer the catalogue gives a reason, written as in the table. */
function answerOf(reason: RejectionReason): string {
  if (isDuisRefusal(reason)) return catalogue.rejectionCode(reason).code;
  const http = catalogue.httpRefusal(reason);
  return `HTTP ${http.status} ${http.error}`;
}

describe('every refusal and its answer', () => {
  it('covers every reason the catalogue knows, once', () => {
    expect(TABLE.map((row) => row.reason).sort()).toEqual([...REJECTION_REASONS].sort());
  });

  it.each(TABLE.map((row) => [row.reason, row.answer, row] as const))(
    '%s → %s',
    (reason, answer, row) => {
      expect(answerOf(reason)).toBe(answer);
      if (row.fails === undefined) return;
      const handled = row.fails();
      expect(replyCode(handled.reply)).toBe(answer.split(' ').slice(0, 2).join(' '));
      const text =
        handled.reply.kind === 'http-refusal' ? handled.reply.message : handled.reply.reason;
      if (row.element !== undefined) expect(text).toMatch(new RegExp(`^${row.element}: `));
      // A DUIS refusal names the DUIS rule it broke: the code's DUIS text.
      if (handled.reply.kind === 'service-response') {
        const rule = catalogue.responseCode(handled.reply.responseCode).description ?? '';
        expect(text).toContain(rule);
      } else {
        // An HTTP-level refusal has no Service Response: the trail holds the request alone.
        expect(handled.trail.map((e) => [e.kind, e.code, e.http?.status])).toEqual([
          ['request', undefined, handled.reply.status],
        ]);
      }
    },
  );

  it('answers a missing or foreign signature at the HTTP level (authentication)', async () => {
    const credentials = createCredentialRegistry([]);
    const unsigned = await authenticate(request('4.1.1'), { credentials });
    expect(unsigned).toMatchObject({ ok: false, reason: 'signature' });
    expect(answerOf('signature')).toBe('HTTP 401 DUIS_SIGNATURE');
  });

  it('answers a non-device request at a device URL, and a device request at serviceD, with E13', () => {
    const inventory = request('8.2', { cv: 8, target: DCC, body: { DeviceID: ESME } });
    expect(replyCode(send(inventory, { service: 'serviceS' }).reply)).toBe('E13');
    const again = request('8.2', { cv: 8, target: DCC, body: { DeviceID: ESME } });
    expect(replyCode(send(again, { service: 'serviceD' }).reply)).toBe('I0');
    expect(replyCode(send(request('4.1.1'), { service: 'serviceS' }).reply)).toBe('I99');
  });
});
