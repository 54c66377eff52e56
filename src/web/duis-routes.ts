// The DUIS endpoints: DCC Boxed's three URLs (serviceS, serviceT, serviceD) and opendsp's one-URL
// form POST /duis; XML (signed in the document) or JSON (detached JWS).
import type { FastifyInstance } from 'fastify';
import type { DuisWebService } from '../dsp/checks.ts';
import type { DspRuntime } from '../dsp/runtime.ts';

/** Header carrying the detached JWS of a JSON request. */
export const JWS_HEADER = 'x-duis-signature';

/** opendsp's own URL: any request type (every Command Variant). */
export const DUIS_URL = '/duis';

/**
 * DCC Boxed's URLs, each serving its own request types (DUIS web services; fact sheet "DCC Boxed
 * over HTTP", duis-parser src/cv.ts): Send Command, Transform, Non-Device Service.
 */
export const DCC_BOXED_URLS: Readonly<Record<DuisWebService, string>> = {
  serviceS: '/api/v1/serviceS',
  serviceT: '/api/v1/serviceT',
  serviceD: '/api/v1/serviceD',
};

/** Every URL that takes DUIS Service Requests (the body limit's DUIS refusal applies to them). */
export const DUIS_URLS: ReadonlySet<string> = new Set([DUIS_URL, ...Object.values(DCC_BOXED_URLS)]);

/** Registers the DUIS endpoints. */
export function registerDuisRoutes(app: FastifyInstance, dsp: DspRuntime): void {
  const route = (url: string, service?: DuisWebService): void => {
    app.post(url, async (request, reply) => {
      const type =
        (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
      const format = type === 'application/json' ? 'json' : 'xml';
      const body = typeof request.body === 'string' ? request.body : '';
      const jws = request.headers[JWS_HEADER];
      const answer = await dsp.service.submit({
        body,
        format,
        ...(typeof jws === 'string' ? { jws } : {}),
        ...(service === undefined ? {} : { service }),
      });
      return reply.status(answer.status).type(answer.contentType).send(answer.body);
    });
  };
  route(DUIS_URL);
  for (const [service, url] of Object.entries(DCC_BOXED_URLS)) {
    route(url, service as DuisWebService);
  }
}
