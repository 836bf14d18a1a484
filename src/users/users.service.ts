import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import * as argon2 from 'argon2';
import { randomBytes } from 'node:crypto';
import { AgenciesService } from '../agencies/agencies.service';
import { Actor, Role, STAFF_ROLES } from '../auth/actor';
import { recordAdminAction } from '../platform/audit/audit-log';
import { AppConfig } from '../platform/config/app-config';
import { APP_CONFIG } from '../platform/config/config.module';
import { Db } from '../platform/database/db';
import { DomainError } from '../platform/errors/domain-error';
import { UserDto } from './dto/user.dto';
import { UserRecord, UsersRepository } from './users.repository';


@Injectable()
export class UsersService implements OnApplicationBootstrap {
  private readonly logger = new Logger(UsersService.name);
  /** Verified against when the e-mail is unknown, so response time does not reveal accounts. */
  private dummyHash?: Promise<string>;

  constructor(
    private readonly users: UsersRepository,
    private readonly agencies: AgenciesService,
    private readonly db: Db,
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

  async create(
    by: Actor | null,
    input: { email: string; password: string; fullName: string; role: Role; agencyId?: string },
  ): Promise<UserDto> {
    const agencyId = input.agencyId ?? null;
    if (STAFF_ROLES.includes(input.role)) {
      if (!agencyId) throw DomainError.field('USER_AGENCY_REQUIRED', 'agencyId', 'Staff accounts are bound to an agency.');
      if (!(await this.agencies.exists(agencyId))) {
        throw DomainError.field('VALIDATION_FAILED', 'agencyId', 'No such agency.');
      }
    } else if (agencyId) {
      throw DomainError.field('VALIDATION_FAILED', 'agencyId', 'Only staff accounts are bound to an agency.');
    }
    const passwordHash = await argon2.hash(input.password, { type: argon2.argon2id });
    const created = await this.db.transaction(async (tx) => {
      const row = await this.users.insert(tx, {
        email: input.email,
        fullName: input.fullName,
        role: input.role,
        agencyId,
        passwordHash,
      });
      if (!row) throw DomainError.field('EMAIL_TAKEN', 'email', 'An account with this e-mail already exists.');
      await recordAdminAction(tx, {
        actorId: by?.id ?? null,
        action: by ? 'user.created' : 'user.registered',
        subjectType: 'user',
        subjectId: row.id,
        data: { role: row.role, agencyId: row.agencyId },
      });
      return row;
    });
    return toUserDto(created);
  }

  /** Returns the user when the password matches; constant work either way. */
  async verifyCredentials(email: string, password: string): Promise<UserRecord | undefined> {
    const user = await this.users.findByEmail(email);
    this.dummyHash ??= argon2.hash(randomBytes(16).toString('hex'), { type: argon2.argon2id });
    const valid = await argon2.verify(user?.passwordHash ?? (await this.dummyHash), password).catch(() => false);
    return user && valid ? user : undefined;
  }

  async get(id: string): Promise<UserDto> {
    const user = await this.users.findById(id);
    if (!user) throw new DomainError('UNAUTHENTICATED', 'The account no longer exists.');
    return toUserDto(user);
  }
}

export function toUserDto(user: UserRecord): UserDto {
  return { id: user.id, email: user.email, fullName: user.fullName, role: user.role, agencyId: user.agencyId };
}
