// The kill harness's checks: what was acknowledged against what the audit trail, the SMI and the
// User's endpoint hold after the last restart.
import type { AuditRecord } from '../../src/audit/records.ts';
import type { Pushed, SentOp, SmiKey } from './kill-load.ts';

/** The SMI entries the harness touches: open joins and device statuses. */
export interface SmiState {
  /** Join keys (`join:other>target`) of the open joins. */
  readonly joins: ReadonlySet<SmiKey>;
  readonly statuses: ReadonlyMap<string, string>;
}

/** The counts that must be 0, with a line per loss saying what was lost. */
export interface CheckResult {
  /** Answers (HTTP 200) whose request, acknowledgement or answer the trail does not hold. */
  readonly acknowledgedMissing: number;
  /**
   * SMI entries whose last change the trail holds (its device response said success) from a
   * request the User was answered for, but which the SMI does not hold.
   */
  readonly smiLost: number;
  /**
   * SMI entries that disagree with the trail otherwise: the change came from a request the
   * kill cut off before its answer but the trail holds it, or the SMI changed with no request
   * in the trail to explain it.
   */
  readonly smiUnexplained: number;
  /** Acknowledged requests' SMI changes that the final state checks (see checkSmi). */
  readonly smiChangesChecked: number;
  /** Outbox messages of acknowledged requests (as the trail records them) never pushed. */
  readonly undelivered: number;
  /** The same for requests the trail holds but whose answer the kill cut off. */
  readonly undeliveredUnacknowledged: number;
  readonly messagesExpected: number;
  /** Requests the trail holds whose answer never reached the harness (cut off by a kill). */
  readonly committedUnanswered: number;
  /** When the last message never delivered fell due (its record's time, in ms; 0 if none). */
  readonly undeliveredLastDueMs: number;
  /** The RequestIDs of the messages never delivered (for a look at the outbox). */
  readonly undeliveredRequestIds: readonly string[];
  readonly details: readonly string[];
}

const answered = (op: SentOp): boolean => op.submissions.some((s) => s.answer?.status === 200);
const acknowledgedI99 = (op: SentOp): boolean =>
  op.submissions.some((s) => s.answer?.status === 200 && s.answer.code === 'I99');

/** A request's records in the order they were written (IDs rise within a process and across). */
export function byRequestId(records: readonly AuditRecord[]): Map<string, AuditRecord[]> {
  const out = new Map<string, AuditRecord[]>();
  for (const r of records) {
    if (r.requestId === null) continue;
    const list = out.get(r.requestId);
    if (list === undefined) out.set(r.requestId, [r]);
    else list.push(r);
  }
  for (const list of out.values()) list.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return out;
}

/**
 * The records that went to the outbox with them: a device request's Service Response or N13
 * and its device alerts, which follow its acknowledgement (synchronous answers, such as a
 * Pre-Command or a refusal, are not queued).
 */
export function queuedRecords(trail: readonly AuditRecord[]): AuditRecord[] {
  const out: AuditRecord[] = [];
  let afterAck = false;
  for (const r of trail) {
    if (r.kind === 'request') afterAck = false;
    else if (r.kind === 'acknowledgement') afterAck = true;
    else if (afterAck) out.push(r);
  }
  return out;
}

/** The device's answer to the request, from the trail, else from what was pushed: success or not. */
function deviceSucceeded(trail: readonly AuditRecord[] | undefined, pushed: readonly Pushed[]) {
  if (trail !== undefined && trail.length > 0)
    return queuedRecords(trail).some((r) => r.kind === 'response' && r.outcome === 'success');
  return pushed.some((p) => p.code === 'I0');
}

/** What a successful operation leaves in the SMI entry it changes. */
function effectOf(op: SentOp): string {
  if (op.kind === 'join') return 'joined';
  if (op.kind === 'unjoin') return 'not joined';
  return 'Commissioned';
}

function stateOf(state: SmiState, key: SmiKey): string {
  if (key.startsWith('join:')) return state.joins.has(key) ? 'joined' : 'not joined';
  return state.statuses.get(key.slice('status:'.length)) ?? 'absent';
}

/** Everything the checks read. */
export interface CheckInput {
  readonly ops: readonly SentOp[];
  /** Every record of the harness's Users' requests. */
  readonly trail: ReadonlyMap<string, readonly AuditRecord[]>;
  readonly before: SmiState;
  readonly after: SmiState;
  readonly pushed: Iterable<Pushed>;
}

/**
 * Runs the checks.
 *
 * What is checkable about the SMI: each pair and device is changed by one User, one request at
 * a time, so its final state must be what the last request the trail holds with a successful
 * device response left (or its state before the run if there is none). An acknowledged change
 * that a later committed request undid is covered through that later request, not on its own.
 */
export function runChecks(input: CheckInput): CheckResult {
  const details: string[] = [];
  const note = (line: string): void => {
    if (details.length < 40) details.push(line);
  };
  const pushedByRequest = new Map<string, Pushed[]>();
  for (const p of input.pushed) {
    const list = pushedByRequest.get(p.requestId);
    if (list === undefined) pushedByRequest.set(p.requestId, [p]);
    else list.push(p);
  }

  let acknowledgedMissing = 0;
  let committedUnanswered = 0;
  for (const op of input.ops) {
    const trail = input.trail.get(op.requestId) ?? [];
    const requests = trail.filter((r) => r.kind === 'request').length;
    const answers = op.submissions.filter((s) => s.answer?.status === 200).length;
    if (answers === 0 && requests > 0) committedUnanswered += 1;
    const short = Math.max(0, answers - requests);
    const ackShort =
      acknowledgedI99(op) && !trail.some((r) => r.kind === 'acknowledgement') ? 1 : 0;
    if (short + ackShort > 0) {
      acknowledgedMissing += short + ackShort;
      note(
        `acknowledged but not in the trail: ${op.srv} ${op.requestId} (answers ${op.submissions.map((s) => s.answer?.code ?? 'none').join(', ')}; trail holds ${trail.map((r) => `${r.kind}:${r.code ?? ''}`).join(', ') || 'nothing'})`,
      );
    }
  }

  // SMI: replay each entry's committed successes in the order they were sent.
  const byKey = new Map<SmiKey, SentOp[]>();
  for (const op of input.ops) {
    if (op.key === null) continue;
    const list = byKey.get(op.key);
    if (list === undefined) byKey.set(op.key, [op]);
    else list.push(op);
  }
  let smiLost = 0;
  let smiUnexplained = 0;
  let smiChangesChecked = 0;
  for (const [key, ops] of byKey) {
    let expected = stateOf(input.before, key);
    let last: SentOp | undefined;
    for (const op of ops) {
      if (!deviceSucceeded(input.trail.get(op.requestId), pushedByRequest.get(op.requestId) ?? []))
        continue;
      expected = effectOf(op);
      last = op;
    }
    if (last !== undefined && answered(last)) smiChangesChecked += 1;
    const actual = stateOf(input.after, key);
    if (actual === expected) continue;
    if (last !== undefined && answered(last)) {
      smiLost += 1;
      note(
        `SMI change lost: ${last.srv} ${last.requestId} was acknowledged and its device response succeeded, so ${key} should be ${expected}; the SMI has ${actual}`,
      );
    } else {
      smiUnexplained += 1;
      note(
        `SMI disagrees with the trail: ${key} is ${actual}, expected ${expected}${last === undefined ? ' (no committed change)' : ` after ${last.srv} ${last.requestId} (its answer was cut off)`}`,
      );
    }
  }

  // Delivery: every queued record must have reached the endpoint (matched by RequestID and code).
  let undelivered = 0;
  let undeliveredUnacknowledged = 0;
  let messagesExpected = 0;
  const undeliveredRequestIds = new Set<string>();
  let undeliveredLastDueMs = 0;
  for (const op of input.ops) {
    const trail = input.trail.get(op.requestId);
    if (trail === undefined) continue;
    const queued = queuedRecords(trail);
    messagesExpected += queued.length;
    const got = new Map<string, number>();
    for (const p of pushedByRequest.get(op.requestId) ?? [])
      got.set(p.code, (got.get(p.code) ?? 0) + 1);
    for (const r of queued) {
      const code = r.code ?? '';
      const left = got.get(code) ?? 0;
      if (left > 0) {
        got.set(code, left - 1);
        continue;
      }
      if (acknowledgedI99(op)) undelivered += 1;
      else undeliveredUnacknowledged += 1;
      undeliveredRequestIds.add(op.requestId);
      undeliveredLastDueMs = Math.max(undeliveredLastDueMs, r.at.getTime());
      note(
        `never delivered: the ${r.kind} ${code} of ${op.srv} ${op.requestId} (${acknowledgedI99(op) ? 'acknowledged' : 'answer cut off'}; audit record ${String(r.id)} at ${r.at.toISOString()}; pushed for this RequestID: ${(pushedByRequest.get(op.requestId) ?? []).map((p) => p.code).join(', ') || 'nothing'})`,
      );
    }
  }
  return {
    acknowledgedMissing,
    smiLost,
    smiUnexplained,
    smiChangesChecked,
    undelivered,
    undeliveredUnacknowledged,
    messagesExpected,
    committedUnanswered,
    undeliveredLastDueMs,
    undeliveredRequestIds: [...undeliveredRequestIds],
    details,
  };
}

/** The q-quantile of values (nearest rank); 0 for none. */
export function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? 0;
}
