import { Controller, Delete, Get, HttpCode, Inject, Ip, Param, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Actor } from '../auth/actor';
import { CurrentActor, Public, Roles } from '../auth/auth.decorators';
import { AppConfig } from '../platform/config/app-config';
import { APP_CONFIG } from '../platform/config/config.module';
import { RateLimiter, TooManyRequestsError } from '../platform/http/rate-limiter';
import { CalendarFeedsService } from './calendar-feeds.service';
import { ApiProblems } from '../platform/openapi/problem-responses';

export class CalendarFeedUrlDto {
  /** Secret: whoever has it reads the deadlines. POST again for a new one, DELETE to revoke. */
  url!: string;
}

/** RFC 5545 deadline feeds of staff (API.md "Integrations"). */
@ApiTags('calendar feeds')
@Controller()
export class CalendarFeedsController {
  constructor(
    private readonly feeds: CalendarFeedsService,
    private readonly limiter: RateLimiter,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @ApiBearerAuth()
  @Roles('registrar', 'official', 'supervisor')
  @Post('api/v1/me/calendar-feed')
  @ApiProblems(400, 401, 403)
  create(@CurrentActor() actor: Actor): Promise<CalendarFeedUrlDto> {
    return this.feeds.create(actor);
  }

  @ApiBearerAuth()
  @Delete('api/v1/me/calendar-feed')
  @HttpCode(204)
  @ApiProblems(400, 401, 404)
  revoke(@CurrentActor() actor: Actor): Promise<void> {
    return this.feeds.revoke(actor);
  }

  /** Public: the secret token in the path is the credential (calendar clients send no headers). Rate limited. */
  @Public()
  @Get('api/v1/calendar-feeds/:token')
  @ApiProduces('text/calendar')
  // 32 random bytes in base64url (43 characters) and `.ics`.
  @ApiParam({ name: 'token', schema: { type: 'string', pattern: '^[A-Za-z0-9_-]{43}\\.ics$', maxLength: 47 } })
  @ApiProblems(404, 410, 429)
  @ApiOkResponse({
    description: "RFC 5545 calendar of the staff member's deadlines.",
    content: { 'text/calendar': { schema: { type: 'string', maxLength: 10_000_000 } } },
  })
  async feed(@Param('token') token: string, @Ip() ip: string, @Res() reply: FastifyReply): Promise<void> {
    const max = this.config.calendarFeedRateLimitPerMinute;
    try {
      await this.limiter.hit('calendar-feed', [`ip:${ip}`, `token:${token}`], max, 60);
    } catch (error) {
      if (error instanceof TooManyRequestsError) void reply.header('retry-after', String(error.retryAfterSeconds));
      throw error;
    }
    const body = await this.feeds.render(token);
    await reply
      .header('content-type', 'text/calendar; charset=utf-8')
      .header('cache-control', 'private, no-store')
      .header('referrer-policy', 'no-referrer')
      .send(body);
  }
}
