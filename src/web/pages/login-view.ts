// The sign-in page, rendered for the auth plugin's login routes (they post back to it with its CSRF token).
import type { LoginView } from '../ssi/login-page.ts';
import { html } from './html.ts';
import { page, problemList } from './layout.ts';

/** The whole sign-in page. */
export function renderLogin(view: LoginView): string {
  const body = html`${problemList(view.error === undefined ? [] : [view.error])}
    <form method="post" action="${view.action}" class="signin">
      <input type="hidden" name="csrf" value="${view.csrfToken}" />
      <input type="hidden" name="next" value="${view.next}" />
      <p>
        <label for="f-email">Email address</label>
        <input
          id="f-email"
          name="email"
          type="email"
          autocomplete="username"
          value="${view.email ?? ''}"
          required
          autofocus
        />
      </p>
      <p>
        <label for="f-password">Password</label>
        <input
          id="f-password"
          name="password"
          type="password"
          autocomplete="current-password"
          required
        />
      </p>
      <p><button type="submit">Sign in</button></p>
    </form>
    <p class="muted">
      Accounts are set up by your organisation's administrator. After repeated failed attempts
      signing in is paused for a while.
    </p>`;
  return page({ title: 'Sign in' }, body);
}
