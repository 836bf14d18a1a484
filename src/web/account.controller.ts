import { Controller, Get, Ip, Post, Query, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Actor } from '../auth/actor';
import { DomainError } from '../platform/errors/domain-error';
import { Public } from '../auth/auth.decorators';
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
import { html, SafeHtml } from './html';
import { csrfField, FormState, formMessage, input, layout, PageContext } from './layout';
import { text, urlencoded, validated } from './web-forms';
import { attempt, CsrfGuard, WebExceptionFilter, WebPages } from './web-pages';

const TOKEN_PATTERN = /^[A-Za-z0-9_-]{20,100}$/;

/**
 * The account's own pages (issue 13): the e-mail's proof, a new password, the second factor; and
 * the mailed links' pages. A link's GET only shows a button: mail scanners open links, and opening
 * must not use a one-time token (a scanner "verifying" an address the registrant does not own).
 */
@ApiExcludeController()
@Public()
@UseGuards(CsrfGuard)
@UseFilters(WebExceptionFilter)
@Controller()
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
  async account(@Query('done') done: string | undefined, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const actor = this.pages.signedIn(request);
    const ctx = this.pages.context(request, reply);
    const t = ctx.texts;
    const notices: Record<string, string> = {
      password: t.t('Şifrə dəyişdirildi; digər seanslar bağlandı.', 'Password changed; your other sessions were signed out.'),
      verify: t.t('Təsdiq keçidi e-poçtunuza göndərildi.', 'A confirmation link was sent to your e-mail.'),
      totp: t.t('İkinci faktor qoşuldu; digər seanslar bağlandı.', 'Second factor enrolled; your other sessions were signed out.'),
      'totp-off': t.t('İkinci faktor söndürüldü.', 'Second factor turned off.'),
      'eid-confirmed': t.t(
        'Təsdiq edildi: 10 dəqiqə ərzində e-ID ilə daxil olub onu hesabınıza qoşun.',
        'Confirmed: within 10 minutes, sign in with your e-ID to link it to your account.',
      ),
      eid: t.t(
        'e-ID hesabınıza qoşuldu; bundan sonra onunla daxil ola bilərsiniz.',
        'Your e-ID is linked to your account; you can sign in with it from now on.',
      ),
    };
    this.pages.send(reply, await this.accountPage(ctx, actor, undefined, undefined, done ? notices[done] : undefined));
  }

  @Post('account/password')
  async changePassword(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const actor = this.pages.signedIn(request);
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
  async confirmEidLink(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const actor = this.pages.signedIn(request);
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
  async resendVerification(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const actor = this.pages.signedIn(request);
    await this.auth.resendVerification(actor);
    this.pages.redirect(reply, '/account?done=verify');
  }

  /** Starts an enrolment: the page shows the secret this once, with the field for the first code. */
  @Post('account/totp')
  async startTotp(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const actor = this.staff(request);
    const ctx = this.pages.context(request, reply);
    const result = await attempt(ctx.texts, 'totp', {}, () => this.totp.startEnrolment(actor));
    if (!result.ok) return this.pages.send(reply, await this.accountPage(ctx, actor, result.state), result.status);
    this.pages.send(reply, await this.accountPage(ctx, actor, undefined, result.value));
  }

  @Post('account/totp/confirm')
  confirmTotp(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.withCode(request, reply, 'totp', (actor, code) => this.totp.confirmEnrolment(actor, code));
  }

  @Post('account/totp/disable')
  disableTotp(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.withCode(request, reply, 'totp-off', (actor, code) => this.auth.disableTotp(actor, code));
  }

  /** A second-factor form with the app's code: done, back to the account page; refused, the page with the error. */
  private async withCode(
    request: FastifyRequest,
    reply: FastifyReply,
    form: 'totp' | 'totp-off',
    run: (actor: Actor, code: string) => Promise<void>,
  ): Promise<void> {
    const actor = this.staff(request);
    const ctx = this.pages.context(request, reply);
    const code = text(urlencoded(request), 'code');
    const result = await attempt(ctx.texts, form, { code }, async () => run(actor, (await validated(TotpCodeDto, { code })).code));
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
        t.t('E-poçtun təsdiqi', 'Confirm your e-mail'),
        token,
        (value) =>
          html`<form method="post" action="/verify-email">${csrfField(ctx)}<input type="hidden" name="token" value="${value}">
<p>${t.t('Bu e-poçt ünvanının sizə məxsus olduğunu təsdiq edin.', 'Confirm that this e-mail address is yours.')}</p>
<button type="submit">${t.t('Təsdiq edirəm', 'Confirm')}</button></form>`,
      ),
    );
  }

  @Post('verify-email')
  async verifyEmail(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const ctx = this.pages.context(request, reply);
    const t = ctx.texts;
    const token = text(urlencoded(request), 'token');
    const result = await attempt(t, 'link', {}, () => this.security.verifyEmail(token));
    const title = t.t('E-poçtun təsdiqi', 'Confirm your e-mail');
    if (!result.ok) return this.pages.send(reply, this.messagePage(ctx, title, undefined, result.state), result.status);
    this.pages.send(
      reply,
      this.messagePage(
        ctx,
        title,
        html`<p class="notice" role="status">${t.t('E-poçt ünvanınız təsdiq edildi; indi müraciət göndərə bilərsiniz.', 'Your e-mail address is confirmed; you can now send appeals.')}</p>
<p><a class="button" href="/appeals/new">${t.t('Müraciət göndər', 'Send an appeal')}</a></p>`,
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
      this.messagePage(
        ctx,
        t.t('Şifrənin bərpası', 'Password reset'),
        html`<p class="notice" role="status">${t.t(
          'Bu ünvanda hesab varsa, ona yeni şifrə təyin etmək üçün keçid göndərildi. Keçid bir saat işləyir.',
          'If this address has an account, a link to set a new password was sent to it. The link works for an hour.',
        )}</p>`,
      ),
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
        t.t('Şifrənin bərpası', 'Password reset'),
        html`<p class="notice" role="status">${t.t('Yeni şifrə təyin edildi; bütün seanslar bağlandı.', 'Your new password is set; every session was signed out.')}</p>
<p><a class="button" href="/login">${t.t('Daxil ol', 'Sign in')}</a></p>`,
      ),
    );
  }

  /** Enrolment of the second factor is for staff and admins. */
  private staff(request: FastifyRequest): Actor {
    const actor = this.pages.signedIn(request);
    if (actor.role === 'citizen') throw new DomainError('FORBIDDEN', 'The second factor is for staff accounts.');
    return actor;
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
      title: t.t('Hesabım', 'My account'),
      notice,
      body: html`<h1>${t.t('Hesabım', 'My account')}</h1>
<p>${me.fullName} · ${me.email} · ${t.role(me.role)}</p>
<section aria-labelledby="email"><h2 id="email">${t.t('E-poçt', 'E-mail')}</h2>
${
  me.emailVerified
    ? html`<p data-email-verified="true">${t.t('E-poçt ünvanınız təsdiq edilib.', 'Your e-mail address is confirmed.')}</p>`
    : html`<p data-email-verified="false">${t.t(
        'E-poçt ünvanınız hələ təsdiq edilməyib: göndərdiyimiz keçidi açın. Təsdiqdən sonra müraciət göndərə bilərsiniz.',
        'Your e-mail address is not confirmed yet: open the link we sent. Once confirmed, you can send appeals.',
      )}</p>
<form method="post" action="/account/verify-email">${csrfField(ctx)}<button type="submit">${t.t('Keçidi yenidən göndər', 'Send the link again')}</button></form>`
}</section>
${totp ? this.totpSection(ctx, totp, state, enrolment) : ''}
${this.oidc.enabled ? this.eidSection(ctx, totp?.enabled === true, linkPending, state) : ''}
<section aria-labelledby="pw"><h2 id="pw">${t.t('Şifrəni dəyiş', 'Change the password')}</h2>
${formMessage(state, 'password')}
<form method="post" action="/account/password" novalidate>${csrfField(ctx)}
${input({ form: 'password', name: 'currentPassword', type: 'password', label: t.t('Hazırkı şifrə', 'Current password'), state, required: true, autocomplete: 'current-password', maxLength: 128 })}
${newPasswordInput(ctx, 'password', state)}
<button type="submit">${t.t('Şifrəni dəyiş', 'Change the password')}</button></form></section>`,
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
      body = html`<p data-totp="enabled">${t.t('İkinci faktor qoşulub: hər girişdə birdəfəlik kod soruşulur.', 'A second factor is enrolled: every sign-in asks for a one-time code.')}</p>
${
  totp.required
    ? ''
    : html`${formMessage(state, 'totp-off')}<form method="post" action="/account/totp/disable" novalidate>${csrfField(ctx)}${codeField('totp-off')}<button type="submit">${t.t(
        'İkinci faktoru söndür',
        'Turn the second factor off',
      )}</button></form>`
}`;
    } else {
      body = html`${
        totp.required
          ? html`<p class="form-error" role="alert" data-totp="required">${t.t(
              'Rolunuz üçün ikinci faktor məcburidir: davam etmək üçün autentifikator tətbiqini qoşun.',
              'Your role must sign in with a second factor: enrol an authenticator app to go on.',
            )}</p>`
          : html`<p data-totp="off">${t.t('İkinci faktor qoşulmayıb.', 'No second factor is enrolled.')}</p>`
      }
${formMessage(state, 'totp')}
${
  enrolment
    ? html`<p>${t.t('Bu açarı autentifikator tətbiqinə daxil edin (yalnız indi göstərilir):', 'Enter this key into your authenticator app (it is shown this once):')}</p>
<p><code data-totp-secret>${enrolment.secret}</code></p><p><code>${enrolment.otpauthUrl}</code></p>`
    : ''
}
${
  enrolment || totp.pending
    ? html`<form method="post" action="/account/totp/confirm" novalidate>${csrfField(ctx)}${codeField('totp')}<button type="submit">${t.t('Təsdiq et', 'Confirm')}</button></form>`
    : ''
}
<form method="post" action="/account/totp">${csrfField(ctx)}<button type="submit">${
        totp.pending ? t.t('Yeni açar al', 'Get a new key') : t.t('Autentifikator tətbiqini qoş', 'Enrol an authenticator app')
      }</button></form>`;
    }
    return html`<section aria-labelledby="totp"><h2 id="totp">${t.t('İkinci faktor (TOTP)', 'Second factor (TOTP)')}</h2>${body}</section>`;
  }

  /** Linking an e-ID: confirm with the password (and code), then a GET link to the provider (a form POST may not leave the site under the CSP). */
  private eidSection(ctx: PageContext, totpEnabled: boolean, linkPending: boolean, state?: FormState): SafeHtml {
    const t = ctx.texts;
    return html`<section aria-labelledby="eid"><h2 id="eid">${t.t('e-ID', 'e-ID')}</h2>
<p>${t.t(
      'e-ID-nizi hesabınıza qoşun, sonra onunla daxil ola bilərsiniz. Əvvəlcə hazırkı şifrənizlə təsdiq edin.',
      'Link your e-ID to this account to sign in with it. Confirm with your current password first.',
    )}</p>
${
  linkPending
    ? html`<p><a class="button" id="eid-link" href="/auth/oidc/login?link=1">${t.t('e-ID ilə daxil olub qoş', 'Sign in with e-ID to link it')}</a></p>`
    : ''
}
${formMessage(state, 'eid')}
<form method="post" action="/account/e-id" novalidate>${csrfField(ctx)}
${input({ form: 'eid', name: 'currentPassword', type: 'password', label: t.t('Hazırkı şifrə', 'Current password'), state, required: true, autocomplete: 'current-password', maxLength: 128 })}
${totpEnabled ? totpCodeInput(ctx, 'eid', state) : ''}
<button type="submit">${t.t('Təsdiq et', 'Confirm')}</button></form></section>`;
  }

  private linkPage(ctx: PageContext, title: string, token: string | undefined, form: (token: string) => SafeHtml): SafeHtml {
    const t = ctx.texts;
    const body =
      token && TOKEN_PATTERN.test(token)
        ? form(token)
        : html`<p class="form-error" role="alert">${t.error('TOKEN_INVALID', 'This link is unknown, was used already or has expired; ask for a new one.')}</p>`;
    return layout(ctx, { title, body: html`<h1>${title}</h1>${body}` });
  }

  private messagePage(ctx: PageContext, title: string, body?: SafeHtml, state?: FormState): SafeHtml {
    return layout(ctx, { title, body: html`<h1>${title}</h1>${state ? formMessage(state, state.form) : ''}${body ?? ''}` });
  }

  private resetRequestPage(ctx: PageContext, state?: FormState): SafeHtml {
    const t = ctx.texts;
    return layout(ctx, {
      title: t.t('Şifrənin bərpası', 'Password reset'),
      body: html`<h1>${t.t('Şifrənin bərpası', 'Password reset')}</h1>
${formMessage(state, 'reset')}
<form method="post" action="/password-reset" novalidate>${csrfField(ctx)}
${input({ form: 'reset', name: 'email', type: 'email', label: t.t('E-poçt', 'E-mail'), state, required: true, autocomplete: 'email', maxLength: 254 })}
<button type="submit">${t.t('Keçid göndər', 'Send me a link')}</button></form>`,
    });
  }

  private resetConfirmPage(ctx: PageContext, token: string, state?: FormState): SafeHtml {
    const t = ctx.texts;
    return this.linkPage(
      ctx,
      t.t('Yeni şifrə', 'New password'),
      token,
      (value) => html`${formMessage(state, 'reset-confirm')}
<form method="post" action="/password-reset/confirm" novalidate>${csrfField(ctx)}<input type="hidden" name="token" value="${value}">
${newPasswordInput(ctx, 'reset-confirm', state)}
<button type="submit">${t.t('Şifrəni təyin et', 'Set the password')}</button></form>`,
    );
  }
}

/** The new password's field, with the policy in a hint (src/users/domain/password-policy.ts). */
/** The authenticator's 6-digit code, as every form that asks for it shows it. */
function totpCodeInput(ctx: PageContext, form: string, state: FormState | undefined): SafeHtml {
  return input({
    form,
    name: 'code',
    label: ctx.texts.t('Tətbiqin 6 rəqəmli kodu', "The app's 6-digit code"),
    state,
    required: true,
    autocomplete: 'one-time-code',
    maxLength: 6,
  });
}

function newPasswordInput(ctx: PageContext, form: string, state: FormState | undefined): SafeHtml {
  const t = ctx.texts;
  return input({
    form,
    name: 'newPassword',
    type: 'password',
    label: t.t('Yeni şifrə', 'New password'),
    hint: t.t(
      '12-128 simvol; e-poçtunuz, adınız və ya geniş yayılmış şifrə olmasın',
      '12 to 128 characters; not your e-mail, your name or a common password',
    ),
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
