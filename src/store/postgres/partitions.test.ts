import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { auditRecord } from '../audit.fixtures.ts';
import { openStore } from '../index.ts';
import { monthOf, partitionName } from './partitions.ts';

const url = process.env['OPENDSP_TEST_DATABASE_URL'];

describe('audit partition names', () => {
  it('follow UTC months', () => {
    expect(partitionName(new Date('2024-12-31T23:59:59.999Z'))).toBe('audit_trail_2024_12');
    expect(partitionName(new Date('2025-01-01T00:00:00Z'))).toBe('audit_trail_2025_01');
    expect(monthOf(new Date('2024-02-10T00:00:00Z')).to).toEqual(new Date('2024-03-01T00:00:00Z'));
  });
});

describe.skipIf(url === undefined || url === '')('audit partitions on PostgreSQL', () => {
  it('creates a month partition on demand, once, and routes records to it', async () => {
    const schema = `opendsp_test_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    const store = await openStore({ url: url ?? '', schema });
    const partitions = async (): Promise<string[]> => {
      const result = await admin.query<{ name: string }>(
        `SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
         WHERE i.inhparent = format('%I.audit_trail', $1::text)::regclass ORDER BY 1`,
        [schema],
      );
      return result.rows.map((row) => row.name);
    };
    try {
      expect(await partitions()).toEqual([]);
      const july = new Date('2031-07-31T23:59:59.999Z');
      const august = new Date('2031-08-01T00:00:00Z');
      await store.appendAudit([
        auditRecord({ id: 1n, at: july }),
        auditRecord({ id: 2n, at: august }),
      ]);
      await store.appendAudit([auditRecord({ id: 3n, at: august })]);
      expect(await partitions()).toEqual(['audit_trail_2031_07', 'audit_trail_2031_08']);
      const counts = await admin.query<{ n: string }>(
        `SELECT count(*)::text AS n FROM ${schema}.audit_trail_2031_08`,
      );
      expect(counts.rows[0]?.n).toBe('2');
      // A second process (its own store) knows nothing of them yet and must not fail.
      const other = await openStore({ url: url ?? '', schema });
      await other.appendAudit([auditRecord({ id: 4n, at: july })]);
      await other.close();
      expect(await store.auditCount({})).toBe(4);
    } finally {
      await store.close();
      await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await admin.end();
    }
  });
});
