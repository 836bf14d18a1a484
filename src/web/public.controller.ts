import { Controller, Get, Header, Ip, Param, Post, Query, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AgenciesService } from '../agencies/agencies.service';
import { Public } from '../auth/auth.decorators';
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
import { attempt, CsrfGuard, WebExceptionFilter, WebPages } from './web-pages';

/** Public pages (no personal data on any of them), sign-in and registration, the language switch. */
@ApiExcludeController()
@Public()
@UseGuards(CsrfGuard)
@UseFilters(WebExceptionFilter)
@Controller()
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
        title: t.t('Vətəndaş müraciətləri', "Citizens' appeals"),
        body: html`<h1>${t.t('Dövlət qurumlarına müraciət edin və izləyin', 'Appeal to state agencies and follow your case')}</h1>
<p>${t.t(
          'Təklif, ərizə və ya şikayətinizi göndərin, qeydiyyat nömrəsini dərhal alın və müddətləri iş günləri ilə izləyin. Qurum 15 iş günü ərzində cavab verməlidir.',
          'Send your proposal, application or complaint, get its registration number at once and follow the deadlines in working days. The agency must answer within 15 working days.',
        )}</p>
<p><a class="button" href="${start}">${ctx.actor ? t.t('Davam et', 'Continue') : t.t('Müraciət göndər', 'Send an appeal')}</a></p>
<div class="cards">
<div class="card"><h2>${t.t('Qurumların cavabdehliyi', "Agencies' responsiveness")}</h2><p>${t.t(
          'Hansı qurumun müraciətlərə vaxtında cavab verdiyini görün.',
          'See which agencies answer appeals on time.',
        )}</p><p><a href="/agencies">${t.t('Reytinq cədvəli', 'League table')}</a></p></div>
<div class="card"><h2>${t.t('Hesabınız', 'Your account')}</h2><p><a href="/login">${t.t('Daxil ol', 'Sign in')}</a> · <a href="/register">${t.t(
          'Qeydiyyatdan keç',
          'Register',
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
        title: t.t('Qurumların cavabdehlik reytinqi', 'Agency responsiveness league table'),
        body: html`<h1>${t.t('Qurumların cavabdehlik reytinqi', 'Agency responsiveness league table')}</h1>
${this.periodForm(ctx, period)}
<div class="table-wrap"><table>
<caption>${t.t(`Dövr: ${period.from} — ${period.to}`, `Period: ${period.from} to ${period.to}`)}</caption>
<thead><tr><th scope="col">#</th><th scope="col">${t.t('Qurum', 'Agency')}</th><th scope="col">${t.t('Cavabdehlik indeksi', 'Responsiveness index')}</th>
<th scope="col">${t.t('Baxılma kohortu', 'Review cohort')}</th><th scope="col">${t.t('Vaxtında baxılma', 'On-time review')}</th>
<th scope="col">${t.t('Göndərmə kohortu', 'Referral cohort')}</th><th scope="col">${t.t('Vaxtında göndərmə', 'On-time referral')}</th>
<th scope="col">${t.t('Vaxtı keçmiş açıq işlər', 'Open overdue')}</th></tr></thead>
<tbody>${rows.map((row) => {
          const r = row.responsiveness;
          const ranked = r.index !== null && !r.insufficientData;
          return html`<tr data-agency="${row.agencyId}"><td>${ranked ? String(++rank) : '—'}</td><th scope="row"><a href="/agencies/${row.agencyId}">${row.agencyName}</a></th>
${indexCell(t, row)}<td>${r.dueCohort}</td><td>${t.percent(r.onTimeReviewRate)}</td><td>${r.referralCohort}</td><td>${t.percent(r.onTimeReferralRate)}</td><td>${r.openOverdue}</td></tr>`;
        })}</tbody></table></div>
<section aria-labelledby="published"><h2 id="published">${t.t('Dərc olunmuş qiymətləndirmələr', 'Published evaluations')}</h2>
${
  published.length === 0
    ? html`<p>${t.t('Hələ dərc olunmuş dövr yoxdur.', 'No period has been published yet.')}</p>`
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
<p>${results.period.startsOn} — ${results.period.endsOn} · ${t.t('Dərc olunub', 'Published')} ${dateText(results.publishedAt)}</p>
${
  infrastructure?.rounded
    ? html`<p>${t.t('Elektron infrastruktur indeksi', 'E-infrastructure index')}: <strong class="light light-${infrastructure.colours?.index ?? 'none'}" data-colour="${
        infrastructure.colours?.index ?? 'none'
      }">${infrastructure.rounded.index.toFixed(2)}</strong></p>`
    : ''
}
<div class="table-wrap"><table><caption>${results.period.name}</caption>
<thead><tr><th scope="col">#</th><th scope="col">${t.t('Qurum', 'Agency')}</th><th scope="col">${t.t('Cavabdehlik indeksi', 'Responsiveness index')}</th>
<th scope="col">${t.t('Rəqəmsallaşma payı', 'Digitisation share')}</th><th scope="col">${t.t('Yetkinlik səviyyələri (0-5)', 'Maturity levels (0-5)')}</th></tr></thead>
<tbody>${items.map((item) => {
          const r = item.responsiveness;
          const index = r.index === null || r.index === undefined ? null : r.index;
          const levels = item.maturity.assessed > 0 ? [0, 1, 2, 3, 4, 5].map((l) => item.maturity.levels[String(l)] ?? 0) : null;
          return html`<tr data-agency="${item.agencyId}"><td>${item.rank ?? '—'}</td><th scope="row"><a href="/agencies/${item.agencyId}">${item.agencyName}</a></th>
${index === null ? colourCell(t, 'none', r.insufficientData ? t.t('Məlumat azdır', 'Insufficient data') : t.t('Məlumat yoxdur', 'No data')) : colourCell(t, r.colour ?? 'none', `${Math.round(index)}%`)}
${colourCell(t, item.digitisation.colour ?? 'none', t.percent(item.digitisation.share))}
${maturityCell(t, levels)}</tr>`;
        })}</tbody></table></div>
<p><a href="/agencies">${t.t('Reytinq cədvəlinə qayıt', 'Back to the league table')}</a></p>
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
    const name = t.lang === 'en' && agency.nameEn ? agency.nameEn : agency.name;
    this.pages.send(
      reply,
      layout(ctx, {
        title: name,
        body: html`<h1>${name}</h1>
${parent ? html`<p>${t.t('Yuxarı qurum', 'Parent agency')}: <a href="/agencies/${parent.id}">${parent.name}</a></p>` : ''}
<div class="table-wrap"><table><caption>${t.t(`Dövr: ${period.from} — ${period.to}`, `Period: ${period.from} to ${period.to}`)}</caption><tbody>
<tr><th scope="row">${t.t('Cavabdehlik indeksi', 'Responsiveness index')}</th>${indexCell(t, row)}</tr>
<tr><th scope="row">${t.t('Baxılma kohortu / vaxtında', 'Review cohort / on time')}</th><td>${r.dueCohort} / ${r.onTime} (${t.percent(r.onTimeReviewRate)})</td></tr>
<tr><th scope="row">${t.t('Göndərmə kohortu / vaxtında', 'Referral cohort / on time')}</th><td>${r.referralCohort} (${t.percent(r.onTimeReferralRate)})</td></tr>
<tr><th scope="row">${t.t('Cavaba qədər iş günləri (median / 90%)', 'Working days to answer (median / 90th pct)')}</th><td>${r.medianWorkingDaysToAnswer ?? '—'} / ${r.p90WorkingDaysToAnswer ?? '—'}</td></tr>
<tr><th scope="row">${t.t('Uzadılma nisbəti', 'Extension rate')}</th><td>${t.percent(r.extensionRate)}</td></tr>
<tr><th scope="row">${t.t('Məmnunluq', 'Satisfaction')}</th><td>${t.percent(r.satisfactionRate)}</td></tr>
<tr><th scope="row">${t.t('Vaxtı keçmiş açıq işlər', 'Open overdue')}</th><td>${r.openOverdue}</td></tr>
</tbody></table></div>
${trendChart(t, trend, t.t('Aylar üzrə vaxtında baxılma', 'On-time review by month'))}
${children.length ? html`<h2>${t.t('Tabe qurumlar', 'Subordinate agencies')}</h2><ul>${children.map((c) => html`<li><a href="/agencies/${c.id}">${c.name}</a></li>`)}</ul>` : ''}
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
      title: t.t('Qeydiyyat', 'Register'),
      body: html`<h1>${t.t('Qeydiyyat', 'Register')}</h1>
${formMessage(state, 'register')}
<form method="post" action="/register" novalidate>
${csrfField(ctx)}
${input({ form: 'register', name: 'fullName', label: t.t('Soyad, ad, ata adı', 'Full name (name, patronymic, surname)'), state, required: true, autocomplete: 'name', maxLength: 200 })}
${input({ form: 'register', name: 'email', type: 'email', label: t.t('E-poçt', 'E-mail'), state, required: true, autocomplete: 'email', maxLength: 254 })}
${input({ form: 'register', name: 'password', type: 'password', label: t.t('Şifrə', 'Password'), hint: t.t('12-128 simvol; e-poçtunuz, adınız və ya geniş yayılmış şifrə olmasın', '12 to 128 characters; not your e-mail, your name or a common password'), state, required: true, autocomplete: 'new-password', maxLength: 128 })}
<button type="submit">${t.t('Qeydiyyatdan keç', 'Register')}</button>
</form>`,
    });
  }

  private periodForm(ctx: PageContext, period: Period) {
    const t = ctx.texts;
    return html`<form method="get" action="/agencies" class="period">
${input({ form: 'period', name: 'from', type: 'date', label: t.t('Başlanğıc', 'From'), value: period.from })}
${input({ form: 'period', name: 'to', type: 'date', label: t.t('Son', 'To'), value: period.to })}
<button type="submit">${t.t('Göstər', 'Show')}</button></form>`;
  }

  /** The last twelve months up to today unless a valid period is asked for. */
  private period(from: string | undefined, to: string | undefined): Period {
    const today = bakuDateOf(this.clock.now());
    if (from && to && isDateOnly(from) && isDateOnly(to) && from <= to) return { from, to };
    return { from: monthStart(today, 11), to: today };
  }
}
