import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Actor } from '../auth/actor';
import { CurrentActor, Roles } from '../auth/auth.decorators';
import { IdParamPipe } from '../platform/http/id-param.pipe';
import { CreatedWebhookDto, CreateWebhookDto, ListDeliveriesQuery, WebhookDeliveryListDto, WebhookListDto } from './dto/webhook.dto';
import { WebhooksService } from './webhooks.service';
import { ApiProblems } from '../platform/openapi/problem-responses';
import { ApiIdempotencyKey, replyStored } from '../platform/idempotency/idempotent-reply';

/** Webhooks for agencies' systems (API.md "Integrations"). */
@ApiTags('webhooks')
@ApiBearerAuth()
@ApiProblems(400, 401, 403)
@Controller('api/v1/webhooks')
@Roles('admin', 'supervisor')
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  @Post()
  @ApiIdempotencyKey()
  @ApiProblems(409, 422)
  async create(
    @CurrentActor() actor: Actor,
    @Body() body: CreateWebhookDto,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CreatedWebhookDto> {
    const result = await this.webhooks.create(actor, body, idempotencyKey);
    return replyStored(reply, result);
  }

  @Get()
  list(@CurrentActor() actor: Actor): Promise<WebhookListDto> {
    return this.webhooks.list(actor);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiProblems(404)
  remove(@CurrentActor() actor: Actor, @Param('id', IdParamPipe) id: string): Promise<void> {
    return this.webhooks.remove(actor, id);
  }

  @Get(':id/deliveries')
  @ApiProblems(400, 404, 422)
  deliveries(
    @CurrentActor() actor: Actor,
    @Param('id', IdParamPipe) id: string,
    @Query() query: ListDeliveriesQuery,
  ): Promise<WebhookDeliveryListDto> {
    return this.webhooks.deliveries(actor, id, query);
  }
}
