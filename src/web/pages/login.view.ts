import { Actor, Role } from '../../auth/actor';
import { html, localPath, SafeHtml } from '../html';
import { csrfField, FormState, formMessage, input, layout, PageContext } from '../layout';

/** Where each role starts after signing in. */
export const HOME_OF: Record<Role, string> = {
  citizen: '/my/appeals',
  registrar: '/office',
  official: '/office',
  supervisor: '/supervision',
  admin: '/admin',
};

/** After a sign-in (password or e-ID): enrolment first for a role that must have a second factor and has none, else `next` or the role's home. */
export function afterSignIn(actor: Actor | undefined, next: string | null | undefined): string {
  if (actor?.session?.totpEnrolmentRequired) return '/account';
  return localPath(next ?? undefined, actor ? HOME_OF[actor.role] : '/');
}

/** The sign-in page; the e-ID button only when the OpenID Connect sign-in is configured. */
export function loginPage(ctx: PageContext, options: { next: string; oidc: boolean; state?: FormState }): SafeHtml {
  const t = ctx.texts;
  const { next, state } = options;
  const eid = options.oidc ? `/auth/oidc/login${next ? `?next=${encodeURIComponent(next)}` : ''}` : undefined;
  return layout(ctx, {
    title: t.msg('common.signIn'),
    body: html`<h1>${t.msg('common.signIn')}</h1>
${formMessage(state, 'login')}
${
  eid
    ? html`<p><a class="button" id="oidc-login" href="${eid}">${t.msg('auth.withEid')}</a></p>
<p>${t.msg('auth.orPassword')}</p>`
    : ''
}
<form method="post" action="/login" novalidate>
${csrfField(ctx)}<input type="hidden" name="next" value="${next}">
${input({ form: 'login', name: 'email', type: 'email', label: t.msg('common.email'), state, required: true, autocomplete: 'username', maxLength: 254 })}
${input({ form: 'login', name: 'password', type: 'password', label: t.msg('common.password'), state, required: true, autocomplete: 'current-password', maxLength: 128 })}
${input({
  form: 'login',
  name: 'totp',
  label: t.msg('auth.totp'),
  hint: t.msg('auth.totpHint'),
  state,
  autocomplete: 'one-time-code',
  maxLength: 6,
})}
<button type="submit">${t.msg('common.signIn')}</button>
</form>
<p><a href="/password-reset">${t.msg('auth.forgot')}</a></p>
<p>${t.msg('auth.noAccount')} <a href="/register">${t.msg('auth.registerLink')}</a></p>`,
  });
}
