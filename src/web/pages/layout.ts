// The page frame shared by every SSI page: skip link, navigation, sign-out form, one stylesheet.
import { html, type SafeHtml } from './html.ts';
import { STYLESHEET_PATH } from './style.ts';

/** Who is signed in, as the page header shows it. */
export interface SignedIn {
  readonly name: string;
  readonly organisation: string;
  /** The CSRF token the sign-out form carries. */
  readonly csrfToken: string;
  /** True when the person holds an SRO or ARO role (the thresholds page is listed). */
  readonly responsibleOfficer: boolean;
}

/** What {@link page} needs besides the body. */
export interface PageFrame {
  readonly title: string;
  /** Absent on the sign-in page and on pages seen before signing in. */
  readonly signedIn?: SignedIn;
}

/** Where the sign-out form posts (the auth plugin's route). */
export const LOGOUT_PATH = '/logout';

function navigation(who: SignedIn): SafeHtml {
  const links: [string, string][] = [
    ['/ssi', 'Dashboard'],
    ['/ssi/search', 'Search the audit trail'],
    ['/ssi/downloads', 'Downloads'],
  ];
  if (who.responsibleOfficer) links.push(['/ssi/thresholds', 'Anomaly thresholds']);
  links.push(['/docs', 'API']);
  return html`<nav aria-label="Main">
      <ul>
        ${links.map(([href, text]) => html`<li><a href="${href}">${text}</a></li>`)}
      </ul>
    </nav>
    <p>${who.name}, ${who.organisation}</p>
    <form method="post" action="${LOGOUT_PATH}">
      <input type="hidden" name="csrf" value="${who.csrfToken}" />
      <button type="submit">Sign out</button>
    </form>`;
}

/** A whole HTML document around `body`. */
export function page(frame: PageFrame, body: SafeHtml): string {
  return html`<!doctype html>
    <html lang="en-GB">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${frame.title} – opendsp Self Service Interface</title>
        <link rel="stylesheet" href="${STYLESHEET_PATH}" />
      </head>
      <body>
        <a class="skip" href="#main">Skip to main content</a>
        <header>
          <strong>opendsp Self Service Interface</strong>
          ${frame.signedIn ? navigation(frame.signedIn) : null}
        </header>
        <main id="main" tabindex="-1">
          <h1>${frame.title}</h1>
          ${body}
        </main>
      </body>
    </html> `.text;
}

/** A list of problems shown above a form, announced to screen readers. */
export function problemList(problems: readonly string[]): SafeHtml | null {
  if (problems.length === 0) return null;
  return html`<div class="error" role="alert">
    <p><strong>There is a problem</strong></p>
    <ul>
      ${problems.map((p) => html`<li>${p}</li>`)}
    </ul>
  </div>`;
}
