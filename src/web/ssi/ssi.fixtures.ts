// A real Fastify server on port 0 with the SSI auth plugin over an in-memory DuckDB store.
import Fastify, { type FastifyInstance } from 'fastify';
import type { AddressInfo } from 'node:net';
import { createFixedClock } from '../../core/clock.ts';
import { createDuckDbStore } from '../../store/duckdb/index.ts';
import type { Store } from '../../store/port.ts';
import { addPerson, createOrganisationAdmin } from './accounts.ts';
import { ssiAuthPlugin, type SsiAuthOptions } from './auth-plugin.ts';

/** The password every fixture person has. */
export const PASSWORD = 'correct horse battery';
/** A viewer of organisation ELEC. */
export const VIEWER = 'vera@elec.example';
/** A Senior Responsible Officer of ELEC. */
export const OFFICER = 'sam@elec.example';
/** When the fixture clock starts. */
export const T0 = new Date('2025-03-03T09:00:00.000Z');

/** A running server and what the tests reach into. */
export interface SsiHarness {
  readonly base: string;
  readonly store: Store;
  readonly clock: ReturnType<typeof createFixedClock>;
  readonly app: FastifyInstance;
  close(): Promise<void>;
}

/** Routes guarded in each way, for the tests to call. */
function testRoutes(ssi: FastifyInstance): void {
  const officers = ['senior-responsible-officer', 'authorised-responsible-officer'] as const;
  ssi.get('/', { preHandler: ssi.ssiAuth.requirePerson('page') }, () => 'dashboard');
  ssi.get('/api/me', { preHandler: ssi.ssiAuth.requirePerson('api') }, (request) => request.person);
  ssi.post('/api/echo', { preHandler: ssi.ssiAuth.requirePerson('api') }, () => ({ ok: true }));
  ssi.get('/api/thresholds', { preHandler: ssi.ssiAuth.requireRoles('api', officers) }, () => ({
    ok: true,
  }));
  ssi.get('/api/refused', { preHandler: ssi.ssiAuth.requirePerson('api') }, (request, reply) =>
    ssi.ssiAuth.refuse(request, reply, 'export-csv'),
  );
}

/** Starts the server with an organisation, a viewer and an SRO; options override the plugin's. */
export async function startSsi(options: Partial<SsiAuthOptions> = {}): Promise<SsiHarness> {
  const store = await createDuckDbStore({ path: ':memory:' });
  await store.migrate();
  const clock = createFixedClock(T0);
  await createOrganisationAdmin({
    store,
    clock,
    organisation: { id: 'ELEC', name: 'Elec Ltd' },
    admin: { name: 'Ada Admin', email: 'ada@elec.example', password: PASSWORD },
  });
  for (const [email, role] of [
    [VIEWER, 'viewer'],
    [OFFICER, 'senior-responsible-officer'],
  ] as const) {
    const person = { organisationId: 'ELEC', name: email, email, password: PASSWORD };
    await addPerson({ store, clock, person: { ...person, roles: [role] } });
  }
  const app = Fastify();
  // As src/web/server.ts does: the plugin must bring its own form parser.
  app.removeAllContentTypeParsers();
  await app.register(
    async (ssi) => {
      await ssi.register(ssiAuthPlugin, { store, clock, ...options });
      testRoutes(ssi);
    },
    { prefix: '/ssi' },
  );
  // Outside the SSI scope: neither the form parser nor the session hooks reach here.
  app.post('/outside', (request) => ({ person: request.person ?? 'absent' }));
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}`,
    store,
    clock,
    app,
    close: async () => {
      await app.close();
      await store.close();
    },
  };
}
