import { Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AgenciesService } from '../agencies/agencies.service';
import { Actor } from '../auth/actor';
import { IdParamPipe } from '../platform/http/id-param.pipe';
import { ListUsersQuery, UpdateUserDto, UserAdminDto } from '../users/dto/user.dto';
import { ExternalIdentities } from '../users/external-identities';
import { TotpService } from '../users/totp.service';
import { UsersService } from '../users/users.service';
import { SafeHtml } from './html';
import { FormState, PageContext } from './layout';
import { userPage, usersListPage } from './pages/admin-users.view';
import { optional, text, urlencoded, validated } from './web-forms';
import { PageFor, Viewer } from './page-access';
import { WebController } from './web-controller';
import { attempt, WebPages } from './web-pages';

/**
 * Staff and citizen accounts for admins (issue 13): the list with filters, and a user's page to
 * change name, role, agency and activity, mail a password-reset link, or remove a lost second
 * factor. The same UsersService as the API: same rules, same audit, sessions ended the same way.
 */
@WebController('admin/users')
@PageFor('admin')
export class AdminUsersPagesController {
  constructor(
    private readonly pages: WebPages,
    private readonly users: UsersService,
    private readonly totp: TotpService,
    private readonly agencies: AgenciesService,
    private readonly identities: ExternalIdentities,
  ) {}

  @Get()
  async list(
    @Query('agencyId') agencyId: string | undefined,
    @Query('role') role: string | undefined,
    @Query('q') q: string | undefined,
    @Query('cursor') cursor: string | undefined,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const ctx = this.pages.context(request, reply);
    const filters = {
      agencyId: optional(agencyId ?? ''),
      role: optional(role ?? ''),
      q: optional(q ?? ''),
      cursor: optional(cursor ?? ''),
    };
    const query = await validated(ListUsersQuery, { ...filters, limit: '50' });
    const [page, agencies] = await Promise.all([this.users.list(query), this.agencies.list()]);
    const next = page.nextCursor
      ? `/admin/users?${new URLSearchParams({ ...definedOnly({ ...filters, cursor: undefined }), cursor: page.nextCursor }).toString()}`
      : undefined;
    this.pages.send(reply, usersListPage(ctx, { agencies, filters, users: page.items, next }));
  }

  @Get(':id')
  async user(
    @Param('id', IdParamPipe) id: string,
    @Query('done') done: string | undefined,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const ctx = this.pages.context(request, reply);
    const notices: Record<string, string> = {
      'e-id': ctx.texts.msg('admin.user.eIdUnlinked'),
      saved: ctx.texts.msg('admin.user.saved'),
      reset: ctx.texts.msg('admin.user.resetSent'),
      totp: ctx.texts.msg('admin.user.totpRemoved'),
    };
    this.pages.send(reply, await this.userPage(ctx, await this.users.getForAdmin(id), undefined, done ? notices[done] : undefined));
  }

  /** Name, role, agency, activity: a role or agency change and a deactivation sign the user out everywhere. */
  @Post(':id')
  async update(
    @Param('id', IdParamPipe) id: string,
    @Viewer() actor: Actor,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const ctx = this.pages.context(request, reply);
    const fields = urlencoded(request);
    const values = {
      fullName: text(fields, 'fullName'),
      role: text(fields, 'role'),
      agencyId: text(fields, 'agencyId'),
      active: text(fields, 'active'),
    };
    const result = await attempt(ctx.texts, 'user', values, async () =>
      this.users.update(
        actor,
        id,
        await validated(UpdateUserDto, {
          fullName: values.fullName,
          role: values.role,
          agencyId: optional(values.agencyId) ?? null,
          active: values.active === 'true',
        }),
      ),
    );
    if (!result.ok) return this.pages.send(reply, await this.userPage(ctx, await this.users.getForAdmin(id), result.state), result.status);
    this.pages.redirect(reply, `/admin/users/${id}?done=saved`);
  }

  @Post(':id/password-reset')
  async sendPasswordReset(
    @Param('id', IdParamPipe) id: string,
    @Viewer() actor: Actor,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const ctx = this.pages.context(request, reply);
    const result = await attempt(ctx.texts, 'reset', {}, () => this.users.sendPasswordReset(actor, id));
    if (!result.ok) return this.pages.send(reply, await this.userPage(ctx, await this.users.getForAdmin(id), result.state), result.status);
    this.pages.redirect(reply, `/admin/users/${id}?done=reset`);
  }

  @Post(':id/totp-reset')
  async resetTotp(@Param('id', IdParamPipe) id: string, @Viewer() actor: Actor, @Res() reply: FastifyReply): Promise<void> {
    await this.totp.adminReset(actor, id);
    this.pages.redirect(reply, `/admin/users/${id}?done=totp`);
  }

  /** Removes the user's e-ID links: the provider signs nobody in to this account until its holder links again. */
  @Post(':id/e-id-unlink')
  async unlinkEid(@Param('id', IdParamPipe) id: string, @Viewer() actor: Actor, @Res() reply: FastifyReply): Promise<void> {
    await this.identities.unlinkAll(actor, id);
    this.pages.redirect(reply, `/admin/users/${id}?done=e-id`);
  }

  private async userPage(ctx: PageContext, user: UserAdminDto, state?: FormState, notice?: string): Promise<SafeHtml> {
    const [agencies, linkedEids] = await Promise.all([
      this.agencies.list(),
      ctx.actor ? this.identities.countLinked(ctx.actor, user.id) : 0,
    ]);
    return userPage(ctx, { user, agencies, linkedEids, state, notice });
  }
}

function definedOnly(values: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).filter((entry): entry is [string, string] => entry[1] !== undefined));
}
