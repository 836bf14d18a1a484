import { Get, Post, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AgenciesService } from '../agencies/agencies.service';
import { CreateAgencyDto } from '../agencies/dto/agency.dto';
import { Actor } from '../auth/actor';
import { CalendarService } from '../calendar/calendar.service';
import { bakuDateOf, Clock } from '../platform/clock/clock';
import { DomainError } from '../platform/errors/domain-error';
import { CreateUserDto } from '../users/dto/user.dto';
import { UsersService } from '../users/users.service';
import { SafeHtml } from './html';
import { FormState, PageContext } from './layout';
import { PageFor, Viewer } from './page-access';
import { adminPage, CalendarYearView } from './pages/admin.view';
import { optional, text, urlencoded, validated } from './web-forms';
import { WebController } from './web-controller';
import { attempt, WebPages } from './web-pages';

/** Administration: calendar years (with the decision they follow), agencies, staff accounts. */
@WebController('admin')
@PageFor('admin')
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
    const ctx = this.pages.context(request, reply);
    const chosen = /^\d{4}$/.test(year ?? '') ? Number(year) : this.thisYear();
    this.pages.send(reply, await this.render(ctx, chosen, undefined, done ? ctx.texts.msg('admin.saved') : undefined));
  }

  /** Replaces a year through CalendarService.replaceYear: validated, audited, open deadlines recomputed. */
  @Post('calendar')
  async saveYear(@Viewer() actor: Actor, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
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
  async createAgency(@Viewer() actor: Actor, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
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
  async createUser(@Viewer() actor: Actor, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
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
    return adminPage(ctx, { year, calendar: this.calendarYear(year), agencies: await this.agencies.list(), state, notice });
  }

  /** A year outside the calendar's range shows an empty form (the range check is CalendarService's). */
  private calendarYear(year: number): CalendarYearView | undefined {
    try {
      return this.calendar.year(year);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      return undefined;
    }
  }
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
