// Assembles a running DSP over a store: SMI view, HAN, pipeline, service, credentials, delivery.
import { createDeliveryWorker, type DeliveryWorker, type OutboxMessage } from '../audit/index.ts';
import { loadCatalogue, type Catalogue } from '../catalogue/index.ts';
import { systemClock, type Clock } from '../core/clock.ts';
import { InvalidValueError } from '../core/errors.ts';
import type { Eui64 } from '../core/eui64.ts';
import type { UserRole } from '../core/roles.ts';
import { createHan } from '../devices/index.ts';
import { loadRules, type RulesInForce } from '../rules/index.ts';
import type { Store } from '../store/port.ts';
import {
  createCredentialRegistry,
  type CredentialRegistry,
  type StoredCredential,
} from './credentials.ts';
import { createHanGateway } from './han-gateway.ts';
import type { KeyPair } from './identity.ts';
import { createPipeline } from './pipeline.ts';
import { createRenderer } from './render.ts';
import { createDspService, type DspService } from './service.ts';
import { createCanonicalXmlSigner } from './signing/index.ts';
import { createSmiView, type SmiChange } from './smi-view.ts';
import { createTxnScope } from './staging.ts';

/** Options for {@link openDspRuntime}. */
export interface DspRuntimeOptions {
  readonly store: Store;
  /** The DSP's own key pair: responses and alerts in XML are signed with it. */
  readonly identity: KeyPair;
  readonly seed?: number;
  readonly clock?: Clock;
  readonly catalogue?: Catalogue;
  readonly rules?: RulesInForce;
  /**
   * Pushes a message to a URL; default: HTTP POST. `signal` aborts it when the delivery
   * worker's send timeout (10 s) passes or delivery stops.
   */
  readonly post?: (
    url: string,
    message: OutboxMessage,
    signal: AbortSignal,
  ) => Promise<{ ok: boolean; error?: string }>;
  /** How signed pulls are held and checked (defaults in {@link DEFAULT_PULL_POLICY}). */
  readonly pull?: Partial<PullPolicy>;
}

/** How the pull API holds messages and judges the freshness of a signed pull. */
export interface PullPolicy {
  /** How long a pull holds what it hands out before another pull gets it again (30 s). */
  readonly leaseMs: number;
  /** How far a request's x-duis-time may be from the DSP's clock, either way (5 min). */
  readonly windowMs: number;
}

/** The default pull policy. */
export const DEFAULT_PULL_POLICY: PullPolicy = { leaseMs: 30_000, windowMs: 300_000 };

/** A running DSP. */
export interface DspRuntime {
  readonly service: DspService;
  readonly credentials: CredentialRegistry;
  readonly catalogue: Catalogue;
  readonly rules: RulesInForce;
  readonly devices: number;
  /** The DSP's clock (pull leases and signed-request freshness are judged by it). */
  readonly clock: Clock;
  readonly pull: PullPolicy;
  /** Registers a User's signing certificate (persisted). */
  registerCredential(input: {
    pem: string;
    userId: Eui64;
    role: UserRole;
  }): Promise<StoredCredential>;
  /** Sets where a User's responses and alerts are pushed. */
  setEndpoint(userId: Eui64, url: string): Promise<void>;
  /** Starts pushing queued messages to Users' endpoints. */
  startDelivery(idleMs?: number): void;
  readonly delivery: DeliveryWorker;
  close(): Promise<void>;
}

async function httpPost(
  url: string,
  message: OutboxMessage,
  signal: AbortSignal,
): Promise<{ ok: boolean; error?: string }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': message.contentType, 'x-opendsp-message-id': message.id },
    body: message.body,
    signal,
  });
  await response.body?.cancel(); // the answer's body is not needed; free the connection
  return response.ok ? { ok: true } : { ok: false, error: `HTTP ${response.status} from ${url}` };
}

/** Loads the estate, credentials and RequestID counters from the store and starts the DSP. */
export async function openDspRuntime(options: DspRuntimeOptions): Promise<DspRuntime> {
  const { store, identity } = options;
  const clock = options.clock ?? systemClock;
  const catalogue = options.catalogue ?? loadCatalogue();
  const rules = options.rules ?? loadRules();
  const [estate, stored, counters, endpointList] = await Promise.all([
    store.loadEstate(),
    store.credentials(),
    store.requestCounters(),
    store.endpoints(),
  ]);
  const endpoints = new Map<string, string>(endpointList);
  const smiChanges: SmiChange[] = [];
  // One scope: a request's SMI, counter and Pre-Command changes are kept only once it commits.
  const scope = createTxnScope();
  const smi = createSmiView({ ...estate, scope, onChange: (c) => smiChanges.push(c) });
  const han = createHan({ seed: options.seed ?? 1, catalogue });
  han.loadJoins(estate.joins);
  const pipeline = createPipeline({
    catalogue,
    smi,
    rules,
    devices: createHanGateway(han),
    counters,
    scope,
  });
  const credentials = createCredentialRegistry(stored);
  // The renderer signs only what the DUIS response writer wrote, which is already canonical.
  const renderer = createRenderer({ signXml: createCanonicalXmlSigner(identity) });
  const service = createDspService({
    store,
    catalogue,
    pipeline,
    credentials,
    renderer,
    clock,
    smiChanges,
    scope,
  });
  const post = options.post ?? httpPost;
  const delivery = createDeliveryWorker({
    store,
    clock,
    send: async (message, signal) => {
      const url = endpoints.get(message.recipientId);
      if (url === undefined)
        return {
          ok: false,
          error: `User ${message.recipientId} has no delivery endpoint; the message waits to be pulled`,
        };
      const result = await post(url, message, signal);
      return result.ok ? { ok: true } : { ok: false, error: result.error ?? 'delivery failed' };
    },
  });
  let delivering = false;
  return {
    service,
    credentials,
    catalogue,
    rules,
    devices: smi.size,
    clock,
    pull: { ...DEFAULT_PULL_POLICY, ...options.pull },
    delivery,
    async registerCredential({ pem, userId, role }) {
      const prepared = credentials.prepare({ pem, userId, role, at: clock.now() });
      await store.addCredential(prepared);
      credentials.add(prepared);
      return prepared;
    },
    async setEndpoint(userId, url) {
      if (!/^https?:\/\/[^\s]+$/.test(url))
        throw new InvalidValueError('endpoint', url, 'expected an http:// or https:// URL');
      await store.setEndpoint(userId, url, clock.now());
      endpoints.set(userId, url);
    },
    startDelivery(idleMs) {
      delivering = true;
      delivery.start(idleMs);
    },
    async close() {
      if (delivering) await delivery.stop();
      await service.close();
    },
  };
}
