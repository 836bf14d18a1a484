import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { AgenciesModule } from '../agencies/agencies.module';
import { AppKeys } from '../platform/secrets/app-keys';
import { UsersModule } from '../users/users.module';
import { AuthController, MeController, UsersController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { OidcLoginStatesRepository } from './oidc/oidc-login-states.repository';
import { OidcService } from './oidc/oidc.service';
import { RateLimiter } from './rate-limiter';
import { SessionCache } from './session-cache';

@Module({
  imports: [
    AgenciesModule,
    UsersModule,
    JwtModule.registerAsync({
      inject: [AppKeys],
      // The deployment's key (JWT_SECRET, or the generated one kept in the database), as a KeyObject made once.
      useFactory: (keys: AppKeys) => ({
        secret: keys.tokenSigning as unknown as string,
        signOptions: { algorithm: 'HS256' },
        verifyOptions: { algorithms: ['HS256'] },
      }),
    }),
  ],
  controllers: [AuthController, MeController, UsersController],
  providers: [AuthService, RateLimiter, SessionCache, OidcService, OidcLoginStatesRepository, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [AuthService, OidcService, UsersModule],
})
export class AuthModule {}
