// Signatures of DUIS messages: enveloped XML-DSig (ecdsa-sha256) and detached JWS (ES256).
export { ALGORITHMS } from './c14n.ts';
export {
  createCertificateDirectory,
  dnMatchKey,
  parseSigningCertificate,
  type CertificateResolver,
  type SigningCertificate,
} from './certificate.ts';
export { kidOf, signJws, verifyDetachedJws, type JwsCheck, type JwsFailure } from './jws.ts';
export {
  createCanonicalXmlSigner,
  createXmlSigner,
  signXml,
  type XmlSigningKey,
} from './sign-xml.ts';
export { verifyXmlSignature, type SignatureCheck, type SignatureFailure } from './verify-xml.ts';
