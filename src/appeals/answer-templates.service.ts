import { Injectable } from '@nestjs/common';
import { AgenciesService } from '../agencies/agencies.service';
import { Actor, isStaff } from '../auth/actor';
import { recordAdminAction } from '../platform/audit/audit-log';
import { bakuDateOf, Clock } from '../platform/clock/clock';
import { Db } from '../platform/database/db';
import { DomainError, NotFoundError } from '../platform/errors/domain-error';
import { formatDate } from '../platform/i18n';
import { AnswerTemplateRow, AnswerTemplatesRepository } from './answer-templates.repository';
import { AppealsRepository } from './appeals.repository';
import { AppealsService } from './appeals.service';
import { assertTemplateBody, fillAnswerTemplate, HIDDEN_APPLICANT_NAME } from './domain/answer-template';
import { AnswerTemplateDto, CreateAnswerTemplateDto, UpdateAnswerTemplateDto } from './dto/answer-template.dto';

/** More than an agency keeps; the admin list and the answer form's choice stay bounded. */
const TEMPLATES_LISTED = 500;

/**
 * Answer templates per agency (issue 15): admins keep them (audited like every admin change);
 * staff of a case pick one of the case's agency and get it filled with the case's values.
 */
@Injectable()
export class AnswerTemplatesService {
  constructor(
    private readonly templates: AnswerTemplatesRepository,
    private readonly appealsService: AppealsService,
    private readonly appeals: AppealsRepository,
    private readonly agencies: AgenciesService,
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  async list(actor: Actor, agencyId?: string): Promise<AnswerTemplateDto[]> {
    assertAdmin(actor);
    return (await this.templates.list(agencyId, TEMPLATES_LISTED)).map(toDto);
  }

  async get(actor: Actor, id: string): Promise<AnswerTemplateDto> {
    assertAdmin(actor);
    return toDto(await this.found(id));
  }

  async create(actor: Actor, input: CreateAnswerTemplateDto): Promise<AnswerTemplateDto> {
    assertAdmin(actor);
    assertTemplateBody(input.body);
    if (!(await this.agencies.exists(input.agencyId))) throw DomainError.field('VALIDATION_FAILED', 'agencyId', 'No such agency.');
    return this.db.transaction(async (tx) => {
      const row = await this.templates.insert(tx, input);
      if (!row) throw titleTaken();
      await recordAdminAction(tx, {
        actorId: actor.id,
        action: 'answer_template.created',
        subjectType: 'answer_template',
        subjectId: row.id,
        data: input,
      });
      return toDto(row);
    });
  }

  async update(actor: Actor, id: string, input: UpdateAnswerTemplateDto): Promise<AnswerTemplateDto> {
    assertAdmin(actor);
    assertTemplateBody(input.body);
    return this.db.transaction(async (tx) => {
      const before = await this.found(id, tx);
      const row = await this.templates.update(tx, id, input);
      if (!row) throw titleTaken();
      await recordAdminAction(tx, {
        actorId: actor.id,
        action: 'answer_template.updated',
        subjectType: 'answer_template',
        subjectId: id,
        data: { before: { title: before.title, body: before.body }, after: input },
      });
      return toDto(row);
    });
  }

  async delete(actor: Actor, id: string): Promise<void> {
    assertAdmin(actor);
    await this.db.transaction(async (tx) => {
      const before = await this.found(id, tx);
      await this.templates.delete(tx, id);
      await recordAdminAction(tx, {
        actorId: actor.id,
        action: 'answer_template.deleted',
        subjectType: 'answer_template',
        subjectId: id,
        data: { agencyId: before.agencyId, title: before.title, body: before.body },
      });
    });
  }

  /** The templates an official may use on this case: its agency's, never another's. */
  async forCase(actor: Actor, appealId: string): Promise<Array<{ id: string; title: string }>> {
    const appeal = await this.staffCase(actor, appealId);
    return (await this.templates.list(appeal.agencyId, TEMPLATES_LISTED)).map(({ id, title }) => ({ id, title }));
  }

  /**
   * A template of the case's agency filled with the case's values (another agency's is 404). The
   * applicant's name only for who may see the identity (appeals-rules.md 18); others get the
   * neutral form of address. Dates as written in Azerbaijani, the answer's language (Art. 7.5).
   */
  async fill(actor: Actor, appealId: string, templateId: string): Promise<string> {
    const appeal = await this.staffCase(actor, appealId);
    const template = await this.templates.find(templateId);
    if (!template || template.agencyId !== appeal.agencyId) throw new NotFoundError('NOT_FOUND', 'The answer template');
    const hidden = await this.appealsService.identityHidden(actor, appeal);
    const applicant = hidden ? undefined : (await this.appeals.partiesOf(appeal.id)).find((p) => p.role === 'applicant');
    return fillAnswerTemplate(template.body, {
      registrationNumber: appeal.registrationNumber,
      receivedOn: formatDate('az', appeal.receivedOn),
      applicantName: applicant?.fullName ?? applicant?.organisationName ?? HIDDEN_APPLICANT_NAME,
      today: formatDate('az', bakuDateOf(this.clock.now())),
    });
  }

  /** A case the caller works on as staff (404 when not visible, as every case read). */
  private async staffCase(actor: Actor, appealId: string) {
    const appeal = await this.appealsService.loadVisible(actor, appealId);
    if (!isStaff(actor)) throw new DomainError('FORBIDDEN', 'Answer templates are for the staff of the case.');
    return appeal;
  }

  private async found(id: string, executor?: Parameters<AnswerTemplatesRepository['find']>[1]): Promise<AnswerTemplateRow> {
    const row = await this.templates.find(id, executor);
    if (!row) throw new NotFoundError('NOT_FOUND', 'The answer template');
    return row;
  }
}

function assertAdmin(actor: Actor): void {
  if (actor.role !== 'admin') throw new DomainError('FORBIDDEN', 'Answer templates are kept by administrators.');
}

function titleTaken(): DomainError {
  return DomainError.field('CONFLICT', 'title', 'The agency has a template with this title already.');
}

function toDto(row: AnswerTemplateRow): AnswerTemplateDto {
  return { ...row, updatedAt: new Date(row.updatedAt).toISOString() };
}
