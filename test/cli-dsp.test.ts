// The DSP commands of the CLI: simulate, duis check, users add-cert / new-cert.
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.ts';
import { xmlRequest } from './support/duis.ts';

async function opendsp(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, {
    out: (l) => out.push(l),
    err: (l) => {
      if (!/^(seeding|simulating): /.test(l)) err.push(l);
    },
    plainProgress: true,
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

let dir: string;
let dataDir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'opendsp-cli-dsp-'));
  dataDir = path.join(dir, 'data');
  expect(
    (await opendsp('--data-dir', dataDir, 'seed', '--devices', '2000', '--as-of', '2023-06-15'))
      .code,
  ).toBe(0);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('opendsp simulate', () => {
  it('runs traffic across the MP178 date and summarises outcomes by SRV and response code', async () => {
    const run = await opendsp(
      '--data-dir',
      dataDir,
      'simulate',
      '--days',
      '30',
      '--from',
      '2024-06-13', // two weeks before MP178's implementation date, 27 June 2024
      '--rate',
      '0.6',
      '--seed',
      '4',
    );
    expect(run.err).toBe('');
    expect(run.code).toBe(0);
    expect(run.out).toMatch(/^Simulated [\d,]+ Service Requests in/);
    expect(run.out).toMatch(
      /Unjoins \(8\.8\.x\) after MP178: +[1-9][\d,]*, refused with E080801: 0/,
    );
    expect(run.out).toMatch(/4\.6\.1\s+I0\s+[\d,]+/);
  });

  it('refuses a bad rate and an empty store', async () => {
    const bad = await opendsp('--data-dir', dataDir, 'simulate', '--rate', '0');
    expect(bad.code).toBe(2);
    expect(bad.err).toContain(
      '--rate: "0" is not valid: expected Service Requests per device per day',
    );
    const empty = await opendsp('--data-dir', path.join(dir, 'empty'), 'simulate', '--days', '1');
    expect(empty.code).toBe(1);
    expect(empty.err).toContain('holds no estate; run opendsp seed --devices N first');
  });
});

describe('opendsp duis check', () => {
  it('prints the header of a good file and every problem of a bad one, with exit code 1', async () => {
    const good = path.join(dir, 'good.xml');
    const bad = path.join(dir, 'bad.xml');
    await writeFile(good, xmlRequest());
    await writeFile(bad, xmlRequest({ cv: '9', requestId: 'not-an-id' }));
    const run = await opendsp('duis', 'check', good, bad);
    expect(run.code).toBe(1);
    expect(run.out).toContain('8.8.2');
    expect(run.out).toContain('sr:RequestID');
    expect(run.out).toContain('sr:CommandVariant');
    expect((await opendsp('duis', 'check', good)).code).toBe(0);
  });
});

describe('opendsp users', () => {
  it('makes a test certificate, registers it once, and refuses it twice', async () => {
    const certs = path.join(dir, 'certs');
    expect(
      (await opendsp('users', 'new-cert', '--subject', 'CN=Z1,OU=07', '--out', certs)).code,
    ).toBe(0);
    const cert = path.join(
      certs,
      (await readdir(certs)).find((f) => f.endsWith('-cert.pem'))!,
    );
    const args = [
      '--data-dir',
      dataDir,
      'users',
      'add-cert',
      '--user-id',
      '90-B3-D5-1F-30-01-01-00',
      '--role',
      'IS',
      cert,
    ];
    const first = await opendsp(...args);
    expect(first.code).toBe(0);
    expect(first.out).toContain('for User 90-B3-D5-1F-30-01-01-00 as ImportSupplier');
    const again = await opendsp(...args);
    expect(again.code).toBe(1);
    expect(again.err).toContain('is already registered');
    const wrongRole = await opendsp(
      '--data-dir',
      dataDir,
      'users',
      'add-cert',
      '--user-id',
      '90-B3-D5-1F-30-01-01-00',
      '--role',
      'Plumber',
      cert,
    );
    expect(wrongRole.code).toBe(2);
    expect(wrongRole.err).toContain('--role: "Plumber" is not valid');
  });
});

describe('opendsp ssi', () => {
  it('creates an organisation administrator and a viewer, with the password from the environment', async () => {
    process.env['OPENDSP_TEST_PW'] = 'correct horse battery staple';
    const admin = await opendsp(
      '--data-dir',
      dataDir,
      'ssi',
      'add-admin',
      '--org',
      'BWE',
      '--org-name',
      'Brightwater Energy',
      '--name',
      'Ada Admin',
      '--email',
      'ada@bwe.example',
      '--password-env',
      'OPENDSP_TEST_PW',
    );
    expect(admin.err).toBe('');
    expect(admin.out).toContain(
      'Organisation BWE (Brightwater Energy): administrator ada@bwe.example added',
    );
    const viewer = await opendsp(
      '--data-dir',
      dataDir,
      'ssi',
      'add-person',
      '--org',
      'BWE',
      '--name',
      'Vic Viewer',
      '--email',
      'vic@bwe.example',
      '--roles',
      'viewer',
      '--password-env',
      'OPENDSP_TEST_PW',
    );
    expect(viewer.out).toContain('Added vic@bwe.example to BWE as viewer');
    const badRole = await opendsp(
      '--data-dir',
      dataDir,
      'ssi',
      'add-person',
      '--org',
      'BWE',
      '--name',
      'X',
      '--email',
      'x@bwe.example',
      '--roles',
      'boss',
      '--password-env',
      'OPENDSP_TEST_PW',
    );
    expect(badRole.code).toBe(2);
    expect(badRole.err).toContain('--roles: "boss" is not valid');
    const noPassword = await opendsp(
      '--data-dir',
      dataDir,
      'ssi',
      'add-person',
      '--org',
      'BWE',
      '--name',
      'Y',
      '--email',
      'y@bwe.example',
      '--roles',
      'viewer',
      '--password-env',
      'OPENDSP_UNSET_PW',
    );
    expect(noPassword.code).toBe(2);
    expect(noPassword.err).toContain('set this environment variable to the password');
  });
});

describe('opendsp governance', () => {
  it('lists, shows, reports and advances proposals, refusing an illegal step', async () => {
    const list = await opendsp('--data-dir', dataDir, 'governance', 'list', '--text', 'SRO');
    expect(list.code).toBe(0);
    expect(list.out).toContain('DP108');
    const show = await opendsp('--data-dir', dataDir, 'governance', 'show', 'MP141');
    expect(show.out).toContain('Timeline:');
    const report = await opendsp(
      '--data-dir',
      dataDir,
      'governance',
      'report',
      '--as-of',
      '2020-02-07',
    );
    expect(report.out).toContain('| SECMP0007 | IA | 30 July 2019 | 40 WD | 134 WD |');
    const pdf = await opendsp(
      '--data-dir',
      dataDir,
      'governance',
      'report',
      '--as-of',
      '2020-02-07',
      '--format',
      'pdf',
    );
    expect(pdf.code).toBe(2);
    const illegal = await opendsp(
      '--data-dir',
      dataDir,
      'governance',
      'advance',
      'DP108',
      '--to',
      'implemented',
      '--date',
      '2020-03-01',
    );
    expect(illegal.code).toBe(1);
    expect(illegal.err).toContain('cannot go from');
    const unknown = await opendsp('--data-dir', dataDir, 'governance', 'show', 'MP999');
    expect(unknown.code).toBe(1);
  });
});
