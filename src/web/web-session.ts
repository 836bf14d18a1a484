import { Inject, Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { Actor } from '../auth/actor';
import { AuthService } from '../auth/auth.service';
import { AppConfig } from '../platform/config/app-config';
import { APP_CONFIG } from '../platform/config/config.module';
import { DomainError } from '../platform/errors/domain-error';
import { AppKeys } from '../platform/secrets/app-keys';
import { Lang, parseLang } from './i18n';
import { parseCookies, serializeCookie } from './web-http';

export const SESSION_COOKIE = 'em_session';
export const CSRF_COOKIE = 'em_csrf';
export const LANG_COOKIE = 'em_lang';
/** The `state` of an identity-provider sign-in this browser started (src/auth/oidc). */
export const OIDC_COOKIE = 'em_oidc';
export const CSRF_FIELD = '_csrf';

type WebRequest = FastifyRequest & { webCsrfSecret?: string; webActor?: Actor | null };

/**
 * Cookie sessions for the pages. The session cookie holds the API's own access token (signed,
 * expiring, naming a session; AuthService checks it), so pages and API share one notion of who is
 * signed in, and signing out or a revocation ends both. The check is asynchronous (the session is
 * looked up): `load` runs it once per request in CsrfGuard, `actor` reads the result.
 *
 * CSRF: a signed double-submit token bound to the session. A random secret lives in its own
 * httpOnly cookie; each form carries HMAC(key, secret, session), where the session is a hash of the
 * session cookie (none before sign-in). Another site can make a browser send the cookies
 * (SameSite=Lax stops that for POSTs already) but can neither read them nor compute the HMAC, so a
 * POST without the matching field is refused with 403; and a token taken from one session (a page
 * kept from before a sign-out, another person's sign-in in the same browser) is refused in another.
 *
 * Over https the cookies are Secure and named `__Host-...`.
 */
@Injectable()
export class WebSession {
  private readonly secure: boolean;
  private readonly csrfKey: Buffer;
  private readonly cookie: { readonly session: string; readonly csrf: string; readonly lang: string; readonly oidc: string };

  constructor(
    private readonly auth: AuthService,
    keys: AppKeys,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    // Secure cookies only where the site is served over https (a plain-http dev server would lose them).
    this.secure = config.publicUrl.startsWith('https:');
    this.csrfKey = keys.derive('web-csrf-v2');
    const prefix = this.secure ? '__Host-' : '';
    this.cookie = { session: prefix + SESSION_COOKIE, csrf: prefix + CSRF_COOKIE, lang: prefix + LANG_COOKIE, oidc: prefix + OIDC_COOKIE };
  }

  /** Checks the session cookie once for this request (a revoked or ended session reads as signed out). */
  async load(request: FastifyRequest): Promise<Actor | undefined> {
    const req = request as WebRequest;
    if (req.webActor === undefined) {
      const token = parseCookies(request.headers.cookie).get(this.cookie.session);
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
    void reply.header(
      'set-cookie',
      serializeCookie(this.cookie.session, accessToken, { maxAgeSeconds: expiresInSeconds, secure: this.secure }),
    );
  }

  /** Ends the session server-side (the token stops working everywhere), then drops the cookie. */
  async signOut(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const actor = await this.load(request);
    if (actor) await this.auth.logout(actor);
    void reply.header('set-cookie', serializeCookie(this.cookie.session, '', { maxAgeSeconds: 0, secure: this.secure }));
  }

  /**
   * Binds an identity-provider sign-in to this browser: the callback is accepted only with the
   * same `state` in the cookie, so a callback URL planted in another browser (login CSRF: being
   * signed in as the attacker) fails. SameSite=Lax still sends it on the provider's redirect back,
   * a top-level GET.
   */
  setOidcState(reply: FastifyReply, state: string, maxAgeSeconds: number): void {
    void reply.header('set-cookie', serializeCookie(this.cookie.oidc, state, { maxAgeSeconds, secure: this.secure }));
  }

  oidcState(request: FastifyRequest): string | undefined {
    return parseCookies(request.headers.cookie).get(this.cookie.oidc);
  }

  clearOidcState(reply: FastifyReply): void {
    void reply.header('set-cookie', serializeCookie(this.cookie.oidc, '', { maxAgeSeconds: 0, secure: this.secure }));
  }

  lang(request: FastifyRequest): Lang {
    return parseLang(parseCookies(request.headers.cookie).get(this.cookie.lang));
  }

  setLang(reply: FastifyReply, lang: Lang): void {
    void reply.header('set-cookie', serializeCookie(this.cookie.lang, lang, { maxAgeSeconds: 365 * 86400, secure: this.secure }));
  }

  /** The token a form of this response carries; sets the secret cookie on a first visit. */
  csrfToken(request: FastifyRequest, reply: FastifyReply): string {
    const req = request as WebRequest;
    let secret = req.webCsrfSecret ?? parseCookies(request.headers.cookie).get(this.cookie.csrf);
    if (!secret || !/^[A-Za-z0-9_-]{43}$/.test(secret)) {
      secret = randomBytes(32).toString('base64url');
      void reply.header('set-cookie', serializeCookie(this.cookie.csrf, secret, { secure: this.secure }));
    }
    req.webCsrfSecret = secret;
    return this.sign(secret, this.sessionBinding(request));
  }

  /** Every page POST starts here: 403 unless the form's token matches the browser's secret cookie and session. */
  assertCsrf(request: FastifyRequest, token: unknown): void {
    const secret = parseCookies(request.headers.cookie).get(this.cookie.csrf);
    if (!secret || typeof token !== 'string' || !this.matches(this.sign(secret, this.sessionBinding(request)), token)) {
      throw new DomainError('FORBIDDEN', 'The form has expired or did not come from this site; reload the page and try again.');
    }
  }

  /** The session a token belongs to: a hash of the session cookie, '' for a visitor not signed in. */
  private sessionBinding(request: FastifyRequest): string {
    const session = parseCookies(request.headers.cookie).get(this.cookie.session);
    return session ? createHash('sha256').update(session).digest('base64url') : '';
  }

  private sign(secret: string, session: string): string {
    return createHmac('sha256', this.csrfKey).update(`${secret}\n${session}`).digest('base64url');
  }

  private matches(expected: string, given: string): boolean {
    const a = Buffer.from(expected);
    const b = Buffer.from(given);
    return a.length === b.length && timingSafeEqual(a, b);
  }
}
