// DCC administration: register Users' signing certificates and delivery endpoints.
//
// The routes live in their own encapsulated plugin whose onRequest hook demands the admin bearer
// token, so the guard belongs to the matched routes themselves: however a client spells the path
// (percent-encoded, doubled slashes), a request that reaches one of these handlers has passed it.
import { timingSafeEqual } from 'node:crypto';
import type { FastifyPluginCallback, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { InvalidValueError } from '../core/errors.ts';
import { parseEui64 } from '../core/eui64.ts';
import { parseUserRole } from '../core/roles.ts';
import type { DspRuntime } from '../dsp/runtime.ts';

const credentialBody = z.object({
  userId: z.string(),
  role: z.string(),
  certificatePem: z.string().min(1),
});
const endpointBody = z.object({ url: z.string() });

/** The admin routes' options. */
export interface AdminRoutesOptions {
  readonly dsp: DspRuntime;
  /** The bearer token the DCC's own operations present (RFC 6750: `Authorization: Bearer <token>`). */
  readonly token: string;
}

/** True when the request carries exactly `Authorization: Bearer <token>`. */
export function hasBearerToken(request: FastifyRequest, token: string): boolean {
  const match = /^Bearer ([\x21-\x7e]+)$/i.exec(request.headers.authorization ?? '');
  if (match?.[1] === undefined) return false;
  const given = Buffer.from(match[1]);
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

function parseBody<T>(schema: z.ZodType<T>, body: unknown): T {
  let json: unknown = body;
  if (typeof body === 'string') {
    try {
      json = JSON.parse(body);
    } catch {
      throw new InvalidValueError('body', body.slice(0, 40), 'expected a JSON object');
    }
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InvalidValueError(issue?.path.join('.') || 'body', json, issue?.message ?? 'invalid');
  }
  return parsed.data;
}

/** The /admin routes, each guarded by the admin bearer token (register with `app.register`). */
export const adminRoutes: FastifyPluginCallback<AdminRoutesOptions> = (app, options, done) => {
  if (!/^[\x21-\x7e]+$/.test(options.token)) {
    throw new InvalidValueError('adminToken', '(hidden)', 'expected printable ASCII, no spaces');
  }
  // Encapsulated: this hook runs for the routes of this plugin only, after routing.
  app.addHook('onRequest', async (request, reply) => {
    if (hasBearerToken(request, options.token)) return;
    await reply.status(401).header('www-authenticate', 'Bearer realm="opendsp-admin"').send({
      code: 'UNAUTHENTICATED',
      message: 'the /admin routes need the header Authorization: Bearer <DSP admin token>',
    });
  });
  app.post('/admin/credentials', async (request, reply) => {
    const body = parseBody(credentialBody, request.body);
    const stored = await options.dsp.registerCredential({
      pem: body.certificatePem,
      userId: parseEui64(body.userId, 'userId'),
      role: parseUserRole(body.role, 'role'),
    });
    return reply.status(201).send({
      issuer: stored.issuer,
      serial: stored.serial,
      userId: stored.userId,
      role: stored.role,
    });
  });
  app.put('/admin/users/:userId/endpoint', async (request, reply) => {
    const { userId } = request.params as { userId: string };
    const body = parseBody(endpointBody, request.body);
    await options.dsp.setEndpoint(parseEui64(userId, 'userId'), body.url);
    return reply.status(204).send();
  });
  done();
};
