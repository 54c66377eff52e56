// The SSI pages over a real server: sign-in, search, device history, record, export, files, roles.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAnalytics } from '../src/analytics/run.ts';
import { loadCatalogue } from '../src/catalogue/index.ts';
import { recordKey } from '../src/web/api/record-json.ts';
import {
  B,
  DEVICE,
  OTHER_DEVICE,
  SECRET,
  signIn,
  startWorld,
  type World,
} from './browser/ssi-world.ts';

let world: World;
let alice: string;
let victor: string;

beforeAll(async () => {
  world = await startWorld({ exportLimit: 2 });
  [alice, victor] = await Promise.all([
    signIn(world.base, 'alice@alpha.example'),
    signIn(world.base, 'victor@alpha.example'),
  ]);
});
afterAll(() => world.close());

async function get(
  path: string,
  cookie?: string,
): Promise<{ status: number; body: string; location: string | null }> {
  const response = await fetch(`${world.base}${path}`, {
    headers: { accept: 'text/html', ...(cookie ? { cookie } : {}) },
    redirect: 'manual',
  });
  return {
    status: response.status,
    body: await response.text(),
    location: response.headers.get('location'),
  };
}

describe('pages', () => {
  it('sends a signed-out visitor to sign in, remembering the page', async () => {
    const reply = await get(`/ssi/devices/${DEVICE}`);
    expect(reply.status).toBe(303);
    expect(reply.location).toBe(`/login?next=${encodeURIComponent(`/ssi/devices/${DEVICE}`)}`);
    const login = await get('/login');
    expect(login.body).toContain('<label for="f-email">');
    expect(login.body).toContain('Skip to main content');
  });

  it('shows the dashboard with counts by outcome', async () => {
    const reply = await get('/ssi', alice);
    expect(reply.status).toBe(200);
    expect(reply.body).toMatch(/<strong>1<\/strong>success/);
    expect(reply.body).toContain('Alpha Energy');
    expect(reply.body).toContain('Anomaly thresholds');
  });

  it('shows the device history with roles, not identities, and no detail', async () => {
    const reply = await get(`/ssi/devices/${DEVICE}`, alice);
    expect(reply.status).toBe(200);
    expect(reply.body).toContain('Import Supplier');
    expect(reply.body).toContain(`/ssi/records/${recordKey(world.records.aOwn)}`);
    expect(reply.body).not.toContain(`/ssi/records/${recordKey(world.records.bOld)}`);
    expect(reply.body).not.toContain(B);
    expect(reply.body).not.toContain(SECRET);
  });

  it('shows an own record in full, and the same not-found page for a title-only or missing one', async () => {
    const own = await get(`/ssi/records/${recordKey(world.records.aOwn)}`, alice);
    expect(own.body).toContain(SECRET);
    const titleOnly = await get(`/ssi/records/${recordKey(world.records.bOld)}`, alice);
    const missing = await get('/ssi/records/1-1', alice);
    expect(titleOnly.status).toBe(404);
    expect(titleOnly.body).toBe(missing.body);
  });

  it('lists search problems beside the form, with a 400', async () => {
    const reply = await get('/ssi/search?deviceId=nope&from=2026-02-30x', alice);
    expect(reply.status).toBe(400);
    expect(reply.body).toContain('There is a problem');
    expect(reply.body).toContain('value="nope"');
  });

  it('explains a malformed device ID with a 400 rather than an empty history', async () => {
    const reply = await get('/ssi/devices/00-DB-12', alice);
    expect(reply.status).toBe(400);
    expect(reply.body).toContain('expected 8 octets');
  });

  it('signs out with the CSRF token, after which pages ask to sign in again', async () => {
    const cookie = await signIn(world.base, 'victor@alpha.example');
    const token = /name="csrf" value="([^"]+)"/.exec((await get('/ssi', cookie)).body)?.[1] ?? '';
    const out = await fetch(`${world.base}/logout`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ csrf: token }).toString(),
    });
    expect(out.status).toBe(303);
    expect((await get('/ssi', cookie)).status).toBe(303);
  });

  it('escapes what was typed', async () => {
    const reply = await get(
      `/ssi/search?requestId=${encodeURIComponent('<script>x</script>')}`,
      alice,
    );
    expect(reply.body).not.toContain('<script>x');
    expect(reply.body).toContain('&lt;script&gt;');
  });

  it('exports a search as CSV, with nothing about a device the person may not see', async () => {
    const ours = await get('/ssi/search/export.csv?srv=8.8.1', alice);
    expect(ours.status).toBe(200);
    expect(ours.body.trim().split('\r\n')).toHaveLength(3);
    const theirs = await get(`/ssi/search/export.csv?deviceId=${OTHER_DEVICE}`, alice);
    expect(theirs.body.trim().split('\r\n')).toHaveLength(1);
  });

  it('refuses an export above the row limit with 413 and how to narrow it', async () => {
    const reply = await get(`/ssi/search/export.csv?deviceId=${DEVICE}`, alice);
    expect(reply.status).toBe(413);
    expect(reply.body).toContain('more than 2 records');
    expect(reply.body).toContain('Narrow it');
  });
});

describe('downloads and thresholds', () => {
  it("lists the organisation's report files, and only them", async () => {
    expect((await get('/ssi/downloads', alice)).body).toContain('No reports yet');
    const dir = path.join(world.dataDir, 'reports', 'SUPA');
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, '2026-01-analytics.csv'), 'a,b\r\n1,2\r\n');
    expect((await get('/ssi/downloads', alice)).body).toContain('2026-01-analytics.csv');
    expect((await get('/ssi/downloads/2026-01-analytics.csv', alice)).body).toBe('a,b\r\n1,2\r\n');
    expect((await get('/ssi/downloads/..%2F..%2Fsecret', alice)).status).toBe(404);
  });

  it("lists the organisation's Customer Analytics Reports and not another party's", async () => {
    const month = world.records.aOwn.at
      .toLocaleDateString('en-CA', { timeZone: 'Europe/London' })
      .slice(0, 7);
    await runAnalytics({
      store: world.store,
      catalogue: loadCatalogue(),
      month,
      outDir: path.join(world.dataDir, 'reports'),
    });
    const page = (await get('/ssi/downloads', alice)).body;
    expect(page).toContain(`CAR_${month}_SUPA_IS.pdf`);
    expect(page).toContain(`CAR_${month}_SUPA_IS_processes.csv`);
    expect(page).not.toContain('SUPB');
    expect(page).not.toContain('DNOX');
    const pdf = await fetch(`${world.base}/ssi/downloads/CAR_${month}_SUPA_IS.pdf`, {
      headers: { cookie: alice },
    });
    expect(pdf.status).toBe(200);
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
    expect((await get(`/ssi/downloads/CAR_${month}_SUPB_IS.pdf`, alice)).status).toBe(404);
  });

  async function upload(
    cookie: string,
    text: string,
    csrf?: string,
  ): Promise<{ status: number; body: string }> {
    const page = await get('/ssi/thresholds', cookie);
    const token = csrf ?? /name="csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
    const form = new FormData();
    form.append('csrf', token);
    form.append('file', new Blob([text], { type: 'text/csv' }), 'adt.csv');
    const response = await fetch(`${world.base}/ssi/thresholds`, {
      method: 'POST',
      body: form,
      headers: { cookie, accept: 'text/html' },
    });
    return { status: response.status, body: await response.text() };
  }

  it('accepts a valid ADT file from an SRO and records who sent it', async () => {
    const reply = await upload(alice, 'srv,period,threshold\r\n4.1.1,day,5000\r\n');
    expect(reply.status).toBe(201);
    expect(reply.body).toContain('accepted');
    expect(reply.body).toMatch(/<td>alice<\/td>/);
  });

  it('refuses a malformed file, naming the line', async () => {
    const reply = await upload(alice, 'srv,period,threshold\r\n4.1.1,day,many\r\n');
    expect(reply.status).toBe(400);
    expect(reply.body).toContain('line 2');
  });

  it('refuses an upload without the CSRF token', async () => {
    expect((await upload(alice, 'srv,period,threshold\r\n4.1.1,day,1\r\n', 'wrong')).status).toBe(
      403,
    );
  });

  it('refuses the thresholds page to a viewer, and records the refusal', async () => {
    expect((await get('/ssi/thresholds', victor)).status).toBe(403);
    expect((await get('/ssi', victor)).body).not.toContain('Anomaly thresholds');
    const events = await world.store.securityEvents();
    expect(events.some((e) => e.kind === 'permission-refused' && e.personId === 'p-victor')).toBe(
      true,
    );
  });
});
