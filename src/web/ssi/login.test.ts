import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { attempt, cookieValue, loginForm, postForm, setCookie } from './ssi-client.fixtures.ts';
import { OFFICER, PASSWORD, startSsi, VIEWER, type SsiHarness } from './ssi.fixtures.ts';

const kinds = async (h: SsiHarness) => (await h.store.securityEvents()).map((e) => e.kind);

describe('SSI sign-in', () => {
  let h: SsiHarness;
  beforeEach(async () => {
    h = await startSsi();
  });
  afterEach(async () => {
    await h.close();
  });

  it('signs in: a 303 home and a Secure, HttpOnly, SameSite=Strict, Path=/ session cookie', async () => {
    const response = await attempt(h, VIEWER, PASSWORD);
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/ssi');
    const header = setCookie(response, 'opendsp_session') ?? '';
    const attributes = header.split(';').map((a) => a.trim().toLowerCase());
    expect(attributes).toEqual(
      expect.arrayContaining(['secure', 'httponly', 'samesite=strict', 'path=/']),
    );
    const id = cookieValue(response, 'opendsp_session') ?? '';
    expect(id).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const me = await fetch(`${h.base}/ssi/api/me`, {
      headers: { cookie: `opendsp_session=${id}` },
    });
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({
      email: VIEWER,
      organisationId: 'ELEC',
      roles: ['viewer'],
    });
    const events = await h.store.securityEvents();
    expect(events.map((e) => [e.kind, e.email, e.ip])).toEqual([['login', VIEWER, '127.0.0.1']]);
    expect(events[0]?.personId).toBeTruthy();
  });

  it('takes the email whatever its case and spacing, and follows a `next` inside the SSI only', async () => {
    const form = await loginForm(h);
    const fields = { email: `  ${OFFICER.toUpperCase()} `, password: PASSWORD, csrf: form.token };
    const inside = await postForm(
      `${h.base}/ssi/login`,
      { ...fields, next: '/ssi/search?q=1' },
      { cookie: form.cookie },
    );
    expect(inside.headers.get('location')).toBe('/ssi/search?q=1');
    const again = await loginForm(h);
    const outside = await postForm(
      `${h.base}/ssi/login`,
      { ...fields, csrf: again.token, next: '//evil.example/ssi' },
      { cookie: again.cookie },
    );
    expect(outside.headers.get('location')).toBe('/ssi');
  });

  it('refuses a wrong password and an unknown email with the same answer, each recorded', async () => {
    const wrong = await attempt(h, VIEWER, 'not the password at all');
    const unknown = await attempt(h, 'nobody@elec.example', 'not the password at all');
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(await unknown.json()).toEqual(await wrong.json());
    expect(setCookie(wrong, 'opendsp_session')).toBeUndefined();
    const events = await h.store.securityEvents();
    expect(events.map((e) => [e.kind, e.email, e.detail])).toEqual([
      ['login-failed', VIEWER, 'wrong password (1 in the window)'],
      ['login-failed', 'nobody@elec.example', 'unknown email'],
    ]);
  });

  it('gives browsers the form again with the same message for either refusal', async () => {
    const html = async (email: string) => {
      const form = await loginForm(h);
      const fields = { email, password: 'wrong password here', csrf: form.token };
      const headers = { cookie: form.cookie, accept: 'text/html' };
      const response = await postForm(`${h.base}/ssi/login`, fields, headers);
      return { status: response.status, body: (await response.text()).replace(form.token, 'T') };
    };
    const wrong = await html(VIEWER);
    const unknown = await html('nobody@elec.example');
    expect(wrong.status).toBe(401);
    expect(wrong.body).toContain('The email or password is not right.');
    expect(unknown.body.replace('nobody@elec.example', VIEWER)).toBe(wrong.body);
  });

  it('locks an account after 5 failures in 15 minutes, even against the right password', async () => {
    for (let i = 1; i <= 4; i++) {
      expect((await attempt(h, VIEWER, `wrong password ${i}`)).status).toBe(401);
      h.clock.advance(60_000);
    }
    const fifth = await attempt(h, VIEWER, 'wrong password 5');
    expect(fifth.status).toBe(423);
    expect(fifth.headers.get('retry-after')).toBe('900');
    const sixth = await attempt(h, VIEWER, PASSWORD);
    expect(sixth.status).toBe(423);
    expect(setCookie(sixth, 'opendsp_session')).toBeUndefined();
    expect(await kinds(h)).toEqual([
      ...Array<string>(5).fill('login-failed'),
      'lock-out',
      'login-failed',
    ]);
    expect((await h.store.securityEvents()).at(-1)?.detail).toBe('account locked');
    h.clock.advance(15 * 60_000);
    expect((await attempt(h, VIEWER, PASSWORD)).status).toBe(303);
    expect((await h.store.personByEmail(VIEWER))?.lockedUntil).toBeNull();
  });

  it('does not lock for 5 failures spread over more than 15 minutes', async () => {
    for (let i = 1; i <= 5; i++) {
      expect((await attempt(h, VIEWER, `wrong password ${i}`)).status).toBe(401);
      h.clock.advance(4 * 60_000);
    }
  });

  it('locks an unknown email the same way, so a lock does not tell that an account exists', async () => {
    const answers = async (email: string) => {
      const out: [number, unknown][] = [];
      for (let i = 1; i <= 6; i++) {
        const response = await attempt(h, email, `wrong password ${i}`);
        out.push([response.status, await response.json()]);
      }
      return out;
    };
    const known = await answers(OFFICER);
    expect(await answers('ghost@elec.example')).toEqual(known);
    expect(known.map(([status]) => status)).toEqual([401, 401, 401, 401, 423, 423]);
  });
});

describe('SSI sign-in throttle per IP', () => {
  it('answers 429 with Retry-After once the bucket is empty, for any email, and records it', async () => {
    const h = await startSsi({ ipThrottle: { burst: 3, perMinute: 2 } });
    try {
      for (let i = 0; i < 3; i++)
        expect((await attempt(h, VIEWER, 'wrong password!')).status).toBe(401);
      const limited = await attempt(h, 'nobody@elec.example', PASSWORD);
      expect(limited.status).toBe(429);
      expect(limited.headers.get('retry-after')).toBe('30');
      expect((await attempt(h, VIEWER, PASSWORD)).status).toBe(429);
      expect((await kinds(h)).filter((k) => k === 'rate-limited')).toHaveLength(2);
      h.clock.advance(30_000);
      expect((await attempt(h, VIEWER, PASSWORD)).status).toBe(303);
    } finally {
      await h.close();
    }
  });
});
