import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { UserEntity } from './entities/user.entity';
import { UserSessionEntity } from './entities/user-session.entity';
import { UserTokenEntity } from './entities/user-token.entity';
import { UserIdentityEntity } from './entities/user-identity.entity';
import { AgenciesModule } from '../agencies/agencies.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { AccountSecurityService } from './account-security.service';
import { AccountSessions } from './account-sessions';
import { ExternalIdentities } from './external-identities';
import { PasswordRules } from './password-rules';
import { SessionRevocations } from './session-revocations';
import { SessionsRepository } from './sessions.repository';
import { TotpService } from './totp.service';
import { UserIdentitiesRepository } from './user-identities.repository';
import { UserMailTemplates } from './user-mail.templates';
import { UserTokens } from './user-tokens';
import { UserTokensRepository } from './user-tokens.repository';
import { UsersRepository } from './users.repository';
import { UsersService } from './users.service';

/**
 * Accounts: users, their sessions, one-time mailed tokens, passwords and the second factor. No
 * HTTP here (AuthModule serves it); the worker loads it too, for the account mails' templates.
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([UserEntity, UserSessionEntity, UserTokenEntity, UserIdentityEntity]),
    AgenciesModule,
    NotificationsModule,
  ],
  providers: [
    UsersRepository,
    SessionsRepository,
    UserTokensRepository,
    UsersService,
    AccountSecurityService,
    AccountSessions,
    SessionRevocations,
    PasswordRules,
    TotpService,
    UserTokens,
    UserMailTemplates,
    UserIdentitiesRepository,
    ExternalIdentities,
  ],
  exports: [UsersService, AccountSecurityService, AccountSessions, SessionRevocations, TotpService, ExternalIdentities],
})
export class UsersModule {}
