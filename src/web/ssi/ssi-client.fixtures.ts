// A tiny HTTP client for the SSI tests: cookies by hand, forms, sign-in.
import type { SsiHarness } from './ssi.fixtures.ts';

/** The Set-Cookie header of `name`, whole (value and attributes), or undefined. */
export function setCookie(response: Response, name: string): string | undefined {
  return response.headers.getSetCookie().find((c) => c.startsWith(`${name}=`));
}

/** The value a Set-Cookie header gives `name`, or undefined. */
export function cookieValue(response: Response, name: string): string | undefined {
  const pair = setCookie(response, name)?.split(';')[0];
  return pair === undefined ? undefined : decodeURIComponent(pair.slice(name.length + 1));
}

/** The sign-in form's CSRF cookie (as a Cookie header) and token. */
export async function loginForm(h: SsiHarness): Promise<{ cookie: string; token: string }> {
  const response = await fetch(`${h.base}/ssi/login`);
  const html = await response.text();
  const token = /name="csrf" value="([^"]+)"/.exec(html)?.[1];
  const cookie = cookieValue(response, 'opendsp_login_csrf');
  if (token === undefined || cookie === undefined) throw new Error('no sign-in form token');
  return { cookie: `opendsp_login_csrf=${encodeURIComponent(cookie)}`, token };
}

/** POSTs a form; redirects are not followed. */
export function postForm(
  url: string,
  fields: Record<string, string>,
  headers: Record<string, string> = {},
): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(fields).toString(),
  });
}

/** Attempts a sign-in with a fresh form token. */
export async function attempt(h: SsiHarness, email: string, password: string): Promise<Response> {
  const form = await loginForm(h);
  return postForm(
    `${h.base}/ssi/login`,
    { email, password, csrf: form.token },
    { cookie: form.cookie },
  );
}

/** Signs in and returns the session cookie (as a Cookie header) and the session's CSRF token. */
export async function signIn(
  h: SsiHarness,
  email: string,
  password: string,
): Promise<{ cookie: string; csrf: string }> {
  const response = await attempt(h, email, password);
  const id = cookieValue(response, 'opendsp_session');
  if (response.status !== 303 || id === undefined) throw new Error(`sign-in: ${response.status}`);
  const cookie = `opendsp_session=${id}`;
  const me = (await (await fetch(`${h.base}/ssi/api/me`, { headers: { cookie } })).json()) as {
    csrfToken: string;
  };
  return { cookie, csrf: me.csrfToken };
}
