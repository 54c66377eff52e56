// POST /duis: DUIS Service Requests in XML (signed in the document) or JSON (detached JWS).
import type { FastifyInstance } from 'fastify';
import type { DspRuntime } from '../dsp/runtime.ts';

/** Header carrying the detached JWS of a JSON request. */
export const JWS_HEADER = 'x-duis-signature';

/** Registers the DUIS endpoint. */
export function registerDuisRoutes(app: FastifyInstance, dsp: DspRuntime): void {
  app.post('/duis', async (request, reply) => {
    const type = (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
    const format = type === 'application/json' ? 'json' : 'xml';
    const body = typeof request.body === 'string' ? request.body : '';
    const jws = request.headers[JWS_HEADER];
    const answer = await dsp.service.submit({
      body,
      format,
      ...(typeof jws === 'string' ? { jws } : {}),
    });
    return reply.status(answer.status).type(answer.contentType).send(answer.body);
  });
}
