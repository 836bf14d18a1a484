import { Inject, Injectable, Logger } from '@nestjs/common';
import * as client from 'openid-client';
import { timingSafeEqual } from 'node:crypto';
import { Actor } from '../actor';
import { AppConfig, OidcConfig } from '../../platform/config/app-config';
import { APP_CONFIG } from '../../platform/config/config.module';
import { DomainError, NotFoundError } from '../../platform/errors/domain-error';
import { AccessTokenDto } from '../../users/dto/user.dto';
import { ExternalIdentities, ProviderIdentity } from '../../users/external-identities';
import { AuthService } from '../auth.service';
import { RateLimiter } from '../rate-limiter';
import { OidcLoginStatesRepository } from './oidc-login-states.repository';

/** A started sign-in is good for this long (the person types their e-ID credentials meanwhile). */
export const OIDC_STATE_TTL_SECONDS = 600;
/** Seconds the provider has to answer discovery, the token exchange and userinfo. */
const PROVIDER_TIMEOUT_SECONDS = 10;
/** Scopes asked for: the subject, the e-mail (accounts are reached by mail) and the name (appeals are signed by name, Art. 6.1). */
const SCOPE = 'openid email profile';
/** randomState() gives 43 characters; anything far longer is not ours. */
const MAX_STATE_LENGTH = 128;

export interface OidcStart {
  /** The provider's authorization endpoint with this sign-in's parameters. */
  readonly url: string;
  /** Kept by the browser in a short cookie: the callback must come back to the browser that started it. */
  readonly state: string;
}

export type OidcCompleted =
  | { readonly kind: 'signed-in'; readonly session: AccessTokenDto; readonly returnTo: string | null }
  /** The e-ID was linked to the account of the session that asked; that session goes on. */
  | { readonly kind: 'linked' };

/**
 * Sign-in through the state's identity provider (issue 16): OpenID Connect authorization code flow
 * with PKCE (S256), `state` and `nonce` (openid-client v6). Off unless OIDC_ISSUER, OIDC_CLIENT_ID
 * and OIDC_CLIENT_SECRET are set; then its routes answer 404.
 *
 * The provider's discovery document is read on the first sign-in, not at start: a provider that is
 * down does not keep the service from starting, and its sign-in says so clearly (503) until it is
 * back (a failed discovery is retried on the next sign-in).
 */
@Injectable()
export class OidcService {
  private readonly logger = new Logger(OidcService.name);
  private readonly settings: OidcConfig | null;
  private discovered?: Promise<client.Configuration>;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly states: OidcLoginStatesRepository,
    private readonly identities: ExternalIdentities,
    private readonly auth: AuthService,
    private readonly limiter: RateLimiter,
  ) {
    this.settings = config.oidc;
  }

  get enabled(): boolean {
    return this.settings !== null;
  }

  /**
   * Step one of linking an e-ID to a signed-in account (the only way for staff, whose accounts are
   * never linked by e-mail): the holder re-enters the password (and the code when enrolled), and
   * this session may start one linking sign-in within OIDC_STATE_TTL_SECONDS.
   */
  async prepareLink(actor: Actor, currentPassword: string, code: string | undefined): Promise<void> {
    this.require();
    const session = sessionOf(actor);
    await this.auth.confirmHolder(actor, currentPassword, code);
    await this.states.saveLinkIntent(actor.id, session, OIDC_STATE_TTL_SECONDS);
  }

  /** Whether this session confirmed a link and has not started it yet. */
  async linkPending(actor: Actor): Promise<boolean> {
    return this.enabled && actor.session ? this.states.hasLinkIntent(actor.id, actor.session.id) : false;
  }

  /**
   * Sends the browser to the provider; the nonce and PKCE verifier stay on the server. With
   * `linkFor`, the sign-in links an e-ID to that signed-in account, which its session must have
   * confirmed (prepareLink); the confirmation is used up here.
   */
  async begin(returnTo: string | null, clientIp: string, linkFor?: Actor): Promise<OidcStart> {
    const settings = this.require();
    await this.limiter.oidcStart(clientIp);
    const provider = await this.provider(settings);
    let link: { userId: string; sessionId: string } | null = null;
    if (linkFor) {
      link = { userId: linkFor.id, sessionId: sessionOf(linkFor) };
      // The attacker's case: a session left open (or a forged link) without the password re-entered in it.
      if (!(await this.states.takeLinkIntent(link.userId, link.sessionId))) {
        throw new DomainError(
          'IDENTITY_LINK_NOT_CONFIRMED',
          'To link your e-ID, confirm with your password on the account page first (the confirmation is good for 10 minutes).',
        );
      }
    }
    const state = client.randomState();
    const nonce = client.randomNonce();
    const codeVerifier = client.randomPKCECodeVerifier();
    await this.states.save(state, { nonce, codeVerifier, returnTo, link }, OIDC_STATE_TTL_SECONDS);
    const url = client.buildAuthorizationUrl(provider, {
      redirect_uri: settings.redirectUrl,
      scope: SCOPE,
      state,
      nonce,
      code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
    });
    return { url: url.href, state };
  }

  /**
   * The provider's answer: `state` must be this browser's (its cookie) and a sign-in not yet
   * completed; then the code is exchanged (with the PKCE verifier), the ID token validated (issuer,
   * audience, signature, expiry, nonce) and the account found or made (ExternalIdentities).
   */
  async complete(callbackQuery: string, browserState: string | undefined, current: Actor | undefined): Promise<OidcCompleted> {
    const settings = this.require();
    const params = new URLSearchParams(callbackQuery);
    const state = params.get('state');
    if (!state || !browserState || state.length > MAX_STATE_LENGTH || !sameText(state, browserState)) throw stateInvalid();
    // Taken before anything else: a replayed or raced callback finds the row used.
    const started = await this.states.take(state);
    if (!started) throw stateInvalid();
    // A linking sign-in completes only in the session of the account that confirmed it: a callback
    // carried to another browser or session (even of the same account) links nothing.
    if (started.link && (current?.id !== started.link.userId || current.session?.id !== started.link.sessionId)) throw stateInvalid();
    if (params.has('error')) {
      // The person cancelled or the provider refused; its error code is safe to log, its description is not shown.
      this.logger.warn(`identity provider answered with error ${JSON.stringify(params.get('error')?.slice(0, 64))}`);
      throw new DomainError('OIDC_SIGN_IN_FAILED', 'The identity provider did not sign you in.');
    }
    const provider = await this.provider(settings);
    const identity = await this.exchange(provider, settings, params, state, started);
    if (started.link) {
      await this.identities.linkToAccount(identity, started.link.userId);
      return { kind: 'linked' };
    }
    const user = await this.identities.signIn(identity);
    return { kind: 'signed-in', session: await this.auth.startSession(user.id), returnTo: started.returnTo };
  }

  private async exchange(
    provider: client.Configuration,
    settings: OidcConfig,
    params: URLSearchParams,
    state: string,
    started: { nonce: string; codeVerifier: string },
  ): Promise<ProviderIdentity> {
    // The redirect URI as registered (not the Host header): the token request repeats it exactly.
    const callbackUrl = new URL(settings.redirectUrl);
    callbackUrl.search = params.toString();
    try {
      const tokens = await client.authorizationCodeGrant(provider, callbackUrl, {
        pkceCodeVerifier: started.codeVerifier,
        expectedState: state,
        expectedNonce: started.nonce,
        idTokenExpected: true,
      });
      const idToken = tokens.claims();
      if (!idToken) throw new DomainError('OIDC_SIGN_IN_FAILED', 'The identity provider sent no ID token.');
      // Providers put profile claims in the ID token or only at userinfo (OpenID Connect Core 5.4); userinfo must name the same subject.
      const info = provider.serverMetadata().userinfo_endpoint
        ? await client.fetchUserInfo(provider, tokens.access_token, idToken.sub)
        : {};
      const claims: Record<string, unknown> = { ...idToken, ...info };
      return {
        issuer: idToken.iss,
        subject: idToken.sub,
        email: typeof claims.email === 'string' ? claims.email : undefined,
        emailVerified: claims.email_verified === true,
        fullName: nameOf(claims),
      };
    } catch (error) {
      if (error instanceof DomainError) throw error;
      if (unreachable(error)) {
        this.logger.warn(`identity provider unreachable at the token exchange: ${describe(error)}`);
        throw providerUnavailable();
      }
      this.logger.warn(`identity provider sign-in failed: ${describe(error)}`);
      throw new DomainError('OIDC_SIGN_IN_FAILED', 'The identity provider did not sign you in.');
    }
  }

  private require(): OidcConfig {
    if (!this.settings) throw new NotFoundError('ROUTE_NOT_FOUND', 'The page');
    return this.settings;
  }

  /** The provider's metadata, read once; a failure is not kept, so the next sign-in tries again. */
  private provider(settings: OidcConfig): Promise<client.Configuration> {
    this.discovered ??= this.discover(settings).catch((error: unknown) => {
      this.discovered = undefined;
      this.logger.warn(`identity provider discovery failed: ${describe(error)}`);
      throw providerUnavailable();
    });
    return this.discovered;
  }

  private async discover(settings: OidcConfig): Promise<client.Configuration> {
    const issuer = new URL(settings.issuer);
    const configuration = await client.discovery(
      issuer,
      settings.clientId,
      settings.clientSecret,
      client.ClientSecretBasic(settings.clientSecret),
      {
        timeout: PROVIDER_TIMEOUT_SECONDS,
        // Plain http only for a provider on this machine (AppConfig allows nothing else).
        execute: issuer.protocol === 'http:' ? [client.allowInsecureRequests] : [],
      },
    );
    configuration.timeout = PROVIDER_TIMEOUT_SECONDS;
    return configuration;
  }
}

/** Linking is for a person signed in through a session (a page cookie). */
function sessionOf(actor: Actor): string {
  if (!actor.session) throw new DomainError('FORBIDDEN', 'Linking an e-ID needs a signed-in session.');
  return actor.session.id;
}

function stateInvalid(): DomainError {
  return new DomainError('OIDC_STATE_INVALID', 'This sign-in link has expired or was already used; start the sign-in again.');
}

function providerUnavailable(): DomainError {
  return new DomainError(
    'OIDC_PROVIDER_UNAVAILABLE',
    'The e-ID sign-in is unavailable right now: the identity provider does not answer. Try again later or sign in with your password.',
  );
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** A network failure or timeout, as opposed to an answer that did not validate. */
function unreachable(error: unknown): boolean {
  if (error instanceof TypeError) return true;
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'OAUTH_TIMEOUT' || code === 'OAUTH_ABORT';
}

/** The error's kind and code for the log: never claims or tokens. */
function describe(error: unknown): string {
  if (!(error instanceof Error)) return typeof error;
  const code = (error as { code?: unknown }).code;
  return `${error.name}${typeof code === 'string' ? ` ${code}` : ''}: ${error.message}`;
}

function nameOf(claims: Record<string, unknown>): string | undefined {
  if (typeof claims.name === 'string' && claims.name.trim()) return claims.name;
  const parts = [claims.given_name, claims.middle_name, claims.family_name].filter(
    (part): part is string => typeof part === 'string' && part.trim() !== '',
  );
  return parts.length > 0 ? parts.join(' ') : undefined;
}
