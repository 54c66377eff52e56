// The HTTP baseline: a bare Fastify server doing a comparable validated POST /duis.
//
// What it does per request, and nothing more: Fastify with the DSP's body limit (1 MiB) reads
// the body as a string (the same content-type parser set-up as src/web/server.ts); xmldom (the
// DSP's XML parser) parses it into a DOM; the root must be sr:Request in the DUIS namespace with
// an sr:RequestID of the form originator:target:counter; the answer is a fixed ~250-byte XML
// acknowledgement (200), or 400 when the checks fail. No signature check, no state, no audit.
import { DOMParser } from '@xmldom/xmldom';
import Fastify, { type FastifyInstance } from 'fastify';

const SR_NS = 'http://www.dccinterface.co.uk/ServiceUserGateway';
const REQUEST_ID = /^[0-9A-F]{2}(?:-[0-9A-F]{2}){7}:[0-9A-F]{2}(?:-[0-9A-F]{2}){7}:\d{1,20}$/i;
const ACK = `<?xml version="1.0" encoding="UTF-8"?><sr:Response xmlns:sr="${SR_NS}" schemaVersion="5.4"><sr:Header><sr:ResponseCode>I99</sr:ResponseCode></sr:Header></sr:Response>`;

/** True when `body` is well-formed XML with a DUIS Request root and a well-formed RequestID. */
export function validDuisEnvelope(body: string): boolean {
  const errors: string[] = [];
  const parser = new DOMParser({
    onError(level, message) {
      if (level !== 'warning') errors.push(message);
    },
  });
  try {
    const root = parser.parseFromString(body, 'text/xml').documentElement;
    if (errors.length > 0 || root?.localName !== 'Request' || root.namespaceURI !== SR_NS)
      return false;
    const id = root.getElementsByTagNameNS(SR_NS, 'RequestID')[0]?.textContent ?? '';
    return REQUEST_ID.test(id.trim());
  } catch {
    return false;
  }
}

/** Builds the bare server (not yet listening). */
export function createBareServer(): FastifyInstance {
  const app = Fastify({ logger: false, bodyLimit: 1_048_576 });
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(
    ['application/xml', 'text/xml'],
    { parseAs: 'string' },
    (_request, body, done) => {
      done(null, body);
    },
  );
  app.post('/duis', (request, reply) => {
    const ok = typeof request.body === 'string' && validDuisEnvelope(request.body);
    return reply
      .status(ok ? 200 : 400)
      .type('application/xml')
      .send(ok ? ACK : '<error>not a DUIS Request</error>');
  });
  return app;
}
