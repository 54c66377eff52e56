import Fastify from 'fastify';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cookiesSecure } from './auth-plugin.ts';
import { attempt, postForm, setCookie } from './ssi-client.fixtures.ts';
import { PASSWORD, startSsi, VIEWER } from './ssi.fixtures.ts';

describe('SSI auth plugin', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('marks cookies Secure unless told not to, and always with TLS', () => {
    const plain = Fastify();
    vi.stubEnv('OPENDSP_COOKIE_SECURE', '');
    expect(cookiesSecure(plain, undefined)).toBe(true);
    vi.stubEnv('OPENDSP_COOKIE_SECURE', 'false');
    expect(cookiesSecure(plain, undefined)).toBe(false);
    expect(cookiesSecure(plain, true)).toBe(true);
    const tls = { initialConfig: { https: { allowHTTP1: true } } } as unknown as typeof plain;
    expect(cookiesSecure(tls, undefined)).toBe(true);
  });

  it('leaves Secure off for plain-HTTP loopback tests, keeping the other attributes', async () => {
    const h = await startSsi({ secureCookies: false });
    try {
      const header = setCookie(await attempt(h, VIEWER, PASSWORD), 'opendsp_session') ?? '';
      expect(header).not.toMatch(/secure/i);
      expect(header).toMatch(/HttpOnly/);
      expect(header).toMatch(/SameSite=Strict/);
    } finally {
      await h.close();
    }
  });

  it('keeps its form parser and session hooks inside the SSI scope', async () => {
    const h = await startSsi();
    try {
      expect((await postForm(`${h.base}/outside`, { a: '1' })).status).toBe(415);
      const json = await fetch(`${h.base}/outside`, { method: 'POST' });
      expect(await json.json()).toEqual({ person: 'absent' });
    } finally {
      await h.close();
    }
  });

  it('refuses an oversized form', async () => {
    const h = await startSsi();
    try {
      const response = await postForm(`${h.base}/ssi/login`, { email: 'x'.repeat(70_000) });
      expect(response.status).toBe(413);
    } finally {
      await h.close();
    }
  });
});
