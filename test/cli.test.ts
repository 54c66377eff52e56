// The opendsp command line, run in process against temporary data directories.
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.ts';
import { generateEstate, type EstateBatch } from '../src/workload/estate.ts';
import { buildMarket } from '../src/workload/parties.ts';

interface Run {
  readonly code: number;
  readonly out: string;
  readonly err: string;
  readonly progress: readonly string[];
}

async function opendsp(...argv: string[]): Promise<Run> {
  const out: string[] = [];
  const err: string[] = [];
  const progress: string[] = [];
  const code = await main(argv, {
    out: (l) => out.push(l),
    err: (l) => (l.startsWith('seeding: ') ? progress : err).push(l),
    plainProgress: true,
  });
  return { code, out: out.join('\n'), err: err.join('\n'), progress };
}

let dir: string;
let dataDir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'opendsp-cli-'));
  dataDir = path.join(dir, 'data');
  const seeded = await opendsp('--data-dir', dataDir, 'seed', '--devices', '3000', '--seed', '11');
  expect(seeded.err).toBe('');
  expect(seeded.code).toBe(0);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const firstBatch = (): EstateBatch =>
  generateEstate({
    devices: 3000,
    seed: 11,
    market: buildMarket(),
    asOf: new Date('2026-01-01T00:00:00Z'),
  }).next().value as EstateBatch;

describe('opendsp seed', () => {
  it('reports what it wrote', async () => {
    const again = await opendsp(
      '--data-dir',
      path.join(dir, 'other'),
      'seed',
      '--devices',
      '1,500',
      '--seed',
      '3',
    );
    expect(again.code).toBe(0);
    expect(again.progress.at(-1)).toBe('seeding: 100% (1500/1500 devices)');
    expect(again.out).toMatch(
      /^Seeded 1,500 devices, [\d,]+ registrations, [\d,]+ HAN joins and \d+ DCC Users into /,
    );
  });

  it('refuses to write over an existing estate, and replaces it with --fresh', async () => {
    const refused = await opendsp('--data-dir', dataDir, 'seed', '--devices', '10');
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('already holds an estate of 3,000 devices; add --fresh');
    const fresh = path.join(dir, 'fresh');
    expect((await opendsp('--data-dir', fresh, 'seed', '--devices', '50')).code).toBe(0);
    const replaced = await opendsp('--data-dir', fresh, 'seed', '--devices', '70', '--fresh');
    expect(replaced.code).toBe(0);
    const stats = await opendsp('--data-dir', fresh, 'inventory', 'stats', '--json');
    expect(JSON.parse(stats.out)).toMatchObject({ devices: 70 });
  });

  it.each([
    [['--devices', 'lots'], '--devices: "lots" is not valid: expected a whole number'],
    [
      ['--devices', '0'],
      '--devices: "0" is not valid: expected a whole number from 1 to 60,000,000',
    ],
    [['--devices', '10', '--seed', '-4'], '--seed: "-4" is not valid'],
    [['--devices', '10', '--as-of', '2025-02-30'], '--as-of: "2025-02-30" is not valid'],
  ])('refuses bad arguments %j with exit code 2', async (args, message) => {
    const run = await opendsp('--data-dir', path.join(dir, 'bad'), 'seed', ...args);
    expect(run.code).toBe(2);
    expect(run.err).toContain(message);
  });

  it('gives a usage error for a missing option or an unknown command', async () => {
    const missing = await opendsp('seed');
    expect(missing.code).toBe(2);
    expect(missing.err).toContain("required option '--devices <n>' not specified");
    const unknown = await opendsp('inventroy');
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain("unknown command 'inventroy'");
  });
});

describe('opendsp inventory', () => {
  it('shows a device with its model, region, joins and who held each role on a date', async () => {
    const batch = firstBatch();
    const esme = batch.devices.find((d) => d.type === 'ESME' && d.status === 'Commissioned')!;
    const run = await opendsp(
      '--data-dir',
      dataDir,
      'inventory',
      'show',
      esme.id.toLowerCase(),
      '--at',
      '2025-12-01',
    );
    expect(run.code).toBe(0);
    expect(run.out).toContain(`Device ${esme.id}`);
    expect(run.out).toContain(
      `${esme.manufacturer} ${esme.model}, firmware ${esme.firmwareVersion}`,
    );
    expect(run.out).toContain(`supply point     ${esme.mpxn}`);
    expect(run.out).toMatch(/Import Supplier\s+90-B3-D5/);
    expect(run.out).toMatch(/Electricity Distributor\s+90-B3-D5/);
  });

  it('shows a supply point by MPAN with its devices and registration history', async () => {
    const esme = firstBatch().devices.find((d) => d.type === 'ESME')!;
    const run = await opendsp('--data-dir', dataDir, 'inventory', 'show', esme.mpxn!, '--json');
    expect(run.code).toBe(0);
    const shown = JSON.parse(run.out) as {
      kind: string;
      devices: { id: string }[];
      registrations: unknown[];
    };
    expect(shown.kind).toBe('supply-point');
    expect(shown.devices.map((d) => d.id)).toContain(esme.id);
    expect(shown.registrations.length).toBeGreaterThanOrEqual(2);
  });

  it('says which device is unknown (exit 1) and why a malformed ID is wrong (exit 2)', async () => {
    const unknown = await opendsp(
      '--data-dir',
      dataDir,
      'inventory',
      'show',
      'FF-FF-FF-FF-FF-FF-FF-FE',
    );
    expect(unknown.code).toBe(1);
    expect(unknown.err).toBe('opendsp: Device "FF-FF-FF-FF-FF-FF-FF-FE" was not found');
    const malformed = await opendsp(
      '--data-dir',
      dataDir,
      'inventory',
      'show',
      '00-11-22-33-44-55-66',
    );
    expect(malformed.code).toBe(2);
    expect(malformed.err).toContain('expected 8 octets separated by "-", found 7');
    const badMpan = await opendsp('--data-dir', dataDir, 'inventory', 'show', '1234567890123');
    expect(badMpan.code).toBe(2);
    expect(badMpan.err).toContain('check digit');
  });

  it('summarises the estate', async () => {
    const run = await opendsp('--data-dir', dataDir, 'inventory', 'stats');
    expect(run.code).toBe(0);
    expect(run.out).toMatch(/devices\s+3,000/);
    expect(run.out).toContain('By device type');
    expect(run.out).toMatch(/CHF\s+[\d,]+/);
  });

  it('names the database when it cannot be reached', async () => {
    const run = await opendsp(
      '--database-url',
      'postgres://opendsp:secret@127.0.0.1:1/none',
      'inventory',
      'stats',
    );
    expect(run.code).toBe(1);
    expect(run.err).toContain('127.0.0.1:1');
    expect(run.err).not.toContain('secret');
  });
});

describe('the opendsp bin', () => {
  it('runs through npx-style execution and prints help', async () => {
    const bin = path.join(import.meta.dirname, '..', 'bin', 'opendsp.js');
    const { stdout } = await promisify(execFile)(process.execPath, [bin, '--help']);
    expect(stdout).toContain('Usage: opendsp');
    expect(stdout).toContain('seed');
    expect(stdout).toContain('inventory');
  });
});
