import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Actor } from '../auth/actor';
import { CurrentActor, Roles } from '../auth/auth.decorators';
import { RetentionReportDto, RetentionRunDto } from './dto/retention.dto';
import { RetentionService } from './retention.service';
import { ApiProblems } from '../platform/openapi/problem-responses';

/** Retention of closed cases' personal data: dry run first, then the run (admins). */
@ApiTags('retention')
@ApiBearerAuth()
@ApiProblems(400, 401, 403, 422)
@Controller('api/v1/admin/retention')
export class RetentionController {
  constructor(private readonly retention: RetentionService) {}

  @Roles('admin')
  @Post('run')
  @HttpCode(200)
  run(@CurrentActor() actor: Actor, @Body() body: RetentionRunDto): Promise<RetentionReportDto> {
    return this.retention.run(actor, body);
  }
}
