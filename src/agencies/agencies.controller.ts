import { Body, Controller, Get, Headers, Param, Post, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { IdParamPipe } from '../platform/http/id-param.pipe';
import { ApiIdempotencyKey, replyStored } from '../platform/idempotency/idempotent-reply';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Actor } from '../auth/actor';
import { CurrentActor, Public, Roles } from '../auth/auth.decorators';
import { AgenciesService } from './agencies.service';
import { AgencyDto, AgencyListDto, CreateAgencyDto } from './dto/agency.dto';
import { ApiProblems } from '../platform/openapi/problem-responses';

@ApiTags('agencies')
@Controller('api/v1/agencies')
export class AgenciesController {
  constructor(private readonly agencies: AgenciesService) {}

  @Public()
  @Get()
  async list(): Promise<AgencyListDto> {
    return { items: await this.agencies.list() };
  }

  @Public()
  @Get(':id')
  @ApiProblems(404)
  get(@Param('id', IdParamPipe) id: string): Promise<AgencyDto> {
    return this.agencies.get(id);
  }

  @ApiBearerAuth()
  @Roles('admin')
  @Post()
  @ApiIdempotencyKey()
  @ApiProblems(400, 401, 403, 409, 422)
  async create(
    @CurrentActor() actor: Actor,
    @Body() body: CreateAgencyDto,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AgencyDto> {
    return replyStored(reply, await this.agencies.create(actor, body, idempotencyKey));
  }
}
