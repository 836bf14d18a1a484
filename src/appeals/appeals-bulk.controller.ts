import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Actor } from '../auth/actor';
import { CurrentActor, Roles } from '../auth/auth.decorators';
import { ApiProblems } from '../platform/openapi/problem-responses';
import { BulkAssignmentDto, BulkReferralDto, BulkResultDto } from './dto/inbox.dto';
import { InboxService } from './inbox.service';

/**
 * Bulk actions of the officials' inbox (issue 15): up to 100 cases, each through its single
 * action (access, the law's guards, its own transaction and audit event). 200 with every case's
 * outcome; a case refused (another agency's: as not found, a guard, a stale version) does not stop
 * the others.
 */
@ApiTags('appeals')
@ApiBearerAuth()
@ApiProblems(400, 401, 403, 422)
@Controller('api/v1/appeals/bulk')
export class AppealsBulkController {
  constructor(private readonly inbox: InboxService) {}

  /** Each case to one executor, as POST .../:id/assignment with the case's current version. */
  @Post('assignment')
  @HttpCode(200)
  @Roles('registrar', 'supervisor')
  assign(@CurrentActor() actor: Actor, @Body() body: BulkAssignmentDto): Promise<BulkResultDto> {
    return this.inbox.bulkAssign(actor, body);
  }

  /** Art. 7.10: each case to the competent agency, as POST .../:id/referral; never to the one complained about. */
  @Post('referral')
  @HttpCode(200)
  @Roles('registrar', 'official', 'supervisor')
  refer(@CurrentActor() actor: Actor, @Body() body: BulkReferralDto): Promise<BulkResultDto> {
    return this.inbox.bulkRefer(actor, body);
  }
}
