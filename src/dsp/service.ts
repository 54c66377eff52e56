// The DSP service behind the DUIS endpoint: parse, authenticate, run the pipeline, record, queue.
import { randomUUID } from 'node:crypto';
import {
  createAuditIdSource,
  malformedRecord,
  type AuditRecord,
  type NewOutboxMessage,
} from '../audit/index.ts';
import type { Catalogue } from '../catalogue/index.ts';
import type { Clock } from '../core/clock.ts';
import { StorageError } from '../core/errors.ts';
import type { DspWrites } from '../store/audit-port.ts';
import type { Store } from '../store/port.ts';
import { authenticate } from './authenticate.ts';
import type { DuisWebService, HttpRefused } from './checks.ts';
import type { CredentialRegistry } from './credentials.ts';
import {
  DEFAULT_MAX_BYTES,
  parseServiceRequestJson,
  parseServiceRequestXml,
  type Problem,
} from './duis/index.ts';
import {
  formatRequestId,
  type OutboundMessage,
  type ServiceRequest,
  type ServiceResponse,
  type WireFormat,
} from './messages.ts';
import type { Pipeline } from './pipeline.ts';
import { createTrailRecorder } from './recorder.ts';
import type { Renderer } from './render.ts';
import { createGroupCommit } from './group-commit.ts';
import type { SmiChange } from './smi-view.ts';
import { createTxnScope, type Txn, type TxnScope } from './staging.ts';

/** A DUIS message as the HTTP layer hands it over. */
export interface Submission {
  readonly body: string;
  readonly format: WireFormat;
  /** Detached JWS of a JSON request. */
  readonly jws?: string;
  /** The DCC Boxed URL it was sent to (each takes its own request types); absent for `/duis`. */
  readonly service?: DuisWebService;
}

/** The synchronous HTTP answer. */
export interface Reply {
  /**
   * 200 for anything answered with a DUIS response code (refusals included); for what DUIS
   * handles before response codes, `{code, message}` with 400 (not DUIS, schema), 401
   * (signature, signer), 409 (replay) or 413 (too large): catalogue `refusals`.
   */
  readonly status: number;
  readonly contentType: string;
  readonly body: string;
}

/** What the service needs. */
export interface DspServiceOptions {
  readonly store: Store;
  readonly catalogue: Catalogue;
  readonly pipeline: Pipeline;
  readonly credentials: CredentialRegistry;
  readonly renderer: Renderer;
  readonly clock: Clock;
  /** SMI changes made by the pipeline, drained after each request. */
  readonly smiChanges: SmiChange[];
  /**
   * The scope in which the pipeline's changes (SMI view, RequestID counters, Pre-Commands) are
   * staged: each request runs in a transaction committed only once its writes are durable.
   */
  readonly scope?: TxnScope;
  readonly maxBytes?: number;
}

/** The DSP service. */
export interface DspService {
  submit(submission: Submission): Promise<Reply>;
  /**
   * Refuses a message the HTTP layer would not read in full (over its body limit): one audit
   * record notes the refusal with what was received of it, and the answer is a 413.
   */
  refuseOversized(input: { format: WireFormat; head: string; bytes?: number }): Promise<Reply>;
  /** Writes what is waiting and stops. */
  close(): Promise<void>;
}

/** One request's writes, and the transaction holding its in-memory changes. */
interface Item {
  readonly writes: DspWrites;
  readonly txn?: Txn;
}

/** Several requests' writes as one. */
function merged(items: readonly Item[]): DspWrites {
  if (items.length === 1 && items[0] !== undefined) return items[0].writes;
  return {
    audit: items.flatMap((i) => i.writes.audit),
    outbox: items.flatMap((i) => i.writes.outbox),
    smi: items.flatMap((i) => i.writes.smi),
  };
}

/** Counts U+0000 in a message, raw or (in JSON) escaped; no store keeps it in text. */
function nulCharacters(body: string): { at: number; escaped: boolean } | undefined {
  const raw = body.indexOf('\u0000');
  if (raw >= 0) return { at: raw, escaped: false };
  const escaped = /\\u0000/i.exec(body);
  return escaped ? { at: escaped.index, escaped: true } : undefined;
}

/**
 * The DSP's parse: a Command Variant the SRV does not allow is no schema failure (the XSD allows
 * every CV 1–8 with every SRV) but DUIS response code E12, answered by the pipeline.
 */
const PARSE = { checkCommandVariant: false } as const;

/** Creates the service. */
export function createDspService(options: DspServiceOptions): DspService {
  const { store, catalogue, pipeline, credentials, renderer, clock } = options;
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const ids = createAuditIdSource({ clock });
  const recorder = createTrailRecorder({ ids, catalogue, renderer });
  const scope = options.scope ?? createTxnScope();
  // Group commit: the requests handled while one transaction commits share the next one. A
  // request's in-memory changes are kept when its write commits and dropped when it fails, in
  // commit order; a request that read a dropped change is withdrawn before it is written.
  const commits = createGroupCommit<Item>({
    write: (items) => store.writeDsp(merged(items)),
    admit: (item) =>
      item.txn?.state === 'aborted'
        ? new StorageError(
            'DSP',
            'an earlier request this one depended on could not be recorded, so nothing of this one was kept; send it again',
          )
        : undefined,
    settled: (item, error) => {
      if (item.txn === undefined) return;
      if (error === undefined) scope.commit(item.txn);
      else scope.abort(item.txn);
    },
  });
  let closed = false;

  /**
   * Writes one request's records, messages and SMI changes; resolves once they are durable. What
   * no store could keep is refused here, before the request joins a batch, so it fails alone.
   */
  const write = (writes: {
    audit: readonly AuditRecord[];
    outbox?: readonly NewOutboxMessage[];
    smi?: readonly SmiChange[];
    txn?: Txn;
  }): Promise<void> => {
    const refuse = (error: Error): Promise<void> => {
      if (writes.txn !== undefined) scope.abort(writes.txn);
      return Promise.reject(error);
    };
    if (closed) return refuse(new StorageError('DSP', 'the DSP service is closed'));
    for (const record of writes.audit) {
      const refusal = malformedRecord(record);
      if (refusal !== undefined) return refuse(refusal);
    }
    for (const message of writes.outbox ?? []) {
      if (message.body.includes('\u0000'))
        return refuse(
          new StorageError('DSP', `outbox message ${message.id} holds a NUL character`),
        );
    }
    return commits.add({
      writes: { audit: writes.audit, outbox: writes.outbox ?? [], smi: writes.smi ?? [] },
      ...(writes.txn === undefined ? {} : { txn: writes.txn }),
    });
  };

  const answer = (
    response: ServiceResponse,
    input: { format: WireFormat; status: number },
  ): Reply => {
    const rendered = renderer.render(response, input.format);
    return { status: input.status, contentType: rendered.contentType, body: rendered.body };
  };

  /** The HTTP answer to a refusal DUIS handles before response codes: `{code, message}`. */
  const httpAnswer = (refused: Pick<HttpRefused, 'status' | 'code' | 'message'>): Reply => ({
    status: refused.status,
    contentType: 'application/json; charset=utf-8',
    body: JSON.stringify({ code: refused.code, message: refused.message }),
  });

  /**
   * A message that could not be parsed (not DUIS at all, or against the DUIS schema) or is too
   * large: one audit record holds it, with the problems; no DUIS response code (fact sheet (b)).
   */
  const unreadable = async (
    submission: Submission,
    problems: readonly Problem[],
    oversized = false,
  ): Promise<Reply> => {
    const at = clock.now();
    const tooLarge = oversized || Buffer.byteLength(submission.body) > maxBytes;
    const answer = catalogue.httpRefusal(tooLarge ? 'too-large' : 'schema');
    const detail = problems
      .map((p) => `${p.path}: ${p.message}`)
      .join('; ')
      .replaceAll('\u0000', '\uFFFD');
    // The trail keeps what was received, but no store keeps U+0000 in text: it is held as U+FFFD.
    const received = tooLarge ? submission.body.slice(0, 4_096) : submission.body;
    const nul = received.split('\u0000').length - 1;
    const record: AuditRecord = {
      kind: 'request',
      id: ids.next(),
      at,
      requestId: null,
      deviceId: null,
      mpxn: null,
      serviceReference: null,
      srv: null,
      srvName: null,
      code: null,
      outcome: 'failure',
      originatorRole: null,
      roundTripMs: null,
      originatorId: null,
      recipientId: null,
      payload: nul === 0 ? received : received.replaceAll('\u0000', '\uFFFD'),
      format: submission.format,
      metadata: {
        reason: detail,
        refusal: answer.reason,
        httpStatus: answer.status,
        error: answer.error,
        truncated: tooLarge,
        ...(nul === 0 ? {} : { nulReplaced: nul }),
      },
    };
    await write({ audit: [record] });
    return httpAnswer({ status: answer.status, code: answer.error, message: detail });
  };

  /**
   * A parsed request whose signature or signer was refused: no DUIS response code (fact sheet
   * (b)); the trail records the request, code null, with the claimed originator and the answer.
   */
  const unauthenticated = async (
    request: ServiceRequest,
    refusal: { reason: 'signature' | 'unknown-signer'; detail: string },
  ): Promise<Reply> => {
    const at = clock.now();
    const answer = catalogue.httpRefusal(refusal.reason);
    await write({
      audit: [
        {
          kind: 'request',
          id: ids.next(),
          at,
          requestId: formatRequestId(request.requestId),
          deviceId: null,
          mpxn: null,
          serviceReference: request.serviceReference,
          srv: request.srv,
          srvName: catalogue.findSrv(request.srv)?.name ?? null,
          code: null,
          outcome: 'failure',
          originatorRole: null,
          roundTripMs: null,
          originatorId: null,
          recipientId: null,
          payload: request.raw,
          format: request.format,
          metadata: {
            reason: refusal.detail,
            refusal: refusal.reason,
            httpStatus: answer.status,
            error: answer.error,
            claimedOriginator: request.requestId.originator,
          },
        },
      ],
    });
    return httpAnswer({ status: answer.status, code: answer.error, message: refusal.detail });
  };

  /** The later Service Responses and Alerts as outbox messages, each to the User it is addressed to. */
  const outboxMessages = (
    outbound: readonly OutboundMessage[],
    format: WireFormat,
  ): NewOutboxMessage[] => {
    const messages: NewOutboxMessage[] = [];
    for (const message of outbound) {
      const recipientId =
        message.kind === 'service-response' ? message.requestId?.originator : message.recipient;
      // Pipeline responses always answer a parsed request, so they always have an originator.
      if (recipientId === undefined) continue;
      const rendered = renderer.render(message, format);
      messages.push({
        id: randomUUID(),
        recipientId,
        format,
        contentType: rendered.contentType,
        body: rendered.body,
        createdAt: message.at,
      });
    }
    return messages;
  };

  return {
    async submit(submission) {
      const nul = nulCharacters(submission.body);
      if (nul !== undefined) {
        return unreadable(submission, [
          {
            path: 'body',
            message: `${nul.escaped ? 'an escaped ' : ''}NUL character (U+0000) at offset ${nul.at}: DUIS messages may not hold it`,
          },
        ]);
      }
      const parsed =
        submission.format === 'xml'
          ? parseServiceRequestXml(submission.body, { maxBytes, catalogue, ...PARSE })
          : parseServiceRequestJson(submission.body, { maxBytes, catalogue, ...PARSE });
      if (!parsed.ok) return unreadable(submission, parsed.problems);
      const request = parsed.request;
      const auth = await authenticate(request, {
        credentials,
        ...(submission.jws === undefined ? {} : { jws: submission.jws }),
        ...(parsed.document === undefined ? {} : { document: parsed.document }),
      });
      if (!auth.ok) return unauthenticated(request, auth);
      // The pipeline's changes are staged in a transaction, kept only once the writes commit.
      let handled: ReturnType<Pipeline['handle']>;
      let txn: Txn;
      let changes: SmiChange[];
      try {
        ({ txn, result: handled } = scope.run(() =>
          pipeline.handle(request, {
            sender: auth.sender,
            at: clock.now(),
            ...(submission.service === undefined ? {} : { service: submission.service }),
          }),
        ));
      } finally {
        changes = options.smiChanges.splice(0);
      }
      let writes: Parameters<typeof write>[0];
      try {
        writes = {
          audit: recorder.records(handled.trail, request.format),
          outbox: outboxMessages(handled.outbound, request.format),
          smi: changes,
          txn,
        };
      } catch (error) {
        scope.abort(txn);
        throw error;
      }
      // The request, its answers and its SMI changes are durable before the User hears back.
      await write(writes);
      if (handled.reply.kind === 'http-refusal') return httpAnswer(handled.reply);
      return answer(handled.reply, { format: request.format, status: 200 });
    },
    refuseOversized({ format, head, bytes }) {
      const size = bytes === undefined ? 'over the HTTP body limit' : `${bytes} bytes`;
      return unreadable(
        { body: head, format },
        [
          {
            path: 'body',
            message: `the message is ${size}; DUIS messages are limited to ${maxBytes} bytes`,
          },
        ],
        true,
      );
    },
    async close() {
      closed = true;
      await commits.flush();
    },
  };
}
