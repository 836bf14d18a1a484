import { AgencyDto } from '../../agencies/dto/agency.dto';
import { ROLES } from '../../auth/actor';
import { UserAdminDto } from '../../users/dto/user.dto';
import { html, SafeHtml } from '../html';
import { csrfField, FormState, formMessage, input, layout, PageContext, select } from '../layout';
import { agencyOptions } from './evaluation-admin.view';

/** The admins' list of accounts: the filters as chosen, one page of users, the next page's link. */
export interface UsersListPage {
  readonly agencies: readonly AgencyDto[];
  readonly filters: { readonly agencyId?: string; readonly role?: string; readonly q?: string };
  readonly users: readonly UserAdminDto[];
  readonly next?: string;
}

export function usersListPage(ctx: PageContext, page: UsersListPage): SafeHtml {
  const t = ctx.texts;
  const agencyCode = new Map(page.agencies.map((a) => [a.id, a.code]));
  const roleOptions = ROLES.map((r) => ({ value: r, label: t.role(r) }));
  return layout(ctx, {
    title: t.msg('admin.users.title'),
    body: html`<h1>${t.msg('admin.users.title')}</h1>
<form method="get" action="/admin/users" class="filter-row">
${select({ form: 'filter', name: 'agencyId', label: t.msg('admin.users.agency'), options: agencyOptions(page.agencies), placeholder: '—', value: page.filters.agencyId })}
${select({ form: 'filter', name: 'role', label: t.msg('admin.users.role'), options: roleOptions, placeholder: '—', value: page.filters.role })}
${input({ form: 'filter', name: 'q', type: 'search', label: t.msg('admin.users.search'), value: page.filters.q ?? '', maxLength: 200 })}
<button type="submit" class="secondary">${t.msg('admin.users.show')}</button></form>
${
  page.users.length === 0
    ? html`<p>${t.msg('admin.users.empty')}</p>`
    : html`<div class="table-wrap"><table><thead><tr><th scope="col">${t.msg('admin.users.email')}</th><th scope="col">${t.msg(
        'admin.users.name',
      )}</th><th scope="col">${t.msg('admin.users.role')}</th>
<th scope="col">${t.msg('admin.users.agency')}</th><th scope="col">${t.msg('admin.users.status')}</th></tr></thead><tbody>
${page.users.map(
  (u) =>
    html`<tr data-user="${u.id}"><td><a href="/admin/users/${u.id}">${u.email}</a></td><td>${u.fullName}</td><td>${t.role(u.role)}</td><td>${
      u.agencyId ? (agencyCode.get(u.agencyId) ?? '—') : '—'
    }</td><td>${u.active ? t.msg('admin.users.active') : t.msg('admin.users.deactivated')}</td></tr>`,
)}</tbody></table></div>`
}
${page.next ? html`<p><a href="${page.next}">${t.msg('admin.users.next')}</a></p>` : ''}
<p><a href="/admin">${t.msg('admin.users.newUser')}</a></p>`,
  });
}

/** One account: what can be changed, and the forms that reset access (each its own panel). */
export interface UserPage {
  readonly user: UserAdminDto;
  readonly agencies: readonly AgencyDto[];
  readonly linkedEids: number;
  readonly state?: FormState;
  readonly notice?: string;
}

export function userPage(ctx: PageContext, page: UserPage): SafeHtml {
  const t = ctx.texts;
  const { user, state } = page;
  return layout(ctx, {
    title: user.email,
    notice: page.notice,
    body: html`<h1>${user.email}</h1>
<p>${t.msg('admin.user.created', { date: t.dateTime(user.createdAt) })} · ${
      user.emailVerified ? t.msg('admin.user.emailVerified') : t.msg('admin.user.emailNotVerified')
    } · ${user.totpEnabled ? t.msg('admin.user.totpOn') : t.msg('admin.user.totpOff')}</p>
${formMessage(state, 'user')}
<form method="post" action="/admin/users/${user.id}" class="panel">${csrfField(ctx)}
${input({ form: 'user', name: 'fullName', label: t.msg('admin.user.fullName'), value: user.fullName, state, required: true, maxLength: 200 })}
${select({ form: 'user', name: 'role', label: t.msg('admin.user.role'), options: ROLES.map((r) => ({ value: r, label: t.role(r) })), value: user.role, state, required: true })}
${select({ form: 'user', name: 'agencyId', label: t.msg('admin.user.agency'), options: agencyOptions(page.agencies), placeholder: '—', value: user.agencyId ?? '', state })}
${select({
  form: 'user',
  name: 'active',
  label: t.msg('admin.user.status'),
  hint: t.msg('admin.user.signOutHint'),
  options: [
    { value: 'true', label: t.msg('admin.user.active') },
    { value: 'false', label: t.msg('admin.user.deactivate') },
  ],
  value: String(user.active),
  state,
})}
<button type="submit">${t.msg('admin.user.save')}</button></form>
<section aria-labelledby="access"><h2 id="access">${t.msg('admin.user.accessTitle')}</h2>
${formMessage(state, 'reset')}
<div class="button-row">
<form method="post" action="/admin/users/${user.id}/password-reset">${csrfField(ctx)}<button type="submit" class="secondary">${t.msg(
      'admin.user.sendReset',
    )}</button></form>
${
  user.totpEnabled
    ? html`<form method="post" action="/admin/users/${user.id}/totp-reset">${csrfField(ctx)}<button type="submit" class="secondary">${t.msg(
        'admin.user.removeTotp',
      )}</button></form>`
    : ''
}
${
  page.linkedEids > 0
    ? html`<form method="post" action="/admin/users/${user.id}/e-id-unlink">${csrfField(ctx)}<button type="submit" class="secondary" id="eid-unlink">${t.msg(
        'admin.user.unlinkEid',
        { count: page.linkedEids },
      )}</button></form>`
    : ''
}
</div></section>
<p><a href="/admin/users">${t.msg('admin.user.back')}</a></p>`,
  });
}
