// The public Modification Register pages: a filterable list and a proposal's timeline.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerRegisterPages } from '../src/web/register/routes.ts';

const app = Fastify();
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'opendsp-register-pages-'));
  registerRegisterPages(app, { dataDir: dir });
  await app.ready();
});

afterAll(async () => {
  await app.close();
  await rm(dir, { recursive: true, force: true });
});

describe('register pages', () => {
  it('lists every proposal without signing in, and filters by stage and text', async () => {
    const all = await app.inject('/register');
    expect(all.statusCode).toBe(200);
    expect(all.body).toContain('href="/register/MP141"');
    const refine = await app.inject('/register?stage=refinement&q=traffic');
    expect(refine.body).toContain('SECMP0067');
    expect(refine.body).not.toContain('href="/register/MP141"');
    const gasNetworks = await app.inject('/register?party=gas-network');
    expect(gasNetworks.body).toContain('href="/register/MP141"');
    expect(gasNetworks.body).not.toContain('href="/register/MP176"');
  });

  it("shows a proposal's timeline, and the same not-found page for unknown references", async () => {
    const mp176 = await app.inject('/register/mp176');
    expect(mp176.statusCode).toBe(200);
    expect(mp176.body).toContain('<time datetime="2021-07-27">');
    const unknown = await app.inject('/register/MP999');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.body).toContain('There is no proposal MP999 in the register');
  });

  it('escapes what it is given', async () => {
    const page = await app.inject('/register?q=%3Cscript%3E');
    expect(page.body).not.toContain('<script>');
    expect(page.body).toContain('&lt;script&gt;');
  });
});
