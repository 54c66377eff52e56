// The SSI's side of the HTTP limits, over a real server: sign-in targets, repeated query parameters.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEVICE, PASSWORD, signIn, startWorld, type World } from './browser/ssi-world.ts';

let world: World;
let alice: string;
beforeAll(async () => {
  world = await startWorld();
  alice = await signIn(world.base, 'alice@alpha.example');
});
afterAll(() => world.close());

/** The Cookie header value of a response's Set-Cookie headers. */
const cookiesOf = (response: Response): string =>
  response.headers
    .getSetCookie()
    .map((c) => c.split(';')[0] ?? '')
    .join('; ');

/** Signs in with `next` as the form sends it; returns where the server sends the browser. */
async function signInTo(next: string): Promise<string | null> {
  const form = await fetch(`${world.base}/login`);
  const token = /name="csrf" value="([^"]+)"/.exec(await form.text())?.[1] ?? '';
  const response = await fetch(`${world.base}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookiesOf(form) },
    body: new URLSearchParams({
      csrf: token,
      email: 'victor@alpha.example',
      password: PASSWORD,
      next,
    }).toString(),
  });
  expect(response.status).toBe(303);
  return response.headers.get('location');
}

describe('sign-in targets', () => {
  it.each(['/\t/evil.example', '/%2F%2Fevil.example', '/ssi/../..//evil.example', '/ /evil'])(
    'sends a sign-in with next=%j to the portal home',
    async (next) => {
      expect(await signInTo(next)).toBe('/');
    },
  );

  it('keeps a target inside the portal', async () => {
    expect(await signInTo('/ssi/search?outcome=failure')).toBe('/ssi/search?outcome=failure');
  });

  it('puts only a safe target in the sign-in form (next=/%09/host)', async () => {
    const page = await (await fetch(`${world.base}/login?next=/%09/evil.example`)).text();
    expect(page).toContain('name="next" value="/"');
  });
});

describe('repeated query parameters', () => {
  it.each([
    ['/register?q=a&q=b', 'q'],
    ['/register?stage=refinement&stage=closed', 'stage'],
    ['/login?next=/ssi&next=//evil.example', 'next'],
    ['/ssi/search?srv=8.8.1&srv=8.8.2', 'srv'],
    ['/ssi/search/export.csv?outcome=success&outcome=failure', 'outcome'],
    [`/ssi/devices/${DEVICE}?limit=1&limit=2`, 'limit'],
    ['/api/v1/audit/search?requestId=a&requestId=b', 'requestId'],
    ['/api/v1/audit/search?outcome=success&outcome=failure', 'outcome'],
    [`/api/v1/devices/${DEVICE}/history?after=a&after=b`, 'after'],
    ['/api/v1/audit/export.csv?mpxn=1&mpxn=2', 'mpxn'],
  ])('refuses %s with 400 {code, message} naming %s', async (url, name) => {
    const response = await fetch(`${world.base}${url}`, { headers: { cookie: alice } });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { code: string; message: string };
    expect(['BAD_REQUEST', 'INVALID_VALUE']).toContain(body.code);
    expect(body.message).toMatch(new RegExp(`\\b${name}\\b`));
  });

  it('still reads each parameter given once', async () => {
    const register = await fetch(`${world.base}/register?q=traffic&stage=refinement`);
    expect(register.status).toBe(200);
    const search = await fetch(`${world.base}/api/v1/audit/search?srv=8.8.1`, {
      headers: { cookie: alice },
    });
    expect(search.status).toBe(200);
  });
});
