// Users pull their queued Service Responses and Alerts, and acknowledge what they received.
//
// A pull hands messages out under a lease and drops none of them: they are dropped only when
// the User acknowledges their IDs, so an answer lost on the way is simply pulled again once
// the lease ends (not at once: a second pull running beside the first must not get the same
// messages). Both routes are signed over something fresh (see signed-pull.ts).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { parseEui64, type Eui64 } from '../core/eui64.ts';
import type { DspRuntime } from '../dsp/runtime.ts';
import { kidOf, verifyDetachedJws } from '../dsp/signing/index.ts';
import type { Store } from '../store/port.ts';
import { InvalidValueError } from '../core/errors.ts';
import { JWS_HEADER } from './duis-routes.ts';
import { queryTexts } from './query.ts';
import { createReplayGuard, pullSigningText, TIME_HEADER } from './signed-pull.ts';

/** Most message IDs one acknowledgement may carry (the most one pull hands out). */
export const MAX_ACK_IDS = 1_000;

const header = (request: FastifyRequest, name: string): string | undefined => {
  const value = request.headers[name];
  return typeof value === 'string' ? value : undefined;
};

const refuse = (reply: FastifyReply, message: string, code = 'UNAUTHENTICATED'): FastifyReply =>
  reply.status(code === 'RATE_LIMITED' ? 429 : 401).send({ code, message });

/** Reads an acknowledgement body `{"ids": ["…", …]}`; a string says what is wrong. */
function readAck(body: string): readonly string[] | string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return 'the body is not JSON; expected {"ids": ["<message ID>", …]}';
  }
  const ids = (parsed as { ids?: unknown } | null)?.ids;
  if (!Array.isArray(ids) || ids.length === 0 || ids.length > MAX_ACK_IDS) {
    return `expected {"ids": [...]} with 1 to ${MAX_ACK_IDS} message IDs`;
  }
  if (!ids.every((id): id is string => typeof id === 'string' && id !== '' && id.length <= 200)) {
    return 'every message ID must be a non-empty string of at most 200 characters';
  }
  return ids;
}

/**
 * GET /users/:userId/messages hands out up to `limit` waiting messages under a lease;
 * POST /users/:userId/messages/ack drops the ones the User names. Both carry a detached JWS
 * (header x-duis-signature) made with one of the User's registered certificates over
 * {@link pullSigningText}: method, request target as sent, the x-duis-time value, body.
 */
export function registerPullRoutes(
  app: FastifyInstance,
  options: { dsp: DspRuntime; store: Store },
): void {
  const { dsp, store } = options;
  const guard = createReplayGuard({ clock: dsp.clock, windowMs: dsp.pull.windowMs });

  /** Who may call: the User named in the path, by a fresh request signed with its key. */
  const signedByUser = async (
    request: FastifyRequest,
    reply: FastifyReply,
  ): Promise<FastifyReply | undefined> => {
    const { userId: raw } = request.params as { userId: string };
    const userId = parseEui64(raw, 'userId');
    const time = header(request, TIME_HEADER);
    const fresh = guard.checkTime(time);
    if (!fresh.ok) return refuse(reply, fresh.message, fresh.code);
    const body = typeof request.body === 'string' ? request.body : '';
    const signed = pullSigningText({
      method: request.method,
      target: request.url,
      time: time ?? '',
      body,
    });
    const check = await verifyDetachedJws(
      header(request, JWS_HEADER),
      signed,
      dsp.credentials.resolver,
    );
    if (!check.ok) {
      const expected = check.reason === 'bad-signature' ? signedTextHint(signed) : '';
      return refuse(reply, `${check.reason}: ${check.detail}${expected}`);
    }
    const credential = dsp.credentials.find(check.certificate.issuer, check.certificate.serial);
    if (credential?.userId !== userId) {
      return refuse(reply, `the signing certificate does not belong to User ${userId}`);
    }
    const once = guard.remember(kidOf(check.signer), signed, fresh.at);
    if (!once.ok) return refuse(reply, once.message, once.code);
    return undefined;
  };

  app.get('/users/:userId/messages', { preHandler: signedByUser }, async (request, reply) => {
    const userId = userOf(request);
    const limitText = queryTexts(request.query, ['limit']).limit ?? '100';
    if (!/^[1-9][0-9]{0,5}$/.test(limitText)) {
      throw new InvalidValueError(
        'limit',
        limitText,
        `expected a whole number from 1 to ${MAX_ACK_IDS}`,
      );
    }
    const limit = Math.min(MAX_ACK_IDS, Number(limitText));
    const now = dsp.clock.now();
    const messages = await store.leaseForPull(userId, now, { limit, leaseMs: dsp.pull.leaseMs });
    return reply.send({
      messages: messages.map((m) => ({
        id: m.id,
        contentType: m.contentType,
        createdAt: m.createdAt.toISOString(),
        body: m.body,
      })),
      // Until then no other pull gets these; acknowledge them to drop them for good.
      leasedUntil:
        messages.length === 0 ? null : new Date(now.getTime() + dsp.pull.leaseMs).toISOString(),
    });
  });

  app.post('/users/:userId/messages/ack', { preHandler: signedByUser }, async (request, reply) => {
    const userId = userOf(request);
    const ids = readAck(typeof request.body === 'string' ? request.body : '');
    if (typeof ids === 'string')
      return reply.status(400).send({ code: 'BAD_REQUEST', message: ids });
    const acknowledged = await store.acknowledgePulled(userId, ids, dsp.clock.now());
    const done = new Set(acknowledged);
    // Another User's IDs, unknown IDs and messages already gone are all answered alike, so
    // an acknowledgement tells nothing about messages that are not the User's own.
    const ignored = [...new Set(ids)].filter((id) => !done.has(id));
    return reply.send({ acknowledged, ignored });
  });
}

const userOf = (request: FastifyRequest): Eui64 =>
  parseEui64((request.params as { userId: string }).userId, 'userId');

/** The text the DSP verified against, for a User whose signature did not verify. */
const signedTextHint = (signed: string): string => {
  const [line = '', time = ''] = signed.split('\n');
  return `; the DSP verified it over "${line}", a line feed, "${time}", a line feed and the body`;
};
