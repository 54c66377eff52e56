// Every route of the server states who may call it, and refuses everyone else however its path
// is spelt: a route added without a declared access fails this test.
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorld, type World } from './browser/ssi-world.ts';

/** Who may call a route. */
type Access =
  | 'public' // anyone (a DUIS message carries its own signature, checked per message)
  | 'admin' // the DCC: Authorization: Bearer <admin token>
  | 'user-signed' // a DCC User: a fresh signature by one of its certificates
  | 'ssi-api' // a signed-in SSI person (JSON: 401)
  | 'ssi-page'; // a signed-in SSI person (HTML: 303 to sign in)

/** Every route, by `METHOD path`, with who may call it. */
const ACCESS: Readonly<Record<string, Access>> = {
  'GET /': 'public',
  'GET /health': 'public',
  'POST /duis': 'public',
  'POST /api/v1/serviceS': 'public',
  'POST /api/v1/serviceT': 'public',
  'POST /api/v1/serviceD': 'public',
  'GET /docs': 'public',
  'GET /docs/': 'public',
  'GET /docs/static/index.html': 'public',
  'GET /docs/static/swagger-initializer.js': 'public',
  'GET /docs/*': 'public',
  'GET /docs/json': 'public',
  'GET /docs/yaml': 'public',
  'GET /register': 'public',
  'GET /register/:id': 'public',
  'GET /login': 'public',
  'POST /login': 'public',
  'POST /logout': 'public',
  'GET /ssi/style.css': 'public',
  'GET /users/:userId/messages': 'user-signed',
  'POST /users/:userId/messages/ack': 'user-signed',
  'POST /admin/credentials': 'admin',
  'PUT /admin/users/:userId/endpoint': 'admin',
  'GET /api/v1/audit/search': 'ssi-api',
  'GET /api/v1/audit/export.csv': 'ssi-api',
  'GET /api/v1/devices/:id/history': 'ssi-api',
  'GET /api/v1/records/:key': 'ssi-api',
  'GET /ssi': 'ssi-page',
  'GET /ssi/search': 'ssi-page',
  'GET /ssi/search/export.csv': 'ssi-page',
  'GET /ssi/devices/:id': 'ssi-page',
  'GET /ssi/downloads': 'ssi-page',
  'GET /ssi/downloads/:name': 'ssi-page',
  'GET /ssi/records/:key': 'ssi-page',
  'GET /ssi/thresholds': 'ssi-page',
  'POST /ssi/thresholds': 'ssi-page',
};

/** The routes as `METHOD path`, read from Fastify's route tree (HEAD left out: it follows GET). */
function routesOf(tree: string): string[] {
  const routes: string[] = [];
  const stack: string[] = [];
  for (const line of tree.split('\n')) {
    const match = /^((?:[│ ] {3})*)[├└]── (.+?) \(([A-Z, ]+)\)$/.exec(line);
    if (!match) continue;
    const depth = (match[1] ?? '').length / 4;
    stack.length = depth;
    const full = `${stack[depth - 1] ?? ''}${match[2] ?? ''}`;
    stack[depth] = full;
    for (const method of (match[3] ?? '').split(', ')) {
      if (method !== 'HEAD') routes.push(`${method} ${full}`);
    }
  }
  return routes;
}

const USER = '90-B3-D5-1F-30-01-00-00';

/** A concrete path for a route pattern. */
function concrete(pattern: string): string {
  return pattern
    .replace(':userId', USER)
    .replace(':id', '00-DB-12-34-56-78-90-A4')
    .replace(':key', '1-1')
    .replace(':name', 'report.pdf')
    .replace('*', 'x');
}

/** The same path with its first letter percent-encoded (`/admin` → `/%61dmin`). */
function encoded(path: string): string {
  return path.replace(/^\/([a-z])/, (_, c: string) => `/%${c.charCodeAt(0).toString(16)}`);
}

function send(
  base: string,
  input: { method: string; path: string },
): Promise<{ status: number; location: string | undefined }> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: hostname,
        port,
        method: input.method,
        path: input.path,
        headers: { 'content-type': 'application/json', accept: 'text/html' },
      },
      (res) => {
        res.resume();
        res.on('end', () => {
          resolve({ status: res.statusCode ?? 0, location: res.headers.location });
        });
      },
    );
    req.on('error', reject);
    req.end(input.method === 'GET' ? undefined : '{}');
  });
}

/** True when the answer refuses a caller without credentials as the access requires. */
function refused(
  access: Access,
  answer: { status: number; location: string | undefined },
): boolean {
  switch (access) {
    case 'public':
      return true;
    case 'admin':
    case 'user-signed':
    case 'ssi-api':
      return answer.status === 401;
    case 'ssi-page':
      // Sent to sign in, or refused a form without its CSRF token.
      return (
        (answer.status === 303 && (answer.location ?? '').startsWith('/login')) ||
        answer.status === 403
      );
  }
}

let world: World;
let routes: string[];

beforeAll(async () => {
  world = await startWorld();
  routes = routesOf(world.app.printRoutes({ commonPrefix: false }));
});
afterAll(() => world.close());

describe('route access', () => {
  it('finds the routes, and every one states who may call it', () => {
    expect(routes.length).toBeGreaterThan(20);
    expect(routes.filter((route) => ACCESS[route] === undefined)).toEqual([]);
    expect(Object.keys(ACCESS).filter((route) => !routes.includes(route))).toEqual([]);
  });

  it('refuses every guarded route to a caller with no credentials, however the path is spelt', async () => {
    const open: string[] = [];
    for (const route of routes) {
      const access = ACCESS[route];
      if (access === undefined || access === 'public') continue;
      const [method = 'GET', pattern = '/'] = route.split(' ');
      const path = concrete(pattern);
      for (const spelling of [path, encoded(path), `${path}/`, path.replace(/^\//, '//')]) {
        const answer = await send(world.base, { method, path: spelling });
        const notFound = spelling !== path && answer.status === 404;
        if (!refused(access, answer) && !notFound)
          open.push(`${method} ${spelling} → ${answer.status}`);
      }
    }
    expect(open).toEqual([]);
  });
});
