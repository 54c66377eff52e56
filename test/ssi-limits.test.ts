// The SSI's side of the HTTP limits, over a real server: sign-in targets that leave the site.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, startWorld, type World } from './browser/ssi-world.ts';

let world: World;
beforeAll(async () => {
  world = await startWorld();
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
