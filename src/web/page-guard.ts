import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { DomainError } from '../platform/errors/domain-error';
import { admit, PAGE_ROLES, PageAccess } from './page-access';
import { MULTIPART_FORM, urlencoded } from './web-forms';
import { CSRF_FIELD, WebSession } from './web-session';
/**
 * Every page request: the session cookie is checked once (WebSession.load), the page's roles
 * (@PageFor, @SignedInPage) are enforced, and POSTs need the CSRF token. A multipart body can only
 * be read by its handler, so only routes marked @MultipartForm() accept one, and their reader
 * (readMultipart) checks the token first.
 */
@Injectable()
export class PageGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly session: WebSession,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const actor = await this.session.load(request);
    const access = this.reflector.getAllAndOverride<PageAccess | undefined>(PAGE_ROLES, [context.getHandler(), context.getClass()]);
    if (access) admit(actor, access, request.url);
    if (request.method === 'GET' || request.method === 'HEAD') return true;
    if (request.isMultipart()) {
      if (this.reflector.get<boolean>(MULTIPART_FORM, context.getHandler())) return true;
      throw new DomainError('FORBIDDEN', 'This form does not take files.');
    }
    this.session.assertCsrf(request, urlencoded(request)[CSRF_FIELD]);
    return true;
  }
}
