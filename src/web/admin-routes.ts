// DCC administration: register Users' signing certificates and delivery endpoints.
import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
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

function authorised(request: FastifyRequest, token: string): boolean {
  const given = Buffer.from((request.headers.authorization ?? '').replace(/^Bearer\s+/i, ''));
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

/** Registers the /admin routes, guarded by a bearer token. */
export function registerAdminRoutes(
  app: FastifyInstance,
  options: { dsp: DspRuntime; token: string },
): void {
  app.addHook('onRequest', async (request, reply) => {
    if (request.url.startsWith('/admin/') && !authorised(request, options.token)) {
      await reply.status(401).send({
        code: 'UNAUTHENTICATED',
        message: 'the /admin routes need the DSP admin bearer token',
      });
    }
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
}
