import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { IdParamPipe } from '../platform/http/id-param.pipe';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Actor } from '../auth/actor';
import { CurrentActor, Public, Roles } from '../auth/auth.decorators';
import { AgenciesService } from './agencies.service';
import { AgencyDto, AgencyListDto, CreateAgencyDto } from './dto/agency.dto';

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
  get(@Param('id', IdParamPipe) id: string): Promise<AgencyDto> {
    return this.agencies.get(id);
  }

  @ApiBearerAuth()
  @Roles('admin')
  @Post()
  @HttpCode(201)
  create(@CurrentActor() actor: Actor, @Body() body: CreateAgencyDto): Promise<AgencyDto> {
    return this.agencies.create(actor, body);
  }
}
