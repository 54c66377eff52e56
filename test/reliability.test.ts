// Durability under SIGKILL: `opendsp serve` killed with requests in flight and restarted, on
// each engine; nothing acknowledged may be missing from the trail, the SMI or the User's inbox.
import { describe, expect, it } from 'vitest';
import { runKillHarness, type KillReport } from './support/kill-harness.ts';

const url = process.env['OPENDSP_TEST_DATABASE_URL'];
const KILLS = 10;
/**
 * A small estate and short rounds keep the kills quick (a restart is about 2 s, mostly loading
 * the CLI); the wait that follows is not: an N13 falls due 60 s after its request, and messages
 * the killed server had claimed return when its 60 s push lease ends. The two engines run side
 * by side, so the test takes about 100 s; the timeout leaves room for a busy machine.
 */
const TIMEOUT_MS = 300_000;
const RUN = { kills: KILLS, devices: 600, users: 6, uptimeMs: [250, 900] } as const;

function expectNothingLost(report: KillReport): void {
  // The details name each loss (what, which RequestID); they are empty when nothing was lost.
  expect(report.details).toEqual([]);
  expect(report.acknowledgedMissing).toBe(0);
  expect(report.smiLost).toBe(0);
  expect(report.smiUnexplained).toBe(0);
  expect(report.undelivered).toBe(0);
  expect(report.undeliveredUnacknowledged).toBe(0);
  expect(report.refused).toBe(0);
  expect(report.restartMs).toHaveLength(KILLS);
  // The run did what it is for: kills cut answers off, and SMI changes were acknowledged.
  expect(report.cutOff).toBeGreaterThan(0);
  expect(report.smiChangesChecked).toBeGreaterThan(0);
}

describe.concurrent('SIGKILL and restart', () => {
  it(
    `DuckDB: ${KILLS} kills lose nothing acknowledged, and each restart checkpoints the log`,
    async () => {
      const report = await runKillHarness({ ...RUN, engine: 'duckdb', seed: 1 });
      expectNothingLost(report);
      expect(report.walBytesAfterLastRestart).not.toBeNull();
      expect(report.walBytesAfterLastRestart ?? Infinity).toBeLessThan(16 * 2 ** 20);
      // Without a checkpoint after recovery the log only grows: after each restart it would
      // hold at least what it held at the kill. With it, it holds only what the restarted
      // server wrote before answering (its first delivery claims).
      for (const [i, atKill] of report.walBytesAtKill.entries()) {
        if (atKill < 64 * 1024) continue;
        expect(report.walBytesAfterRestart[i] ?? Infinity).toBeLessThan(atKill / 2);
      }
    },
    TIMEOUT_MS,
  );

  it.skipIf(url === undefined || url === '')(
    `PostgreSQL: ${KILLS} kills lose nothing acknowledged (skipped without OPENDSP_TEST_DATABASE_URL, which names the server to make a scratch database on)`,
    async () => {
      const report = await runKillHarness({
        ...RUN,
        engine: 'postgres',
        seed: 2,
        ...(url === undefined ? {} : { databaseUrl: url }),
      });
      expectNothingLost(report);
    },
    TIMEOUT_MS,
  );
});
