import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { StorageError } from '../../core/errors.ts';
import { openStore } from '../index.ts';
import type { Store } from '../port.ts';
import { describeAnalyticsContract } from '../../analytics/analytics.contract.ts';
import { describeAuditContract } from '../audit.contract.ts';
import { describeDspContract } from '../dsp.contract.ts';
import { describeOutboxContract } from '../outbox.contract.ts';
import { describeSsiContract } from '../ssi.contract.ts';
import { describeStoreContract, type StoreHarness } from '../store.contract.ts';
import { describeUrl } from './index.ts';

const url = process.env['OPENDSP_TEST_DATABASE_URL'];
const schemas = new WeakMap<Store, string>();

/** Drops a test schema through a connection of its own. */
async function dropSchema(schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  } finally {
    await client.end();
  }
}

if (url === undefined || url === '') {
  describe('Store contract: PostgreSQL', () => {
    it.skip('skipped: set OPENDSP_TEST_DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/test)', () => {
      // Nothing to run without a server.
    });
  });
} else {
  const harness: StoreHarness = {
    open: async () => {
      const schema = `opendsp_test_${randomBytes(6).toString('hex')}`;
      const store = await openStore({ url, schema });
      schemas.set(store, schema);
      return store;
    },
    dispose: async (store) => {
      await store.close();
      const schema = schemas.get(store);
      if (schema !== undefined) await dropSchema(schema);
    },
  };
  describeStoreContract('PostgreSQL', harness);
  describeAuditContract('PostgreSQL', harness);
  describeOutboxContract('PostgreSQL', harness);
  describeDspContract('PostgreSQL', harness);
  describeSsiContract('PostgreSQL', harness);
  describeAnalyticsContract('PostgreSQL', harness);
}

describe('PostgreSQL URLs', () => {
  it('removes the password from the location and names host:port', () => {
    expect(describeUrl('postgres://app:s3cret@db.example:6432/opendsp')).toEqual({
      location: 'postgres://app@db.example:6432/opendsp',
      target: 'db.example:6432',
    });
    expect(describeUrl('postgresql://localhost/x').target).toBe('localhost:5432');
  });
});

describe('PostgreSQL unreachable', () => {
  it('gives a StorageError naming host:port without the password, quickly', async () => {
    const started = Date.now();
    const error = await openStore({ url: 'postgres://user:hunter2@127.0.0.1:1/none' }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(StorageError);
    expect(String(error)).toContain('127.0.0.1:1');
    expect(String(error)).toMatch(/refused/);
    expect(String(error)).not.toContain('hunter2');
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('refuses a URL that is not PostgreSQL', async () => {
    await expect(openStore({ url: 'mysql://localhost/x' })).rejects.toThrow(StorageError);
  });
});
