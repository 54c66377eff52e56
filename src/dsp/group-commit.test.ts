import { describe, expect, it } from 'vitest';
import { createGroupCommit } from './group-commit.ts';

const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('group commit', () => {
  it('writes items added in the same turn together, and later ones in the next write', async () => {
    const writes: number[][] = [];
    const group = createGroupCommit<number>({
      write: async (items) => {
        writes.push([...items]);
        await new Promise((r) => setTimeout(r, 5));
      },
    });
    const first = [group.add(1), group.add(2), group.add(3)];
    await turn();
    const second = group.add(4); // arrives while the first write is in flight
    await Promise.all([...first, second]);
    expect(writes).toEqual([[1, 2, 3], [4]]);
  });

  it('rejects every add of a failed write, and carries on with the next', async () => {
    let fail = true;
    const group = createGroupCommit<string>({
      write: () => (fail ? Promise.reject(new Error('disk full')) : Promise.resolve()),
    });
    const a = group.add('a');
    const b = group.add('b');
    await expect(a).rejects.toThrow('disk full');
    await expect(b).rejects.toThrow('disk full');
    fail = false;
    await expect(group.add('c')).resolves.toBeUndefined();
  });

  it('fails only the item the store refuses; the rest of its batch is written', async () => {
    const written: string[] = [];
    const group = createGroupCommit<string>({
      write: (items) => {
        if (items.includes('poison')) return Promise.reject(new Error('invalid byte sequence'));
        written.push(...items);
        return Promise.resolve();
      },
    });
    const results = await Promise.allSettled(
      ['a', 'b', 'poison', 'c', 'd'].map((item) => group.add(item)),
    );
    expect(results.map((r) => r.status)).toEqual([
      'fulfilled',
      'fulfilled',
      'rejected',
      'fulfilled',
      'fulfilled',
    ]);
    expect(written).toEqual(['a', 'b', 'c', 'd']);
  });

  it('tells of each outcome in the order items were added, before their adds settle', async () => {
    const told: string[] = [];
    const group = createGroupCommit<string>({
      write: (items) =>
        items.includes('bad') ? Promise.reject(new Error('refused')) : Promise.resolve(),
      settled: (item, error) => told.push(`${item}:${error === undefined ? 'ok' : 'failed'}`),
    });
    const adds = ['x', 'bad', 'y'].map((item) =>
      group.add(item).then(
        () => told.push(`${item} resolved`),
        () => told.push(`${item} rejected`),
      ),
    );
    await Promise.all(adds);
    expect(told.filter((t) => t.includes(':'))).toEqual(['x:ok', 'bad:failed', 'y:ok']);
    for (const [item, end] of [
      ['x', 'resolved'],
      ['bad', 'rejected'],
      ['y', 'resolved'],
    ] as const) {
      expect(told.indexOf(`${item} ${end}`)).toBeGreaterThan(
        told.findIndex((t) => t.startsWith(`${item}:`)),
      );
    }
  });

  it('does not write an item withdrawn by an earlier failure', async () => {
    const withdrawn = new Set<string>();
    const written: string[] = [];
    const group = createGroupCommit<string>({
      write: (items) => {
        if (items.includes('first')) return Promise.reject(new Error('refused'));
        written.push(...items);
        return Promise.resolve();
      },
      admit: (item) => (withdrawn.has(item) ? new Error(`${item} withdrawn`) : undefined),
      settled: (item, error) => {
        if (item === 'first' && error !== undefined) withdrawn.add('reads-first');
      },
    });
    const results = await Promise.allSettled(
      ['first', 'reads-first', 'other'].map((item) => group.add(item)),
    );
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'fulfilled']);
    expect(String((results[1] as PromiseRejectedResult).reason)).toContain('withdrawn');
    expect(written).toEqual(['other']);
  });

  it('flushes what is waiting', async () => {
    const seen: string[] = [];
    const group = createGroupCommit<string>({
      write: (items) => {
        seen.push(...items);
        return Promise.resolve();
      },
    });
    await group.flush();
    void group.add('x');
    await group.flush();
    expect(seen).toEqual(['x']);
  });
});
