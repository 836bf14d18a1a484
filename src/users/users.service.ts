import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { AgenciesService } from '../agencies/agencies.service';
import { Actor, Role, STAFF_ROLES } from '../auth/actor';
import { MAIL_TOPIC } from '../notifications/mail-send.handler';
import { ACCOUNT_LINK_TEMPLATES } from '../notifications/templates/account-link';
import { recordAdminAction } from '../platform/audit/audit-log';
import { AppConfig } from '../platform/config/app-config';
import { APP_CONFIG } from '../platform/config/config.module';
import { Db, Tx } from '../platform/database/db';
import { DomainError } from '../platform/errors/domain-error';
import { OutboxService } from '../platform/outbox/outbox.service';
import { AccountSessions } from './account-sessions';
import { ListUsersQuery, MeDto, UpdateUserDto, UserAdminDto, UserDto, UserListDto } from './dto/user.dto';
import { PasswordRules } from './password-rules';
import { SessionEndReason } from './sessions.repository';
import { UserTokenPurpose } from './user-tokens.repository';
import { UserTokens } from './user-tokens';
import { UserAccount, UserRecord, UsersRepository } from './users.repository';
import { IdempotencyService, StoredResponse } from '../platform/idempotency/idempotency.service';
import { toInstant } from '../platform/clock/instant';

const DEFAULT_PAGE = 50;

@Injectable()
export class UsersService implements OnApplicationBootstrap {
  private readonly logger = new Logger(UsersService.name);
  /** Verified against when the e-mail is unknown, so response time does not reveal accounts. */
  private dummyHash?: Promise<string>;

  constructor(
    private readonly users: UsersRepository,
    private readonly agencies: AgenciesService,
    private readonly db: Db,
    private readonly passwords: PasswordRules,
    private readonly sessions: AccountSessions,
    private readonly tokens: UserTokens,
    private readonly outbox: OutboxService,
    private readonly idempotency: IdempotencyService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The first admin comes from ADMIN_EMAIL / ADMIN_PASSWORD, created when absent. */
  async onApplicationBootstrap(): Promise<void> {
    if (this.config.role === 'worker') return;
    const existing = await this.users.findByEmail(this.config.adminEmail);
    if (existing) return;
    await this.create(null, {
      email: this.config.adminEmail,
      password: this.config.adminPassword,
      fullName: 'System administrator',
      role: 'admin',
    }).catch((error: unknown) => {
      // Another replica created it at the same moment.
      if (!(error instanceof DomainError && error.code === 'EMAIL_TAKEN')) throw error;
    });
    this.logger.log('first admin account created');
  }

  /**
   * A new account. Self-registration (`by` null, a citizen) is mailed a one-time link to prove the
   * address (unless AUTH_REQUIRE_EMAIL_VERIFICATION=false: then a link is sent only when asked for);
   * an account an admin makes (and the first admin) counts as verified: the admin vouches for it.
   */
  /** `idempotencyKey` (API.md): the same key and body within 24 h returns the first answer instead of EMAIL_TAKEN. */
  async create(
    by: Actor | null,
    input: { email: string; password: string; fullName: string; role: Role; agencyId?: string },
    idempotencyKey?: string,
  ): Promise<StoredResponse<UserDto>> {
    const agencyId = input.agencyId ?? null;
    await this.assertAgencyFits(input.role, agencyId);
    this.passwords.assertAcceptable(input.password, input, 'password');
    const passwordHash = await this.passwords.hash(input.password);
    const selfRegistered = by === null && input.role === 'citizen';
    return this.idempotency.run(
      by?.id ?? null,
      idempotencyKey,
      input,
      async (tx) => {
        const row = await this.users.insert(tx, {
          email: input.email,
          fullName: input.fullName,
          role: input.role,
          agencyId,
          passwordHash,
          emailVerified: !selfRegistered,
        });
        if (!row) throw DomainError.field('EMAIL_TAKEN', 'email', 'An account with this e-mail already exists.');
        await recordAdminAction(tx, {
          actorId: by?.id ?? null,
          action: by ? 'user.created' : 'user.registered',
          subjectType: 'user',
          subjectId: row.id,
          data: { role: row.role, agencyId: row.agencyId },
        });
        if (selfRegistered && this.config.requireEmailVerification) await this.mailLink(tx, row, 'verify_email');
        return { statusCode: 201, body: toUserDto(row) };
      },
      { transaction: true },
    );
  }

  /** Returns the active user when the password matches; the same work whether or not the account exists. */
  async verifyCredentials(email: string, password: string): Promise<UserRecord | undefined> {
    const user = await this.users.findByEmail(email);
    this.dummyHash ??= this.passwords.hash(randomBytes(16).toString('hex'));
    const valid = await this.passwords.verify(user?.passwordHash ?? (await this.dummyHash), password);
    return user && valid && user.active ? user : undefined;
  }

  /** An account for another module's check (executor, signer, feed owner); undefined when unknown. */
  async findAccount(id: string): Promise<UserAccount | undefined> {
    const user = await this.users.findById(id);
    return user && withoutPasswordHash(user);
  }

  /** The active staff of these agencies in these roles, by e-mail (an executor's choices). */
  async listStaffOfAgencies(agencyIds: readonly string[], roles: readonly Role[]): Promise<UserAccount[]> {
    return (await this.users.listStaffOfAgencies(agencyIds, roles)).map(withoutPasswordHash);
  }

  async get(id: string): Promise<UserDto> {
    return toUserDto(await this.load(id));
  }

  async me(id: string): Promise<MeDto> {
    const user = await this.load(id);
    return { ...toUserDto(user), emailVerified: user.emailVerified };
  }

  /** The admins' list (keyset pages by e-mail). */
  async list(query: ListUsersQuery): Promise<UserListDto> {
    const limit = query.limit ?? DEFAULT_PAGE;
    const rows = await this.users.list({
      agencyId: query.agencyId,
      role: query.role,
      q: query.q,
      afterEmail: query.cursor === undefined ? undefined : decodeCursor(query.cursor),
      limit: limit + 1,
    });
    const page = rows.slice(0, limit);
    return {
      items: page.map(toUserAdminDto),
      nextCursor: rows.length > limit ? Buffer.from(JSON.stringify([page[page.length - 1].email])).toString('base64url') : null,
    };
  }

  async getForAdmin(id: string): Promise<UserAdminDto> {
    return toUserAdminDto(await this.loadOr404(id));
  }

  /**
   * An admin's change of name, role, agency or activity, audited with what changed. A role or
   * agency change or a deactivation ends every session of the user in the same transaction: the
   * official's next request is refused, whatever token they hold.
   */
  async update(actor: Actor, id: string, input: UpdateUserDto): Promise<UserAdminDto> {
    return this.db.transaction(async (tx) => {
      // Two admins switching each other off at once both pass the session check, and no admin would
      // be left to undo it: the acting admin's row is locked with the target's and must still be an
      // active admin's, so the second of two such changes is refused.
      const locked = await this.users.lockByIds(tx, [id, actor.id]);
      const acting = locked.find((row) => row.id === actor.id);
      if (!acting?.active || acting.role !== 'admin') throw new DomainError('FORBIDDEN', 'Your account may no longer manage users.');
      const before = locked.find((row) => row.id === id);
      if (!before) throw new DomainError('USER_NOT_FOUND', 'No such user.');
      const role = input.role ?? before.role;
      // Citizens and admins have no agency: moving a staff account to one of those roles clears it.
      const agencyId = input.agencyId !== undefined ? input.agencyId : STAFF_ROLES.includes(role) ? before.agencyId : null;
      const active = input.active ?? before.active;
      if (id === actor.id && (role !== before.role || !active)) {
        throw new DomainError(
          'USER_SELF_CHANGE_FORBIDDEN',
          'You may not deactivate your own account or change its role; ask another admin.',
        );
      }
      await this.assertAgencyFits(role, agencyId);
      const after = await this.users.update(tx, id, { fullName: input.fullName, role, agencyId, active });
      const reason: SessionEndReason | undefined =
        !after.active && before.active
          ? 'deactivated'
          : after.role !== before.role
            ? 'role_changed'
            : after.agencyId !== before.agencyId
              ? 'agency_changed'
              : undefined;
      const sessionsEnded = reason ? await this.sessions.endAllWithin(tx, id, reason) : 0;
      if (!reason) this.sessions.refreshAfterCommit(tx, id);
      await recordAdminAction(tx, {
        actorId: actor.id,
        action: 'user.updated',
        subjectType: 'user',
        subjectId: id,
        data: { changes: changesOf(before, after), sessionsEnded },
      });
      return toUserAdminDto(after);
    });
  }

  /** An admin has the user mailed a one-time link to set a new password (the reset itself ends the user's sessions). */
  async sendPasswordReset(actor: Actor, id: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      const user = await this.users.lockById(tx, id);
      if (!user) throw new DomainError('USER_NOT_FOUND', 'No such user.');
      if (!user.active) throw DomainError.field('VALIDATION_FAILED', 'active', 'The account is deactivated; activate it first.');
      await this.mailLink(tx, user, 'password_reset');
      await recordAdminAction(tx, { actorId: actor.id, action: 'user.password_reset_sent', subjectType: 'user', subjectId: id });
    });
  }

  /** Writes a one-time token and the mail carrying its link, in the caller's transaction (the outbox sends it after commit). */
  async mailLink(tx: Tx, user: { id: string; email: string }, purpose: UserTokenPurpose): Promise<void> {
    const tokenId = await this.tokens.issue(tx, user.id, purpose);
    await this.outbox.write(tx, [
      {
        topic: MAIL_TOPIC,
        dedupeKey: `user-token:${tokenId}`,
        payload: { to: user.email, template: ACCOUNT_LINK_TEMPLATES[purpose], tokenId },
      },
    ]);
  }

  private async load(id: string): Promise<UserRecord> {
    const user = await this.users.findById(id);
    if (!user) throw new DomainError('UNAUTHENTICATED', 'The account no longer exists.');
    return user;
  }

  private async loadOr404(id: string): Promise<UserRecord> {
    const user = await this.users.findById(id);
    if (!user) throw new DomainError('USER_NOT_FOUND', 'No such user.');
    return user;
  }

  private async assertAgencyFits(role: Role, agencyId: string | null): Promise<void> {
    if (STAFF_ROLES.includes(role)) {
      if (!agencyId) throw DomainError.field('USER_AGENCY_REQUIRED', 'agencyId', 'Staff accounts are bound to an agency.');
      if (!(await this.agencies.exists(agencyId))) throw DomainError.field('VALIDATION_FAILED', 'agencyId', 'No such agency.');
    } else if (agencyId) {
      throw DomainError.field('VALIDATION_FAILED', 'agencyId', 'Only staff accounts are bound to an agency.');
    }
  }
}

export function toUserDto(user: UserRecord): UserDto {
  return { id: user.id, email: user.email, fullName: user.fullName, role: user.role, agencyId: user.agencyId };
}

function toUserAdminDto(user: UserRecord): UserAdminDto {
  return {
    ...toUserDto(user),
    active: user.active,
    emailVerified: user.emailVerified,
    totpEnabled: user.totpEnabled,
    createdAt: toInstant(user.createdAt),
  };
}

/** What an admin changed, for the audit: names are personal data, so only that the name changed. */
function changesOf(before: UserRecord, after: UserRecord): Record<string, unknown> {
  const changes: Record<string, unknown> = {};
  if (before.fullName !== after.fullName) changes.fullName = 'changed';
  if (before.role !== after.role) changes.role = { from: before.role, to: after.role };
  if (before.agencyId !== after.agencyId) changes.agencyId = { from: before.agencyId, to: after.agencyId };
  if (before.active !== after.active) changes.active = { from: before.active, to: after.active };
  return changes;
}

function decodeCursor(cursor: string): string {
  try {
    const [email] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [unknown];
    if (typeof email === 'string' && email.length <= 254) return email;
  } catch {
    // fall through
  }
  throw DomainError.field('MALFORMED_REQUEST', 'cursor', 'The cursor is not one this API returned.');
}

function withoutPasswordHash({ passwordHash: _passwordHash, ...account }: UserRecord): UserAccount {
  return account;
}
