import { Controller, Get, Post, Query, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AgenciesService } from '../agencies/agencies.service';
import { CreateAgencyDto } from '../agencies/dto/agency.dto';
import { ROLES } from '../auth/actor';
import { Public } from '../auth/auth.decorators';
import { CalendarEntry } from '../calendar/domain';
import { CalendarService } from '../calendar/calendar.service';
import { bakuDateOf, Clock } from '../platform/clock/clock';
import { DomainError } from '../platform/errors/domain-error';
import { CreateUserDto } from '../users/dto/user.dto';
import { UsersService } from '../users/users.service';
import { html, SafeHtml } from './html';
import { agencyOptions } from './pages/evaluation-admin.view';
import { Texts } from './i18n';
import { csrfField, FormState, formMessage, input, layout, PageContext, select, textarea } from './layout';
import { optional, text, urlencoded, validated } from './web-forms';
import { attempt, CsrfGuard, WebExceptionFilter, WebPages } from './web-pages';

/** Administration: calendar years (with the decision they follow), agencies, staff accounts. */
@ApiExcludeController()
@Public()
@UseGuards(CsrfGuard)
@UseFilters(WebExceptionFilter)
@Controller('admin')
export class AdminPagesController {
  constructor(
    private readonly pages: WebPages,
    private readonly calendar: CalendarService,
    private readonly agencies: AgenciesService,
    private readonly users: UsersService,
    private readonly clock: Clock,
  ) {}

  @Get()
  async home(
    @Query('year') year: string | undefined,
    @Query('done') done: string | undefined,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    this.pages.require(request, ['admin']);
    const ctx = this.pages.context(request, reply);
    const chosen = /^\d{4}$/.test(year ?? '') ? Number(year) : Number(bakuDateOf(this.clock.now()).slice(0, 4));
    this.pages.send(reply, await this.render(ctx, chosen, undefined, done ? ctx.texts.t('Yadda saxlanıldı.', 'Saved.') : undefined));
  }

  /** Replaces a year through CalendarService.replaceYear: validated, audited, open deadlines recomputed. */
  @Post('calendar')
  async saveYear(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const actor = this.pages.require(request, ['admin']);
    const ctx = this.pages.context(request, reply);
    const fields = urlencoded(request);
    const values = ['year', 'status', 'decisionRef', 'nonWorkingDays', 'workingWeekendDays'].reduce<Record<string, string>>(
      (v, k) => ({ ...v, [k]: text(fields, k) }),
      {},
    );
    const year = Number(values.year);
    const result = await attempt(ctx.texts, 'calendar', values, async () => {
      if (!Number.isInteger(year)) throw DomainError.field('VALIDATION_FAILED', 'year', 'year must be a four-digit integer');
      const body = {
        year,
        status: values.status,
        decisionRef: optional(values.decisionRef) ?? null,
        nonWorkingDays: parseEntries(values.nonWorkingDays),
        workingWeekendDays: parseEntries(values.workingWeekendDays),
      };
      return this.calendar.replaceYear(actor, year, body);
    });
    if (!result.ok) return this.pages.send(reply, await this.render(ctx, Number.isInteger(year) ? year : 0, result.state), result.status);
    this.pages.redirect(reply, `/admin?year=${year}&done=calendar`);
  }

  @Post('agencies')
  async createAgency(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const actor = this.pages.require(request, ['admin']);
    const ctx = this.pages.context(request, reply);
    const fields = urlencoded(request);
    const values = {
      code: text(fields, 'code'),
      name: text(fields, 'name'),
      nameEn: text(fields, 'nameEn'),
      parentId: text(fields, 'parentId'),
    };
    const result = await attempt(ctx.texts, 'agency', values, async () =>
      this.agencies.create(
        actor,
        await validated(CreateAgencyDto, {
          code: values.code,
          name: values.name,
          nameEn: optional(values.nameEn),
          parentId: optional(values.parentId),
        }),
      ),
    );
    if (!result.ok) return this.pages.send(reply, await this.render(ctx, this.thisYear(), result.state), result.status);
    this.pages.redirect(reply, '/admin?done=agency');
  }

  @Post('users')
  async createUser(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const actor = this.pages.require(request, ['admin']);
    const ctx = this.pages.context(request, reply);
    const fields = urlencoded(request);
    const values = {
      email: text(fields, 'email'),
      fullName: text(fields, 'fullName'),
      role: text(fields, 'role'),
      agencyId: text(fields, 'agencyId'),
    };
    const password = typeof fields.password === 'string' ? fields.password : '';
    const result = await attempt(ctx.texts, 'user', values, async () =>
      this.users.create(actor, await validated(CreateUserDto, { ...values, password, agencyId: optional(values.agencyId) })),
    );
    if (!result.ok) return this.pages.send(reply, await this.render(ctx, this.thisYear(), result.state), result.status);
    this.pages.redirect(reply, '/admin?done=user');
  }

  private thisYear(): number {
    return Number(bakuDateOf(this.clock.now()).slice(0, 4));
  }

  private async render(ctx: PageContext, year: number, state?: FormState, notice?: string): Promise<SafeHtml> {
    const t = ctx.texts;
    let data:
      | { status: string; decisionRef: string | null; nonWorkingDays: CalendarEntry[]; workingWeekendDays: CalendarEntry[] }
      | undefined;
    try {
      data = this.calendar.year(year);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
    }
    const agencies = await this.agencies.list();
    const options = agencyOptions(agencies);
    return layout(ctx, {
      title: t.t('İnzibat', 'Administration'),
      notice,
      body: html`<h1>${t.t('İnzibat', 'Administration')}</h1>
<section aria-labelledby="cal"><h2 id="cal">${t.t('İş təqvimi', 'Working-day calendar')}</h2>
<form method="get" action="/admin">${input({ form: 'pick', name: 'year', type: 'number', min: 2015, max: 2040, label: t.t('İl', 'Year'), value: String(year) })}<button type="submit">${t.t(
        'Aç',
        'Open',
      )}</button></form>
${formMessage(state, 'calendar')}
<form method="post" action="/admin/calendar">${csrfField(ctx)}<input type="hidden" name="year" value="${year}">
${select({
  form: 'calendar',
  name: 'status',
  label: t.t('Status', 'Status'),
  options: [
    { value: 'official', label: t.t('Rəsmi (Nazirlər Kabinetinin qərarı)', 'Official (Cabinet decision)') },
    { value: 'provisional', label: t.t('İlkin', 'Provisional') },
  ],
  value: data?.status,
  state,
  required: true,
})}
${input({ form: 'calendar', name: 'decisionRef', label: t.t('Qərarın istinadı', 'Decision reference'), value: data?.decisionRef ?? '', state, maxLength: 200 })}
${textarea({ form: 'calendar', name: 'nonWorkingDays', label: t.t('Qeyri-iş günləri (hər sətirdə: YYYY-MM-DD səbəb)', 'Non-working weekdays (one per line: YYYY-MM-DD reason)'), value: entriesText(data?.nonWorkingDays), state, rows: 10 })}
${textarea({ form: 'calendar', name: 'workingWeekendDays', label: t.t('İş günü olan həftə sonları', 'Weekend days made working days'), value: entriesText(data?.workingWeekendDays), state, rows: 3 })}
<button type="submit">${t.t('İli yadda saxla', 'Save the year')}</button></form></section>
<section aria-labelledby="ag"><h2 id="ag">${t.t('Qurumlar', 'Agencies')}</h2>
<details><summary>${t.t(`${agencies.length} qurum`, `${agencies.length} agencies`)}</summary><ul>${agencies.map((a) => html`<li>${a.code} — ${a.name}</li>`)}</ul></details>
${formMessage(state, 'agency')}
<form method="post" action="/admin/agencies">${csrfField(ctx)}
${input({ form: 'agency', name: 'code', label: t.t('Kod', 'Code'), state, required: true, maxLength: 40 })}
${input({ form: 'agency', name: 'name', label: t.t('Ad', 'Name'), state, required: true, maxLength: 300 })}
${input({ form: 'agency', name: 'nameEn', label: t.t('Ad (ingiliscə)', 'Name (English)'), state, maxLength: 300 })}
${select({ form: 'agency', name: 'parentId', label: t.t('Yuxarı qurum', 'Parent agency'), options, placeholder: '—', state })}
<button type="submit">${t.t('Qurum əlavə et', 'Add the agency')}</button></form></section>
<section aria-labelledby="us"><h2 id="us">${t.t('İstifadəçilər', 'Users')}</h2>
${formMessage(state, 'user')}
<form method="post" action="/admin/users">${csrfField(ctx)}
${input({ form: 'user', name: 'fullName', label: t.t('Soyad, ad, ata adı', 'Full name'), state, required: true, maxLength: 200 })}
${input({ form: 'user', name: 'email', type: 'email', label: t.t('E-poçt', 'E-mail'), state, required: true, maxLength: 254 })}
${input({ form: 'user', name: 'password', type: 'password', label: t.t('İlkin şifrə', 'Initial password'), state, required: true, autocomplete: 'new-password', maxLength: 128 })}
${select({ form: 'user', name: 'role', label: t.t('Rol', 'Role'), options: ROLES.map((r) => ({ value: r, label: t.role(r) })), state, required: true })}
${select({ form: 'user', name: 'agencyId', label: t.t('Qurum (əməkdaşlar üçün)', 'Agency (for staff)'), options, placeholder: '—', state })}
<button type="submit">${t.t('İstifadəçi yarat', 'Create the user')}</button></form></section>
${evaluationLink(t)}`,
    });
  }
}

function evaluationLink(t: Texts): SafeHtml {
  return html`<section aria-labelledby="ev"><h2 id="ev">${t.t('Elektron xidmətlər və qiymətləndirmə dövrləri', 'E-service catalogue and evaluation periods')}</h2>
<p><a href="/admin/evaluation">${t.t('Kataloq, dövrlər, özünüqiymətləndirmə və dərc', 'Catalogue, periods, self-assessment and publishing')}</a></p></section>`;
}

function entriesText(entries: readonly CalendarEntry[] | undefined): string {
  return (entries ?? []).map((e) => `${e.date} ${e.reason}`).join('\n');
}

/** "YYYY-MM-DD reason" per line; the calendar domain validates dates and reasons and names the line at fault. */
function parseEntries(value: string): Array<{ date: string; reason: string }> {
  return value
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean)
    .slice(0, 400)
    .map((line) => {
      const space = line.search(/\s/);
      return space < 0 ? { date: line, reason: '' } : { date: line.slice(0, space), reason: line.slice(space + 1).trim() };
    });
}
