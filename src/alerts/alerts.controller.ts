import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiParam, ApiTags } from '@nestjs/swagger';
import { Actor } from '../auth/actor';
import { CurrentActor, Roles } from '../auth/auth.decorators';
import { IdParamPipe } from '../platform/http/id-param.pipe';
import { AlertsService } from './alerts.service';
import { ALERT_ID_PATTERN, AlertDto, AlertListDto, AppealControlDto, ListAlertsQuery } from './dto/alert.dto';
import { ApiProblems } from '../platform/openapi/problem-responses';

@ApiTags('alerts')
@ApiBearerAuth()
@ApiProblems(400, 401, 403)
@Controller('api/v1')
export class AlertsController {
  constructor(private readonly alerts: AlertsService) {}

  /** Deadline alerts of the agencies the supervisor oversees (API.md "Alerts"). */
  @Get('alerts')
  @Roles('supervisor')
  @ApiProblems(400, 422)
  list(@CurrentActor() actor: Actor, @Query() query: ListAlertsQuery): Promise<AlertListDto> {
    return this.alerts.list(actor, query);
  }

  @Post('alerts/:id/acknowledge')
  @HttpCode(200)
  @Roles('supervisor')
  @ApiProblems(404)
  @ApiParam({ name: 'id', schema: { type: 'string', pattern: ALERT_ID_PATTERN, maxLength: 18 } })
  acknowledge(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<AlertDto> {
    return this.alerts.acknowledge(actor, id);
  }

  /** appeals-rules.md 17: a higher body puts the case under control ("nəzarətdə"). */
  @Post('appeals/:id/control')
  @HttpCode(200)
  @Roles('supervisor')
  @ApiProblems(404, 422)
  placeUnderControl(@CurrentActor() actor: Actor, @Param('id', IdParamPipe) id: string): Promise<AppealControlDto> {
    return this.alerts.placeUnderControl(actor, id);
  }
}
