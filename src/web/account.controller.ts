import { Get, Ip, Post, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Actor } from '../auth/actor';
import { DomainError } from '../platform/errors/domain-error';
import { AuthService } from '../auth/auth.service';
import { OidcService } from '../auth/oidc/oidc.service';
import { AccountSecurityService } from '../users/account-security.service';
import {
  ChangePasswordDto,
  ConfirmIdentityLinkDto,
  PasswordResetConfirmDto,
  PasswordResetRequestDto,
  TotpCodeDto,
  TotpEnrolmentDto,
} from '../users/dto/user.dto';
import { TotpService } from '../users/totp.service';
import { UsersService } from '../users/users.service';
import { MessageKey } from '../platform/i18n';
import { html, SafeHtml } from './html';
import { csrfField, FormState, formMessage, input, layout, PageContext } from './layout';
import { text, urlencoded, validated } from './web-forms';
import { SignedInPage, Viewer } from './page-access';
import { WebController } from './web-controller';
import { attempt, WebPages } from './web-pages';

const TOKEN_PATTERN = /^[A-Za-z0-9_-]{20,100}$/;

/**
 * The account's own pages (issue 13): the e-mail's proof, a new password, the second factor; and
 * the mailed links' pages. A link's GET only shows a button: mail scanners open links, and opening
 * must not use a one-time token (a scanner "verifying" an address the registrant does not own).
 * The account pages are @SignedInPage (any role: a role that must enrol a second factor is sent
 * here, so it must get in); the mailed links' pages have no @PageFor and are open signed out.
 */
@WebController()
export class AccountPagesController {
  constructor(
    private readonly pages: WebPages,
    private readonly auth: AuthService,
    private readonly security: AccountSecurityService,
    private readonly users: UsersService,
    private readonly totp: TotpService,
    private readonly oidc: OidcService,
  ) {}

  @Get('account')
  @SignedInPage()
  async account(
    @Query('done') done: string | undefined,
    @Viewer() actor: Actor,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const ctx = this.pages.context(request, reply);
    const notice = done && Object.hasOwn(DONE, done) ? ctx.texts.msg(DONE[done]) : undefined;
    this.pages.send(reply, await this.accountPage(ctx, actor, undefined, undefined, notice));
  }

  @Post('account/password')
  @SignedInPage()
  async changePassword(@Viewer() actor: Actor, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const ctx = this.pages.context(request, reply);
    const fields = urlencoded(request);
    const result = await attempt(ctx.texts, 'password', {}, async () =>
      this.auth.changePassword(
        actor,
        await validated(ChangePasswordDto, {
          currentPassword: secret(fields, 'currentPassword'),
          newPassword: secret(fields, 'newPassword'),
        }),
      ),
    );
    if (!result.ok) return this.pages.send(reply, await this.accountPage(ctx, actor, result.state), result.status);
    this.pages.redirect(reply, '/account?done=password');
  }

  /**
   * Step one of linking an e-ID (issue 16; the only way for staff, who are never linked by e-mail):
   * the current password, and the code when a second factor is enrolled, in this session.
   */
  @Post('account/e-id')
  @SignedInPage()
  async confirmEidLink(@Viewer() actor: Actor, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const ctx = this.pages.context(request, reply);
    const fields = urlencoded(request);
    const code = text(fields, 'code');
    const result = await attempt(ctx.texts, 'eid', {}, async () => {
      const input = await validated(ConfirmIdentityLinkDto, {
        currentPassword: secret(fields, 'currentPassword'),
        ...(code ? { code } : {}),
      });
      await this.oidc.prepareLink(actor, input.currentPassword, input.code);
    });
    if (!result.ok) return this.pages.send(reply, await this.accountPage(ctx, actor, result.state), result.status);
    this.pages.redirect(reply, '/account?done=eid-confirmed');
  }

  @Post('account/verify-email')
  @SignedInPage()
  async resendVerification(@Viewer() actor: Actor, @Res() reply: FastifyReply): Promise<void> {
    await this.auth.resendVerification(actor);
    this.pages.redirect(reply, '/account?done=verify');
  }

  /** Starts an enrolment: the page shows the secret this once, with the field for the first code. */
  @Post('account/totp')
  @SignedInPage()
  async startTotp(@Viewer() viewer: Actor, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const actor = staff(viewer);
    const ctx = this.pages.context(request, reply);
    const result = await attempt(ctx.texts, 'totp', {}, () => this.totp.startEnrolment(actor));
    if (!result.ok) return this.pages.send(reply, await this.accountPage(ctx, actor, result.state), result.status);
    this.pages.send(reply, await this.accountPage(ctx, actor, undefined, result.value));
  }

  @Post('account/totp/confirm')
  @SignedInPage()
  confirmTotp(@Viewer() actor: Actor, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.withCode(staff(actor), request, reply, 'totp', (code) => this.totp.confirmEnrolment(actor, code));
  }

  @Post('account/totp/disable')
  @SignedInPage()
  disableTotp(@Viewer() actor: Actor, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.withCode(staff(actor), request, reply, 'totp-off', (code) => this.auth.disableTotp(actor, code));
  }

  /** A second-factor form with the app's code: done, back to the account page; refused, the page with the error. */
  private async withCode(
    actor: Actor,
    request: FastifyRequest,
    reply: FastifyReply,
    form: 'totp' | 'totp-off',
    run: (code: string) => Promise<void>,
  ): Promise<void> {
    const ctx = this.pages.context(request, reply);
    const code = text(urlencoded(request), 'code');
    const result = await attempt(ctx.texts, form, { code }, async () => run((await validated(TotpCodeDto, { code })).code));
    if (!result.ok) return this.pages.send(reply, await this.accountPage(ctx, actor, result.state), result.status);
    this.pages.redirect(reply, `/account?done=${form}`);
  }

  /** The link mailed at registration (`PUBLIC_URL/verify-email?token=...`): a button that confirms. */
  @Get('verify-email')
  verifyEmailPage(@Query('token') token: string | undefined, @Req() request: FastifyRequest, @Res() reply: FastifyReply): void {
    const ctx = this.pages.context(request, reply);
    const t = ctx.texts;
    this.pages.send(
      reply,
      this.linkPage(
        ctx,
        t.msg('account.verifyTitle'),
        token,
        (value) =>
          html`<form method="post" action="/verify-email">${csrfField(ctx)}<input type="hidden" name="token" value="${value}">
<p>${t.msg('account.verifyIntro')}</p>
<button type="submit">${t.msg('account.verifyButton')}</button></form>`,
      ),
    );
  }

  @Post('verify-email')
  async verifyEmail(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const ctx = this.pages.context(request, reply);
    const t = ctx.texts;
    const token = text(urlencoded(request), 'token');
    const result = await attempt(t, 'link', {}, () => this.security.verifyEmail(token));
    const title = t.msg('account.verifyTitle');
    if (!result.ok) return this.pages.send(reply, this.messagePage(ctx, title, undefined, result.state), result.status);
    this.pages.send(
      reply,
      this.messagePage(
        ctx,
        title,
        html`<p class="notice" role="status">${t.msg('account.verified')}</p>
<p><a class="button" href="/appeals/new">${t.msg('common.sendAppeal')}</a></p>`,
      ),
    );
  }

  /** "Forgot password": the request form; with the mailed link's token, the form for the new password. */
  @Get('password-reset')
  passwordResetPage(@Query('token') token: string | undefined, @Req() request: FastifyRequest, @Res() reply: FastifyReply): void {
    const ctx = this.pages.context(request, reply);
    this.pages.send(reply, token === undefined ? this.resetRequestPage(ctx) : this.resetConfirmPage(ctx, token));
  }

  /** Always the same answer, whether or not the address has an account. */
  @Post('password-reset')
  async requestPasswordReset(@Req() request: FastifyRequest, @Res() reply: FastifyReply, @Ip() ip: string): Promise<void> {
    const ctx = this.pages.context(request, reply);
    const t = ctx.texts;
    const email = text(urlencoded(request), 'email');
    const result = await attempt(t, 'reset', { email }, async () =>
      this.auth.requestPasswordReset((await validated(PasswordResetRequestDto, { email })).email, ip),
    );
    if (!result.ok) return this.pages.send(reply, this.resetRequestPage(ctx, result.state), result.status);
    this.pages.send(
      reply,
      this.messagePage(ctx, t.msg('account.resetTitle'), html`<p class="notice" role="status">${t.msg('account.resetSent')}</p>`),
      202,
    );
  }

  @Post('password-reset/confirm')
  async confirmPasswordReset(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const ctx = this.pages.context(request, reply);
    const t = ctx.texts;
    const fields = urlencoded(request);
    const token = text(fields, 'token');
    const result = await attempt(t, 'reset-confirm', {}, async () =>
      this.security.confirmPasswordReset(await validated(PasswordResetConfirmDto, { token, newPassword: secret(fields, 'newPassword') })),
    );
    if (!result.ok) return this.pages.send(reply, this.resetConfirmPage(ctx, token, result.state), result.status);
    this.pages.send(
      reply,
      this.messagePage(
        ctx,
        t.msg('account.resetTitle'),
        html`<p class="notice" role="status">${t.msg('account.resetDone')}</p>
<p><a class="button" href="/login">${t.msg('common.signIn')}</a></p>`,
      ),
    );
  }

  private async accountPage(
    ctx: PageContext,
    actor: Actor,
    state?: FormState,
    enrolment?: TotpEnrolmentDto,
    notice?: string,
  ): Promise<SafeHtml> {
    const t = ctx.texts;
    const [me, totp, linkPending] = await Promise.all([
      this.users.me(actor.id),
      actor.role === 'citizen' ? undefined : this.totp.status(actor),
      this.oidc.linkPending(actor),
    ]);
    return layout(ctx, {
      title: t.msg('account.title'),
      notice,
      body: html`<h1>${t.msg('account.title')}</h1>
<p>${me.fullName} · ${me.email} · ${t.role(me.role)}</p>
<section aria-labelledby="email"><h2 id="email">${t.msg('common.email')}</h2>
${
  me.emailVerified
    ? html`<p data-email-verified="true">${t.msg('account.emailVerified')}</p>`
    : html`<p data-email-verified="false">${t.msg('account.emailNotVerified')}</p>
<form method="post" action="/account/verify-email">${csrfField(ctx)}<button type="submit">${t.msg('account.resend')}</button></form>`
}</section>
${totp ? this.totpSection(ctx, totp, state, enrolment) : ''}
${this.oidc.enabled ? this.eidSection(ctx, totp?.enabled === true, linkPending, state) : ''}
<section aria-labelledby="pw"><h2 id="pw">${t.msg('account.changePassword')}</h2>
${formMessage(state, 'password')}
<form method="post" action="/account/password" novalidate>${csrfField(ctx)}
${input({ form: 'password', name: 'currentPassword', type: 'password', label: t.msg('account.currentPassword'), state, required: true, autocomplete: 'current-password', maxLength: 128 })}
${newPasswordInput(ctx, 'password', state)}
<button type="submit">${t.msg('account.changePassword')}</button></form></section>`,
    });
  }

  private totpSection(
    ctx: PageContext,
    totp: { enabled: boolean; required: boolean; pending: boolean },
    state?: FormState,
    enrolment?: TotpEnrolmentDto,
  ): SafeHtml {
    const t = ctx.texts;
    const codeField = (form: string) => totpCodeInput(ctx, form, state);
    let body: SafeHtml;
    if (totp.enabled) {
      body = html`<p data-totp="enabled">${t.msg('account.totpEnabled')}</p>
${
  totp.required
    ? ''
    : html`${formMessage(state, 'totp-off')}<form method="post" action="/account/totp/disable" novalidate>${csrfField(ctx)}${codeField('totp-off')}<button type="submit">${t.msg(
        'account.totpDisable',
      )}</button></form>`
}`;
    } else {
      body = html`${
        totp.required
          ? html`<p class="form-error" role="alert" data-totp="required">${t.msg('account.totpRequired')}</p>`
          : html`<p data-totp="off">${t.msg('account.totpNone')}</p>`
      }
${formMessage(state, 'totp')}
${
  enrolment
    ? html`<p>${t.msg('account.totpKey')}</p>
<p><code data-totp-secret>${enrolment.secret}</code></p><p><code>${enrolment.otpauthUrl}</code></p>`
    : ''
}
${
  enrolment || totp.pending
    ? html`<form method="post" action="/account/totp/confirm" novalidate>${csrfField(ctx)}${codeField('totp')}<button type="submit">${t.msg('common.confirm')}</button></form>`
    : ''
}
<form method="post" action="/account/totp">${csrfField(ctx)}<button type="submit">${
        totp.pending ? t.msg('account.totpNewKey') : t.msg('account.totpEnrol')
      }</button></form>`;
    }
    return html`<section aria-labelledby="totp"><h2 id="totp">${t.msg('account.totpTitle')}</h2>${body}</section>`;
  }

  /** Linking an e-ID: confirm with the password (and code), then a GET link to the provider (a form POST may not leave the site under the CSP). */
  private eidSection(ctx: PageContext, totpEnabled: boolean, linkPending: boolean, state?: FormState): SafeHtml {
    const t = ctx.texts;
    return html`<section aria-labelledby="eid"><h2 id="eid">${t.msg('account.eidTitle')}</h2>
<p>${t.msg('account.eidIntro')}</p>
${linkPending ? html`<p><a class="button" id="eid-link" href="/auth/oidc/login?link=1">${t.msg('account.eidLink')}</a></p>` : ''}
${formMessage(state, 'eid')}
<form method="post" action="/account/e-id" novalidate>${csrfField(ctx)}
${input({ form: 'eid', name: 'currentPassword', type: 'password', label: t.msg('account.currentPassword'), state, required: true, autocomplete: 'current-password', maxLength: 128 })}
${totpEnabled ? totpCodeInput(ctx, 'eid', state) : ''}
<button type="submit">${t.msg('common.confirm')}</button></form></section>`;
  }

  private linkPage(ctx: PageContext, title: string, token: string | undefined, form: (token: string) => SafeHtml): SafeHtml {
    const t = ctx.texts;
    const body =
      token && TOKEN_PATTERN.test(token)
        ? form(token)
        : html`<p class="form-error" role="alert">${t.msg('errors.codes.TOKEN_INVALID')}</p>`;
    return layout(ctx, { title, body: html`<h1>${title}</h1>${body}` });
  }

  private messagePage(ctx: PageContext, title: string, body?: SafeHtml, state?: FormState): SafeHtml {
    return layout(ctx, { title, body: html`<h1>${title}</h1>${state ? formMessage(state, state.form) : ''}${body ?? ''}` });
  }

  private resetRequestPage(ctx: PageContext, state?: FormState): SafeHtml {
    const t = ctx.texts;
    return layout(ctx, {
      title: t.msg('account.resetTitle'),
      body: html`<h1>${t.msg('account.resetTitle')}</h1>
${formMessage(state, 'reset')}
<form method="post" action="/password-reset" novalidate>${csrfField(ctx)}
${input({ form: 'reset', name: 'email', type: 'email', label: t.msg('common.email'), state, required: true, autocomplete: 'email', maxLength: 254 })}
<button type="submit">${t.msg('account.resetSend')}</button></form>`,
    });
  }

  private resetConfirmPage(ctx: PageContext, token: string, state?: FormState): SafeHtml {
    const t = ctx.texts;
    return this.linkPage(
      ctx,
      t.msg('account.newPassword'),
      token,
      (value) => html`${formMessage(state, 'reset-confirm')}
<form method="post" action="/password-reset/confirm" novalidate>${csrfField(ctx)}<input type="hidden" name="token" value="${value}">
${newPasswordInput(ctx, 'reset-confirm', state)}
<button type="submit">${t.msg('account.setPassword')}</button></form>`,
    );
  }
}

/** The account page's notices after a form (`?done=`), by the form. */
const DONE: Record<string, MessageKey> = {
  password: 'account.done.password',
  verify: 'account.done.verify',
  totp: 'account.done.totp',
  'totp-off': 'account.done.totpOff',
  'eid-confirmed': 'account.done.eidConfirmed',
  eid: 'account.done.eid',
};

/** Enrolment of the second factor is for staff and admins. */
function staff(actor: Actor): Actor {
  if (actor.role === 'citizen') throw new DomainError('FORBIDDEN', 'The second factor is for staff accounts.');
  return actor;
}

/** The authenticator's 6-digit code, as every form that asks for it shows it. */
function totpCodeInput(ctx: PageContext, form: string, state: FormState | undefined): SafeHtml {
  return input({
    form,
    name: 'code',
    label: ctx.texts.msg('account.appCode'),
    state,
    required: true,
    autocomplete: 'one-time-code',
    maxLength: 6,
  });
}

/** The new password's field, with the policy in a hint (src/users/domain/password-policy.ts). */
function newPasswordInput(ctx: PageContext, form: string, state: FormState | undefined): SafeHtml {
  const t = ctx.texts;
  return input({
    form,
    name: 'newPassword',
    type: 'password',
    label: t.msg('account.newPassword'),
    hint: t.msg('common.passwordHint'),
    state,
    required: true,
    autocomplete: 'new-password',
    maxLength: 128,
  });
}

/** A password field as typed (never trimmed: spaces may be part of it). */
function secret(fields: Record<string, string | string[]>, name: string): string {
  const value = fields[name];
  return typeof value === 'string' ? value : '';
}
