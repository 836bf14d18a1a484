import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { DomainError } from '../platform/errors/domain-error';
import { Actor, Role, ROLES } from './actor';
import { AuthenticatedRequest, PUBLIC_KEY, ROLES_KEY } from './auth.decorators';

interface TokenClaims {
  sub: string;
  role: Role;
  agencyId: string | null;
}

/** Global guard: a valid bearer token on every route not marked @Public(), then the role check. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly jwt: JwtService,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;

    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const header = request.headers.authorization;
    if (!header?.startsWith('Bearer ')) {
      throw new DomainError('UNAUTHENTICATED', 'A bearer access token is required.');
    }
    let claims: TokenClaims;
    try {
      claims = this.jwt.verify<TokenClaims>(header.slice(7));
    } catch {
      throw new DomainError('UNAUTHENTICATED', 'The access token is invalid or expired.');
    }
    if (!ROLES.includes(claims.role)) throw new DomainError('UNAUTHENTICATED', 'The access token is invalid.');
    const actor: Actor = { id: claims.sub, role: claims.role, agencyId: claims.agencyId ?? null };
    request.actor = actor;

    const allowed = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (allowed && !allowed.includes(actor.role)) {
      throw new DomainError('FORBIDDEN', 'Your role may not do this.');
    }
    return true;
  }
}
