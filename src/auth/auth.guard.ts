import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DomainError } from '../platform/errors/domain-error';
import { Role } from './actor';
import { AuthenticatedRequest, PUBLIC_KEY, ROLES_KEY, TOTP_ENROLMENT_KEY } from './auth.decorators';
import { AuthService } from './auth.service';

/**
 * Global guard: a valid bearer token naming an open session of an active account on every route
 * not marked @Public(), then the second-factor obligation, then the role check.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;

    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const header = request.headers.authorization;
    if (!header?.startsWith('Bearer ')) {
      throw new DomainError('UNAUTHENTICATED', 'A bearer access token is required.');
    }
    const actor = await this.auth.authenticate(header.slice(7));
    if (!actor) throw new DomainError('UNAUTHENTICATED', 'The access token is invalid or expired, or its session has ended.');
    request.actor = actor;

    if (actor.session?.totpEnrolmentRequired && !this.reflector.getAllAndOverride<boolean>(TOTP_ENROLMENT_KEY, targets)) {
      throw new DomainError('TOTP_ENROLMENT_REQUIRED', 'Your role signs in with a second factor: enrol one first (POST /api/v1/me/totp).');
    }
    const allowed = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (allowed && !allowed.includes(actor.role)) {
      throw new DomainError('FORBIDDEN', 'Your role may not do this.');
    }
    return true;
  }
}
