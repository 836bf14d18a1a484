import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Actor } from '../auth/actor';
import { CurrentActor, Roles } from '../auth/auth.decorators';
import { DomainError } from '../platform/errors/domain-error';
import { IdParamPipe } from '../platform/http/id-param.pipe';
import { AppealActionsService, ReferralResult } from './appeal-actions.service';
import { AppealsService } from './appeals.service';
import {
  AnswerDto,
  AssignDto,
  CopiesDto,
  ExtensionDto,
  FeedbackDto,
  LeaveWithoutConsiderationDto,
  MergeDto,
  NoteDto,
  ReasonDto,
  ReferralDto,
  RegimeDto,
  RespondentDto,
  TakeDto,
} from './dto/actions.dto';
import { AttachmentsService, MAX_ATTACHMENTS_PER_APPEAL } from './attachments.service';
import {
  AnswerView,
  AppealCountsDto,
  AppealDetailDto,
  AppealDto,
  AppealEventListDto,
  AppealListDto,
  AttachmentListDto,
  AttachmentView,
  FeedbackResultDto,
  FollowUpCandidateListDto,
  IdentityAccessListDto,
} from './dto/appeal.dto';
import { CreateAppealDto } from './dto/create-appeal.dto';
import { CountsQuery, ListAppealsQuery } from './dto/list-appeals.query';
import { ApiIdempotencyKey, replyStored } from '../platform/idempotency/idempotent-reply';
import { ApiProblems } from '../platform/openapi/problem-responses';

/** The most ATTACHMENT_MAX_BYTES may be set to (platform/config/app-config.ts): no stored file is larger. */
const ATTACHMENT_CEILING_BYTES = 100 * 1024 * 1024;

@ApiTags('appeals')
@ApiBearerAuth()
@ApiProblems(400, 401, 403)
@Controller('api/v1/appeals')
export class AppealsController {
  constructor(
    private readonly appeals: AppealsService,
    private readonly attachments: AttachmentsService,
    private readonly actions: AppealActionsService,
  ) {}

  @Post()
  @Roles('citizen', 'registrar', 'official')
  @ApiIdempotencyKey()
  @ApiProblems(409, 422)
  async submit(
    @CurrentActor() actor: Actor,
    @Body() body: CreateAppealDto,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AppealDto> {
    const result = await this.appeals.submit(actor, body, idempotencyKey);
    return replyStored(reply, result);
  }

  @Get()
  @ApiProblems(400, 422)
  list(@CurrentActor() actor: Actor, @Query() query: ListAppealsQuery): Promise<AppealListDto> {
    return this.appeals.list(actor, query);
  }

  /** The caseload by status for the caller's agency (a supervisor's: their agencies, or `agencyId`). */
  @Get('counts')
  @Roles('registrar', 'official', 'supervisor')
  @ApiProblems(422)
  counts(@CurrentActor() actor: Actor, @Query() query: CountsQuery): Promise<AppealCountsDto> {
    return this.appeals.counts(actor, query.agencyId);
  }

  @Get(':id')
  @ApiProblems(404)
  get(@CurrentActor() actor: Actor, @Param('id', IdParamPipe) id: string): Promise<AppealDetailDto> {
    return this.appeals.get(actor, id);
  }

  /** Assignment of the executor inside the agency (shown to the applicant). */
  @Post(':id/assignment')
  @HttpCode(200)
  @Roles('registrar', 'supervisor')
  @ApiProblems(404, 409, 422)
  assign(@CurrentActor() actor: Actor, @Param('id', IdParamPipe) id: string, @Body() body: AssignDto): Promise<AppealDto> {
    return this.actions.assign(actor, id, body);
  }

  /**
   * "Assign to me" (issue 15): the official becomes the executor of an open case of their agency
   * that has none yet; a case with an executor is 409 CONFLICT, one about the official 404 or 422.
   */
  @Post(':id/take')
  @HttpCode(200)
  @Roles('official')
  @ApiProblems(404, 409, 422)
  take(@CurrentActor() actor: Actor, @Param('id', IdParamPipe) id: string, @Body() body: TakeDto): Promise<AppealDto> {
    return this.actions.take(actor, id, body);
  }

  /** Art. 7.10: to the competent agency, within 3 working days; never to the respondent. */
  @Post(':id/referral')
  @HttpCode(200)
  @Roles('registrar', 'official', 'supervisor')
  @ApiProblems(404, 409, 422)
  refer(@CurrentActor() actor: Actor, @Param('id', IdParamPipe) id: string, @Body() body: ReferralDto): Promise<ReferralResult> {
    return this.actions.refer(actor, id, body);
  }

  /** Art. 7.10: a copy to each other competent agency, each its own case. */
  @Post(':id/copies')
  @HttpCode(200)
  @Roles('registrar', 'official', 'supervisor')
  @ApiProblems(404, 409, 422)
  copy(@CurrentActor() actor: Actor, @Param('id', IdParamPipe) id: string, @Body() body: CopiesDto): Promise<ReferralResult> {
    return this.actions.copy(actor, id, body);
  }

  /** Art. 8.1: on a legal ground, with the reasons told to the applicant (Art. 8.2). */
  @Post(':id/leave-without-consideration')
  @HttpCode(200)
  @Roles('registrar', 'official', 'supervisor')
  @ApiProblems(404, 409, 422)
  leave(
    @CurrentActor() actor: Actor,
    @Param('id', IdParamPipe) id: string,
    @Body() body: LeaveWithoutConsiderationDto,
  ): Promise<AppealDto> {
    return this.actions.leaveWithoutConsideration(actor, id, body);
  }

  /** Art. 8.3: the ground disappeared; the appeal is considered after all. */
  @Post(':id/reopen')
  @HttpCode(200)
  @Roles('registrar', 'official', 'supervisor')
  @ApiProblems(404, 409, 422)
  reopen(@CurrentActor() actor: Actor, @Param('id', IdParamPipe) id: string, @Body() body: NoteDto): Promise<AppealDto> {
    return this.actions.reopen(actor, id, body);
  }

  /** Art. 10.1: 15 -> 30 working days from receipt. */
  @Post(':id/additional-study')
  @HttpCode(200)
  @Roles('official', 'supervisor')
  @ApiProblems(404, 409, 422)
  additionalStudy(@CurrentActor() actor: Actor, @Param('id', IdParamPipe) id: string, @Body() body: ReasonDto): Promise<AppealDto> {
    return this.actions.additionalStudy(actor, id, body);
  }

  /** Art. 10.2: once, 1-30 working days from the end of the current term. */
  @Post(':id/extension')
  @HttpCode(200)
  @Roles('official', 'supervisor')
  @ApiProblems(404, 409, 422)
  extend(@CurrentActor() actor: Actor, @Param('id', IdParamPipe) id: string, @Body() body: ExtensionDto): Promise<AppealDto> {
    return this.actions.extend(actor, id, body);
  }

  /** Art. 7.5, 7.6: the reasoned answer, in Azerbaijani, closes the case; `channel` and `dispatchedOn` record how it went. */
  @Post(':id/answer')
  @HttpCode(200)
  @Roles('official', 'supervisor')
  @ApiProblems(404, 409, 422)
  answer(
    @CurrentActor() actor: Actor,
    @Param('id', IdParamPipe) id: string,
    @Body() body: AnswerDto,
  ): Promise<AppealDto & { answer: AnswerView | null }> {
    return this.actions.answer(actor, id, body);
  }

  /** appeals-rules.md 10: staff confirm or change the regime the applicant asked for; terms recomputed from receipt. */
  @Post(':id/regime')
  @HttpCode(200)
  @Roles('registrar', 'official', 'supervisor')
  @ApiProblems(404, 409, 422)
  changeRegime(@CurrentActor() actor: Actor, @Param('id', IdParamPipe) id: string, @Body() body: RegimeDto): Promise<AppealDto> {
    return this.actions.changeRegime(actor, id, body);
  }

  /** AOC 594-1.1.2, 594-1.1.4: whom a complaint is about; the official named gets 404 for it from then on. */
  @Post(':id/respondent')
  @HttpCode(200)
  @Roles('registrar', 'supervisor')
  @ApiProblems(404, 409, 422)
  setRespondent(@CurrentActor() actor: Actor, @Param('id', IdParamPipe) id: string, @Body() body: RespondentDto): Promise<AppealDto> {
    return this.actions.setRespondent(actor, id, body);
  }

  /** appeals-rules.md 18: who opened the applicant's identity, newest first (supervisors above the agency). */
  @Get(':id/access-log')
  @Roles('supervisor')
  @ApiProblems(404)
  accessLog(@CurrentActor() actor: Actor, @Param('id', IdParamPipe) id: string): Promise<IdentityAccessListDto> {
    return this.appeals.identityAccessLog(actor, id);
  }

  /** appeals-rules.md 15: open appeals of the same applicant at this agency this one may be merged into. */
  @Get(':id/follow-up-candidates')
  @Roles('registrar', 'official', 'supervisor')
  @ApiProblems(404)
  followUpCandidates(@CurrentActor() actor: Actor, @Param('id', IdParamPipe) id: string): Promise<FollowUpCandidateListDto> {
    return this.appeals.followUpCandidates(actor, id);
  }

  /** appeals-rules.md 15: by a staff decision, this follow-up is answered with `intoAppealId`. */
  @Post(':id/merge')
  @HttpCode(200)
  @Roles('registrar', 'official', 'supervisor')
  @ApiProblems(404, 409, 422)
  merge(@CurrentActor() actor: Actor, @Param('id', IdParamPipe) id: string, @Body() body: MergeDto): Promise<AppealDto> {
    return this.actions.merge(actor, id, body);
  }

  /** The applicant withdraws the appeal (Art. 8.1). */
  @Post(':id/withdrawal')
  @HttpCode(200)
  @Roles('citizen')
  @ApiProblems(404, 422)
  withdraw(@CurrentActor() actor: Actor, @Param('id', IdParamPipe) id: string): Promise<AppealDto> {
    return this.actions.withdraw(actor, id);
  }

  /** The applicant's satisfaction with the answer, for the evaluation. */
  @Post(':id/feedback')
  @HttpCode(201)
  @Roles('citizen')
  @ApiProblems(404, 409, 422)
  @ApiCreatedResponse({ type: FeedbackResultDto })
  feedback(@CurrentActor() actor: Actor, @Param('id', IdParamPipe) id: string, @Body() body: FeedbackDto): Promise<{ satisfied: boolean }> {
    return this.actions.feedback(actor, id, body);
  }

  @Get(':id/events')
  @ApiProblems(404)
  events(@CurrentActor() actor: Actor, @Param('id', IdParamPipe) id: string): Promise<AppealEventListDto> {
    return this.appeals.listEvents(actor, id);
  }

  /** multipart/form-data with one or more parts named "file" (PDF, JPEG or PNG), read as a stream under the appeal's limits. */
  @Post(':id/attachments')
  @HttpCode(201)
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file'],
      properties: {
        file: {
          type: 'array',
          maxItems: MAX_ATTACHMENTS_PER_APPEAL,
          items: { type: 'string', format: 'binary', maxLength: ATTACHMENT_CEILING_BYTES },
          description: 'PDF, JPEG or PNG; each at most ATTACHMENT_MAX_BYTES, together within ATTACHMENTS_PER_APPEAL_MAX_BYTES.',
        },
      },
    },
  })
  @ApiProblems(404, 413, 415, 422)
  @ApiCreatedResponse({ type: AttachmentListDto })
  async upload(
    @CurrentActor() actor: Actor,
    @Param('id', IdParamPipe) id: string,
    @Req() request: FastifyRequest,
  ): Promise<{ items: AttachmentView[] }> {
    if (!request.isMultipart()) {
      throw new DomainError('UNSUPPORTED_MEDIA_TYPE', 'Send the documents as multipart/form-data.');
    }
    return { items: await this.attachments.upload(actor, id, (limits) => request.files({ limits })) };
  }

  @Get(':id/attachments/:attachmentId')
  @ApiProblems(404)
  @ApiOkResponse({
    description: 'The stored document (PDF, JPEG or PNG).',
    content: Object.fromEntries(
      ['application/pdf', 'image/jpeg', 'image/png'].map((type) => [
        type,
        { schema: { type: 'string', format: 'binary', maxLength: ATTACHMENT_CEILING_BYTES } },
      ]),
    ),
  })
  async download(
    @CurrentActor() actor: Actor,
    @Param('id', IdParamPipe) id: string,
    @Param('attachmentId', IdParamPipe) attachmentId: string,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const file = await this.attachments.download(actor, id, attachmentId);
    await reply
      .header('content-type', file.contentType)
      .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`)
      .header('x-content-type-options', 'nosniff')
      .header('digest', `sha-256=${Buffer.from(file.sha256, 'hex').toString('base64')}`)
      .send(file.content);
  }
}
