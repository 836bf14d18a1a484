import { Get, Ip, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { OIDC_STATE_TTL_SECONDS, OidcService } from '../auth/oidc/oidc.service';
import { DomainError } from '../platform/errors/domain-error';
import { ERROR_CODES } from '../platform/errors/error-codes';
import { html, localPath } from './html';
import { afterSignIn, loginPage } from './pages/login.view';
import { FormState, formMessage, layout, PageContext } from './layout';
import { admit, SIGNED_IN } from './page-access';
import { WebController } from './web-controller';
import { WebPages } from './web-pages';

/**
 * Sign-in through the state's identity provider (API.md "Integrations": `GET /auth/oidc/login`,
 * `GET /auth/oidc/callback`). The session it ends in is the password sign-in's: the same cookie
 * holding the API's access token (WebSession). Both routes are 404 when OIDC is not configured.
 */
@WebController('auth/oidc')
export class OidcPagesController {
  constructor(
    private readonly pages: WebPages,
    private readonly oidc: OidcService,
  ) {}

  /**
   * `?link=1`: the signed-in person links an e-ID to their account (confirmed on /account first). A
   * GET link, not a form: the pages' CSP `form-action 'self'` stops a form POST from redirecting to
   * the provider. Signing in is for anyone, so the page has no @PageFor; only linking asks for a
   * session, checked here as PageGuard checks @SignedInPage.
   */
  @Get('login')
  async login(
    @Query('next') next: string | undefined,
    @Query('link') link: string | undefined,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Ip() ip: string,
  ): Promise<void> {
    this.assertEnabled();
    const ctx = this.pages.context(request, reply);
    const linkFor = link === undefined ? undefined : admit(ctx.actor, SIGNED_IN, request.url);
    const returnTo = linkFor ? null : localPath(next, '') || null;
    const result = await this.attempt(ctx, () => this.oidc.begin(returnTo, ip, linkFor));
    if (!result.ok) return this.refused(ctx, reply, result, linkFor !== undefined);
    this.pages.session.setOidcState(reply, result.value.state, OIDC_STATE_TTL_SECONDS);
    // To the provider: the one redirect that leaves this site (WebPages.redirect keeps to local paths).
    void reply.status(303).header('location', result.value.url).send();
  }

  @Get('callback')
  async callback(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    this.assertEnabled();
    const ctx = this.pages.context(request, reply);
    const browserState = this.pages.session.oidcState(request);
    // The state cookie serves one callback, whatever its outcome.
    this.pages.session.clearOidcState(reply);
    const query = request.url.includes('?') ? request.url.slice(request.url.indexOf('?') + 1) : '';
    const current = ctx.actor;
    const result = await this.attempt(ctx, () => this.oidc.complete(query, browserState, current));
    if (!result.ok) return this.refused(ctx, reply, result, current !== undefined);
    if (result.value.kind === 'linked') return this.pages.redirect(reply, '/account?done=eid');
    const { session, returnTo } = result.value;
    this.pages.session.signIn(reply, session.accessToken, session.expiresIn);
    this.pages.redirect(reply, afterSignIn(await this.pages.session.actorOfToken(session.accessToken), returnTo));
  }

  /** A refused sign-in: the sign-in page; a refused link (someone signed in): a page back to the account. */
  private refused(ctx: PageContext, reply: FastifyReply, result: { state: FormState; status: number }, signedIn: boolean): void {
    if (!signedIn) return this.pages.send(reply, loginPage(ctx, { next: '', oidc: true, state: result.state }), result.status);
    const t = ctx.texts;
    const title = t.msg('auth.eidLinkTitle');
    this.pages.send(
      reply,
      layout(ctx, {
        title,
        body: html`<h1>${title}</h1>${formMessage(result.state, 'login')}<p><a class="button" href="/account">${t.msg('auth.backToAccount')}</a></p>`,
      }),
      result.status,
    );
  }

  private assertEnabled(): void {
    if (!this.oidc.enabled) throw new DomainError('ROUTE_NOT_FOUND', 'No such page.');
  }

  /**
   * A refused sign-in is shown on the sign-in page with its status (400 state, 403 account, 503
   * provider down), so the person can use the password form at once; other errors go to the filter.
   */
  private async attempt<T>(
    ctx: PageContext,
    action: () => Promise<T>,
  ): Promise<{ ok: true; value: T } | { ok: false; state: FormState; status: number }> {
    try {
      return { ok: true, value: await action() };
    } catch (error) {
      if (!(error instanceof DomainError) || error.code === 'INTERNAL_ERROR') throw error;
      return {
        ok: false,
        state: { form: 'login', message: ctx.texts.error(error.code, error.message), errors: [], values: {} },
        status: ERROR_CODES[error.code],
      };
    }
  }
}
