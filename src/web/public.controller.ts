import { Get, Header, Ip, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AgenciesService } from '../agencies/agencies.service';
import { AuthService } from '../auth/auth.service';
import { OidcService } from '../auth/oidc/oidc.service';
import { EvaluationResultsService, PublicItem } from '../evaluation/evaluation-results.service';
import { bakuDateOf, Clock } from '../platform/clock/clock';
import { IdParamPipe } from '../platform/http/id-param.pipe';
import { isDateOnly } from '../platform/http/validators';
import { LoginDto, RegisterCitizenDto } from '../users/dto/user.dto';
import { SITE_CSS, SITE_JS } from './assets';
import { html, localPath } from './html';
import { Colour, parseLang } from './i18n';
import { colourCell, csrfField, dateText, FormState, formMessage, input, layout, PageContext } from './layout';
import { afterSignIn, HOME_OF, loginPage } from './pages/login.view';
import { indexCell, maturityCell, methodologyNote, rankRows, trendChart } from './pages/evaluation.view';
import { EvaluationReadModel, monthStart, Period } from './read-models';
import { text, urlencoded, validated } from './web-forms';
import { WebController } from './web-controller';
import { attempt, WebPages } from './web-pages';

/**
 * Public pages (no personal data on any of them), sign-in and registration, the language switch.
 * No @PageFor: PageGuard admits anyone (signed out too) and still checks the CSRF token of each form.
 */
@WebController()
export class PublicPagesController {
  constructor(
    private readonly pages: WebPages,
    private readonly evaluation: EvaluationReadModel,
    private readonly agencies: AgenciesService,
    private readonly auth: AuthService,
    private readonly results: EvaluationResultsService,
    private readonly clock: Clock,
    private readonly oidc: OidcService,
  ) {}

  @Get('assets/site.css')
  @Header('content-type', 'text/css; charset=utf-8')
  @Header('cache-control', 'public, max-age=3600')
  css(): string {
    return SITE_CSS;
  }

  @Get('assets/site.js')
  @Header('content-type', 'text/javascript; charset=utf-8')
  @Header('cache-control', 'public, max-age=3600')
  js(): string {
    return SITE_JS;
  }

  @Get('lang/:lang')
  lang(@Param('lang') lang: string, @Query('back') back: string | undefined, @Res() reply: FastifyReply): void {
    this.pages.session.setLang(reply, parseLang(lang));
    this.pages.redirect(reply, localPath(back));
  }

  @Get()
  home(@Req() request: FastifyRequest, @Res() reply: FastifyReply): void {
    const ctx = this.pages.context(request, reply);
    const t = ctx.texts;
    const start = ctx.actor ? HOME_OF[ctx.actor.role] : '/appeals/new';
    this.pages.send(
      reply,
      layout(ctx, {
        title: t.msg('publicPages.homeTitle'),
        body: html`<h1>${t.msg('publicPages.homeHeading')}</h1>
<p>${t.msg('publicPages.homeIntro')}</p>
<p><a class="button" href="${start}">${ctx.actor ? t.msg('common.continue') : t.msg('common.sendAppeal')}</a></p>
<div class="cards">
<div class="card"><h2>${t.msg('publicPages.responsivenessCard')}</h2><p>${t.msg('publicPages.responsivenessText')}</p><p><a href="/agencies">${t.msg(
          'publicPages.leagueLink',
        )}</a></p></div>
<div class="card"><h2>${t.msg('publicPages.accountCard')}</h2><p><a href="/login">${t.msg('common.signIn')}</a> · <a href="/register">${t.msg(
          'common.register',
        )}</a></p></div>
</div>`,
      }),
    );
  }

  @Get('agencies')
  async leagueTable(
    @Query('from') from: string | undefined,
    @Query('to') to: string | undefined,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const ctx = this.pages.context(request, reply);
    const t = ctx.texts;
    const period = this.period(from, to);
    const [rows, published] = await Promise.all([this.evaluation.agencies(period).then(rankRows), this.results.publishedPeriods()]);
    let rank = 0;
    this.pages.send(
      reply,
      layout(ctx, {
        title: t.msg('publicPages.leagueTitle'),
        body: html`<h1>${t.msg('publicPages.leagueTitle')}</h1>
${this.periodForm(ctx, period)}
<div class="table-wrap"><table>
<caption>${t.msg('common.period', { from: period.from, to: period.to })}</caption>
<thead><tr><th scope="col">#</th><th scope="col">${t.msg('common.agency')}</th><th scope="col">${t.msg('publicPages.index')}</th>
<th scope="col">${t.msg('publicPages.reviewCohort')}</th><th scope="col">${t.msg('publicPages.onTimeReview')}</th>
<th scope="col">${t.msg('publicPages.referralCohort')}</th><th scope="col">${t.msg('publicPages.onTimeReferral')}</th>
<th scope="col">${t.msg('publicPages.openOverdue')}</th></tr></thead>
<tbody>${rows.map((row) => {
          const r = row.responsiveness;
          const ranked = r.index !== null && !r.insufficientData;
          return html`<tr data-agency="${row.agencyId}"><td>${ranked ? String(++rank) : '—'}</td><th scope="row"><a href="/agencies/${row.agencyId}">${row.agencyName}</a></th>
${indexCell(t, row)}<td>${r.dueCohort}</td><td>${t.percent(r.onTimeReviewRate)}</td><td>${r.referralCohort}</td><td>${t.percent(r.onTimeReferralRate)}</td><td>${r.openOverdue}</td></tr>`;
        })}</tbody></table></div>
<section aria-labelledby="published"><h2 id="published">${t.msg('publicPages.publishedTitle')}</h2>
${
  published.length === 0
    ? html`<p>${t.msg('publicPages.noPublished')}</p>`
    : html`<ul>${published.map((p) => html`<li><a href="/agencies/published/${p.id}">${p.name}</a> (${p.startsOn} — ${p.endsOn})</li>`)}</ul>`
}</section>
${methodologyNote(t)}`,
      }),
    );
  }

  /**
   * A published period as the API's public view gives it (EvaluationResultsService.publicPeriod):
   * the frozen snapshot, agencies only, figures over small cohorts withheld (sect. 5 fairness).
   */
  @Get('agencies/published/:id')
  async publishedPeriod(@Param('id', IdParamPipe) id: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const ctx = this.pages.context(request, reply);
    const t = ctx.texts;
    const results = await this.results.publicPeriod(id);
    const items = results.items as readonly PublicItem[];
    const infrastructure = items.find((i) => i.infrastructure)?.infrastructure as
      | { rounded?: { index: number }; colours?: { index: Colour } }
      | undefined;
    this.pages.send(
      reply,
      layout(ctx, {
        title: results.period.name,
        body: html`<h1>${results.period.name}</h1>
<p>${results.period.startsOn} — ${results.period.endsOn} · ${t.msg('publicPages.publishedOn', { date: dateText(results.publishedAt) })}</p>
${
  infrastructure?.rounded
    ? html`<p>${t.msg('publicPages.infrastructureIndex')}: <strong class="light light-${infrastructure.colours?.index ?? 'none'}" data-colour="${
        infrastructure.colours?.index ?? 'none'
      }">${infrastructure.rounded.index.toFixed(2)}</strong></p>`
    : ''
}
<div class="table-wrap"><table><caption>${results.period.name}</caption>
<thead><tr><th scope="col">#</th><th scope="col">${t.msg('common.agency')}</th><th scope="col">${t.msg('publicPages.index')}</th>
<th scope="col">${t.msg('publicPages.digitisation')}</th><th scope="col">${t.msg('publicPages.maturity')}</th></tr></thead>
<tbody>${items.map((item) => {
          const r = item.responsiveness;
          const index = r.index === null || r.index === undefined ? null : r.index;
          const levels = item.maturity.assessed > 0 ? [0, 1, 2, 3, 4, 5].map((l) => item.maturity.levels[String(l)] ?? 0) : null;
          return html`<tr data-agency="${item.agencyId}"><td>${item.rank ?? '—'}</td><th scope="row"><a href="/agencies/${item.agencyId}">${item.agencyName}</a></th>
${index === null ? colourCell(t, 'none', r.insufficientData ? t.msg('common.insufficientData') : t.msg('common.noData')) : colourCell(t, r.colour ?? 'none', `${Math.round(index)}%`)}
${colourCell(t, item.digitisation.colour ?? 'none', t.percent(item.digitisation.share))}
${maturityCell(t, levels)}</tr>`;
        })}</tbody></table></div>
<p><a href="/agencies">${t.msg('publicPages.backToLeague')}</a></p>
${methodologyNote(t)}`,
      }),
    );
  }

  @Get('agencies/:id')
  async agency(@Param('id', IdParamPipe) id: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const ctx = this.pages.context(request, reply);
    const t = ctx.texts;
    const agency = await this.agencies.get(id);
    const all = await this.agencies.list();
    const period = this.period(undefined, undefined);
    const [[row], trend] = await Promise.all([
      this.evaluation.agencies(period, { agencyIds: [id] }),
      this.evaluation.monthlyOnTime([id], 12),
    ]);
    const parent = all.find((a) => a.id === agency.parentId);
    const children = all.filter((a) => a.parentId === id);
    const r = row.responsiveness;
    const name = t.agencyName(agency);
    this.pages.send(
      reply,
      layout(ctx, {
        title: name,
        body: html`<h1>${name}</h1>
${parent ? html`<p>${t.msg('publicPages.parent')}: <a href="/agencies/${parent.id}">${t.agencyName(parent)}</a></p>` : ''}
<div class="table-wrap"><table><caption>${t.msg('common.period', { from: period.from, to: period.to })}</caption><tbody>
<tr><th scope="row">${t.msg('publicPages.index')}</th>${indexCell(t, row)}</tr>
<tr><th scope="row">${t.msg('publicPages.reviewOnTime')}</th><td>${r.dueCohort} / ${r.onTime} (${t.percent(r.onTimeReviewRate)})</td></tr>
<tr><th scope="row">${t.msg('publicPages.referralOnTime')}</th><td>${r.referralCohort} (${t.percent(r.onTimeReferralRate)})</td></tr>
<tr><th scope="row">${t.msg('publicPages.daysToAnswer')}</th><td>${r.medianWorkingDaysToAnswer ?? '—'} / ${r.p90WorkingDaysToAnswer ?? '—'}</td></tr>
<tr><th scope="row">${t.msg('publicPages.extensionRate')}</th><td>${t.percent(r.extensionRate)}</td></tr>
<tr><th scope="row">${t.msg('publicPages.satisfaction')}</th><td>${t.percent(r.satisfactionRate)}</td></tr>
<tr><th scope="row">${t.msg('publicPages.openOverdue')}</th><td>${r.openOverdue}</td></tr>
</tbody></table></div>
${trendChart(t, trend, t.msg('publicPages.trend'))}
${children.length ? html`<h2>${t.msg('publicPages.subordinates')}</h2><ul>${children.map((c) => html`<li><a href="/agencies/${c.id}">${t.agencyName(c)}</a></li>`)}</ul>` : ''}
${methodologyNote(t)}`,
      }),
    );
  }

  @Get('login')
  login(@Query('next') next: string | undefined, @Req() request: FastifyRequest, @Res() reply: FastifyReply): void {
    const ctx = this.pages.context(request, reply);
    this.pages.send(reply, this.loginPage(ctx, localPath(next, '')));
  }

  @Post('login')
  async signIn(@Req() request: FastifyRequest, @Res() reply: FastifyReply, @Ip() ip: string): Promise<void> {
    const ctx = this.pages.context(request, reply);
    const fields = urlencoded(request);
    const values = { email: text(fields, 'email'), next: text(fields, 'next') };
    const totp = text(fields, 'totp');
    const result = await attempt(ctx.texts, 'login', values, async () =>
      this.auth.login(
        await validated(LoginDto, {
          email: values.email,
          password: typeof fields.password === 'string' ? fields.password : '',
          totp: totp === '' ? undefined : totp,
        }),
        ip,
      ),
    );
    if (!result.ok) return this.pages.send(reply, this.loginPage(ctx, localPath(values.next, ''), result.state), result.status);
    this.pages.session.signIn(reply, result.value.accessToken, result.value.expiresIn);
    // A role that must have a second factor and has none: enrolment first, on the account page.
    this.pages.redirect(reply, afterSignIn(await this.pages.session.actorOfToken(result.value.accessToken), values.next));
  }

  /** Ends the session on the server (its token stops working everywhere), not only the cookie. */
  @Post('logout')
  async logout(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    await this.pages.session.signOut(request, reply);
    this.pages.redirect(reply, '/');
  }

  @Get('register')
  register(@Req() request: FastifyRequest, @Res() reply: FastifyReply): void {
    this.pages.send(reply, this.registerPage(this.pages.context(request, reply)));
  }

  @Post('register')
  async signUp(@Req() request: FastifyRequest, @Res() reply: FastifyReply, @Ip() ip: string): Promise<void> {
    const ctx = this.pages.context(request, reply);
    const fields = urlencoded(request);
    const password = typeof fields.password === 'string' ? fields.password : '';
    const values = { email: text(fields, 'email'), fullName: text(fields, 'fullName') };
    const result = await attempt(ctx.texts, 'register', values, async () => {
      const dto = await validated(RegisterCitizenDto, { ...values, password });
      await this.auth.register(dto, ip);
      return this.auth.login({ email: dto.email, password }, ip);
    });
    if (!result.ok) return this.pages.send(reply, this.registerPage(ctx, result.state), result.status);
    this.pages.session.signIn(reply, result.value.accessToken, result.value.expiresIn);
    this.pages.redirect(reply, '/appeals/new');
  }

  private loginPage(ctx: PageContext, next: string, state?: FormState) {
    return loginPage(ctx, { next, state, oidc: this.oidc.enabled });
  }

  private registerPage(ctx: PageContext, state?: FormState) {
    const t = ctx.texts;
    return layout(ctx, {
      title: t.msg('auth.registerTitle'),
      body: html`<h1>${t.msg('auth.registerTitle')}</h1>
${formMessage(state, 'register')}
<form method="post" action="/register" novalidate>
${csrfField(ctx)}
${input({ form: 'register', name: 'fullName', label: t.msg('auth.fullName'), state, required: true, autocomplete: 'name', maxLength: 200 })}
${input({ form: 'register', name: 'email', type: 'email', label: t.msg('common.email'), state, required: true, autocomplete: 'email', maxLength: 254 })}
${input({ form: 'register', name: 'password', type: 'password', label: t.msg('common.password'), hint: t.msg('common.passwordHint'), state, required: true, autocomplete: 'new-password', maxLength: 128 })}
<button type="submit">${t.msg('common.register')}</button>
</form>`,
    });
  }

  private periodForm(ctx: PageContext, period: Period) {
    const t = ctx.texts;
    return html`<form method="get" action="/agencies" class="period">
${input({ form: 'period', name: 'from', type: 'date', label: t.msg('publicPages.from'), value: period.from })}
${input({ form: 'period', name: 'to', type: 'date', label: t.msg('publicPages.to'), value: period.to })}
<button type="submit">${t.msg('common.show')}</button></form>`;
  }

  /** The last twelve months up to today unless a valid period is asked for. */
  private period(from: string | undefined, to: string | undefined): Period {
    const today = bakuDateOf(this.clock.now());
    if (from && to && isDateOnly(from) && isDateOnly(to) && from <= to) return { from, to };
    return { from: monthStart(today, 11), to: today };
  }
}
