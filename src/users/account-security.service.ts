import { Injectable } from '@nestjs/common';
import { Actor } from '../auth/actor';
import { recordAdminAction } from '../platform/audit/audit-log';
import { Db } from '../platform/database/db';
import { DomainError } from '../platform/errors/domain-error';
import { AccountSessions } from './account-sessions';
import { ChangePasswordDto, PasswordResetConfirmDto } from './dto/user.dto';
import { PasswordRules } from './password-rules';
import { UserTokens } from './user-tokens';
import { UserRecord, UsersRepository } from './users.repository';
import { UsersService } from './users.service';

const TOKEN_INVALID = 'This link is unknown, was used already or has expired; ask for a new one.';

/** What every account holder does for themselves: passwords, the forgotten-password link, proving the e-mail. */
@Injectable()
export class AccountSecurityService {
  constructor(
    private readonly db: Db,
    private readonly users: UsersRepository,
    private readonly accounts: UsersService,
    private readonly passwords: PasswordRules,
    private readonly sessions: AccountSessions,
    private readonly tokens: UserTokens,
  ) {}

  /** A new password for the signed-in user; their other sessions end (the one asking stays signed in) and reset links mailed before stop working. */
  async changePassword(actor: Actor, input: ChangePasswordDto): Promise<void> {
    const user = await this.withCurrentPassword(actor, input.currentPassword);
    this.passwords.assertAcceptable(input.newPassword, user, 'newPassword');
    const passwordHash = await this.passwords.hash(input.newPassword);
    await this.db.transaction(async (tx) => {
      await this.users.setPassword(tx, user.id, passwordHash);
      // A reset link mailed before (perhaps read by someone else) must not undo the change.
      await this.tokens.voidAll(tx, user.id, 'password_reset');
      const sessionsEnded = await this.sessions.endAllWithin(tx, user.id, 'password_changed', actor.session?.id);
      await recordAdminAction(tx, {
        actorId: user.id,
        action: 'user.password_changed',
        subjectType: 'user',
        subjectId: user.id,
        data: { sessionsEnded },
      });
    });
  }

  /** The signed-in user's account, once they re-entered its password (a sensitive change from a session that may have been left open). */
  async withCurrentPassword(actor: Actor, currentPassword: string): Promise<UserRecord> {
    const user = await this.account(actor.id);
    if (!(await this.passwords.verify(user.passwordHash, currentPassword))) {
      throw DomainError.field('CURRENT_PASSWORD_WRONG', 'currentPassword', 'The current password is wrong.');
    }
    return user;
  }

  /** Mails a reset link when the address is an active account's; does nothing otherwise (the caller answers the same either way). */
  async mailPasswordReset(email: string): Promise<void> {
    const user = await this.users.findByEmail(email);
    if (!user || !user.active) return;
    await this.db.transaction(async (tx) => {
      await this.accounts.mailLink(tx, user, 'password_reset');
      await recordAdminAction(tx, { actorId: null, action: 'user.password_reset_requested', subjectType: 'user', subjectId: user.id });
    });
  }

  /**
   * Sets the new password from a mailed link: the token works once (consumed by a compare-and-set
   * in the same transaction), the link having reached the address proves it, and every session of
   * the account ends.
   */
  async confirmPasswordReset(input: PasswordResetConfirmDto): Promise<void> {
    const token = await this.tokens.findUsable(input.token, 'password_reset');
    const user = token ? await this.users.findById(token.userId) : undefined;
    if (!token || !user || !user.active) throw DomainError.field('TOKEN_INVALID', 'token', TOKEN_INVALID);
    this.passwords.assertAcceptable(input.newPassword, user, 'newPassword');
    const passwordHash = await this.passwords.hash(input.newPassword);
    await this.db.transaction(async (tx) => {
      if (!(await this.tokens.consume(tx, token.id))) throw DomainError.field('TOKEN_INVALID', 'token', TOKEN_INVALID);
      await this.users.setPassword(tx, user.id, passwordHash);
      await this.users.markEmailVerified(tx, user.id);
      const sessionsEnded = await this.sessions.endAllWithin(tx, user.id, 'password_reset');
      await recordAdminAction(tx, {
        actorId: user.id,
        action: 'user.password_reset',
        subjectType: 'user',
        subjectId: user.id,
        data: { sessionsEnded },
      });
    });
  }

  /** Proves the e-mail with the link mailed at registration (or asked for again). */
  async verifyEmail(tokenText: string): Promise<void> {
    const token = await this.tokens.findUsable(tokenText, 'verify_email');
    if (!token) throw DomainError.field('TOKEN_INVALID', 'token', TOKEN_INVALID);
    await this.db.transaction(async (tx) => {
      if (!(await this.tokens.consume(tx, token.id))) throw DomainError.field('TOKEN_INVALID', 'token', TOKEN_INVALID);
      if (await this.users.markEmailVerified(tx, token.userId)) {
        await recordAdminAction(tx, { actorId: token.userId, action: 'user.email_verified', subjectType: 'user', subjectId: token.userId });
      }
      this.sessions.refreshAfterCommit(tx, token.userId);
    });
  }

  /** A new verification link for the signed-in user; nothing when the address is proved already. */
  async resendVerification(actor: Actor): Promise<void> {
    const user = await this.account(actor.id);
    if (user.emailVerified) return;
    await this.db.transaction((tx) => this.accounts.mailLink(tx, user, 'verify_email'));
  }

  private async account(id: string): Promise<UserRecord> {
    const user = await this.users.findById(id);
    if (!user) throw new DomainError('UNAUTHENTICATED', 'The account no longer exists.');
    return user;
  }
}
