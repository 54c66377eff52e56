// Signs pulls and acknowledgements as a User's client does, for the HTTP tests.
import type { XmlSigningKey } from '../../src/dsp/signing/index.ts';
import { signJws } from '../../src/dsp/signing/index.ts';
import { pullSigningText, TIME_HEADER } from '../../src/web/signed-pull.ts';

/** A signed request to send: target is the path and query exactly as sent. */
export interface SignedRequest {
  readonly method: 'GET' | 'POST';
  readonly target: string;
  readonly key: XmlSigningKey;
  readonly body?: string;
  /** The x-duis-time to sign and send (default: now). */
  readonly time?: Date;
}

/** The headers of a signed pull or acknowledgement (resend them to replay it). */
export async function signedHeaders(request: SignedRequest): Promise<Record<string, string>> {
  const time = (request.time ?? new Date()).toISOString();
  const text = pullSigningText({ ...request, time });
  return {
    'x-duis-signature': await signJws(text, request.key),
    [TIME_HEADER]: time,
    ...(request.body === undefined ? {} : { 'content-type': 'application/json' }),
  };
}

/** Sends a request with the given headers; returns its status and JSON answer. */
export async function send(
  base: string,
  request: Pick<SignedRequest, 'method' | 'target' | 'body'>,
  headers: Record<string, string>,
): Promise<{ status: number; json: Record<string, unknown> }> {
  const response = await fetch(`${base}${request.target}`, {
    method: request.method,
    headers,
    ...(request.body === undefined ? {} : { body: request.body }),
  });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

/** Signs and sends a request. */
export async function signedSend(
  base: string,
  request: SignedRequest,
): Promise<{ status: number; json: Record<string, unknown> }> {
  return send(base, request, await signedHeaders(request));
}

/** The message IDs of a pull's answer. */
export function idsOf(answer: { json: Record<string, unknown> }): string[] {
  return ((answer.json['messages'] ?? []) as { id: string }[]).map((m) => m.id);
}
