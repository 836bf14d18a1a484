import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { AppConfig } from '../platform/config/app-config';
import { APP_CONFIG } from '../platform/config/config.module';
import { DomainError } from '../platform/errors/domain-error';
import { AccountSecurityService } from '../users/account-security.service';
import { AccountSessions, SessionAccount } from '../users/account-sessions';
import { AccessTokenDto, LoginDto, RegisterCitizenDto, UserDto } from '../users/dto/user.dto';
import { TotpService } from '../users/totp.service';
import { UsersService } from '../users/users.service';
import { Actor } from './actor';
import { RateLimiter } from './rate-limiter';
import { SessionCache } from './session-cache';
import { StoredResponse } from '../platform/idempotency/idempotency.service';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Sign-in and the session check. An access token is accepted only when its signature is good, it
 * has not expired, and the session it names is open and belongs to an existing, active account;
 * the actor's role and agency are the account's now, never what the token was issued with.
 */
@Injectable()
export class AuthService implements OnApplicationShutdown {
  private readonly logger = new Logger(AuthService.name);
  /** Password-reset requests answered before their work is done (same answer and timing either way). */
  private readonly background = new Set<Promise<void>>();

  constructor(
    private readonly users: UsersService,
    private readonly security: AccountSecurityService,
    private readonly sessions: AccountSessions,
    private readonly totp: TotpService,
    private readonly jwt: JwtService,
    private readonly limiter: RateLimiter,
    private readonly cache: SessionCache,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Self-registration always makes a citizen; staff accounts are created by an admin. */
  async register(input: RegisterCitizenDto, clientIp: string, idempotencyKey?: string): Promise<StoredResponse<UserDto>> {
    await this.limiter.register(clientIp);
    return this.users.create(null, { ...input, role: 'citizen' }, idempotencyKey);
  }

  async login(input: LoginDto, clientIp: string): Promise<AccessTokenDto> {
    await this.limiter.login(input.email, clientIp);
    const user = await this.users.verifyCredentials(input.email, input.password);
    if (!user) throw new DomainError('INVALID_CREDENTIALS', 'The e-mail or password is wrong.');
    if (user.totpEnabled) {
      if (input.totp) await this.limiter.totpCode(user.id);
      await this.totp.checkAtLogin(user, input.totp);
    }
    return this.startSession(user.id);
  }

  /**
   * A new session and its access token, for an account whose holder was just authenticated (the
   * password above, or the identity provider: src/auth/oidc). Audited by AccountSessions.
   */
  async startSession(userId: string): Promise<AccessTokenDto> {
    const sessionId = await this.sessions.start(userId, this.config.jwtTtlSeconds);
    const accessToken = await this.jwt.signAsync({ sid: sessionId }, { subject: userId, expiresIn: this.config.jwtTtlSeconds });
    return { accessToken, expiresIn: this.config.jwtTtlSeconds };
  }

  /** Ends the session of the token used; later requests with it are 401. */
  async logout(actor: Actor): Promise<void> {
    if (actor.session) await this.sessions.end(actor.id, actor.session.id, 'logout');
  }

  /** The actor an access token names, or undefined when it is invalid, expired or its session ended (API bearer and page cookie alike). */
  async authenticate(token: string): Promise<Actor | undefined> {
    let claims: TokenClaims;
    try {
      claims = this.jwt.verify<TokenClaims>(token);
    } catch {
      return undefined;
    }
    if (typeof claims.sub !== 'string' || typeof claims.sid !== 'string' || !UUID.test(claims.sub) || !UUID.test(claims.sid))
      return undefined;
    const cached = this.cache.get(claims.sid, claims.sub);
    if (cached) return cached;
    const generation = this.cache.generation;
    const account = await this.sessions.findOpen(claims.sid, claims.sub);
    if (!account) return undefined;
    const actor = this.actorOf(claims.sid, account);
    this.cache.set(claims.sid, actor, generation);
    return actor;
  }

  async changePassword(actor: Actor, input: { currentPassword: string; newPassword: string }): Promise<void> {
    await this.limiter.passwordCheck(actor.id);
    await this.security.changePassword(actor, input);
  }

  /**
   * The holder of the signed-in account proves it again before a sensitive change (linking an e-ID):
   * the current password, and the one-time code when a second factor is enrolled. Each attempt
   * counts against the account's login allowance, as a password change does.
   */
  async confirmHolder(actor: Actor, currentPassword: string, code: string | undefined): Promise<void> {
    await this.limiter.passwordCheck(actor.id);
    const user = await this.security.withCurrentPassword(actor, currentPassword);
    if (!user.totpEnabled) return;
    try {
      await this.totp.checkAtLogin(user, code || undefined);
    } catch (error) {
      // Shown next to the form's code field (a 401 would read as "signed out").
      if (error instanceof DomainError)
        throw DomainError.field('VALIDATION_FAILED', 'code', 'The one-time code is missing, wrong or was used already.');
      throw error;
    }
  }

  /**
   * Turning the second factor off takes a current code instead of the password: from a stolen
   * session, unlimited guesses would find one of the 3 codes the window accepts within minutes
   * (RFC 6238 sect. 5.2 asks for a limit), so each guess counts against the account's allowance.
   */
  async disableTotp(actor: Actor, code: string): Promise<void> {
    await this.limiter.passwordCheck(actor.id);
    await this.totp.disable(actor, code);
  }

  /**
   * "Forgot password": answered at once, before looking the address up, so neither the answer nor
   * its timing tells whether an account exists; the lookup and the mail follow in the background.
   * At most 3 links an hour go to one address.
   */
  async requestPasswordReset(email: string, clientIp: string): Promise<void> {
    await this.limiter.passwordReset(clientIp);
    const work = (async () => {
      if (await this.limiter.mailAllowed('reset', email)) await this.security.mailPasswordReset(email);
    })()
      .catch((error: Error) => this.logger.warn(`password-reset request not completed: ${error.message}`))
      .finally(() => this.background.delete(work));
    this.background.add(work);
  }

  /** Another verification link, at most 3 an hour per account. */
  async resendVerification(actor: Actor): Promise<void> {
    if (await this.limiter.mailAllowed('verify', actor.id)) await this.security.resendVerification(actor);
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.allSettled([...this.background]);
  }

  private actorOf(sessionId: string, account: SessionAccount): Actor {
    return Object.freeze({
      id: account.userId,
      role: account.role,
      agencyId: account.agencyId,
      session: Object.freeze({
        id: sessionId,
        email: account.email,
        emailVerified: account.emailVerified,
        totpEnrolmentRequired: !account.totpEnabled && this.totp.required(account.role),
      }),
    });
  }
}

interface TokenClaims {
  sub: string;
  sid: string;
}
