import { Injectable, Logger } from '@nestjs/common';
import { isEmail } from 'class-validator';
import { Actor } from '../auth/actor';
import { randomBytes } from 'node:crypto';
import { recordAdminAction } from '../platform/audit/audit-log';
import { Db, Tx } from '../platform/database/db';
import { DomainError } from '../platform/errors/domain-error';
import { AccountSessions } from './account-sessions';
import { PasswordRules } from './password-rules';
import { UserIdentitiesRepository } from './user-identities.repository';
import { UserRecord, UsersRepository } from './users.repository';

/** What an identity provider said about a person, after the ID token was validated. */
export interface ProviderIdentity {
  readonly issuer: string;
  readonly subject: string;
  /** The `email` claim, if any (not yet normalised). */
  readonly email: string | undefined;
  /** The provider's `email_verified`: only `true` counts. */
  readonly emailVerified: boolean;
  /** `name`, or `given_name` + `family_name`. */
  readonly fullName: string | undefined;
}

type Outcome = { kind: 'user'; user: UserRecord } | { kind: 'refused'; error: DomainError; audit?: { userId: string; reason: string } };

const MAX_NAME = 200;

/**
 * Accounts of people who sign in through an identity provider (issue 16). A returning person is
 * found by the provider's subject, never by e-mail. A first sign-in:
 *  - an active **citizen** account with the same e-mail, which the provider says is verified, is
 *    linked (the provider proved the address, as the password-reset link would);
 *  - a **staff or admin** account with that e-mail is never linked or signed in this way: whoever
 *    controls an account at the provider could otherwise claim an official's address and act with
 *    the official's rights. The refusal is audited;
 *  - no account: a citizen account is created (self-registration makes citizens only), its
 *    e-mail verified only when the provider says so, with an unusable random password (a password
 *    can be set later through the reset link).
 * Deactivated accounts are refused. Every change is one transaction with its audit entry.
 */
@Injectable()
export class ExternalIdentities {
  private readonly logger = new Logger(ExternalIdentities.name);

  constructor(
    private readonly db: Db,
    private readonly users: UsersRepository,
    private readonly identities: UserIdentitiesRepository,
    private readonly passwords: PasswordRules,
    private readonly sessions: AccountSessions,
  ) {}

  async signIn(identity: ProviderIdentity): Promise<UserRecord> {
    const email = normalisedEmail(identity.email);
    // Hashed before the transaction: argon2 takes a while and holds no lock.
    const unusablePassword = await this.passwords.hash(randomBytes(32).toString('base64url'));
    const outcome = await this.db.transaction(async (tx): Promise<Outcome> => {
      await this.identities.lockSubject(tx, identity.issuer, identity.subject);
      const linkedId = await this.identities.findUserId(tx, identity.issuer, identity.subject);
      if (linkedId) return this.returning(tx, identity, email, linkedId);
      if (!email) {
        return {
          kind: 'refused',
          error: new DomainError(
            'IDENTITY_EMAIL_REQUIRED',
            'The identity provider did not share an e-mail address; allow it to, then sign in again.',
          ),
        };
      }
      const existing = await this.users.findByEmail(email);
      if (existing) return this.linkExisting(tx, identity, existing);
      return this.register(tx, identity, email, unusablePassword);
    });
    if (outcome.kind === 'user') return outcome.user;
    if (outcome.audit) {
      const { userId, reason } = outcome.audit;
      await recordAdminAction(this.db, {
        actorId: null,
        action: 'user.identity_refused',
        subjectType: 'user',
        subjectId: userId,
        data: { reason, issuer: identity.issuer },
      });
      this.logger.warn(`identity-provider sign-in refused for user ${userId}: ${reason}`);
    }
    throw outcome.error;
  }

  /**
   * The holder of a signed-in account links this e-ID on purpose (they re-entered the password, and
   * the code, in the session that started the provider sign-in): the only way a staff account gets
   * an e-ID. A subject linked to another account is never moved (409): that account's holder signs
   * in with it, and moving it would hand a citizen's cases to whoever asks, or a citizen's e-ID to
   * an official's rights. Already linked to this account: nothing changes.
   */
  async linkToAccount(identity: ProviderIdentity, userId: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      await this.identities.lockSubject(tx, identity.issuer, identity.subject);
      const linkedId = await this.identities.findUserId(tx, identity.issuer, identity.subject);
      if (linkedId === userId) return;
      if (linkedId)
        throw new DomainError(
          'IDENTITY_ALREADY_LINKED',
          'This e-ID is linked to another account already; it cannot be linked to yours. Ask the administrator.',
        );
      const user = await this.users.lockById(tx, userId);
      if (!user) throw new DomainError('UNAUTHENTICATED', 'The account no longer exists.');
      if (!user.active) throw new DomainError('ACCOUNT_DEACTIVATED', 'This account is deactivated; contact the administrator.');
      await this.identities.link(tx, user.id, identity.issuer, identity.subject);
      await recordAdminAction(tx, {
        actorId: user.id,
        action: 'user.identity_linked',
        subjectType: 'user',
        subjectId: user.id,
        data: { issuer: identity.issuer, via: 'self' },
      });
    });
  }

  /** How many e-IDs sign in to this account (the admin's user page). */
  async countLinked(actor: Actor, userId: string): Promise<number> {
    assertAdmin(actor);
    return this.identities.countOf(this.db, userId);
  }

  /**
   * An admin removes the account's e-ID links (a link made by mistake, a lost or shared e-ID): the
   * provider no longer signs anyone in to it; the holder can link again from their account page.
   */
  async unlinkAll(actor: Actor, userId: string): Promise<void> {
    assertAdmin(actor);
    await this.db.transaction(async (tx) => {
      const user = await this.users.lockById(tx, userId);
      if (!user) throw new DomainError('USER_NOT_FOUND', 'No such user.');
      const issuers = await this.identities.unlinkAll(tx, userId);
      if (issuers.length === 0) return;
      await recordAdminAction(tx, {
        actorId: actor.id,
        action: 'user.identity_unlinked',
        subjectType: 'user',
        subjectId: userId,
        data: { issuers: [...new Set(issuers)], count: issuers.length },
      });
    });
  }

  private async returning(tx: Tx, identity: ProviderIdentity, email: string | undefined, userId: string): Promise<Outcome> {
    const user = await this.users.lockById(tx, userId);
    if (!user) throw new DomainError('INTERNAL_ERROR', 'A linked identity names no account.');
    const refusal = this.refusal(user);
    if (refusal) return refusal;
    await this.identities.touch(tx, identity.issuer, identity.subject);
    // The provider proved the account's own address: the account need not prove it again.
    if (identity.emailVerified && email === user.email && (await this.users.markEmailVerified(tx, user.id))) {
      this.sessions.refreshAfterCommit(tx, user.id);
      return { kind: 'user', user: { ...user, emailVerified: true } };
    }
    return { kind: 'user', user };
  }

  private async linkExisting(tx: Tx, identity: ProviderIdentity, existing: UserRecord): Promise<Outcome> {
    if (existing.role !== 'citizen') {
      // The attacker's case: a provider account claiming an official's e-mail. Never linked, never signed in.
      return { kind: 'refused', error: notLinkable(), audit: { userId: existing.id, reason: 'staff_account_email' } };
    }
    if (!identity.emailVerified) {
      // An unproved address may be anyone's: it neither links nor takes over the account.
      return { kind: 'refused', error: notLinkable() };
    }
    const refusal = this.refusal(existing);
    if (refusal) return refusal;
    const user = (await this.users.lockById(tx, existing.id)) as UserRecord;
    await this.identities.link(tx, user.id, identity.issuer, identity.subject);
    const verifiedNow = await this.users.markEmailVerified(tx, user.id);
    if (verifiedNow) this.sessions.refreshAfterCommit(tx, user.id);
    await recordAdminAction(tx, {
      actorId: user.id,
      action: 'user.identity_linked',
      subjectType: 'user',
      subjectId: user.id,
      data: { issuer: identity.issuer, by: 'verified_email' },
    });
    return { kind: 'user', user: { ...user, emailVerified: true } };
  }

  private async register(tx: Tx, identity: ProviderIdentity, email: string, passwordHash: string): Promise<Outcome> {
    const user = await this.users.insert(tx, {
      email,
      fullName: fullNameOf(identity.fullName, email),
      role: 'citizen',
      agencyId: null,
      passwordHash,
      emailVerified: identity.emailVerified,
    });
    // The e-mail was taken between the look-up and the insert (a registration at the same moment).
    if (!user) return { kind: 'refused', error: notLinkable() };
    await this.identities.link(tx, user.id, identity.issuer, identity.subject);
    await recordAdminAction(tx, {
      actorId: null,
      action: 'user.registered',
      subjectType: 'user',
      subjectId: user.id,
      data: { role: 'citizen', agencyId: null, via: 'oidc', issuer: identity.issuer },
    });
    return { kind: 'user', user };
  }

  /** Accounts that may not sign in through the provider at all. */
  private refusal(user: UserRecord): Outcome | undefined {
    if (!user.active)
      return { kind: 'refused', error: new DomainError('ACCOUNT_DEACTIVATED', 'This account is deactivated; contact the administrator.') };
    // The second factor is the account's promise to the agency: the provider's sign-in does not replace it.
    if (user.totpEnabled) {
      return {
        kind: 'refused',
        error: new DomainError('IDENTITY_LINK_REFUSED', 'This account signs in with its password and one-time code.'),
        audit: { userId: user.id, reason: 'second_factor_enrolled' },
      };
    }
    return undefined;
  }
}

function assertAdmin(actor: Actor): void {
  if (actor.role !== 'admin') throw new DomainError('FORBIDDEN', 'Only an administrator manages e-ID links.');
}

function notLinkable(): DomainError {
  return new DomainError(
    'IDENTITY_LINK_REFUSED',
    'An account with this e-mail exists and cannot be joined to this e-ID automatically; sign in with your password, or ask the administrator.',
  );
}

/** The provider's e-mail as the accounts store it (lower case), or undefined when it is not one. */
export function normalisedEmail(email: string | undefined): string | undefined {
  if (typeof email !== 'string') return undefined;
  const lower = email.trim().toLowerCase();
  return lower.length <= 254 && isEmail(lower) ? lower : undefined;
}

/** The name the provider gave, trimmed and cut to the accounts' limit; the e-mail when it gave none. */
export function fullNameOf(name: string | undefined, email: string): string {
  const clean = (name ?? '')
    // eslint-disable-next-line no-control-regex -- control characters are what this strips from the provider's name
    .replace(/[\u0000-\u001f\u007f]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return (clean || email).slice(0, MAX_NAME);
}
