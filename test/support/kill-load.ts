// The kill harness's traffic: which Users send what to which devices, the signed requests, and
// the loopback endpoint that records the Service Responses and Alerts the DSP pushes.
import { createServer, request as httpRequest, Agent, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Eui64 } from '../../src/core/eui64.ts';
import { xmlRequest } from '../../src/dsp/duis/test-requests.ts';
import type { KeyPair } from '../../src/dsp/identity.ts';
import { createXmlSigner } from '../../src/dsp/signing/index.ts';
import { holdersAt } from '../../src/inventory/registrations.ts';
import type { Device, Registration } from '../../src/inventory/types.ts';
import type { Estate } from '../../src/store/index.ts';

/** What an operation does; joins, unjoins and commissions change the SMI when they succeed. */
export type OpKind = 'read' | 'join' | 'unjoin' | 'commission';

/** A join key (`join:other>target`) or a device status key (`status:device`). */
export type SmiKey = string;

export const joinKey = (other: string, target: string): SmiKey => `join:${other}>${target}`;
export const statusKey = (device: string): SmiKey => `status:${device}`;

/** The synchronous answer to one HTTP submission. */
export interface Answer {
  readonly status: number;
  /** The DUIS ResponseCode of the answer ('' when it carries none). */
  readonly code: string;
}

/** One DUIS submission: a critical SRV makes two with one RequestID (CV 4, then CV 5). */
export interface Submission {
  readonly cv: number;
  /** null when the connection died first: the server was killed with it in flight. */
  answer: Answer | null;
}

/** One operation of one User, in the order the harness sent it. */
export interface SentOp {
  readonly seq: number;
  readonly user: Eui64;
  readonly kind: OpKind;
  readonly srv: string;
  /** The SMI entry it changes on success (none for reads). */
  readonly key: SmiKey | null;
  readonly requestId: string;
  readonly submissions: Submission[];
}

/** A User the harness sends as, with what it may touch (it is the Responsible Supplier now). */
export interface PlanUser {
  readonly userId: Eui64;
  readonly role: 'ImportSupplier' | 'GasSupplier';
  /** Meters (and GPFs) it may read. */
  readonly reads: readonly Eui64[];
  /** Other Device and Business Target pairs it may join and unjoin. */
  readonly pairs: readonly { readonly other: Eui64; readonly target: Eui64 }[];
  /** Devices InstalledNotCommissioned that it may commission (8.1.1). */
  readonly commissions: readonly Eui64[];
}

const ACTIVE = new Set(['InstalledNotCommissioned', 'Commissioned', 'Recovered']);
const JOINABLE = new Set(['Whitelisted', 'InstalledNotCommissioned', 'Commissioned', 'Recovered']);
const OTHER_TYPES = new Set(['IHD', 'PPMID', 'CAD']);

/**
 * Chooses up to `users` Import and Gas Suppliers with the most to do at `now`: the meters and
 * GPFs they supply (ESME for Import Suppliers, GSME and GPF for Gas Suppliers), the HAN devices
 * at those supply points or already joined to them, and the meters waiting to be commissioned.
 */
export function planUsers(estate: Estate, options: { users: number; now: Date }): PlanUser[] {
  const history = new Map<string, Registration[]>();
  for (const r of estate.registrations) {
    const list = history.get(r.mpxn);
    if (list === undefined) history.set(r.mpxn, [r]);
    else list.push(r);
  }
  const byId = new Map(estate.devices.map((d) => [d.id, d]));
  const atMpxn = new Map<string, Device[]>();
  for (const d of estate.devices) {
    if (d.mpxn === null) continue;
    const list = atMpxn.get(d.mpxn);
    if (list === undefined) atMpxn.set(d.mpxn, [d]);
    else list.push(d);
  }
  const joinedTo = new Map<string, Eui64[]>();
  for (const j of estate.joins) {
    const list = joinedTo.get(j.targetId);
    if (list === undefined) joinedTo.set(j.targetId, [j.deviceId]);
    else list.push(j.deviceId);
  }
  const plans = new Map<
    Eui64,
    {
      role: PlanUser['role'];
      reads: Eui64[];
      pairs: { other: Eui64; target: Eui64 }[];
      commissions: Eui64[];
    }
  >();
  for (const d of estate.devices) {
    if (d.mpxn === null || !ACTIVE.has(d.status)) continue;
    const role =
      d.type === 'ESME'
        ? 'ImportSupplier'
        : d.type === 'GSME' || d.type === 'GPF'
          ? 'GasSupplier'
          : undefined;
    if (role === undefined) continue;
    const supplier = holdersAt(history.get(d.mpxn) ?? [], options.now)[role];
    if (supplier === undefined) continue;
    let plan = plans.get(supplier);
    if (plan === undefined) {
      plan = { role, reads: [], pairs: [], commissions: [] };
      plans.set(supplier, plan);
    }
    // One User ID holds one role here; a User ID in both supplier roles keeps its first.
    if (plan.role !== role) continue;
    if (d.status === 'InstalledNotCommissioned') plan.commissions.push(d.id);
    else plan.reads.push(d.id);
    const others = new Set<Eui64>(joinedTo.get(d.id) ?? []);
    for (const o of atMpxn.get(d.mpxn) ?? []) if (OTHER_TYPES.has(o.type)) others.add(o.id);
    for (const other of others) {
      const device = byId.get(other);
      if (device !== undefined && JOINABLE.has(device.status))
        plan.pairs.push({ other, target: d.id });
    }
  }
  return [...plans]
    .map(([userId, p]) => ({ userId, ...p }))
    .filter((p) => p.reads.length > 0 && p.pairs.length > 0)
    .sort(
      (a, b) =>
        b.pairs.length + b.commissions.length - (a.pairs.length + a.commissions.length) ||
        (a.userId < b.userId ? -1 : 1),
    )
    .slice(0, options.users);
}

/** The answer's DUIS ResponseCode. */
const RESPONSE_CODE = /<sr:ResponseCode>([^<]+)<\/sr:ResponseCode>/;
const REQUEST_ID = /<sr:RequestID>([^<]+)<\/sr:RequestID>/;
const ALERT_CODE = /<sr:(?:DCCAlertCode|AlertCode)>([^<]+)<\/sr:(?:DCCAlertCode|AlertCode)>/;

/** A message the DSP pushed: its outbox ID, the RequestID it answers and its code. */
export interface Pushed {
  readonly messageId: string;
  readonly requestId: string;
  /** The Service Response's ResponseCode, or the alert's code. */
  readonly code: string;
}

/** Reads the RequestID and the response or alert code of a pushed DUIS XML message. */
export function readPushed(messageId: string, body: string): Pushed {
  const code = ALERT_CODE.exec(body)?.[1] ?? RESPONSE_CODE.exec(body)?.[1] ?? '';
  return { messageId, requestId: REQUEST_ID.exec(body)?.[1] ?? '', code };
}

/** The loopback endpoint Users' messages are pushed to. */
export interface Endpoint {
  readonly url: string;
  /** Distinct messages received, by outbox message ID. */
  readonly received: ReadonlyMap<string, Pushed>;
  /** Pushes received, repeats included (at-least-once delivery repeats after a crash). */
  pushes(): number;
  /** performance.now() of the last push. */
  lastPushAt(): number;
  close(): Promise<void>;
}

/** Starts the endpoint on 127.0.0.1 at a port of its own. */
export async function startEndpoint(): Promise<Endpoint> {
  const received = new Map<string, Pushed>();
  let pushes = 0;
  let last = performance.now();
  const server = createServer((req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const header = req.headers['x-opendsp-message-id'];
      const messageId = typeof header === 'string' ? header : `no-id:${pushes}`;
      pushes += 1;
      last = performance.now();
      received.set(messageId, readPushed(messageId, body));
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/inbox`,
    received,
    pushes: () => pushes,
    lastPushAt: () => last,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          resolve();
        });
      }),
  };
}

/** A User's key and RequestID counter, kept across rounds (counters must keep rising). */
export interface UserState {
  readonly plan: PlanUser;
  readonly key: KeyPair;
  readonly sign: (xml: string) => string;
  counter: bigint;
  /** What the harness last asked of each pair, to alternate joins and unjoins. */
  readonly askedJoined: Map<string, boolean>;
}

/** A User's state with its signer; counters start from the clock so they rise across runs. */
export function userState(plan: PlanUser, key: KeyPair): UserState {
  return {
    plan,
    key,
    sign: createXmlSigner(key),
    counter: BigInt(Date.now()) * 1000n,
    askedJoined: new Map(),
  };
}

/** Picks from a list with the harness's random source. */
const pick = <T>(list: readonly T[], random: () => number): T | undefined =>
  list[Math.floor(random() * list.length)];

interface OpChoice {
  readonly kind: OpKind;
  readonly srv: string;
  readonly critical: boolean;
  readonly target: Eui64;
  readonly body: string;
  readonly key: SmiKey | null;
}

/** The next operation of a User: mostly joins and unjoins, some reads, a few commissions. */
function chooseOp(user: UserState, random: () => number): OpChoice {
  const { plan } = user;
  const roll = random();
  const commission = pick(plan.commissions, random);
  if (roll < 0.08 && commission !== undefined) {
    return {
      kind: 'commission',
      srv: '8.1.1',
      critical: true,
      target: commission,
      body: '<sr:CommissionDeviceSynchroniseClock/>',
      key: statusKey(commission),
    };
  }
  const pair = pick(plan.pairs, random);
  if (roll < 0.3 || pair === undefined) {
    return {
      kind: 'read',
      srv: '4.1.1',
      critical: false,
      target: pick(plan.reads, random) ?? plan.reads[0]!,
      body: '<sr:ReadInstantaneousImportRegisters/>',
      key: null,
    };
  }
  const key = joinKey(pair.other, pair.target);
  const join = !(user.askedJoined.get(key) ?? false);
  user.askedJoined.set(key, join);
  const critical = random() < 0.4;
  const element = `${join ? 'Join' : 'Unjoin'}Service${critical ? 'Critical' : 'NonCritical'}`;
  return {
    kind: join ? 'join' : 'unjoin',
    srv: `${join ? '8.7' : '8.8'}.${critical ? '1' : '2'}`,
    critical,
    target: pair.target,
    body: `<sr:${element}><sr:OtherDeviceID>${pair.other}</sr:OtherDeviceID></sr:${element}>`,
    key,
  };
}

/** POSTs one DUIS XML body; resolves null when the connection dies before an answer. */
function postDuis(
  target: { port: number; agent: Agent },
  body: string,
  timeoutMs: number,
): Promise<Answer | null> {
  return new Promise((resolve) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port: target.port,
        path: '/duis',
        method: 'POST',
        agent: target.agent,
        headers: { 'content-type': 'application/xml', 'content-length': Buffer.byteLength(body) },
        timeout: timeoutMs,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ status: res.statusCode ?? 0, code: RESPONSE_CODE.exec(text)?.[1] ?? '' });
        });
        res.on('error', () => {
          resolve(null);
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error('timed out')));
    req.on('error', () => {
      resolve(null);
    });
    req.end(body);
  });
}

/** One round of load: a sequential worker per User until the server dies or `stop()`. */
export interface Round {
  /** Requests sent and not yet answered. */
  inFlight(): number;
  /** Asks the workers to send nothing more. */
  stop(): void;
  /** Resolves when every worker has finished. */
  readonly done: Promise<void>;
}

/** What a round needs: the server's port, the Users, where to log ops, and randomness. */
export interface RoundOptions {
  readonly port: number;
  readonly users: readonly UserState[];
  readonly ops: SentOp[];
  readonly random: () => number;
}

/**
 * Starts a round: each User sends one request at a time (its RequestID counters arrive in
 * order, so none is refused as a replay), all Users at once. A critical SRV is sent with
 * Command Variant 4 and, once the Pre-Command is back, again with Command Variant 5.
 */
export function startRound(options: RoundOptions): Round {
  const agent = new Agent({ keepAlive: true, maxSockets: options.users.length });
  let stopped = false;
  // A function, so a check after an await reads the flag as it is then.
  const isStopped = (): boolean => stopped;
  let inFlight = 0;
  const send = async (body: string): Promise<Answer | null> => {
    inFlight += 1;
    try {
      return await postDuis({ port: options.port, agent }, body, 30_000);
    } finally {
      inFlight -= 1;
    }
  };
  const worker = async (user: UserState): Promise<void> => {
    while (!isStopped()) {
      const choice = chooseOp(user, options.random);
      user.counter += 1n;
      const requestId = `${user.plan.userId}:${choice.target}:${user.counter}`;
      const [sr] = /^\d+\.\d+/.exec(choice.srv) ?? [''];
      const xml = (cv: number): string =>
        user.sign(
          xmlRequest({ requestId, cv: String(cv), sr, srv: choice.srv, body: choice.body }),
        );
      const op: SentOp = {
        seq: options.ops.length,
        user: user.plan.userId,
        kind: choice.kind,
        srv: choice.srv,
        key: choice.key,
        requestId,
        submissions: [],
      };
      options.ops.push(op);
      const first: Submission = { cv: choice.critical ? 4 : 1, answer: null };
      op.submissions.push(first);
      first.answer = await send(xml(first.cv));
      if (first.answer === null) return; // the server is gone: the round is over
      if (!choice.critical || first.answer.code !== 'I0' || isStopped()) continue;
      const signed: Submission = { cv: 5, answer: null };
      op.submissions.push(signed);
      signed.answer = await send(xml(5));
      if (signed.answer === null) return;
    }
  };
  const done = Promise.all(options.users.map(worker)).then(() => {
    agent.destroy();
  });
  return {
    inFlight: () => inFlight,
    stop: () => {
      stopped = true;
    },
    done,
  };
}
