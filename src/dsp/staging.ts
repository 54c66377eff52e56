// Staged changes to the DSP's in-memory state: visible to later requests at once, kept only
// once the transaction that records them has committed.
//
// The pipeline handles requests one after another, synchronously, and its writes reach the store
// later, in group commits. A request must see what earlier requests did (a RequestID replayed
// while the first copy is still being written is still a replay), yet the SMI view, the RequestID
// counters and the Pre-Command table must never run ahead of the store: a request whose commit
// fails leaves no trace. So each request runs in a Txn; what it sets is staged on top of the
// committed values and read back through them; a request that reads another's staged value
// depends on it, and is abandoned with it if that one is rolled back.

/** One request's changes while its commit is pending. */
export interface Txn {
  readonly id: number;
  readonly state: 'open' | 'committed' | 'aborted';
}

/** Runs requests in transactions and settles them. */
export interface TxnScope {
  /** The transaction the code now running belongs to; undefined outside any. */
  current(): Txn | undefined;
  /** Starts a transaction and runs `work` inside it (synchronously). */
  run<T>(work: () => T): { readonly txn: Txn; readonly result: T };
  /** Makes the transaction's staged changes the committed state. */
  commit(txn: Txn): void;
  /**
   * Drops the transaction's staged changes, and those of every open transaction that read one
   * of them (transitively); returns those dependants, which must not be committed either.
   */
  abort(txn: Txn): readonly Txn[];
  /** Open transactions (for tests and stats). */
  readonly open: number;
}

interface TxnState extends Txn {
  state: 'open' | 'committed' | 'aborted';
  /** Open transactions that read this one's staged values. */
  readonly dependants: Set<TxnState>;
  readonly onCommit: (() => void)[];
  readonly onAbort: (() => void)[];
}

/** What a versioned value needs from its scope. */
interface ScopeInternals {
  active(): TxnState | undefined;
}

const scopes = new WeakMap<TxnScope, ScopeInternals>();

/** Creates a scope. Outside `run`, changes are committed as they are made. */
export function createTxnScope(): TxnScope {
  let next = 1;
  let active: TxnState | undefined;
  const openTxns = new Set<TxnState>();
  const stateOf = (txn: Txn): TxnState => txn as TxnState;

  const scope: TxnScope = {
    current: () => active,
    run(work) {
      if (active !== undefined) throw new Error('transactions do not nest');
      const txn: TxnState = {
        id: next++,
        state: 'open',
        dependants: new Set(),
        onCommit: [],
        onAbort: [],
      };
      openTxns.add(txn);
      active = txn;
      try {
        return { txn, result: work() };
      } catch (error) {
        active = undefined;
        scope.abort(txn);
        throw error;
      } finally {
        active = undefined;
      }
    },
    commit(txn) {
      const state = stateOf(txn);
      if (state.state !== 'open') throw new Error(`transaction ${txn.id} is ${state.state}`);
      state.state = 'committed';
      openTxns.delete(state);
      for (const apply of state.onCommit) apply();
      state.dependants.clear();
    },
    abort(txn) {
      const abandoned: TxnState[] = [];
      const visit = (state: TxnState): void => {
        if (state.state !== 'open') return;
        state.state = 'aborted';
        openTxns.delete(state);
        // Latest first, so a value staged twice unwinds to what was there before.
        for (let i = state.onAbort.length - 1; i >= 0; i -= 1) state.onAbort[i]?.();
        if (state !== txn) abandoned.push(state);
        for (const dependant of state.dependants) visit(dependant);
        state.dependants.clear();
      };
      visit(stateOf(txn));
      return abandoned;
    },
    get open() {
      return openTxns.size;
    },
  };
  scopes.set(scope, { active: () => active });
  return scope;
}

/** A map whose changes are staged in the running transaction. */
export interface StagedMap<K, V> {
  /** The value as the running transaction sees it; reading another's staged value depends on it. */
  get(key: K): V | undefined;
  /** The same, without recording a dependency (for reads whose outcome it cannot change). */
  peek(key: K): V | undefined;
  has(key: K): boolean;
  set(key: K, value: V): void;
  delete(key: K): void;
  /** The committed value, ignoring anything staged. */
  committed(key: K): V | undefined;
}

const DELETED = Symbol('deleted');

interface Staged<V> {
  readonly txn: TxnState;
  readonly value: V | typeof DELETED;
}

/** Creates a staged map over `scope`, starting from `initial` (committed). */
export function createStagedMap<K, V>(
  scope: TxnScope,
  initial: Iterable<readonly [K, V]> = [],
): StagedMap<K, V> {
  const internals = scopes.get(scope);
  if (internals === undefined) throw new Error('not a scope made by createTxnScope');
  const committed = new Map<K, V>(initial);
  // Per key, the staged values of open transactions in the order they were set.
  const staged = new Map<K, Staged<V>[]>();

  const unstage = (key: K, entry: Staged<V>): void => {
    const list = staged.get(key);
    if (list === undefined) return;
    const at = list.indexOf(entry);
    if (at >= 0) list.splice(at, 1);
    if (list.length === 0) staged.delete(key);
  };

  const read = (key: K, track: boolean): V | undefined => {
    const list = staged.get(key);
    const top = list?.[list.length - 1];
    if (top === undefined) return committed.get(key);
    const reader = internals.active();
    if (track && reader !== undefined && reader !== top.txn) top.txn.dependants.add(reader);
    // Outside a transaction only committed values count.
    if (reader === undefined) return committed.get(key);
    return top.value === DELETED ? undefined : top.value;
  };

  const write = (key: K, value: V | typeof DELETED): void => {
    const txn = internals.active();
    if (txn === undefined) {
      if (value === DELETED) committed.delete(key);
      else committed.set(key, value);
      return;
    }
    const entry: Staged<V> = { txn, value };
    const list = staged.get(key);
    if (list) list.push(entry);
    else staged.set(key, [entry]);
    txn.onCommit.push(() => {
      if (value === DELETED) committed.delete(key);
      else committed.set(key, value);
      unstage(key, entry);
    });
    txn.onAbort.push(() => {
      unstage(key, entry);
    });
  };

  return {
    get: (key) => read(key, true),
    peek: (key) => read(key, false),
    has: (key) => read(key, true) !== undefined,
    set: (key, value) => {
      write(key, value);
    },
    delete: (key) => {
      write(key, DELETED);
    },
    committed: (key) => committed.get(key),
  };
}
