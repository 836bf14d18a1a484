import { Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { IsOptional, IsUUID } from 'class-validator';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AgenciesService } from '../agencies/agencies.service';
import { AnswerTemplatesService } from '../appeals/answer-templates.service';
import { CreateAnswerTemplateDto, UpdateAnswerTemplateDto } from '../appeals/dto/answer-template.dto';
import { Actor } from '../auth/actor';
import { IdParamPipe } from '../platform/http/id-param.pipe';
import { SafeHtml } from './html';
import { FormState, PageContext } from './layout';
import { answerTemplatePage, answerTemplatesPage } from './pages/answer-templates.view';
import { optional, text, urlencoded, validated } from './web-forms';
import { PageFor, Viewer } from './page-access';
import { WebController } from './web-controller';
import { attempt, WebPages } from './web-pages';

class AgencyFilter {
  @IsOptional()
  @IsUUID()
  agencyId?: string;
}

/**
 * Admins keep each agency's answer templates (issue 15): list, add, edit, delete, through
 * AnswerTemplatesService (admins only, validated by the same DTOs, audited).
 */
@WebController('admin/answer-templates')
@PageFor('admin')
export class AnswerTemplatesPagesController {
  constructor(
    private readonly pages: WebPages,
    private readonly templates: AnswerTemplatesService,
    private readonly agencies: AgenciesService,
  ) {}

  @Get()
  async list(
    @Query('agencyId') agencyId: string | undefined,
    @Query('done') done: string | undefined,
    @Viewer() actor: Actor,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const ctx = this.pages.context(request, reply);
    const filter = await validated(AgencyFilter, { agencyId: optional(agencyId ?? '') });
    const notice =
      done === 'deleted' ? ctx.texts.msg('answerTemplates.deleted') : done ? ctx.texts.msg('answerTemplates.saved') : undefined;
    this.pages.send(reply, await this.listPage(ctx, actor, filter.agencyId, undefined, notice));
  }

  @Post()
  async create(@Viewer() actor: Actor, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const ctx = this.pages.context(request, reply);
    const fields = urlencoded(request);
    const values = { agencyId: text(fields, 'agencyId'), title: text(fields, 'title'), body: text(fields, 'body') };
    const result = await attempt(ctx.texts, 'template', values, async () =>
      this.templates.create(actor, await validated(CreateAnswerTemplateDto, values)),
    );
    if (!result.ok) return this.pages.send(reply, await this.listPage(ctx, actor, optional(values.agencyId), result.state), result.status);
    this.pages.redirect(reply, `/admin/answer-templates?agencyId=${result.value.agencyId}&done=saved`);
  }

  @Get(':id')
  async edit(
    @Param('id', IdParamPipe) id: string,
    @Query('done') done: string | undefined,
    @Viewer() actor: Actor,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const ctx = this.pages.context(request, reply);
    this.pages.send(reply, await this.templatePage(ctx, actor, id, undefined, done ? ctx.texts.msg('answerTemplates.saved') : undefined));
  }

  @Post(':id')
  async update(
    @Param('id', IdParamPipe) id: string,
    @Viewer() actor: Actor,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const ctx = this.pages.context(request, reply);
    const fields = urlencoded(request);
    const values = { title: text(fields, 'title'), body: text(fields, 'body') };
    const result = await attempt(ctx.texts, 'template', values, async () =>
      this.templates.update(actor, id, await validated(UpdateAnswerTemplateDto, values)),
    );
    if (!result.ok) return this.pages.send(reply, await this.templatePage(ctx, actor, id, result.state), result.status);
    this.pages.redirect(reply, `/admin/answer-templates/${id}?done=saved`);
  }

  @Post(':id/delete')
  async delete(@Param('id', IdParamPipe) id: string, @Viewer() actor: Actor, @Res() reply: FastifyReply): Promise<void> {
    const template = await this.templates.get(actor, id);
    await this.templates.delete(actor, id);
    this.pages.redirect(reply, `/admin/answer-templates?agencyId=${template.agencyId}&done=deleted`);
  }

  private async listPage(
    ctx: PageContext,
    actor: Actor,
    agencyId: string | undefined,
    state?: FormState,
    notice?: string,
  ): Promise<SafeHtml> {
    const [agencies, templates] = await Promise.all([this.agencies.list(), this.templates.list(actor, agencyId)]);
    return answerTemplatesPage(ctx, { agencies, agencyId, templates, state, notice });
  }

  private async templatePage(ctx: PageContext, actor: Actor, id: string, state?: FormState, notice?: string): Promise<SafeHtml> {
    const template = await this.templates.get(actor, id);
    const agency = await this.agencies.get(template.agencyId);
    return answerTemplatePage(ctx, { template, agencyName: `${agency.code} — ${agency.name}`, state, notice });
  }
}
