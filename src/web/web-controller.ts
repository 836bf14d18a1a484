import { applyDecorators, Controller, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '../auth/auth.decorators';
import { PageGuard } from './page-guard';
import { WebExceptionFilter } from './web-pages';

/**
 * A controller of pages: outside the API's bearer auth (pages use the session cookie), checked by
 * PageGuard (session, roles declared with @PageFor / @SignedInPage, CSRF), its errors shown as HTML
 * pages, left out of the OpenAPI document.
 */
export const WebController = (path = '') =>
  applyDecorators(Public(), UseGuards(PageGuard), UseFilters(WebExceptionFilter), ApiExcludeController(), Controller(path));
