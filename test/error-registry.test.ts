// Keeps the error registry, its HTTP statuses and the README's error table in step.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../src/core/errors.ts';

describe('error registry', () => {
  it('matches the README error table row for row', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const block =
      /<!-- error-table:start -->([\s\S]*?)<!-- error-table:end -->/.exec(readme)?.[1] ?? '';
    const rows = block
      .split('\n')
      .filter((l) => /^\| [A-Z_]+ \|/.test(l))
      .map((l) =>
        l
          .split('|')
          .map((c) => c.trim())
          .slice(1, 4),
      );
    const expected = Object.entries(ERROR_CODES).map(([code, e]) => [
      code,
      String(e.status),
      e.meaning,
    ]);
    expect(rows).toEqual(expected);
  });

  it('gives every code a client or server error status', () => {
    for (const { status } of Object.values(ERROR_CODES)) {
      expect(status).toBeGreaterThanOrEqual(400);
      expect(status).toBeLessThan(600);
    }
  });
});

describe('codes the HTTP layer sends', () => {
  it('are all in the registry', async () => {
    const { readdir, readFile } = await import('node:fs/promises');
    const root = new URL('../src/web/', import.meta.url);
    const files = (await readdir(root, { recursive: true })).filter(
      (f) => f.endsWith('.ts') && !f.endsWith('.test.ts'),
    );
    const used = new Set<string>();
    for (const file of files) {
      const text = await readFile(new URL(file, root), 'utf8');
      for (const m of text.matchAll(/code: '([A-Z_]+)'/g)) used.add(m[1]!);
    }
    expect(used.size).toBeGreaterThan(5);
    for (const code of used) expect(Object.keys(ERROR_CODES)).toContain(code);
  });
});
