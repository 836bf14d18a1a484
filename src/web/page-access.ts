import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { Actor, Role } from '../auth/actor';
import { DomainError } from '../platform/errors/domain-error';
import { localPath } from './html';

/** Thrown by a page to send the browser elsewhere (303: the next request is a GET). */
export class WebRedirect extends Error {
  constructor(readonly location: string) {
    super('redirect');
  }
}

export const PAGE_ROLES = 'web:page-roles';

/** Any signed-in account (the account page), as opposed to a list of roles. */
export const SIGNED_IN = 'signed-in';

export type PageAccess = readonly Role[] | typeof SIGNED_IN;

/** The page (or every page of the controller) is for these roles; anyone else signed in gets 403. */
export const PageFor = (...roles: Role[]) => SetMetadata(PAGE_ROLES, roles satisfies PageAccess);

/** The page is for anyone signed in. */
export const SignedInPage = () => SetMetadata(PAGE_ROLES, SIGNED_IN satisfies PageAccess);

/**
 * Who may open the page, decided before the handler: signed out -> the login page, then back; a
 * role that must enrol a second factor first -> the account page; another role -> 403.
 */
export function admit(actor: Actor | undefined, access: PageAccess, url: string): Actor {
  if (!actor) throw new WebRedirect(`/login?next=${encodeURIComponent(localPath(url))}`);
  if (access === SIGNED_IN) return actor;
  if (actor.session?.totpEnrolmentRequired) throw new WebRedirect('/account');
  if (!access.includes(actor.role)) throw new DomainError('FORBIDDEN', 'Your role may not open this page.');
  return actor;
}

/** The signed-in viewer of a page guarded by @PageFor or @SignedInPage. */
export const Viewer = createParamDecorator((_: unknown, context: ExecutionContext): Actor => {
  const request = context.switchToHttp().getRequest<FastifyRequest>();
  const actor = (request as FastifyRequest & { webActor?: Actor | null }).webActor;
  if (!actor) throw new Error('@Viewer() on a page without @PageFor or @SignedInPage');
  return actor;
});
