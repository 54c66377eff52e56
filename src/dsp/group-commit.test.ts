import { describe, expect, it } from 'vitest';
import { createGroupCommit } from './group-commit.ts';

describe('group commit', () => {
  it('writes items added in the same turn together, and later ones in the next write', async () => {
    const writes: number[][] = [];
    const group = createGroupCommit<number>(async (items) => {
      writes.push([...items]);
      await new Promise((r) => setTimeout(r, 5));
    });
    const first = [group.add([1]), group.add([2, 3])];
    await new Promise((r) => setImmediate(r));
    const second = group.add([4]); // arrives while the first write is in flight
    await Promise.all([...first, second]);
    expect(writes).toEqual([[1, 2, 3], [4]]);
  });

  it('rejects every add of a failed write, and carries on with the next', async () => {
    let fail = true;
    const group = createGroupCommit<string>(() =>
      fail ? Promise.reject(new Error('disk full')) : Promise.resolve(),
    );
    const a = group.add(['a']);
    const b = group.add(['b']);
    await expect(a).rejects.toThrow('disk full');
    await expect(b).rejects.toThrow('disk full');
    fail = false;
    await expect(group.add(['c'])).resolves.toBeUndefined();
  });

  it('flushes what is waiting, and resolves at once for nothing', async () => {
    const seen: string[] = [];
    const group = createGroupCommit<string>((items) => {
      seen.push(...items);
      return Promise.resolve();
    });
    await group.add([]);
    void group.add(['x']);
    await group.flush();
    expect(seen).toEqual(['x']);
  });
});
