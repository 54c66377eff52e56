import { describe, expect, it } from 'vitest';
import { createStagedMap, createTxnScope } from './staging.ts';

describe('staged changes', () => {
  it('shows a transaction its own and earlier transactions’ changes, and keeps them on commit', () => {
    const scope = createTxnScope();
    const map = createStagedMap<string, number>(scope, [['a', 1]]);
    const { txn: first } = scope.run(() => {
      map.set('a', 2);
    });
    expect(map.committed('a')).toBe(1);
    expect(map.get('a')).toBe(1); // outside any transaction only committed values count
    const { result: seen } = scope.run(() => map.get('a'));
    expect(seen).toBe(2);
    scope.commit(first);
    expect(map.committed('a')).toBe(2);
  });

  it('drops an aborted transaction’s changes, and withdraws whoever read them', () => {
    const scope = createTxnScope();
    const map = createStagedMap<string, string>(scope, [['device', 'Commissioned']]);
    const { txn: decommission } = scope.run(() => {
      map.set('device', 'Decommissioned');
    });
    const { txn: reader } = scope.run(() => map.get('device'));
    const { txn: unrelated } = scope.run(() => {
      map.set('other', 'x');
    });
    expect(scope.abort(decommission)).toEqual([reader]);
    expect(reader.state).toBe('aborted');
    expect(unrelated.state).toBe('open');
    const { result } = scope.run(() => map.get('device'));
    expect(result).toBe('Commissioned');
    scope.commit(unrelated);
    expect(map.committed('other')).toBe('x');
    expect(scope.open).toBe(1);
  });

  it('records no dependency for a peek, and unwinds a value set twice', () => {
    const scope = createTxnScope();
    const map = createStagedMap<string, number>(scope);
    const { txn: a } = scope.run(() => {
      map.set('k', 1);
      map.set('k', 2);
    });
    const { txn: b } = scope.run(() => map.peek('k'));
    scope.abort(a);
    expect(b.state).toBe('open');
    expect(scope.run(() => map.get('k')).result).toBeUndefined();
  });

  it('applies changes at once outside a transaction, and deletes', () => {
    const scope = createTxnScope();
    const map = createStagedMap<string, number>(scope, [['a', 1]]);
    map.set('b', 2);
    map.delete('a');
    expect([map.committed('a'), map.committed('b')]).toEqual([undefined, 2]);
    const { txn } = scope.run(() => {
      map.delete('b');
    });
    expect(map.committed('b')).toBe(2);
    scope.commit(txn);
    expect(map.committed('b')).toBeUndefined();
  });

  it('aborts a transaction whose work throws', () => {
    const scope = createTxnScope();
    const map = createStagedMap<string, number>(scope);
    expect(() =>
      scope.run(() => {
        map.set('k', 1);
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(scope.open).toBe(0);
    expect(scope.run(() => map.get('k')).result).toBeUndefined();
  });
});
