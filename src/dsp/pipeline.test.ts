import { beforeEach, describe, expect, it } from 'vitest';
import { loadCatalogue } from '../catalogue/index.ts';
import type { Eui64 } from '../core/eui64.ts';
import type { Registration } from '../inventory/types.ts';
import { loadRules } from '../rules/index.ts';
import type { Sender } from './checks.ts';
import type { DeviceCommand, DeviceGateway, DeviceOutcome } from './device-gateway.ts';
import type { ServiceRequest } from './messages.ts';
import { CAD, DCC, ESME, IHD, MPAN, OLD_ESME, testDevice } from './testing.ts';
import { createPipeline, replyCode, type Pipeline } from './pipeline.ts';
import { createSmiView, type SmiView } from './smi-view.ts';

const OLD: Sender = { userId: '90-B3-D5-1F-30-01-01-00' as Eui64, role: 'ImportSupplier' };
const NEW: Sender = { userId: '90-B3-D5-1F-30-01-02-00' as Eui64, role: 'ImportSupplier' };
const DNO: Sender = { userId: '90-B3-D5-1F-30-01-0A-00' as Eui64, role: 'ElectricityDistributor' };
const COS = new Date('2023-03-01T00:00:00Z');
const MP178_START = new Date('2024-06-26T23:00:00.000Z'); // 27 June 2024, 00:00 BST

const registrations: Registration[] = [
  {
    mpxn: MPAN,
    role: 'ImportSupplier',
    userId: OLD.userId,
    from: new Date('2019-01-01T00:00:00Z'),
    to: COS,
  },
  { mpxn: MPAN, role: 'ImportSupplier', userId: NEW.userId, from: COS, to: null },
  {
    mpxn: MPAN,
    role: 'ElectricityDistributor',
    userId: DNO.userId,
    from: new Date('2010-01-01T00:00:00Z'),
    to: null,
  },
];

/** A device gateway that answers from a script, and records what it was sent. */
function scriptedDevices(): DeviceGateway & {
  next: Partial<DeviceOutcome>[];
  sent: DeviceCommand[];
} {
  const gateway = {
    next: [] as Partial<DeviceOutcome>[],
    sent: [] as DeviceCommand[],
    execute(command: DeviceCommand): DeviceOutcome {
      gateway.sent.push(command);
      return {
        outcome: 'success',
        acted: true,
        responseLost: false,
        latencyMs: 4_000,
        responseCode: 'I0',
        alerts: [],
        ...gateway.next.shift(),
      };
    },
  };
  return gateway;
}

let counter = 1000n;
function request(
  srv: string,
  options: {
    target?: Eui64;
    sender?: Sender;
    cv?: number;
    body?: Record<string, unknown>;
    counter?: bigint;
  } = {},
): ServiceRequest {
  counter += 1n;
  return {
    kind: 'service-request',
    requestId: {
      originator: (options.sender ?? NEW).userId,
      target: options.target ?? ESME,
      counter: options.counter ?? counter,
    },
    commandVariant: options.cv ?? 1,
    serviceReference: srv
      .split('.')
      .slice(0, srv.startsWith('8.1') || srv.split('.').length < 3 ? 2 : 2)
      .join('.'),
    srv,
    body: { element: 'Body', fields: options.body ?? {} },
    format: 'xml',
    raw: '<sr:Request/>',
  };
}

let smi: SmiView;
let devices: ReturnType<typeof scriptedDevices>;
let pipeline: Pipeline;
const at = (iso: string): Date => new Date(iso);

beforeEach(() => {
  smi = createSmiView({
    devices: [
      testDevice(ESME, 'ESME'),
      testDevice(IHD, 'IHD'),
      testDevice(CAD, 'CAD'),
      testDevice(OLD_ESME, 'ESME', 'Decommissioned'),
    ],
    registrations,
    joins: [
      { deviceId: IHD, targetId: ESME, joinedAt: at('2020-01-01T00:00:00Z'), unjoinedAt: null },
    ],
  });
  devices = scriptedDevices();
  pipeline = createPipeline({ catalogue: loadCatalogue(), smi, rules: loadRules(), devices });
});

const code = (r: ReturnType<Pipeline['handle']>): string => replyCode(r.reply);
/** The readable reason of a refusal: a DUIS refusal's reason, or an HTTP answer's message. */
const reasonOf = (r: ReturnType<Pipeline['handle']>): string | undefined =>
  r.reply.kind === 'http-refusal' ? r.reply.message : r.reply.reason;
/** The DUIS Service Response of an answer (failing the test when it is an HTTP refusal). */
const responseOf = (r: ReturnType<Pipeline['handle']>) => {
  if (r.reply.kind === 'http-refusal') throw new Error(`HTTP refusal: ${r.reply.message}`);
  return r.reply;
};

describe('access control', () => {
  it('refuses a role the SRV is not open to with its response code and names the eligible roles', () => {
    const r = pipeline.handle(request('8.8.2', { sender: DNO, body: { OtherDeviceID: IHD } }), {
      sender: DNO,
      at: at('2024-01-01T00:00:00Z'),
    });
    expect(code(r)).toBe('E2');
    expect(reasonOf(r)).toContain('Electricity Distributor may not send SRV 8.8.2');
    expect(devices.sent).toHaveLength(0);
  });

  it('lets the Responsible Supplier at the time through, and refuses the supplier before a Change of Supplier after it', () => {
    expect(
      code(
        pipeline.handle(request('4.1.1', { sender: OLD }), {
          sender: OLD,
          at: at('2023-02-28T23:59:59Z'),
        }),
      ),
    ).toBe('I99');
    const late = pipeline.handle(request('4.1.1', { sender: OLD }), { sender: OLD, at: COS });
    expect(code(late)).toBe('E4');
    expect(reasonOf(late)).toContain('is not the Responsible Import Supplier of device');
    expect(code(pipeline.handle(request('4.1.1', { sender: NEW }), { sender: NEW, at: COS }))).toBe(
      'I99',
    );
  });

  it('lets the Network Operator read registers', () => {
    expect(code(pipeline.handle(request('4.1.1', { sender: DNO }), { sender: DNO, at: COS }))).toBe(
      'I99',
    );
  });

  it('refuses a Command Variant the SRV does not allow', () => {
    expect(code(pipeline.handle(request('4.1.1', { cv: 8 }), { sender: NEW, at: COS }))).toBe(
      'E12',
    );
  });

  it('refuses a replayed or lower RequestID counter', () => {
    const first = request('4.1.1');
    expect(code(pipeline.handle(first, { sender: NEW, at: COS }))).toBe('I99');
    const replay = pipeline.handle(first, { sender: NEW, at: COS });
    // DUIS has no response code for a replay: it is refused at the HTTP level (409).
    expect(code(replay)).toBe('HTTP 409');
    expect(replay.trail.map((e) => `${e.kind}:${e.outcome}:${e.code ?? ''}`)).toEqual([
      'request:failure:',
    ]);
    expect(reasonOf(replay)).toContain('is not above');
  });
});

describe('business validation', () => {
  it('refuses an unknown device, a decommissioned one and the wrong device type', () => {
    expect(
      code(
        pipeline.handle(request('4.1.1', { target: 'FF-FF-FF-FF-FF-FF-FF-01' as Eui64 }), {
          sender: NEW,
          at: COS,
        }),
      ),
    ).toBe('E19');
    expect(
      code(pipeline.handle(request('4.1.1', { target: OLD_ESME }), { sender: NEW, at: COS })),
    ).toBe('E5');
    expect(
      code(
        pipeline.handle(request('8.7.2', { target: IHD, body: { OtherDeviceID: CAD } }), {
          sender: NEW,
          at: COS,
        }),
      ),
    ).toBe('E11');
  });

  it('passes a repeated join to the device, as GBCS expects devices to accept it', () => {
    const r = pipeline.handle(request('8.7.2', { body: { OtherDeviceID: IHD } }), {
      sender: NEW,
      at: COS,
    });
    expect(code(r)).toBe('I99');
    expect(devices.sent[0]?.otherDeviceId).toBe(IHD);
  });
});

describe('MP178: unjoin without the SMI join check', () => {
  const unjoinCad = (when: Date): ReturnType<Pipeline['handle']> =>
    pipeline.handle(request('8.8.2', { body: { OtherDeviceID: CAD } }), { sender: NEW, at: when });

  it('returns E080801 for a join the SMI does not hold, up to the last instant before the implementation date', () => {
    const r = unjoinCad(new Date(MP178_START.getTime() - 1));
    expect(code(r)).toBe('E080801');
    expect(reasonOf(r)).toContain(
      "the 'Other Device' 3C-BF-10-00-00-00-00-03 is not joined to the Business Target device",
    );
    expect(devices.sent).toHaveLength(0);
  });

  it('sends the unjoin to the device from the implementation date', () => {
    expect(code(unjoinCad(MP178_START))).toBe('I99');
    expect(devices.sent[0]?.srv).toBe('8.8.2');
  });

  it('lets a User repair a join whose response was lost: refused before the date, accepted after', () => {
    devices.next.push({ outcome: 'success', acted: true, responseLost: true });
    const join = pipeline.handle(request('8.7.2', { body: { OtherDeviceID: CAD } }), {
      sender: NEW,
      at: at('2023-05-01T10:00:00Z'),
    });
    expect(join.outbound.map((m) => (m.kind === 'dcc-alert' ? m.code : m.kind))).toEqual(['N13']);
    expect(smi.isJoined(CAD, ESME)).toBe(false);
    expect(code(unjoinCad(at('2023-05-01T11:00:00Z')))).toBe('E080801');
    expect(code(unjoinCad(at('2024-07-01T11:00:00Z')))).toBe('I99');
  });

  it('keeps the check for joins the SMI holds: an unjoin of a joined device passes and updates the SMI', () => {
    const r = pipeline.handle(request('8.8.2', { body: { OtherDeviceID: IHD } }), {
      sender: NEW,
      at: at('2023-04-01T00:00:00Z'),
    });
    expect(code(r)).toBe('I99');
    expect(r.outbound[0]).toMatchObject({ kind: 'service-response', responseCode: 'I0' });
    expect(smi.isJoined(IHD, ESME)).toBe(false);
  });
});

describe('critical SRVs and the Transform step', () => {
  it('returns a Pre-Command for CV 4, then accepts the signed return with the same RequestID once', () => {
    const transform = request('8.8.1', { cv: 4, body: { OtherDeviceID: IHD } });
    const pre = pipeline.handle(transform, { sender: NEW, at: COS });
    expect(code(pre)).toBe('I0');
    expect(responseOf(pre).payload?.element).toBe('PreCommand');
    expect(devices.sent).toHaveLength(0);
    const signed = { ...transform, commandVariant: 5 };
    expect(
      code(pipeline.handle(signed, { sender: NEW, at: new Date(COS.getTime() + 60_000) })),
    ).toBe('I99');
    expect(
      code(pipeline.handle(signed, { sender: NEW, at: new Date(COS.getTime() + 120_000) })),
    ).toBe('HTTP 409');
  });

  it('refuses CV 5 without a Pre-Command', () => {
    const r = pipeline.handle(request('8.8.1', { cv: 5, body: { OtherDeviceID: IHD } }), {
      sender: NEW,
      at: COS,
    });
    expect(code(r)).toBe('E12');
    expect(reasonOf(r)).toContain('needs a Pre-Command first');
  });
});

describe('responses, alerts and the trail', () => {
  it('acknowledges with I99, answers with I0 and records the round-trip time', () => {
    const r = pipeline.handle(request('4.1.1'), { sender: NEW, at: COS });
    expect(r.trail.map((e) => `${e.kind}:${e.code ?? ''}`)).toEqual([
      'request:',
      'acknowledgement:I99',
      'response:I0',
    ]);
    expect(r.trail[2]?.rttMs).toBe(4_000);
    expect(r.trail[2]?.recipient).toBe(NEW.userId);
  });

  it('passes on the device failure code and device alerts', () => {
    devices.next.push({ outcome: 'failure', responseCode: 'E61', alerts: [{ code: '8F12' }] });
    const r = pipeline.handle(request('4.1.1'), { sender: NEW, at: COS });
    expect(
      r.outbound.map((m) => (m.kind === 'service-response' ? m.responseCode : m.code)),
    ).toEqual(['E61', '8F12']);
    expect(r.trail.find((e) => e.kind === 'response')?.outcome).toBe('failure');
  });

  it('raises N13 when the device does not answer', () => {
    devices.next.push({ outcome: 'no-response', acted: false });
    const r = pipeline.handle(request('4.1.1'), { sender: NEW, at: COS });
    expect(r.outbound).toMatchObject([
      { kind: 'dcc-alert', code: 'N13', recipient: NEW.userId, deviceId: ESME },
    ]);
  });

  it('answers Read Inventory (8.2, CV 8) synchronously from the SMI', () => {
    const r = pipeline.handle(
      request('8.2', { cv: 8, target: DCC, sender: DNO, body: { DeviceID: ESME } }),
      { sender: DNO, at: COS },
    );
    expect(code(r)).toBe('I0');
    expect(responseOf(r).payload).toMatchObject({
      element: 'DSPInventory',
      fields: { Device: [{ DeviceID: ESME, DeviceType: 'ESME' }] },
    });
  });

  it('records every refusal with a request and a response event', () => {
    const r = pipeline.handle(request('4.1.1', { sender: OLD }), { sender: OLD, at: COS });
    expect(r.trail.map((e) => `${e.kind}:${e.outcome}`)).toEqual([
      'request:failure',
      'response:failure',
    ]);
    expect(r.trail[1]?.code).toBe('E4');
  });
});

describe('non-device SRVs that act on a device', () => {
  const catalogue = loadCatalogue();
  const CHF = '00-DB-12-00-00-00-00-05' as Eui64;
  const STRANGER_DNO: Sender = {
    userId: '90-B3-D5-1F-30-01-0B-00' as Eui64,
    role: 'ElectricityDistributor',
  };
  const held = catalogue.allSrvs().filter(
    (s) =>
      s.kind === 'non-device' &&
      s.eligibleRoles.some((role) => {
        const need = catalogue.ownership(s.srv, role);
        return need === 'responsible-supplier' || need === 'network-operator';
      }),
  );
  const targetOf = (srv: string): Eui64 => (srv.startsWith('8.14') ? CHF : ESME);
  const fresh = (): Pipeline => {
    smi = createSmiView({
      devices: [testDevice(ESME, 'ESME'), testDevice(CHF, 'CHF')],
      registrations,
      joins: [],
    });
    return createPipeline({ catalogue, smi, rules: loadRules(), devices: scriptedDevices() });
  };

  it('covers every such SRV of the catalogue', () => {
    expect(held.map((s) => s.srv)).toEqual(
      expect.arrayContaining(['8.3', '8.14.1', '8.14.2', '8.14.3', '8.14.4']),
    );
  });

  it.each(held.map((s) => [s.srv, s] as const))(
    '%s: refuses a User who does not hold the device, and changes nothing',
    (_srv, srv) => {
      const refused = catalogue.rejectionCode('not-responsible').code;
      for (const sender of [OLD, STRANGER_DNO]) {
        if (!srv.eligibleRoles.includes(sender.role)) continue;
        const need = catalogue.ownership(srv.srv, sender.role);
        if (need !== 'responsible-supplier' && need !== 'network-operator') continue;
        const p = fresh();
        const target = targetOf(srv.srv);
        const before = smi.device(target);
        const r = p.handle(
          request(srv.srv, { sender, cv: 8, target: DCC, body: { DeviceID: target } }),
          { sender, at: at('2024-01-01T00:00:00Z') },
        );
        expect(code(r), `${sender.userId} sending ${srv.srv}`).toBe(refused);
        expect(reasonOf(r)).toContain(`is not the`);
        expect(smi.device(target)).toEqual(before);
      }
    },
  );

  it('lets the Responsible Supplier decommission its device, and refuses the one before a Change of Supplier', () => {
    const p = fresh();
    const old = p.handle(
      request('8.3', { sender: OLD, cv: 8, target: DCC, body: { DeviceID: ESME } }),
      {
        sender: OLD,
        at: COS,
      },
    );
    expect(code(old)).toBe(catalogue.rejectionCode('not-responsible').code);
    expect(smi.device(ESME)?.status).toBe('Commissioned');
    const now = p.handle(
      request('8.3', { sender: NEW, cv: 8, target: DCC, body: { DeviceID: ESME } }),
      {
        sender: NEW,
        at: COS,
      },
    );
    expect(code(now)).toBe('I0');
    expect(smi.device(ESME)?.status).toBe('Decommissioned');
  });

  it('refuses a request that names no device, or one the SMI does not hold', () => {
    const p = fresh();
    expect(
      code(p.handle(request('8.3', { sender: NEW, cv: 8, target: DCC }), { sender: NEW, at: COS })),
    ).toBe(`HTTP ${catalogue.httpRefusal('schema').status}`);
    expect(
      code(
        p.handle(
          request('8.3', {
            sender: NEW,
            cv: 8,
            target: DCC,
            body: { DeviceID: 'FF-FF-FF-FF-FF-FF-FF-09' },
          }),
          { sender: NEW, at: COS },
        ),
      ),
    ).toBe(catalogue.rejectionCode('device-unknown').code);
  });
});
