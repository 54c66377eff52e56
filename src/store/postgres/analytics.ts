// The analytics queries on PostgreSQL: EUI-64s are stored offset by 2^63 (codec.ts).
import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import type { AnalyticsStore } from '../analytics-port.ts';
import { decodeAnalyticsRow, inlineValues, lit, type Dialect } from '../analytics-sql.ts';
import type { SqlValue } from '../audit-sql.ts';
import { bind } from './audit.ts';
import { toPgId } from './codec.ts';
import type { Session } from './session.ts';

const DIALECT: Dialect = {
  devices: 'devices',
  // A NULL stays NULL; the non-device sentinel (the smallest bigint) becomes 0, which no device has.
  idText: (column) => `CAST((${column}::numeric + 9223372036854775808) AS VARCHAR)`,
  mpxnText: (column) => column,
  epochMs: (column) => `(EXTRACT(EPOCH FROM ${column}) * 1000)`,
  // The stored value is the EUI-64 minus 2^63: flipping the top bit gives the EUI-64's own bits.
  idHex: (column) => `upper(lpad(to_hex(${column} # (-9223372036854775808)::bigint), 16, '0'))`,
  isoText: (column) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`,
};

function literal(value: SqlValue): string {
  switch (value.kind) {
    case 'id':
      return toPgId(value.value);
    case 'record':
      return value.value.toString();
    case 'int':
      return String(value.value);
    case 'mpxn':
    case 'text':
      return value.value === null ? 'NULL' : lit(value.value);
    case 'time':
      return value.value === null ? 'NULL' : `TIMESTAMPTZ ${lit(value.value.toISOString())}`;
  }
}

/**
 * Splits COPY's CSV output by its leading partition columns into one CRLF file each. The
 * partition values (party IDs, roles, alert codes) never need quoting, and no exported column
 * holds a line break, so a line is a record.
 */
function partitionWriter(dir: string, depth: number, files: Map<string, string>): Writable {
  const streams = new Map<string, WriteStream>();
  let header: string | null = null;
  let rest = '';
  const cut = (line: string): [string, string] => {
    let at = -1;
    for (let i = 0; i < depth; i++) at = line.indexOf(',', at + 1);
    return [line.slice(0, at), line.slice(at + 1)];
  };
  const write = (line: string): void => {
    if (line === '') return;
    if (header === null) {
      header = cut(line)[1];
      return;
    }
    const [key, row] = cut(line);
    let stream = streams.get(key);
    if (!stream) {
      const file = path.join(dir, ...key.split(',').map(encodeURIComponent), 'data.csv');
      mkdirSync(path.dirname(file), { recursive: true });
      stream = createWriteStream(file);
      streams.set(key, stream);
      files.set(key.split(',').join('|'), file);
      stream.write(`${header}\r\n`);
    }
    stream.write(`${row}\r\n`);
  };
  return new Writable({
    write(chunk: Buffer, _encoding, done) {
      const lines = (rest + chunk.toString('utf8')).split('\n');
      rest = lines.pop() ?? '';
      try {
        for (const line of lines) write(line);
        done();
      } catch (error) {
        done(error as Error);
      }
    },
    final(done) {
      write(rest);
      Promise.all(
        [...streams.values()].map((s) => {
          s.end();
          return finished(s);
        }),
      )
        .then(() => {
          done();
        })
        .catch((error: unknown) => {
          done(error as Error);
        });
    },
  });
}

/** Creates the PostgreSQL implementation of {@link AnalyticsStore} over a session. */
export function createPostgresAnalytics(session: Session): AnalyticsStore {
  return {
    async analyticsRows(query) {
      const built = query.build(DIALECT);
      const rows = await session.query(built.text, bind(built), 'analytics');
      return rows.map((row) => decodeAnalyticsRow(row, query.name));
    },
    async analyticsCsvFiles(query, dir) {
      await rm(dir, { recursive: true, force: true });
      await mkdir(dir, { recursive: true });
      const sql = inlineValues(query.build(DIALECT), literal);
      const files = new Map<string, string>();
      await session.transaction((tx) =>
        tx.copyOut(
          `COPY (${sql}) TO STDOUT (FORMAT csv, HEADER)`,
          partitionWriter(dir, query.partitionBy.length, files),
        ),
      );
      return files;
    },
  };
}
