import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hashSessionId } from './tokens.ts';
import { postForm, setCookie, signIn } from './ssi-client.fixtures.ts';
import { OFFICER, PASSWORD, startSsi, VIEWER, type SsiHarness } from './ssi.fixtures.ts';

const me = (h: SsiHarness, cookie: string, accept = 'application/json') =>
  fetch(`${h.base}/ssi/api/me`, { headers: { cookie, accept }, redirect: 'manual' });
const page = (h: SsiHarness, cookie: string) =>
  fetch(`${h.base}/ssi/`, { headers: { cookie, accept: 'text/html' }, redirect: 'manual' });

describe('SSI sessions', () => {
  let h: SsiHarness;
  beforeEach(async () => {
    h = await startSsi();
  });
  afterEach(async () => {
    await h.close();
  });

  it('treats no cookie and a forged one as signed out: 401 for the API, sign-in for pages', async () => {
    const none = await fetch(`${h.base}/ssi/api/me`);
    expect(none.status).toBe(401);
    expect(await none.json()).toMatchObject({ code: 'UNAUTHENTICATED' });
    const forged = `opendsp_session=${'A'.repeat(43)}`;
    expect((await me(h, forged)).status).toBe(401);
    const redirected = await page(h, forged);
    expect(redirected.status).toBe(303);
    expect(redirected.headers.get('location')).toBe('/ssi/login?next=%2Fssi%2F');
    expect(setCookie(redirected, 'opendsp_session')).toMatch(/Expires=Thu, 01 Jan 1970/);
    expect((await me(h, 'opendsp_session=not-even-the-right-shape')).status).toBe(401);
  });

  it('treats a tampered cookie as signed out', async () => {
    const { cookie } = await signIn(h, VIEWER, PASSWORD);
    const last = cookie.at(-1) === 'A' ? 'B' : 'A';
    expect((await me(h, `${cookie.slice(0, -1)}${last}`)).status).toBe(401);
    expect((await me(h, cookie)).status).toBe(200);
  });

  it('stores only the hash of the session ID', async () => {
    const { cookie } = await signIn(h, VIEWER, PASSWORD);
    const id = cookie.split('=')[1] ?? '';
    expect(await h.store.loginSession(id)).toBeUndefined();
    expect((await h.store.loginSession(hashSessionId(id)))?.personId).toBeTruthy();
  });

  it('ends a session idle for 30 minutes, and keeps one in use', async () => {
    const { cookie } = await signIn(h, VIEWER, PASSWORD);
    h.clock.advance(29 * 60_000);
    expect((await me(h, cookie)).status).toBe(200);
    h.clock.advance(29 * 60_000);
    expect((await me(h, cookie)).status).toBe(200);
    h.clock.advance(30 * 60_000);
    expect((await me(h, cookie)).status).toBe(401);
  });

  it('ends a session 12 hours after sign-in however busy, deleting it server-side', async () => {
    const { cookie } = await signIn(h, VIEWER, PASSWORD);
    for (let step = 1; step < 36; step++) {
      h.clock.advance(20 * 60_000); // 35 steps: 11 h 40 min, never idle for 30 minutes
      expect((await me(h, cookie)).status).toBe(200);
    }
    h.clock.advance(20 * 60_000 - 1);
    expect((await me(h, cookie)).status).toBe(200);
    h.clock.advance(1);
    expect((await me(h, cookie)).status).toBe(401);
    const id = cookie.split('=')[1] ?? '';
    expect(await h.store.loginSession(hashSessionId(id))).toBeUndefined();
  });

  it('signs out: the server-side session ends, the cookie is cleared, the event recorded', async () => {
    const { cookie, csrf } = await signIn(h, VIEWER, PASSWORD);
    const out = await postForm(`${h.base}/ssi/logout`, { csrf }, { cookie });
    expect(out.status).toBe(303);
    expect(out.headers.get('location')).toBe('/ssi/login');
    expect(setCookie(out, 'opendsp_session')).toMatch(/Expires=Thu, 01 Jan 1970/);
    // The old cookie, replayed, no longer signs anyone in.
    expect((await me(h, cookie)).status).toBe(401);
    expect(await h.store.loginSession(hashSessionId(cookie.split('=')[1] ?? ''))).toBeUndefined();
    const events = await h.store.securityEvents();
    expect(events.map((e) => [e.kind, e.email])).toEqual([
      ['login', VIEWER],
      ['logout', VIEWER],
    ]);
  });

  it('gives a new session ID at every sign-in and ends the one the browser had', async () => {
    const first = await signIn(h, VIEWER, PASSWORD);
    const second = await signIn(h, VIEWER, PASSWORD);
    expect(second.cookie).not.toBe(first.cookie);
    expect((await me(h, first.cookie)).status).toBe(200);
    expect((await me(h, second.cookie)).status).toBe(200);
  });

  it('refuses SRO/ARO functions to other roles (403, recorded) and lets an SRO in', async () => {
    const viewer = await signIn(h, VIEWER, PASSWORD);
    const officer = await signIn(h, OFFICER, PASSWORD);
    const url = `${h.base}/ssi/api/thresholds`;
    const refused = await fetch(url, { headers: { cookie: viewer.cookie } });
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ code: 'FORBIDDEN' });
    expect((await fetch(url, { headers: { cookie: officer.cookie } })).status).toBe(200);
    expect((await fetch(url)).status).toBe(401);
    const denied = await fetch(`${h.base}/ssi/api/refused`, {
      headers: { cookie: officer.cookie },
    });
    expect(denied.status).toBe(403);
    const refusals = (await h.store.securityEvents()).filter(
      (e) => e.kind === 'permission-refused',
    );
    expect(refusals.map((e) => [e.email, e.ip, e.detail])).toEqual([
      [
        VIEWER,
        '127.0.0.1',
        'GET /ssi/api/thresholds: needs one of the roles senior-responsible-officer, authorised-responsible-officer',
      ],
      [OFFICER, '127.0.0.1', 'GET /ssi/api/refused: export-csv'],
    ]);
  });
});
