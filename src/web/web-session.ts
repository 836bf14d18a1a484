import { Inject, Injectable } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Actor } from '../auth/actor';
import { AuthService } from '../auth/auth.service';
import { AppConfig } from '../platform/config/app-config';
import { APP_CONFIG } from '../platform/config/config.module';
import { DomainError } from '../platform/errors/domain-error';
import { Lang, parseLang } from './i18n';
import { cookieOptions, csrfToken, csrfTokenValid, WebCookieNames, webCookieNames } from './web-http';

export { CSRF_FIELD } from './web-http';

type WebRequest = FastifyRequest & { webCsrf?: string; webActor?: Actor | null };

/**
 * Cookie sessions for the pages. The session cookie holds the API's own access token (signed,
 * expiring, naming a session; AuthService checks it), so pages and API share one notion of who is
 * signed in, and signing out or a revocation ends both. The check is asynchronous (the session is
 * looked up): `load` runs it once per request in the page guard, `actor` reads the result.
 *
 * CSRF tokens come from @fastify/csrf-protection (registered in web-http.ts), bound to the session:
 * a POST without the matching field is refused with 403.
 */
@Injectable()
export class WebSession {
  private readonly secure: boolean;
  private readonly cookie: WebCookieNames;

  constructor(
    private readonly auth: AuthService,
    private readonly http: HttpAdapterHost,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.secure = config.publicUrl.startsWith('https:');
    this.cookie = webCookieNames(this.secure);
  }

  /** Checks the session cookie once for this request (a revoked or ended session reads as signed out). */
  async load(request: FastifyRequest): Promise<Actor | undefined> {
    const req = request as WebRequest;
    if (req.webActor === undefined) {
      const token = request.cookies[this.cookie.session];
      req.webActor = (token ? await this.auth.authenticate(token) : undefined) ?? null;
    }
    return req.webActor ?? undefined;
  }

  /** Who is signed in, as `load` found it (undefined before it ran, e.g. on an error page of a refused request). */
  actor(request: FastifyRequest): Actor | undefined {
    return (request as WebRequest).webActor ?? undefined;
  }

  actorOfToken(token: string): Promise<Actor | undefined> {
    return this.auth.authenticate(token);
  }

  signIn(reply: FastifyReply, accessToken: string, expiresInSeconds: number): void {
    void reply.setCookie(this.cookie.session, accessToken, cookieOptions(this.secure, expiresInSeconds));
  }

  /** Ends the session server-side (the token stops working everywhere), then drops the cookie. */
  async signOut(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const actor = await this.load(request);
    if (actor) await this.auth.logout(actor);
    void reply.setCookie(this.cookie.session, '', cookieOptions(this.secure, 0));
  }

  /**
   * Binds an identity-provider sign-in to this browser: the callback is accepted only with the
   * same `state` in the cookie, so a callback URL planted in another browser (login CSRF: being
   * signed in as the attacker) fails. SameSite=Lax still sends it on the provider's redirect back,
   * a top-level GET.
   */
  setOidcState(reply: FastifyReply, state: string, maxAgeSeconds: number): void {
    void reply.setCookie(this.cookie.oidc, state, cookieOptions(this.secure, maxAgeSeconds));
  }

  oidcState(request: FastifyRequest): string | undefined {
    return request.cookies[this.cookie.oidc];
  }

  clearOidcState(reply: FastifyReply): void {
    void reply.setCookie(this.cookie.oidc, '', cookieOptions(this.secure, 0));
  }

  lang(request: FastifyRequest): Lang {
    return parseLang(request.cookies[this.cookie.lang]);
  }

  setLang(reply: FastifyReply, lang: Lang): void {
    void reply.setCookie(this.cookie.lang, lang, cookieOptions(this.secure, 365 * 86400));
  }

  /** The token a form of this response carries; the plugin sets the secret cookie on a first visit (once per response). */
  csrfToken(request: FastifyRequest, reply: FastifyReply): string {
    const req = request as WebRequest;
    req.webCsrf ??= csrfToken(request, reply, this.cookie);
    return req.webCsrf;
  }

  /** Every page POST starts here: 403 unless the form's token matches the browser's secret cookie and session. */
  assertCsrf(request: FastifyRequest, token: unknown): void {
    if (!csrfTokenValid(this.http.httpAdapter.getInstance<FastifyInstance>(), request, token)) {
      throw new DomainError('FORBIDDEN', 'The form has expired or did not come from this site; reload the page and try again.');
    }
  }
}
