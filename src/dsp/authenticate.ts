// Authentication of a parsed Service Request: its signature, its signer, and the originator.
import type { Document } from '@xmldom/xmldom';
import type { RejectionReason } from '../catalogue/index.ts';
import type { Sender } from './checks.ts';
import type { CredentialRegistry } from './credentials.ts';
import type { ServiceRequest } from './messages.ts';
import { verifyDetachedJws, verifyXmlSignature } from './signing/index.ts';

/** Who sent the request, or why that could not be established. */
export type Authentication =
  | { readonly ok: true; readonly sender: Sender }
  | {
      readonly ok: false;
      readonly reason: Extract<RejectionReason, 'signature' | 'unknown-signer'>;
      readonly detail: string;
    };

/**
 * Checks the enveloped XML signature (or the detached JWS of a JSON request) against the
 * registered certificates; the certificate must belong to the originator in the RequestID.
 */
export async function authenticate(
  request: ServiceRequest,
  input: {
    readonly credentials: CredentialRegistry;
    readonly jws?: string;
    /** The XML request's parsed document, when the parser kept it. */
    readonly document?: Document;
  },
): Promise<Authentication> {
  const { credentials } = input;
  const check =
    request.format === 'xml'
      ? verifyXmlSignature(request.raw, credentials.resolver, input.document)
      : await verifyDetachedJws(input.jws, request.raw, credentials.resolver);
  if (!check.ok) {
    const reason = check.reason === 'unknown-signer' ? 'unknown-signer' : 'signature';
    return { ok: false, reason, detail: `${check.reason}: ${check.detail}` };
  }
  const credential = credentials.find(check.certificate.issuer, check.certificate.serial);
  if (!credential) {
    return {
      ok: false,
      reason: 'unknown-signer',
      detail: `certificate ${check.certificate.issuer} / ${check.certificate.serial} is not registered`,
    };
  }
  if (credential.userId !== request.requestId.originator) {
    return {
      ok: false,
      reason: 'unknown-signer',
      detail: `the signing certificate belongs to User ${credential.userId}, not to the originator ${request.requestId.originator} named in the RequestID`,
    };
  }
  return { ok: true, sender: { userId: credential.userId, role: credential.role } };
}
