import { AgencyDto } from '../../agencies/dto/agency.dto';
import { PeriodRow } from '../../evaluation/assessments.service';
import { EServiceRow } from '../../evaluation/catalogue.service';
import { Methodology } from '../../evaluation/domain';
import { LeagueItem } from '../../evaluation/evaluation-results.service';
import { html, SafeHtml } from '../html';
import { Texts } from '../i18n';
import { colourCell, csrfField, dateText, FormState, formMessage, input, PageContext, select } from '../layout';
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
  return period.publishedAt ? `${t.t('Dərc olunub', 'Published')} ${dateText(period.publishedAt)}` : t.t('Qaralama', 'Draft');
}

/** The catalogue (sect. 1: registry number, name, providing agency) and the periods, each with its form. */
export function catalogueBody(
  ctx: PageContext,
  data: { agencies: readonly AgencyDto[]; services: readonly EServiceRow[]; periods: readonly PeriodRow[]; filter?: string },
  state?: FormState,
): SafeHtml {
  const t = ctx.texts;
  const options = agencyOptions(data.agencies);
  const agencyName = new Map(data.agencies.map((a) => [a.id, a.name]));
  return html`<h1>${t.t('Elektron xidmətlər və qiymətləndirmə', 'E-services and evaluation')}</h1>
<p><a href="/admin">${t.t('İnzibat səhifəsinə qayıt', 'Back to administration')}</a></p>
<section aria-labelledby="periods"><h2 id="periods">${t.t('Qiymətləndirmə dövrləri', 'Evaluation periods')}</h2>
${
  data.periods.length === 0
    ? html`<p>${t.t('Hələ dövr yoxdur.', 'No periods yet.')}</p>`
    : html`<ul class="periods">${data.periods.map(
        (p) =>
          html`<li><a href="/admin/evaluation/periods/${p.id}">${p.name}</a> (${p.startsOn} — ${p.endsOn}) · ${periodStatus(t, p)}</li>`,
      )}</ul>`
}
${formMessage(state, 'period')}
<form method="post" action="/admin/evaluation/periods" novalidate>${csrfField(ctx)}
${input({ form: 'period', name: 'name', label: t.t('Dövrün adı', 'Name of the period'), hint: t.t('Məsələn, "2025-ci il" və ya "2026 I rüb"', 'For example "2025" or "2026 Q1"'), state, required: true, maxLength: 200 })}
${input({ form: 'period', name: 'startsOn', type: 'date', label: t.t('Başlanğıc', 'Starts on'), state, required: true })}
${input({ form: 'period', name: 'endsOn', type: 'date', label: t.t('Son', 'Ends on'), state, required: true })}
<button type="submit">${t.t('Dövr yarat', 'Create the period')}</button></form></section>
<section aria-labelledby="catalogue"><h2 id="catalogue">${t.t('Elektron xidmətlər kataloqu', 'E-service catalogue')}</h2>
<form method="get" action="/admin/evaluation" class="period">
${select({ form: 'filter', name: 'agencyId', label: t.t('Qurum', 'Agency'), options, placeholder: t.t('Bütün qurumlar', 'All agencies'), value: data.filter })}
<button type="submit">${t.t('Göstər', 'Show')}</button></form>
<div class="table-wrap"><table><caption>${t.t(`${data.services.length} xidmət`, `${data.services.length} services`)}</caption>
<thead><tr><th scope="col">${t.t('Reyestr nömrəsi', 'Registry number')}</th><th scope="col">${t.t('Ad', 'Name')}</th><th scope="col">${t.t(
    'Qurum',
    'Agency',
  )}</th><th scope="col">${t.t('Aktiv', 'Active')}</th><th scope="col"><span class="visually-hidden">${t.t('Əməliyyat', 'Action')}</span></th></tr></thead>
<tbody>${data.services.map(
    (s) =>
      html`<tr data-e-service="${s.registryNumber}"><td>${s.registryNumber}</td><td>${t.lang === 'en' && s.nameEn ? s.nameEn : s.name}</td><td>${
        agencyName.get(s.agencyId) ?? '—'
      }</td><td>${s.active ? t.t('bəli', 'yes') : t.t('xeyr', 'no')}</td><td><a href="/admin/evaluation/e-services/${s.id}">${t.t('Düzəlt', 'Edit')}<span class="visually-hidden"> ${s.registryNumber}</span></a></td></tr>`,
  )}</tbody></table></div>
<h3>${t.t('Xidmət əlavə et', 'Add a service')}</h3>
${formMessage(state, 'e-service')}
<form method="post" action="/admin/evaluation/e-services" novalidate>${csrfField(ctx)}
${eServiceFields(t, options, state, 'e-service')}
<button type="submit">${t.t('Xidməti əlavə et', 'Add the service')}</button></form></section>`;
}

/** Fields shared by the add and edit forms; the registry number is only set when a service is added (the API never changes it). */
export function eServiceFields(t: Texts, options: Option[], state: FormState | undefined, form: string, service?: EServiceRow): SafeHtml {
  return html`${
    service
      ? html`<p>${t.t('Reyestr nömrəsi', 'Registry number')}: <strong>${service.registryNumber}</strong></p>`
      : input({
          form,
          name: 'registryNumber',
          label: t.t('Reyestr nömrəsi', 'Registry number'),
          hint: t.t('Nazirlər Kabinetinin siyahısından, məsələn 7.35', 'From the Cabinet of Ministers list, e.g. 7.35'),
          state,
          required: true,
          maxLength: 11,
        })
  }
${input({ form, name: 'name', label: t.t('Ad', 'Name'), state, required: true, maxLength: 500, value: service?.name })}
${input({ form, name: 'nameEn', label: t.t('Ad (ingiliscə)', 'Name (English)'), state, maxLength: 500, value: service?.nameEn ?? '' })}
${select({ form, name: 'agencyId', label: t.t('Xidməti göstərən qurum', 'Providing agency'), options, placeholder: '—', state, required: true, value: service?.agencyId })}
${
  service
    ? select({
        form,
        name: 'active',
        label: t.t('Kataloqda aktivdir', 'Active in the catalogue'),
        options: [
          { value: 'true', label: t.t('bəli', 'yes') },
          { value: 'false', label: t.t('xeyr', 'no') },
        ],
        state,
        value: String(service.active),
      })
    : ''
}`;
}

/**
 * One period: the draft figures per agency (sect. 3 N, M, share and colour; sect. 2 maturity
 * levels), and the forms that feed them. A published period shows its figures frozen.
 */
export function periodBody(
  ctx: PageContext,
  data: { period: PeriodRow; agencies: readonly AgencyDto[]; items: readonly LeagueItem[]; methodology: Methodology },
  state?: FormState,
): SafeHtml {
  const t = ctx.texts;
  const { period } = data;
  const options = agencyOptions(data.agencies);
  const base = `/admin/evaluation/periods/${period.id}`;
  return html`<h1>${period.name}</h1>
<p>${period.startsOn} — ${period.endsOn} · <strong data-period-status="${period.publishedAt ? 'published' : 'draft'}">${periodStatus(t, period)}</strong></p>
<p><a href="/admin/evaluation">${t.t('Dövrlər və kataloq', 'Periods and catalogue')}</a></p>
<section aria-labelledby="draft"><h2 id="draft">${t.t('Qurumlar üzrə cari nəticələr', 'Current figures by agency')}</h2>
<div class="table-wrap"><table><thead><tr><th scope="col">${t.t('Qurum', 'Agency')}</th><th scope="col">N</th><th scope="col">M</th>
<th scope="col">${t.t('Rəqəmsallaşma payı', 'Digitisation share')}</th><th scope="col">${t.t('Qiymətləndirilmiş xidmətlər', 'Services assessed')}</th>
<th scope="col">${t.t('Yetkinlik səviyyələri (0-5)', 'Maturity levels (0-5)')}</th></tr></thead>
<tbody>${data.items
    .filter((i) => i.digitisation.servicesTotal !== null || i.maturity.assessed > 0)
    .map((i) => {
      const d = i.digitisation;
      const levels = i.maturity.assessed > 0 ? [0, 1, 2, 3, 4, 5].map((l) => i.maturity.levels[String(l)] ?? 0) : null;
      return html`<tr data-agency="${i.agencyId}"><th scope="row">${i.agencyName}</th><td>${d.servicesTotal ?? '—'}</td><td>${d.servicesElectronic ?? '—'}</td>
${colourCell(t, d.colour ?? 'none', t.percent(d.share))}<td>${i.maturity.assessed}</td>${maturityCell(t, levels)}</tr>`;
    })}</tbody></table></div>
<p>${t.t('Yalnız N daxil edilmiş və ya özünüqiymətləndirməsi olan qurumlar göstərilir.', 'Only agencies with N entered or with self-assessments are listed.')}</p></section>
${
  period.publishedAt
    ? ''
    : html`<section aria-labelledby="nm"><h2 id="nm">${t.t('Xidmətlərin sayı (N və M)', 'Number of services (N and M)')}</h2>
<p>${t.t(
        'N — elektronlaşdırıla bilən xidmətlər; M — onlardan elektron göstərilənlər. M boş qalsa, kataloqdakı aktiv elektron xidmətlər sayılır.',
        'N — services that can be made electronic; M — of them, those offered electronically. Left empty, M counts the active e-services in the catalogue.',
      )}</p>
${formMessage(state, 'services-count')}
<form method="post" action="${base}/services-count" novalidate>${csrfField(ctx)}
${select({ form: 'services-count', name: 'agencyId', label: t.t('Qurum', 'Agency'), options, placeholder: '—', state, required: true })}
${input({ form: 'services-count', name: 'servicesTotal', type: 'number', min: 0, max: 100000, label: 'N', state, required: true })}
${input({ form: 'services-count', name: 'servicesElectronic', type: 'number', min: 0, max: 100000, label: 'M', state })}
<button type="submit">${t.t('Yadda saxla', 'Save')}</button></form></section>
<section aria-labelledby="sheet"><h2 id="sheet">${t.t('Özünüqiymətləndirmə cədvəli (.xlsx)', 'Self-assessment spreadsheet (.xlsx)')}</h2>
<p>${t.t(
        'Qurumun xidmətləri ilə doldurulmuş şablonu yükləyin, 17 göstəricini "bəli" və ya "xeyr" ilə doldurun və geri yükləyin. Bir səhv olsa, heç nə yazılmır; səhvlər sətir və sütunu ilə göstərilir.',
        'Download the template filled with the agency\'s services, answer the 17 indicators with "bəli" or "xeyr" and upload it. With any error nothing is written; the errors are shown with their row and column.',
      )}</p>
<form method="get" action="${base}/self-assessment.xlsx">
${select({ form: 'template', name: 'agencyId', label: t.t('Qurum', 'Agency'), options, required: true })}
<button type="submit">${t.t('Şablonu yüklə', 'Download the template')}</button></form>
${formMessage(state, 'upload')}
<form method="post" action="${base}/self-assessment.xlsx" enctype="multipart/form-data" novalidate>${csrfField(ctx)}
${select({ form: 'upload', name: 'agencyId', label: t.t('Qurum', 'Agency'), options, placeholder: '—', state, required: true })}
${input({ form: 'upload', name: 'file', type: 'file', label: t.t('Doldurulmuş cədvəl', 'Filled spreadsheet'), accept: '.xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', state, required: true })}
<button type="submit">${t.t('Cədvəli yüklə', 'Upload the spreadsheet')}</button></form></section>
${infrastructureForm(ctx, base, data.methodology, state)}
<section aria-labelledby="publish"><h2 id="publish">${t.t('Dərc etmək', 'Publishing')}</h2>
<p>${t.t(
        'Dərc edilən nəticələr dondurulur: sonrakı dəyişikliklər yalnız qaralamanı dəyişir.',
        'Published results are frozen: later changes alter only the draft.',
      )}</p>
<p><a class="button" href="${base}/publish">${t.t('Dərc etməyə keç', 'Go to publishing')}</a></p></section>`
}`;
}

/** Sect. 4's expert survey: yes/no questions, and percentages entered as 0-100 (the service takes fractions). */
function infrastructureForm(ctx: PageContext, base: string, methodology: Methodology, state?: FormState): SafeHtml {
  const t = ctx.texts;
  const { components, questions } = methodology.infrastructure;
  const word = (text: { az: string; en: string }) => (t.lang === 'en' ? text.en : text.az);
  return html`<section aria-labelledby="infra"><h2 id="infra">${t.t('Elektron infrastruktur sorğusu (ekspert)', 'E-infrastructure survey (experts)')}</h2>
${formMessage(state, 'infrastructure')}
<form method="post" action="${base}/infrastructure" novalidate>${csrfField(ctx)}
${(Object.keys(components) as Array<keyof typeof components>).map(
  (component) => html`<fieldset><legend>${word(components[component])}</legend>
${questions
  .filter((q) => q.component === component)
  .map((q) =>
    q.kind === 'yesNo'
      ? select({
          form: 'infrastructure',
          name: `answers.${q.id}`,
          label: `${q.id}. ${word(q.text)}`,
          options: [
            { value: 'yes', label: t.t('bəli', 'yes') },
            { value: 'no', label: t.t('xeyr', 'no') },
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
          label: `${q.id}. ${word(q.text)} (%)`,
          state,
          required: true,
        }),
  )}</fieldset>`,
)}
<button type="submit">${t.t('Sorğunu yadda saxla', 'Save the survey')}</button></form></section>`;
}

/** The confirmation step before a period is frozen for good (AssessmentsService.publish: once per period). */
export function publishBody(ctx: PageContext, period: PeriodRow, state?: FormState): SafeHtml {
  const t = ctx.texts;
  return html`<h1>${t.t('Dövrü dərc etmək', 'Publish the period')}: ${period.name}</h1>
${formMessage(state, 'publish')}
<p>${t.t(
    `${period.startsOn} — ${period.endsOn} dövrünün nəticələri indiki halı ilə dondurulacaq və hamıya açıq olacaq. Bu, geri qaytarıla bilməz.`,
    `The results of ${period.startsOn} to ${period.endsOn} will be frozen as they are now and made public. This cannot be undone.`,
  )}</p>
<form method="post" action="/admin/evaluation/periods/${period.id}/publish">${csrfField(ctx)}<input type="hidden" name="confirm" value="yes">
<button type="submit">${t.t('Bəli, dərc et', 'Yes, publish')}</button></form>
<p><a href="/admin/evaluation/periods/${period.id}">${t.t('Xeyr, geri qayıt', 'No, go back')}</a></p>`;
}
