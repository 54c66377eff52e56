// The committed openapi.json is the document the server generates; /docs serves the browser.
// Regenerate after changing an API route: OPENDSP_WRITE_OPENAPI=1 npx vitest run test/ssi-openapi.test.ts
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { format, resolveConfig } from 'prettier';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorld, type World } from './browser/ssi-world.ts';

const COMMITTED = new URL('../openapi.json', import.meta.url);
let world: World;

beforeAll(async () => {
  world = await startWorld();
});
afterAll(() => world.close());

describe('OpenAPI', () => {
  it('matches the committed openapi.json', async () => {
    const file = fileURLToPath(COMMITTED);
    const document: unknown = await (await fetch(`${world.base}/docs/json`)).json();
    // Formatted as Prettier would, so `prettier --check .` and this test agree.
    const options = { ...(await resolveConfig(file)), filepath: file };
    const generated = await format(JSON.stringify(document), options);
    if (process.env['OPENDSP_WRITE_OPENAPI'] === '1') await writeFile(COMMITTED, generated);
    const committed = await readFile(COMMITTED, 'utf8').catch(() => '(missing)');
    expect(generated, 'openapi.json is stale: regenerate it (see the top of this test)').toBe(
      committed,
    );
  });

  it('describes the four API routes and nothing else', async () => {
    const doc = (await (await fetch(`${world.base}/docs/json`)).json()) as {
      paths: Record<string, unknown>;
    };
    expect(Object.keys(doc.paths).sort()).toEqual([
      '/api/v1/audit/export.csv',
      '/api/v1/audit/search',
      '/api/v1/devices/{id}/history',
      '/api/v1/records/{key}',
    ]);
  });

  it('serves the API browser at /docs', async () => {
    const response = await fetch(`${world.base}/docs/`, { redirect: 'follow' });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('swagger-ui');
  });
});
