// Users pull their queued Service Responses and Alerts; each pull is signed by the User.
import type { FastifyInstance } from 'fastify';
import { parseEui64 } from '../core/eui64.ts';
import type { DspRuntime } from '../dsp/runtime.ts';
import { verifyDetachedJws } from '../dsp/signing/index.ts';
import type { Store } from '../store/port.ts';
import { JWS_HEADER } from './duis-routes.ts';

/**
 * GET /users/:userId/messages returns up to `limit` waiting messages (and marks them pulled).
 * The request carries a detached JWS (header x-duis-signature) over the text
 * `GET /users/<userId>/messages`, made with one of the User's registered certificates.
 */
export function registerPullRoutes(
  app: FastifyInstance,
  options: { dsp: DspRuntime; store: Store },
): void {
  app.get('/users/:userId/messages', async (request, reply) => {
    const { userId: raw } = request.params as { userId: string };
    const userId = parseEui64(raw, 'userId');
    const jws = request.headers[JWS_HEADER];
    const check = await verifyDetachedJws(
      typeof jws === 'string' ? jws : undefined,
      `GET /users/${raw}/messages`,
      options.dsp.credentials.resolver,
    );
    const credential = check.ok
      ? options.dsp.credentials.find(check.certificate.issuer, check.certificate.serial)
      : undefined;
    if (!check.ok || credential?.userId !== userId) {
      return reply.status(401).send({
        code: 'UNAUTHENTICATED',
        message: check.ok
          ? `the signing certificate does not belong to User ${userId}`
          : `${check.reason}: ${check.detail}`,
      });
    }
    const limitText = (request.query as { limit?: string }).limit ?? '100';
    const limit = Math.min(1_000, Math.max(1, Number.parseInt(limitText, 10) || 100));
    const messages = await options.store.pendingFor(userId, limit);
    await options.store.markPulled(
      messages.map((m) => m.id),
      new Date(),
    );
    return reply.send({
      messages: messages.map((m) => ({
        id: m.id,
        contentType: m.contentType,
        createdAt: m.createdAt.toISOString(),
        body: m.body,
      })),
    });
  });
}
