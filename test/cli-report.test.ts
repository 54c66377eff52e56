// `opendsp report analytics` run in process against the hand-built May 2023 month.
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedFixture } from '../src/analytics/testing.ts';
import { main } from '../src/cli/main.ts';
import { openStore } from '../src/store/index.ts';

let dir: string;
let dataDir: string;

async function opendsp(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(['--data-dir', dataDir, ...argv], {
    out: (l) => out.push(l),
    err: (l) => err.push(l),
    plainProgress: true,
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'opendsp-cli-report-'));
  dataDir = path.join(dir, 'data');
  const store = await openStore({ dataDir });
  await seedFixture(store);
  await store.close();
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('opendsp report analytics', () => {
  it("writes one party's reports, shows progress and the time of each stage", async () => {
    const out = path.join(dir, 'out');
    const run = await opendsp(
      'report',
      'analytics',
      '--month',
      '2023-05',
      '--user',
      'NNN',
      '--out',
      out,
    );
    expect(run.code).toBe(0);
    expect(run.out).toMatch(
      /Customer Analytics Reports for 2023-05 \(metric definitions 1\.0\.0\) from 67 audit records/,
    );
    expect(run.out).toMatch(/NNN\s+Electricity Distributor/);
    expect(run.out).toMatch(/render PDF\s+\d+\.\d\d/);
    expect(run.err).toMatch(/reports: 100% \(1\/1 reports\)/);
    expect(existsSync(path.join(out, 'NNN', 'CAR_2023-05_NNN_ED.pdf'))).toBe(true);
    expect(existsSync(path.join(dataDir, 'reports', 'NNN', 'CAR_2023-05_NNN_ED.pdf'))).toBe(true);
  });

  it('exits 2 naming a bad month, and a User outside the reporting roles', async () => {
    const month = await opendsp('report', 'analytics', '--month', 'June');
    expect(month.code).toBe(2);
    expect(month.err).toMatch(/--month.*June.*expected a month as YYYY-MM/);
    const user = await opendsp(
      'report',
      'analytics',
      '--month',
      '2023-05',
      '--user',
      '90-B3-D5-1F-30-00-01-41',
    );
    expect(user.code).toBe(2);
    expect(user.err).toMatch(/Gas Transporter User/);
  });

  it('fails (exit 1) on a month with no records, writing nothing', async () => {
    const run = await opendsp(
      'report',
      'analytics',
      '--month',
      '2023-08',
      '--out',
      path.join(dir, 'none'),
    );
    expect(run.err).toMatch(/no records in August 2023/);
    expect(existsSync(path.join(dir, 'none', 'NNN'))).toBe(false);
  });
});
