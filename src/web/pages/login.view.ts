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
    title: t.t('Daxil ol', 'Sign in'),
    body: html`<h1>${t.t('Daxil ol', 'Sign in')}</h1>
${formMessage(state, 'login')}
${
  eid
    ? html`<p><a class="button" id="oidc-login" href="${eid}">${t.t('e-ID ilə daxil ol', 'Sign in with e-ID')}</a></p>
<p>${t.t('və ya e-poçt və şifrə ilə:', 'or with your e-mail and password:')}</p>`
    : ''
}
<form method="post" action="/login" novalidate>
${csrfField(ctx)}<input type="hidden" name="next" value="${next}">
${input({ form: 'login', name: 'email', type: 'email', label: t.t('E-poçt', 'E-mail'), state, required: true, autocomplete: 'username', maxLength: 254 })}
${input({ form: 'login', name: 'password', type: 'password', label: t.t('Şifrə', 'Password'), state, required: true, autocomplete: 'current-password', maxLength: 128 })}
${input({
  form: 'login',
  name: 'totp',
  label: t.t('Birdəfəlik kod', 'One-time code'),
  hint: t.t(
    'Autentifikator tətbiqini qoşmusunuzsa, onun 6 rəqəmli kodu',
    'The 6-digit code of your authenticator app, if you enrolled one',
  ),
  state,
  autocomplete: 'one-time-code',
  maxLength: 6,
})}
<button type="submit">${t.t('Daxil ol', 'Sign in')}</button>
</form>
<p><a href="/password-reset">${t.t('Şifrəni unutmusunuz?', 'Forgot your password?')}</a></p>
<p>${t.t('Hesabınız yoxdur?', 'No account yet?')} <a href="/register">${t.t('Qeydiyyatdan keçin', 'Register')}</a></p>`,
  });
}
