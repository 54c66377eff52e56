import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { governanceAdvance } from './cli.ts';
import {
  loadRegisterFor,
  registerFileOf,
  rulesInForceFor,
  saveRegisterFor,
} from './register-file.ts';

let dir = '';
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('a data directory register', () => {
  it('starts from the bundled register and keeps what is saved, moving the rules with it', async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'opendsp-register-'));
    const bundled = loadRegisterFor(dir);
    expect(rulesInForceFor(dir).rule('MP178.unjoin-without-smi-join-check').effectiveFrom).toBe(
      '2024-06-27',
    );
    const mp178 = structuredClone(bundled);
    const proposal = mp178.proposals.find((p) => p.id === 'MP178');
    expect(proposal).toBeDefined();
    const file = await saveRegisterFor(dir, mp178);
    expect(file).toBe(registerFileOf(dir));
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual(JSON.parse(JSON.stringify(mp178)));
    expect(loadRegisterFor(dir).proposals.length).toBe(bundled.proposals.length);
  });

  it('refuses an illegal lifecycle step and leaves the saved register as it was', async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'opendsp-register-'));
    const register = loadRegisterFor(dir);
    const implemented = register.proposals.find(
      (p) => p.stage === 'implemented' || p.stage === 'raised',
    );
    expect(implemented).toBeDefined();
    expect(() =>
      governanceAdvance(register, implemented!.id, { to: 'change-board', date: '2020-03-01' }),
    ).toThrow();
  });
});
