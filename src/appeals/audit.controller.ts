import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/auth.decorators';
import { AppealEventsService } from './appeal-events.service';
import { ApiProblems } from '../platform/openapi/problem-responses';

const MAX_REPORTED = 1_000;

export class ChainReportDto {
  checkedEvents: number;
  intact: boolean;
  /** At most 1,000 breaks are listed. */
  broken: Array<{ appealId: string; seq: number; problem: string }>;
}

/** The audit trail cannot be quietly rewritten: admins verify every hash chain on demand. */
@ApiTags('audit')
@ApiBearerAuth()
@ApiProblems(400, 401, 403)
@Controller('api/v1/admin/audit')
export class AuditController {
  constructor(private readonly events: AppealEventsService) {}

  @Roles('admin')
  @Get('chains')
  async verify(): Promise<ChainReportDto> {
    const report = await this.events.verifyChains(MAX_REPORTED);
    return { ...report, intact: report.broken.length === 0 };
  }
}
