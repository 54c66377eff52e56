// Audit trail benchmark as a library: appends N synthetic records through the group-commit
// writer at a given batch size and measures records/s and bytes on disk per record.
//
// Measured on the 2-core CI machine, 1M records (2/3 with a ~600-byte XML payload), appends
// only (the close and its final checkpoint are not timed): DuckDB 61k / 85k / 86k records/s
// at batches of 1k / 10k / 50k, 157-161 B/record (the file); PostgreSQL 27k / 40k / 37k
// records/s, 824 B/record (partitions with their indexes; payloads under 2 kB are stored
// uncompressed).
import { mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { AuditRecord } from '../src/audit/records.ts';
import { createAuditWriter } from '../src/audit/writer.ts';
import { eui64FromBigInt } from '../src/core/eui64.ts';
import type { Mpxn } from '../src/core/mpxn.ts';
import { openStore, type Engine } from '../src/store/index.ts';

/** Options for {@link benchAudit}. */
export interface AuditBenchOptions {
  /** Records per transaction (the writer's maxBatch; default 10,000). */
  readonly batchSize?: number;
  /** PostgreSQL URL (default OPENDSP_TEST_DATABASE_URL, then the local CI server). */
  readonly url?: string;
}

/** What one run measured. */
export interface AuditBenchResult {
  readonly engine: Engine;
  readonly records: number;
  readonly batchSize: number;
  readonly seconds: number;
  readonly recordsPerSecond: number;
  /** Bytes on disk per record: the DuckDB file, or every audit_trail partition with indexes. */
  readonly bytesPerRecord: number;
}

const SUPPLIER = eui64FromBigInt(0x90_b3_d5_1f_30_01_00_01n);
const DEVICES = 200_000;

/** Synthetic SRV exchanges (request, acknowledgement, response) over scattered devices. */
export function syntheticAudit(n: number): AuditRecord[] {
  const records: AuditRecord[] = [];
  const start = Date.UTC(2024, 2, 1);
  for (let i = 0; records.length < n; i++) {
    const device = eui64FromBigInt(
      (0x00_db_12n << 40n) | ((BigInt(i % DEVICES) * 0x9e37_79b9n) & 0xff_ffff_ffffn),
    );
    const requestId = `${SUPPLIER}:${device}:${1000 + i}`;
    const at = start + i * 20; // 50 SRVs per simulated second: 1M records span ~2 hours
    const failed = i % 37 === 0;
    const base = {
      requestId,
      deviceId: device,
      mpxn: String(1_200_000_000_000 + (i % DEVICES) * 11) as Mpxn,
      serviceReference: '4.1',
      srv: '4.1.1',
      srvName: 'Read Instantaneous Import Registers',
      originatorRole: 'ImportSupplier' as const,
      originatorId: SUPPLIER,
      format: 'xml' as const,
    };
    const body = `<sr:Request xmlns:sr="http://www.dccinterface.co.uk/ServiceUserGateway" schemaVersion="5.1"><sr:Header><sr:RequestID>${requestId}</sr:RequestID><sr:CommandVariant>1</sr:CommandVariant><sr:ServiceReference>4.1</sr:ServiceReference><sr:ServiceReferenceVariant>4.1.1</sr:ServiceReferenceVariant></sr:Header><sr:Body><sr:ReadInstantaneousImportRegisters/></sr:Body><ds:Signature>${'x'.repeat(180)}</ds:Signature></sr:Request>`;
    const kinds = [
      { kind: 'request', code: null, outcome: 'pending', recipientId: null, payload: body },
      { kind: 'acknowledgement', code: 'I99', outcome: 'pending', recipientId: SUPPLIER },
      {
        kind: 'response',
        code: failed ? 'E040101' : 'I0',
        outcome: failed ? 'failure' : 'success',
        recipientId: SUPPLIER,
        roundTripMs: 800 + (i % 500),
        payload: body.replace('Request', 'Response'),
      },
    ] as const;
    for (const [k, part] of kinds.entries()) {
      if (records.length >= n) break;
      records.push({
        ...base,
        roundTripMs: null,
        payload: null,
        ...part,
        format: 'payload' in part ? 'xml' : null,
        id: BigInt(i * 3 + k + 1),
        at: new Date(at + k * 3),
        metadata: k === 0 ? { commandVariant: 1, signer: 'CN=Z1,OU=07 #4711' } : {},
      });
    }
  }
  return records;
}

/** Appends `n` records to a fresh store of `engine` through the writer; reports speed and size. */
export async function benchAudit(
  engine: Engine,
  n: number,
  options: AuditBenchOptions = {},
): Promise<AuditBenchResult> {
  const batchSize = options.batchSize ?? 10_000;
  const records = syntheticAudit(n);
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'opendsp-audit-bench-'));
  const url =
    options.url ?? process.env['OPENDSP_TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1/test';
  const schema = `bench_audit_${process.pid}_${Date.now()}`;
  const admin = engine === 'postgres' ? new pg.Client({ connectionString: url }) : undefined;
  try {
    await admin?.connect();
    const store = await openStore(engine === 'postgres' ? { url, schema } : { dataDir });
    const writer = createAuditWriter({ store, maxBatch: batchSize, maxDelayMs: 2 });
    const started = performance.now();
    const appended = records.map((record) => writer.append(record));
    await writer.close();
    await Promise.all(appended);
    const seconds = (performance.now() - started) / 1000;
    await store.close();
    let bytes: number;
    if (admin !== undefined) {
      const result = await admin.query<{ bytes: string }>(
        `SELECT sum(pg_total_relation_size(relid))::text AS bytes
         FROM pg_partition_tree(format('%I.audit_trail', $1::text)::regclass)`,
        [schema],
      );
      bytes = Number(result.rows[0]?.bytes ?? 0);
    } else {
      bytes = (await stat(path.join(dataDir, 'opendsp.duckdb'))).size;
    }
    return {
      engine,
      records: n,
      batchSize,
      seconds,
      recordsPerSecond: n / seconds,
      bytesPerRecord: bytes / n,
    };
  } finally {
    await admin?.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await admin?.end();
    await rm(dataDir, { recursive: true, force: true });
  }
}
