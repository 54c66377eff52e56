import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StorageError } from '../../core/errors.ts';
import { openStore } from '../index.ts';
import { describeAnalyticsContract } from '../../analytics/analytics.contract.ts';
import { describeAuditContract } from '../audit.contract.ts';
import { describeDspContract } from '../dsp.contract.ts';
import { describeOutboxContract } from '../outbox.contract.ts';
import { describeSsiContract } from '../ssi.contract.ts';
import { describeStoreContract, type StoreHarness } from '../store.contract.ts';
import { createDuckDbStore } from './index.ts';
import { DUCKDB_MIGRATIONS } from './migrations.ts';

let dir: string;
let counter = 0;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'opendsp-duckdb-test-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const inMemory: StoreHarness = {
  open: async () => {
    const store = await createDuckDbStore({ path: ':memory:' });
    await store.migrate();
    return store;
  },
  dispose: (store) => store.close(),
};
const inFile: StoreHarness = {
  open: () => openStore({ dataDir: path.join(dir, `contract-${++counter}`) }),
  dispose: (store) => store.close(),
};

describeStoreContract('DuckDB in memory', inMemory);
describeStoreContract('DuckDB file', inFile);
describeAuditContract('DuckDB in memory', inMemory);
describeAnalyticsContract('DuckDB in memory', inMemory);
describeAuditContract('DuckDB file', inFile);
describeOutboxContract('DuckDB in memory', inMemory);
describeOutboxContract('DuckDB file', inFile);
describeDspContract('DuckDB in memory', inMemory);
describeDspContract('DuckDB file', inFile);
describeSsiContract('DuckDB in memory', inMemory);
describeSsiContract('DuckDB file', inFile);

describe('DuckDB files', () => {
  it('creates the data directory and keeps data across reopening', async () => {
    const dataDir = path.join(dir, 'nested', 'data');
    const first = await openStore({ dataDir });
    expect(first.location).toBe(path.join(dataDir, 'opendsp.duckdb'));
    expect(await first.schemaVersion()).toBe(DUCKDB_MIGRATIONS.length);
    await first.close();
    const again = await openStore({ dataDir });
    expect(await again.migrate()).toEqual([]);
    await again.close();
  });

  it('refuses a file that is not a DuckDB database with a clear StorageError', async () => {
    const file = path.join(dir, 'corrupt.duckdb');
    await writeFile(file, 'this is not a database, just some text '.repeat(200));
    const error = await createDuckDbStore({ path: file }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StorageError);
    expect(String(error)).toContain(file);
    expect(String(error)).toMatch(/not a DuckDB database/);
  });

  it('refuses a file locked by another process, saying so', async () => {
    const dataDir = path.join(dir, 'locked');
    await (await openStore({ dataDir })).close();
    const file = path.join(dataDir, 'opendsp.duckdb');
    const holder = spawn(
      process.execPath,
      [
        '-e',
        `const { DuckDBInstance } = require('@duckdb/node-api');
         DuckDBInstance.create(${JSON.stringify(file)}).then(() => { console.log('held'); setInterval(() => {}, 1000); });`,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    try {
      await new Promise<void>((resolve) =>
        holder.stdout.once('data', () => {
          resolve();
        }),
      );
      const error = await openStore({ dataDir }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StorageError);
      expect(String(error)).toMatch(/locked by another process/);
    } finally {
      holder.kill();
    }
  });
});
