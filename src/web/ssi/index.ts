// The SSI's accounts and security plumbing, as the rest of opendsp uses them.
export { ssiAuthPlugin, type SsiAuthOptions } from './auth-plugin.ts';
export {
  CSRF_HEADER,
  LOGIN_CSRF_COOKIE,
  SESSION_COOKIE,
  type RouteKind,
  type SignedInPerson,
  type SsiAuth,
} from './auth-types.ts';
export {
  addPerson,
  createOrganisationAdmin,
  normaliseEmail,
  type AddPersonOptions,
  type CreateOrganisationAdminOptions,
  type NewPerson,
  type PersonSummary,
} from './accounts.ts';
export { DEFAULT_LOGIN_POLICY, type LoginPolicy } from './login.ts';
export { escapeHtml, renderLoginPage, type LoginView } from './login-page.ts';
export {
  hashPassword,
  passwordProblems,
  PASSWORD_MIN_LENGTH,
  verifyPassword,
} from './passwords.ts';
export { SSI_REFUSALS, type SsiRefusal } from './responses.ts';
export { DEFAULT_SESSION_TIMEOUTS, type SessionTimeouts } from './sessions.ts';
