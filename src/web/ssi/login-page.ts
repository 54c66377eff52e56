// The sign-in form and a bare message page, for when no richer page renderer is configured.

/** What the sign-in form shows. */
export interface LoginView {
  /** Where the form posts. */
  readonly action: string;
  /** The pre-session CSRF token (double-submitted with the signed cookie). */
  readonly csrfToken: string;
  /** Where to go after signing in. */
  readonly next: string;
  /** A refusal message from the previous attempt. */
  readonly error?: string;
  /** The email typed before, kept in the field. */
  readonly email?: string;
}

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

function frame(title: string, body: string): string {
  return `<!doctype html>
<html lang="en-GB">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} - opendsp Self Service Interface</title></head>
<body><main>
<h1>${escapeHtml(title)}</h1>
${body}
</main></body>
</html>
`;
}

/** The sign-in page. */
export function renderLoginPage(view: LoginView): string {
  const error =
    view.error === undefined ? '' : `<p role="alert" id="error">${escapeHtml(view.error)}</p>\n`;
  return frame(
    'Sign in',
    `${error}<form method="post" action="${escapeHtml(view.action)}">
<input type="hidden" name="csrf" value="${escapeHtml(view.csrfToken)}">
<input type="hidden" name="next" value="${escapeHtml(view.next)}">
<p><label for="email">Email</label>
<input id="email" name="email" type="email" autocomplete="username" required value="${escapeHtml(view.email ?? '')}"></p>
<p><label for="password">Password</label>
<input id="password" name="password" type="password" autocomplete="current-password" required></p>
<p><button type="submit">Sign in</button></p>
</form>`,
  );
}

/** A page with a title and one message. */
export function renderMessagePage(title: string, message: string): string {
  return frame(title, `<p role="alert">${escapeHtml(message)}</p>`);
}
