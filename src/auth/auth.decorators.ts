import { applyDecorators, createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { ApiPublicOperation } from '../platform/openapi/problem-responses';
import { Actor, Role } from './actor';

export const PUBLIC_KEY = 'auth:public';
export const ROLES_KEY = 'auth:roles';
export const TOTP_ENROLMENT_KEY = 'auth:open-during-totp-enrolment';

/** No token needed (health, docs, login, register, the calendar calculator); the OpenAPI document says `security: []`. */
export const Public = () => applyDecorators(SetMetadata(PUBLIC_KEY, true), ApiPublicOperation());

/** Open to a signed-in account that STAFF_TOTP_REQUIRED obliges to enrol a second factor first (enrolment, sign-out, who am I). */
export const OpenDuringTotpEnrolment = () => SetMetadata(TOTP_ENROLMENT_KEY, true);

/** Only these roles may call the route. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

export type AuthenticatedRequest = FastifyRequest & { actor?: Actor };

export const CurrentActor = createParamDecorator((_: unknown, context: ExecutionContext): Actor => {
  const actor = context.switchToHttp().getRequest<AuthenticatedRequest>().actor;
  if (!actor) throw new Error('CurrentActor used on a public route');
  return actor;
});
