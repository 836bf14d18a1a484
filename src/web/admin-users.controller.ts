import { Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AgenciesService } from '../agencies/agencies.service';
import { Actor, ROLES } from '../auth/actor';
import { IdParamPipe } from '../platform/http/id-param.pipe';
import { ListUsersQuery, UpdateUserDto, UserAdminDto } from '../users/dto/user.dto';
import { ExternalIdentities } from '../users/external-identities';
import { TotpService } from '../users/totp.service';
import { UsersService } from '../users/users.service';
import { html, SafeHtml } from './html';
import { csrfField, dateText, FormState, formMessage, input, layout, PageContext, select } from './layout';
import { agencyOptions } from './pages/evaluation-admin.view';
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
    const t = ctx.texts;
    const filters = {
      agencyId: optional(agencyId ?? ''),
      role: optional(role ?? ''),
      q: optional(q ?? ''),
      cursor: optional(cursor ?? ''),
    };
    const query = await validated(ListUsersQuery, { ...filters, limit: '50' });
    const [page, agencies] = await Promise.all([this.users.list(query), this.agencies.list()]);
    const agencyName = new Map(agencies.map((a) => [a.id, a.code]));
    const next = page.nextCursor
      ? `/admin/users?${new URLSearchParams({ ...definedOnly({ ...filters, cursor: undefined }), cursor: page.nextCursor }).toString()}`
      : undefined;
    this.pages.send(
      reply,
      layout(ctx, {
        title: t.t('İstifadəçilər', 'Users'),
        body: html`<h1>${t.t('İstifadəçilər', 'Users')}</h1>
<form method="get" action="/admin/users" class="period">
${select({ form: 'filter', name: 'agencyId', label: t.t('Qurum', 'Agency'), options: agencyOptions(agencies), placeholder: '—', value: filters.agencyId })}
${select({ form: 'filter', name: 'role', label: t.t('Rol', 'Role'), options: ROLES.map((r) => ({ value: r, label: t.role(r) })), placeholder: '—', value: filters.role })}
${input({ form: 'filter', name: 'q', type: 'search', label: t.t('E-poçt və ya ad', 'E-mail or name'), value: filters.q ?? '', maxLength: 200 })}
<button type="submit">${t.t('Göstər', 'Show')}</button></form>
<div class="table-wrap"><table><thead><tr><th scope="col">${t.t('E-poçt', 'E-mail')}</th><th scope="col">${t.t('Ad', 'Name')}</th><th scope="col">${t.t('Rol', 'Role')}</th>
<th scope="col">${t.t('Qurum', 'Agency')}</th><th scope="col">${t.t('Vəziyyət', 'Status')}</th></tr></thead><tbody>
${page.items.map(
  (u) =>
    html`<tr data-user="${u.id}"><td><a href="/admin/users/${u.id}">${u.email}</a></td><td>${u.fullName}</td><td>${t.role(u.role)}</td><td>${
      u.agencyId ? (agencyName.get(u.agencyId) ?? '—') : '—'
    }</td><td>${u.active ? t.t('Aktiv', 'Active') : t.t('Deaktiv', 'Deactivated')}</td></tr>`,
)}</tbody></table></div>
${next ? html`<p><a href="${next}">${t.t('Növbəti səhifə', 'Next page')}</a></p>` : ''}
<p><a href="/admin">${t.t('Yeni istifadəçi: İnzibat səhifəsi', 'New user: the Administration page')}</a></p>`,
      }),
    );
  }

  @Get(':id')
  async user(
    @Param('id', IdParamPipe) id: string,
    @Query('done') done: string | undefined,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const ctx = this.pages.context(request, reply);
    const t = ctx.texts;
    const notices: Record<string, string> = {
      'e-id': t.t('e-ID əlaqələri silindi.', 'The e-ID links were removed.'),
      saved: t.t('Yadda saxlanıldı.', 'Saved.'),
      reset: t.t('Şifrə bərpası keçidi göndərildi.', 'A password-reset link was sent.'),
      totp: t.t(
        'İkinci faktor silindi; istifadəçinin seansları bağlandı.',
        "The second factor was removed; the user's sessions were signed out.",
      ),
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
    const t = ctx.texts;
    const [agencies, linkedEids] = await Promise.all([
      this.agencies.list(),
      ctx.actor ? this.identities.countLinked(ctx.actor, user.id) : 0,
    ]);
    return layout(ctx, {
      title: user.email,
      notice,
      body: html`<h1>${user.email}</h1>
<p>${t.t('Yaradılıb', 'Created')} ${dateText(user.createdAt)} · ${
        user.emailVerified ? t.t('e-poçt təsdiq edilib', 'e-mail confirmed') : t.t('e-poçt təsdiq edilməyib', 'e-mail not confirmed')
      } · ${user.totpEnabled ? t.t('ikinci faktor var', 'second factor enrolled') : t.t('ikinci faktor yoxdur', 'no second factor')}</p>
${formMessage(state, 'user')}
<form method="post" action="/admin/users/${user.id}">${csrfField(ctx)}
${input({ form: 'user', name: 'fullName', label: t.t('Soyad, ad, ata adı', 'Full name'), value: user.fullName, state, required: true, maxLength: 200 })}
${select({ form: 'user', name: 'role', label: t.t('Rol', 'Role'), options: ROLES.map((r) => ({ value: r, label: t.role(r) })), value: user.role, state, required: true })}
${select({ form: 'user', name: 'agencyId', label: t.t('Qurum (əməkdaşlar üçün)', 'Agency (for staff)'), options: agencyOptions(agencies), placeholder: '—', value: user.agencyId ?? '', state })}
${select({
  form: 'user',
  name: 'active',
  label: t.t('Vəziyyət', 'Status'),
  options: [
    { value: 'true', label: t.t('Aktiv', 'Active') },
    { value: 'false', label: t.t('Deaktiv (bütün seanslar bağlanır)', 'Deactivated (every session ends)') },
  ],
  value: String(user.active),
  state,
})}
<p class="hint">${t.t('Rol, qurum dəyişikliyi və ya deaktivləşdirmə istifadəçinin bütün seanslarını dərhal bağlayır.', 'A role or agency change or a deactivation signs the user out everywhere at once.')}</p>
<button type="submit">${t.t('Yadda saxla', 'Save')}</button></form>
${formMessage(state, 'reset')}
<form method="post" action="/admin/users/${user.id}/password-reset">${csrfField(ctx)}<button type="submit">${t.t(
        'Şifrə bərpası keçidini göndər',
        'Mail a password-reset link',
      )}</button></form>
${
  user.totpEnabled
    ? html`<form method="post" action="/admin/users/${user.id}/totp-reset">${csrfField(ctx)}<button type="submit">${t.t(
        'İkinci faktoru sil (itirilmiş cihaz)',
        'Remove the second factor (a lost device)',
      )}</button></form>`
    : ''
}
${
  linkedEids > 0
    ? html`<form method="post" action="/admin/users/${user.id}/e-id-unlink">${csrfField(ctx)}<button type="submit" id="eid-unlink">${t.t(
        `e-ID əlaqələrini sil (${linkedEids})`,
        `Remove the e-ID links (${linkedEids})`,
      )}</button></form>`
    : ''
}
<p><a href="/admin/users">${t.t('İstifadəçilərə qayıt', 'Back to the users')}</a></p>`,
    });
  }
}

function definedOnly(values: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).filter((entry): entry is [string, string] => entry[1] !== undefined));
}
