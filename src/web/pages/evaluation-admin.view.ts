import { AgencyDto } from '../../agencies/dto/agency.dto';
import { PeriodRow } from '../../evaluation/assessments.service';
import { EServiceRow } from '../../evaluation/catalogue.service';
import { LocalisedText, Methodology } from '../../evaluation/domain';
import { LeagueItem } from '../../evaluation/evaluation-results.service';
import { html, SafeHtml } from '../html';
import { Texts } from '../i18n';
import { colourCell, csrfField, FormState, formMessage, input, layout, PageContext, select } from '../layout';
import { maturityCell } from './evaluation.view';

/*
 * The admin pages of the evaluation (methodology sect. 1-4): the e-service catalogue, periods,
 * N/M per agency, the self-assessment spreadsheet, the expert survey and publishing.
 */

export type Option = { value: string; label: string };

export function agencyOptions(agencies: readonly AgencyDto[]): Option[] {
  return agencies.map((a) => ({ value: a.id, label: `${a.code} — ${a.name}` }));
}

function periodStatus(t: Texts, period: PeriodRow): string {
  return period.publishedAt
    ? t.msg('evaluationAdmin.periods.publishedOn', { date: t.dateTime(period.publishedAt) })
    : t.msg('evaluationAdmin.periods.draft');
}

/** A period's first and last day as people write them. */
function periodRange(t: Texts, period: PeriodRow): string {
  return t.msg('evaluationAdmin.range', { from: t.date(period.startsOn), to: t.date(period.endsOn) });
}

/** An e-service's name in the page's language where the catalogue has it (English only); else its Azerbaijani name, marked as such. */
function serviceName(t: Texts, service: EServiceRow): SafeHtml {
  if (t.lang === 'en' && service.nameEn) return html`${service.nameEn}`;
  return t.lang === 'az' ? html`${service.name}` : html`<span lang="az">${service.name}</span>`;
}

type CatalogueData = { agencies: readonly AgencyDto[]; services: readonly EServiceRow[]; periods: readonly PeriodRow[]; filter?: string };
type PeriodData = { period: PeriodRow; agencies: readonly AgencyDto[]; items: readonly LeagueItem[]; methodology: Methodology };

export function cataloguePage(ctx: PageContext, data: CatalogueData, state?: FormState, notice?: string): SafeHtml {
  return layout(ctx, { title: ctx.texts.msg('evaluationAdmin.title'), notice, body: catalogueBody(ctx, data, state) });
}

export function periodPage(ctx: PageContext, data: PeriodData, state?: FormState, notice?: string): SafeHtml {
  return layout(ctx, { title: data.period.name, notice, body: periodBody(ctx, data, state) });
}

/** The catalogue (sect. 1: registry number, name, providing agency) and the periods, each with its form. */
function catalogueBody(ctx: PageContext, data: CatalogueData, state?: FormState): SafeHtml {
  const t = ctx.texts;
  const options = agencyOptions(data.agencies);
  const agencyName = new Map(data.agencies.map((a) => [a.id, a.name]));
  return html`<h1>${t.msg('evaluationAdmin.title')}</h1>
<p><a href="/admin">${t.msg('evaluationAdmin.back')}</a></p>
<section aria-labelledby="periods"><h2 id="periods">${t.msg('evaluationAdmin.periods.title')}</h2>
${
  data.periods.length === 0
    ? html`<p>${t.msg('evaluationAdmin.periods.none')}</p>`
    : html`<ul class="periods">${data.periods.map(
        (p) => html`<li><a href="/admin/evaluation/periods/${p.id}">${p.name}</a> (${periodRange(t, p)}) · ${periodStatus(t, p)}</li>`,
      )}</ul>`
}
<h3>${t.msg('evaluationAdmin.periods.newTitle')}</h3>
${formMessage(state, 'period')}
<form method="post" action="/admin/evaluation/periods" class="panel" novalidate>${csrfField(ctx)}
${input({ form: 'period', name: 'name', label: t.msg('evaluationAdmin.periods.name'), hint: t.msg('evaluationAdmin.periods.nameHint'), state, required: true, maxLength: 200 })}
${input({ form: 'period', name: 'startsOn', type: 'date', label: t.msg('evaluationAdmin.periods.startsOn'), state, required: true })}
${input({ form: 'period', name: 'endsOn', type: 'date', label: t.msg('evaluationAdmin.periods.endsOn'), state, required: true })}
<button type="submit">${t.msg('evaluationAdmin.periods.create')}</button></form></section>
<section aria-labelledby="catalogue"><h2 id="catalogue">${t.msg('evaluationAdmin.catalogue.title')}</h2>
<form method="get" action="/admin/evaluation" class="filter-row">
${select({ form: 'filter', name: 'agencyId', label: t.msg('evaluationAdmin.agency'), options, placeholder: t.msg('evaluationAdmin.catalogue.allAgencies'), value: data.filter })}
<button type="submit" class="secondary">${t.msg('evaluationAdmin.catalogue.show')}</button></form>
<div class="table-wrap"><table><caption>${t.plural('evaluationAdmin.services', data.services.length)}</caption>
<thead><tr><th scope="col">${t.msg('evaluationAdmin.catalogue.registryNumber')}</th><th scope="col">${t.msg('evaluationAdmin.catalogue.name')}</th><th scope="col">${t.msg(
    'evaluationAdmin.agency',
  )}</th><th scope="col">${t.msg('evaluationAdmin.catalogue.active')}</th><th scope="col"><span class="visually-hidden">${t.msg(
    'evaluationAdmin.catalogue.action',
  )}</span></th></tr></thead>
<tbody>${data.services.map(
    (s) =>
      html`<tr data-e-service="${s.registryNumber}"><td>${s.registryNumber}</td><td>${serviceName(t, s)}</td><td>${agencyName.get(s.agencyId) ?? '—'}</td><td>${
        s.active ? t.msg('evaluationAdmin.yes') : t.msg('evaluationAdmin.no')
      }</td><td><a href="/admin/evaluation/e-services/${s.id}">${t.msg('evaluationAdmin.catalogue.edit')}<span class="visually-hidden"> ${s.registryNumber}</span></a></td></tr>`,
  )}</tbody></table></div>
<h3>${t.msg('evaluationAdmin.catalogue.addTitle')}</h3>
${formMessage(state, 'e-service')}
<form method="post" action="/admin/evaluation/e-services" class="panel" novalidate>${csrfField(ctx)}
${eServiceFields(t, options, state, 'e-service')}
<button type="submit">${t.msg('evaluationAdmin.catalogue.add')}</button></form></section>`;
}

/** One e-service's form: its name, English name, providing agency and whether it is active. */
export function eServicePage(
  ctx: PageContext,
  data: { service: EServiceRow; agencies: readonly AgencyDto[] },
  state?: FormState,
): SafeHtml {
  const t = ctx.texts;
  const { service } = data;
  return layout(ctx, {
    title: t.msg('evaluationAdmin.catalogue.editTitle'),
    body: html`<h1>${t.msg('evaluationAdmin.catalogue.editTitle')}</h1>
${formMessage(state, 'e-service-edit')}
<form method="post" action="/admin/evaluation/e-services/${service.id}" class="panel" novalidate>${csrfField(ctx)}
${eServiceFields(t, agencyOptions(data.agencies), state, 'e-service-edit', service)}
<button type="submit">${t.msg('evaluationAdmin.save')}</button></form>
<p><a href="/admin/evaluation?agencyId=${service.agencyId}">${t.msg('evaluationAdmin.catalogue.back')}</a></p>`,
  });
}

/** Fields shared by the add and edit forms; the registry number is only set when a service is added (the API never changes it). */
export function eServiceFields(t: Texts, options: Option[], state: FormState | undefined, form: string, service?: EServiceRow): SafeHtml {
  return html`${
    service
      ? html`<p>${t.msg('evaluationAdmin.catalogue.registryNumberIs', { number: service.registryNumber })}</p>`
      : input({
          form,
          name: 'registryNumber',
          label: t.msg('evaluationAdmin.catalogue.registryNumber'),
          hint: t.msg('evaluationAdmin.catalogue.registryHint'),
          state,
          required: true,
          maxLength: 11,
        })
  }
${input({ form, name: 'name', label: t.msg('evaluationAdmin.catalogue.name'), state, required: true, maxLength: 500, value: service?.name })}
${input({ form, name: 'nameEn', label: t.msg('evaluationAdmin.catalogue.nameEn'), state, maxLength: 500, value: service?.nameEn ?? '' })}
${select({ form, name: 'agencyId', label: t.msg('evaluationAdmin.catalogue.providingAgency'), options, placeholder: '—', state, required: true, value: service?.agencyId })}
${
  service
    ? select({
        form,
        name: 'active',
        label: t.msg('evaluationAdmin.catalogue.activeInCatalogue'),
        options: [
          { value: 'true', label: t.msg('evaluationAdmin.yes') },
          { value: 'false', label: t.msg('evaluationAdmin.no') },
        ],
        state,
        value: String(service.active),
      })
    : ''
}`;
}

/**
 * One period: the draft figures per agency (sect. 3 N, M, share and colour; sect. 2 maturity
 * levels), and the forms that feed them. A published period shows its figures frozen. The figures
 * table has no links, so its scrolling box takes the keyboard focus itself (a narrow screen
 * scrolls it without a mouse).
 */
function periodBody(ctx: PageContext, data: PeriodData, state?: FormState): SafeHtml {
  const t = ctx.texts;
  const { period } = data;
  const options = agencyOptions(data.agencies);
  const base = `/admin/evaluation/periods/${period.id}`;
  return html`<h1>${period.name}</h1>
<p>${periodRange(t, period)} · <strong data-period-status="${period.publishedAt ? 'published' : 'draft'}">${periodStatus(t, period)}</strong></p>
<p><a href="/admin/evaluation">${t.msg('evaluationAdmin.period.back')}</a></p>
<section aria-labelledby="draft"><h2 id="draft">${t.msg('evaluationAdmin.period.figures')}</h2>
<div class="table-wrap" tabindex="0" role="region" aria-labelledby="draft"><table><thead><tr><th scope="col">${t.msg('evaluationAdmin.agency')}</th><th scope="col">N</th><th scope="col">M</th>
<th scope="col">${t.msg('evaluationAdmin.period.share')}</th><th scope="col">${t.msg('evaluationAdmin.period.assessed')}</th>
<th scope="col">${t.msg('evaluationAdmin.period.levels')}</th></tr></thead>
<tbody>${data.items
    .filter((i) => i.digitisation.servicesTotal !== null || i.maturity.assessed > 0)
    .map((i) => {
      const d = i.digitisation;
      const levels = i.maturity.assessed > 0 ? [0, 1, 2, 3, 4, 5].map((l) => i.maturity.levels[String(l)] ?? 0) : null;
      return html`<tr data-agency="${i.agencyId}"><th scope="row">${i.agencyName}</th><td>${d.servicesTotal ?? '—'}</td><td>${d.servicesElectronic ?? '—'}</td>
${colourCell(t, d.colour ?? 'none', t.percent(d.share))}<td>${i.maturity.assessed}</td>${maturityCell(t, levels)}</tr>`;
    })}</tbody></table></div>
<p>${t.msg('evaluationAdmin.period.figuresNote')}</p></section>
${
  period.publishedAt
    ? ''
    : html`<section aria-labelledby="nm"><h2 id="nm">${t.msg('evaluationAdmin.period.countsTitle')}</h2>
<p>${t.msg('evaluationAdmin.period.countsHint')}</p>
${formMessage(state, 'services-count')}
<form method="post" action="${base}/services-count" class="panel" novalidate>${csrfField(ctx)}
${select({ form: 'services-count', name: 'agencyId', label: t.msg('evaluationAdmin.agency'), options, placeholder: '—', state, required: true })}
${input({ form: 'services-count', name: 'servicesTotal', type: 'number', min: 0, max: 100000, label: 'N', state, required: true })}
${input({ form: 'services-count', name: 'servicesElectronic', type: 'number', min: 0, max: 100000, label: 'M', state })}
<button type="submit">${t.msg('evaluationAdmin.save')}</button></form></section>
<section aria-labelledby="sheet"><h2 id="sheet">${t.msg('evaluationAdmin.period.sheetTitle')}</h2>
<p>${t.msg('evaluationAdmin.period.sheetHint')}</p>
<form method="get" action="${base}/self-assessment.xlsx" class="panel">
${select({ form: 'template', name: 'agencyId', label: t.msg('evaluationAdmin.agency'), options, required: true })}
<button type="submit" class="secondary">${t.msg('evaluationAdmin.period.download')}</button></form>
${formMessage(state, 'upload')}
<form method="post" action="${base}/self-assessment.xlsx" enctype="multipart/form-data" class="panel" novalidate>${csrfField(ctx)}
${select({ form: 'upload', name: 'agencyId', label: t.msg('evaluationAdmin.agency'), options, placeholder: '—', state, required: true })}
${input({ form: 'upload', name: 'file', type: 'file', label: t.msg('evaluationAdmin.period.file'), accept: '.xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', state, required: true })}
<button type="submit">${t.msg('evaluationAdmin.period.upload')}</button></form></section>
${infrastructureForm(ctx, base, data.methodology, state)}
<section aria-labelledby="publish"><h2 id="publish">${t.msg('evaluationAdmin.period.publishTitle')}</h2>
<p>${t.msg('evaluationAdmin.period.publishHint')}</p>
<p><a class="button" href="${base}/publish">${t.msg('evaluationAdmin.period.goPublish')}</a></p></section>`
}`;
}

/**
 * The methodology's own wording of a survey text. Its file has Azerbaijani and English only: a
 * Russian page shows the Azerbaijani (the official text), marked as such for screen readers.
 */
function wording(t: Texts, text: LocalisedText): SafeHtml {
  if (t.lang === 'en') return html`${text.en}`;
  return t.lang === 'az' ? html`${text.az}` : html`<span lang="az">${text.az}</span>`;
}

/** Sect. 4's expert survey: yes/no questions, and percentages entered as 0-100 (the service takes fractions). */
function infrastructureForm(ctx: PageContext, base: string, methodology: Methodology, state?: FormState): SafeHtml {
  const t = ctx.texts;
  const { components, questions } = methodology.infrastructure;
  return html`<section aria-labelledby="infra"><h2 id="infra">${t.msg('evaluationAdmin.period.surveyTitle')}</h2>
<p class="hint">${t.msg('evaluationAdmin.period.surveyWording')}</p>
${formMessage(state, 'infrastructure')}
<form method="post" action="${base}/infrastructure" class="panel" novalidate>${csrfField(ctx)}
${(Object.keys(components) as Array<keyof typeof components>).map(
  (component) => html`<fieldset><legend>${wording(t, components[component])}</legend>
${questions
  .filter((q) => q.component === component)
  .map((q) =>
    q.kind === 'yesNo'
      ? select({
          form: 'infrastructure',
          name: `answers.${q.id}`,
          label: html`${q.id}. ${wording(t, q.text)}`,
          options: [
            { value: 'yes', label: t.msg('evaluationAdmin.yes') },
            { value: 'no', label: t.msg('evaluationAdmin.no') },
          ],
          placeholder: '—',
          state,
          required: true,
        })
      : input({
          form: 'infrastructure',
          name: `answers.${q.id}`,
          type: 'number',
          min: 0,
          max: 100,
          label: html`${q.id}. ${wording(t, q.text)} (%)`,
          state,
          required: true,
        }),
  )}</fieldset>`,
)}
<button type="submit">${t.msg('evaluationAdmin.period.surveySave')}</button></form></section>`;
}

/** The confirmation step before a period is frozen for good (AssessmentsService.publish: once per period). */
export function publishPage(ctx: PageContext, period: PeriodRow, state?: FormState): SafeHtml {
  const t = ctx.texts;
  return layout(ctx, {
    title: t.msg('evaluationAdmin.publish.title'),
    body: html`<h1>${t.msg('evaluationAdmin.publish.heading', { name: period.name })}</h1>
${formMessage(state, 'publish')}
<p>${t.msg('evaluationAdmin.publish.warning', { from: t.date(period.startsOn), to: t.date(period.endsOn) })}</p>
<form method="post" action="/admin/evaluation/periods/${period.id}/publish">${csrfField(ctx)}<input type="hidden" name="confirm" value="yes">
<button type="submit">${t.msg('evaluationAdmin.publish.yes')}</button></form>
<p><a href="/admin/evaluation/periods/${period.id}">${t.msg('evaluationAdmin.publish.no')}</a></p>`,
  });
}
