// A lost PostgreSQL connection under load: `opendsp serve` stays up, answers every request (200,
// or 503 STORAGE), writes one line per loss, serves again by itself, and answers 503 only for
// requests that left nothing in the audit trail; a COMMIT cut off with its connection is
// reported as what the server did with it.
//
// The server runs as a child process (bin/opendsp.js serve), as in production: the defect is
// the process dying on an unheard 'error' event, which in-process would take the vitest worker
// down with it instead of failing an assertion; a child also gives the real serve log path.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import net, { type AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Eui64 } from '../src/core/eui64.ts';
import { StorageError } from '../src/core/errors.ts';
import { createCredentialRegistry } from '../src/dsp/credentials.ts';
import { createKeyPair, type KeyPair } from '../src/dsp/identity.ts';
import { signXml } from '../src/dsp/signing/index.ts';
import { openStore } from '../src/store/index.ts';
import { describeUrl } from '../src/store/postgres/index.ts';
import { connectSession } from '../src/store/postgres/session.ts';
import { seedEstate } from '../src/workload/seed.ts';
import { xmlRequest } from './support/duis.ts';
import { responsibleSupplierNow } from './support/estate.ts';

const url = process.env['OPENDSP_TEST_DATABASE_URL'];

/** What one request got back: an HTTP status and body, or the fetch failure. */
interface Answer {
  readonly requestId: string;
  readonly status: number;
  readonly body: string;
}

/**
 * A TCP relay to PostgreSQL that cuts the first connection to send COMMIT, either before passing
 * it on (the server never commits) or once the server has answered it (the server committed,
 * the client never hears so): the two sides of a COMMIT lost with its connection.
 */
async function commitCutter(
  upstream: URL,
  when: 'before' | 'after',
): Promise<{ readonly port: number; fired(): boolean; close(): Promise<void> }> {
  let armed = true;
  const relay = net.createServer((down) => {
    const up = net.connect(Number(upstream.port || '5432'), upstream.hostname);
    let cut = false;
    const end = (): void => {
      down.destroy();
      up.destroy();
    };
    down.on('error', end).on('close', end);
    up.on('error', end).on('close', end);
    up.on('data', (chunk: Buffer) => {
      if (cut) end();
      else down.write(chunk);
    });
    down.on('data', (chunk: Buffer) => {
      // A simple-protocol Query message ends with the statement and a NUL.
      if (armed && chunk.includes('COMMIT\0')) {
        armed = false;
        if (when === 'before') {
          end();
          return;
        }
        cut = true;
      }
      up.write(chunk);
    });
  });
  await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', resolve));
  return {
    port: (relay.address() as AddressInfo).port,
    fired: () => !armed,
    close: () =>
      new Promise((resolve) => {
        relay.close(() => {
          resolve();
        });
      }),
  };
}

if (url === undefined || url === '') {
  describe('PostgreSQL outage under load', () => {
    it.skip('skipped: set OPENDSP_TEST_DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/test)', () => {
      // Nothing to run without a server.
    });
  });
} else {
  const database = `opendsp_outage_${randomBytes(5).toString('hex')}`;
  const dbUrl = new URL(url);
  dbUrl.pathname = `/${database}`;
  const target = describeUrl(url).target;
  const admin = new pg.Client({ connectionString: url });
  let dir: string | undefined;
  let server: ChildProcess | undefined;
  let stderr = '';
  let base = '';
  let userKeys: KeyPair;
  let supplier: Eui64;
  let esmeId: string;
  let counter = BigInt(Date.now()) * 1000n;

  /** Starts `opendsp serve` on a free port and resolves with its address. */
  const startServer = async (dataDir: string): Promise<string> => {
    const bin = path.join(import.meta.dirname, '..', 'bin', 'opendsp.js');
    const env = { ...process.env };
    delete env['OPENDSP_DATABASE_URL'];
    const child = spawn(
      process.execPath,
      [bin, '--data-dir', dataDir, '--database-url', dbUrl.toString(), 'serve', '--port', '0'],
      { env, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    server = child;
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    let stdout = '';
    return new Promise((resolve, reject) => {
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
        stdout += chunk;
        const match = /listening on (http:\/\/\S+)/.exec(stdout);
        if (match?.[1] !== undefined) resolve(match[1]);
      });
      child.once('exit', (code, signal) => {
        reject(new Error(`opendsp serve ended (${code ?? signal}) before listening: ${stderr}`));
      });
    });
  };

  const send = async (): Promise<Answer> => {
    counter += 1n;
    const requestId = `${supplier}:${esmeId}:${counter}`;
    const body = signXml(
      xmlRequest({
        requestId,
        sr: '4.1',
        srv: '4.1.1',
        body: '<sr:ReadInstantaneousImportRegisters/>',
      }),
      userKeys,
    );
    try {
      const response = await fetch(`${base}/duis`, {
        method: 'POST',
        headers: { 'content-type': 'application/xml' },
        body,
      });
      return { requestId, status: response.status, body: await response.text() };
    } catch (error) {
      // No HTTP answer at all: the server died or dropped the connection.
      return { requestId, status: 0, body: String(error) };
    }
  };

  /** Ends every server connection to the test database; returns how many it ended. */
  const terminate = async (): Promise<number> => {
    const { rows } = await admin.query<{ ended: boolean }>(
      `SELECT pg_terminate_backend(pid) AS ended FROM pg_stat_activity
        WHERE datname = $1 AND pid <> pg_backend_pid()`,
      [database],
    );
    return rows.filter((r) => r.ended).length;
  };

  const serverAlive = (): boolean =>
    server !== undefined && server.exitCode === null && server.signalCode === null;

  beforeAll(async () => {
    await admin.connect();
    await admin.query(`CREATE DATABASE ${database}`);
    const work = await mkdtemp(path.join(os.tmpdir(), 'opendsp-pg-outage-'));
    dir = work;
    const dataDir = path.join(work, 'data');
    userKeys = await createKeyPair({ subject: 'CN=Z1,OU=07' });
    const store = await openStore({ url: dbUrl.toString() });
    try {
      await seedEstate({ store, devices: 200, seed: 5, asOf: new Date('2026-01-01T00:00:00Z') });
      const estate = await store.loadEstate();
      const esme = estate.devices.find(
        (d) => d.type === 'ESME' && d.status === 'Commissioned' && d.smets === 'SMETS2',
      )!;
      supplier = responsibleSupplierNow(estate.registrations, esme)!;
      esmeId = esme.id;
      const registry = createCredentialRegistry(await store.credentials());
      await store.addCredential(
        registry.prepare({
          pem: userKeys.certificatePem,
          userId: supplier,
          role: 'ImportSupplier',
          at: new Date(),
        }),
      );
    } finally {
      await store.close();
    }
    base = await startServer(dataDir);
  }, 60_000);

  afterAll(async () => {
    const child = server;
    if (child !== undefined && serverAlive()) {
      const ended = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await ended;
    }
    // WITH (FORCE) (PostgreSQL 13+) ends any connection a failed run left behind.
    await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await admin.end();
    if (dir !== undefined) await rm(dir, { recursive: true, force: true });
  }, 30_000);

  describe('PostgreSQL outage under load', () => {
    it('keeps serving: every request answered, 503 only for what was not committed', async () => {
      const answers: Answer[] = [await send()];
      expect(answers[0]?.status).toBe(200);

      // Load: workers keep requests in flight while every backend of the database is ended,
      // round after round, until enough rounds have ended live connections.
      let loading = true;
      const worker = async (): Promise<void> => {
        while (loading) answers.push(await send());
      };
      const workers = Array.from({ length: 8 }, worker);
      let ended = 0;
      for (let rounds = 0; rounds < 6 && serverAlive();) {
        await sleep(30);
        const count = await terminate();
        ended += count;
        if (count > 0) rounds += 1;
      }
      loading = false;
      await Promise.all(workers);

      expect(serverAlive(), `the server died; its stderr:\n${stderr}`).toBe(true);
      // 409 DUIS_REPLAY: eight workers share one originator, so counters may arrive out of
      // order; such a refusal is answered and recorded like any other.
      expect(answers.filter((a) => ![200, 409, 503].includes(a.status))).toEqual([]);
      for (const replay of answers.filter((a) => a.status === 409)) {
        expect((JSON.parse(replay.body) as { code: string }).code).toBe('DUIS_REPLAY');
      }
      const refusals = answers
        .filter((a) => a.status === 503)
        .map((a) => JSON.parse(a.body) as { code: string; message: string });
      for (const refusal of refusals) {
        expect(refusal.code).toBe('STORAGE');
        expect(refusal.message).not.toBe('');
      }
      // Requests of a failed group commit may be refused for that earlier failure; the failure
      // itself names the server and what happened to the connection.
      if (refusals.length > 0) {
        expect(
          refusals.some((r) => r.message.startsWith(`${target}: the connection was`)),
          JSON.stringify(refusals.slice(0, 5)),
        ).toBe(true);
      }

      // Back by itself: once the pool has dropped the ended connections, requests succeed.
      let first = await send();
      for (let tries = 0; first.status !== 200 && tries < 40; tries += 1) {
        answers.push(first);
        await sleep(50);
        first = await send();
      }
      answers.push(first);
      expect(first.status).toBe(200);
      const recovered = await Promise.all(Array.from({ length: 8 }, send));
      answers.push(...recovered);
      expect(recovered.map((a) => a.status)).toEqual(recovered.map(() => 200));
      expect(serverAlive()).toBe(true);

      // One line per loss, naming the server and the cause; no stack traces.
      const lost = stderr
        .split('\n')
        .filter((line) => line.includes(`PostgreSQL at ${target} lost:`));
      expect(lost.length).toBeGreaterThan(0);
      expect(lost.length).toBeLessThanOrEqual(ended);
      // Which event a client hears first varies: the server's 57P01, or the socket closing.
      for (const line of lost) {
        expect(line).toMatch(
          /lost: the connection was (terminated by the server \(57P01|broken|closed unexpectedly)/,
        );
      }
      expect(stderr).not.toMatch(/^\s+at /m);
      const notices = stderr.split('\n').filter((line) => line.includes(`PostgreSQL at ${target}`));
      expect(notices.at(-1)).toContain(`PostgreSQL at ${target} is back`);

      // The trail holds a request exactly when its User was answered 200.
      const store = await openStore({ url: dbUrl.toString(), skipMigrations: true });
      const trail = new Set<string>();
      try {
        let cursor: string | undefined;
        do {
          const page = await store.auditSearch(
            { kind: 'request' },
            { limit: 500, ...(cursor === undefined ? {} : { after: cursor }) },
          );
          for (const record of page.records) {
            if (record.requestId !== null) trail.add(record.requestId);
          }
          cursor = page.next ?? undefined;
        } while (cursor !== undefined);
      } finally {
        await store.close();
      }
      // Answered (200, or the 409 of a replay) exactly when recorded; 503 exactly when not.
      const recorded = (code: number | undefined): boolean => code === 200 || code === 409;
      const status = new Map(answers.map((a) => [a.requestId, a.status]));
      const committedUnanswered = [...trail].filter((id) => !recorded(status.get(id)));
      expect(committedUnanswered).toEqual([]);
      const answeredNotKept = answers.filter((a) => recorded(a.status) && !trail.has(a.requestId));
      expect(answeredNotKept).toEqual([]);
      const refusedButKept = answers.filter((a) => a.status === 503 && trail.has(a.requestId));
      expect(refusedButKept).toEqual([]);
    }, 60_000);

    it('learns from the server whether a COMMIT cut off with its connection took effect', async () => {
      const setup = new pg.Client({ connectionString: dbUrl.toString() });
      await setup.connect();
      await setup.query('CREATE TABLE commit_cut (n int)');
      const rows = async (): Promise<number> =>
        (await setup.query<{ n: number }>('SELECT count(*)::int AS n FROM commit_cut')).rows[0]!.n;
      try {
        for (const when of ['after', 'before'] as const) {
          const relay = await commitCutter(dbUrl, when);
          const proxied = new URL(dbUrl);
          proxied.hostname = '127.0.0.1';
          proxied.port = String(relay.port);
          const session = await connectSession(
            { connectionString: proxied.toString(), max: 2 },
            `127.0.0.1:${relay.port}`,
          );
          try {
            const before = await rows();
            const outcome = await session
              .transaction(async (tx) => {
                await tx.query('INSERT INTO commit_cut VALUES (1)');
                return 'answered';
              })
              .catch((error: unknown) => error);
            expect(relay.fired()).toBe(true);
            if (when === 'after') {
              // It committed: the caller is told so, not told it failed.
              expect(outcome).toBe('answered');
              expect(await rows()).toBe(before + 1);
            } else {
              expect(outcome).toBeInstanceOf(StorageError);
              expect(String(outcome)).toContain(`127.0.0.1:${relay.port}: the connection was`);
              expect(String(outcome)).toContain('the transaction was rolled back');
              expect(await rows()).toBe(before);
            }
            // The pool dropped the cut connection and works on.
            expect(await session.query('SELECT 1 AS one')).toEqual([{ one: 1 }]);
          } finally {
            await session.close();
            await relay.close();
          }
        }
      } finally {
        await setup.end();
      }
    });
  });
}
