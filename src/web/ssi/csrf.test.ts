import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { attempt, loginForm, postForm, signIn } from './ssi-client.fixtures.ts';
import { PASSWORD, startSsi, VIEWER, type SsiHarness } from './ssi.fixtures.ts';

const refused = { code: 'CSRF_REFUSED', message: expect.stringContaining('reload') as unknown };

describe('SSI CSRF protection', () => {
  let h: SsiHarness;
  beforeEach(async () => {
    h = await startSsi();
  });
  afterEach(async () => {
    await h.close();
  });

  it('refuses a sign-in without the form token, with a wrong one, or without the cookie', async () => {
    const form = await loginForm(h);
    const url = `${h.base}/ssi/login`;
    const fields = { email: VIEWER, password: PASSWORD };
    const answers = [
      await postForm(url, fields, { cookie: form.cookie }),
      await postForm(url, { ...fields, csrf: `${form.token}x` }, { cookie: form.cookie }),
      await postForm(url, { ...fields, csrf: form.token }),
    ];
    for (const response of answers) {
      expect(response.status).toBe(403);
      expect(await response.json()).toEqual(refused);
    }
    const events = await h.store.securityEvents();
    expect(events.map((e) => [e.kind, e.email])).toEqual(Array(3).fill(['csrf-refused', VIEWER]));
    expect(events.map((e) => e.detail)).toEqual([
      'POST /ssi/login: CSRF token missing',
      'POST /ssi/login: CSRF token wrong',
      'POST /ssi/login: CSRF token wrong',
    ]);
  });

  it('refuses a sign-in whose CSRF cookie signature was tampered with', async () => {
    const form = await loginForm(h);
    const [name, value] = form.cookie.split('=') as [string, string];
    const forged = `${name}=${encodeURIComponent(`${form.token}.${'A'.repeat(43)}`)}`;
    expect(value).not.toBe(forged.split('=')[1]);
    const response = await postForm(
      `${h.base}/ssi/login`,
      { email: VIEWER, password: PASSWORD, csrf: form.token },
      { cookie: forged },
    );
    expect(response.status).toBe(403);
  });

  it('needs the session token on state-changing requests, in the form or the header', async () => {
    const { cookie, csrf } = await signIn(h, VIEWER, PASSWORD);
    const url = `${h.base}/ssi/api/echo`;
    expect((await postForm(url, {}, { cookie })).status).toBe(403);
    expect((await postForm(url, { csrf: 'x'.repeat(43) }, { cookie })).status).toBe(403);
    expect((await postForm(url, { csrf }, { cookie })).status).toBe(200);
    expect((await postForm(url, { _csrf: csrf }, { cookie })).status).toBe(200);
    expect((await postForm(url, {}, { cookie, 'x-csrf-token': csrf })).status).toBe(200);
    // A token from another session is no good either.
    const other = await signIn(h, VIEWER, PASSWORD);
    expect((await postForm(url, { csrf: other.csrf }, { cookie })).status).toBe(403);
    const refusals = (await h.store.securityEvents()).filter((e) => e.kind === 'csrf-refused');
    expect(refusals).toHaveLength(3);
    expect(refusals.every((e) => e.personId !== null && e.email === VIEWER)).toBe(true);
  });

  it('refuses a sign-out without the token and keeps the session', async () => {
    const { cookie } = await signIn(h, VIEWER, PASSWORD);
    const response = await postForm(`${h.base}/ssi/logout`, {}, { cookie, accept: 'text/html' });
    expect(response.status).toBe(403);
    expect(await response.text()).toContain('<p role="alert">The form has expired');
    expect((await fetch(`${h.base}/ssi/api/me`, { headers: { cookie } })).status).toBe(200);
  });

  it('keeps the sign-in token across a failed attempt, and rotates nothing it should not', async () => {
    const form = await loginForm(h);
    const url = `${h.base}/ssi/login`;
    const fields = { email: VIEWER, csrf: form.token };
    const failed = await postForm(
      url,
      { ...fields, password: 'wrong password!' },
      { cookie: form.cookie },
    );
    expect(failed.status).toBe(401);
    const ok = await postForm(url, { ...fields, password: PASSWORD }, { cookie: form.cookie });
    expect(ok.status).toBe(303);
    expect((await attempt(h, VIEWER, PASSWORD)).status).toBe(303);
  });
});
