import { Controller, Get, Headers, Inject, Res } from '@nestjs/common';
import { ApiProduces, ApiSecurity, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { createHash, timingSafeEqual } from 'node:crypto';
import { Public } from '../../auth/auth.decorators';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { DomainError } from '../errors/domain-error';
import { ApiProblems, METRICS_SECURITY_SCHEME } from '../openapi/problem-responses';
import { MetricsService } from './metrics.service';

/**
 * GET /metrics on the API port (API.md "Integrations"): only with METRICS_TOKEN set, and only for
 * a Bearer request carrying it; without a token the route does not exist here (404), as the
 * separate METRICS_PORT is then the way in. Not a user's session: a scraper holds no account.
 */
@ApiTags('operations')
@Controller('metrics')
export class MetricsController {
  constructor(
    private readonly metrics: MetricsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Public()
  @Get()
  @ApiSecurity(METRICS_SECURITY_SCHEME)
  @ApiProblems(401, 404)
  @ApiProduces('text/plain')
  async scrape(
    @Headers('authorization') authorization: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const token = this.config.metricsToken;
    if (token === undefined) throw new DomainError('ROUTE_NOT_FOUND', 'Not found');
    if (!bearerMatches(authorization, token)) {
      void reply.header('www-authenticate', 'Bearer');
      throw new DomainError('UNAUTHENTICATED', 'The metrics token is missing or wrong');
    }
    void reply.header('content-type', this.metrics.contentType);
    return this.metrics.render();
  }
}

/** Constant-time comparison of digests: the answer time tells nothing about the token. */
function bearerMatches(header: string | undefined, token: string): boolean {
  const match = /^Bearer ([!-~]{1,512})$/.exec(header ?? '');
  if (!match) return false;
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(match[1]), digest(token));
}
